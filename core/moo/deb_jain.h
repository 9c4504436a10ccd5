#pragma once

#include <cstdint>
#include <functional>
#include <stop_token>
#include <string>
#include <vector>

#include "moo/matrix.h"

namespace nat::moo {

/// One row of the NSGA-III reproduction study (Deb & Jain, IEEE TEVC 18(4), 2014, §VI-A/B, Tables
/// I–III): problem, M, reference-direction layers, population, generations and the published IGD.
struct DebJainCase {
    std::string problem;  ///< dtlz1..dtlz4
    int objectives;
    int outerPartitions;
    int innerPartitions;  ///< 0 = one layer
    int popSize;
    int generations;
    double paperBest, paperMedian, paperWorst;  ///< NSGA-III, Table III
};

/// The 12 cases DTLZ1–4 x M = 3, 5, 8.
std::vector<DebJainCase> debJainCases();

/// Reference directions of a case (91, 210 or 156 of them).
Matrix debJainDirections(const DebJainCase& c);

/// One independent run (seeded): NSGA-III with SBX eta 30, p_c 1, PM eta 20, p_m 1/n, then the IGD of
/// the final population's non-dominated points against the intersections of the reference
/// directions with the true front (the paper's measure).
double runDebJainCase(const DebJainCase& c, std::uint64_t seed, std::stop_token stop = {});

struct DebJainSummary {
    DebJainCase spec;
    std::vector<double> igd;  ///< one per run, in seed order
    double best = 0.0, median = 0.0, worst = 0.0;
    double seconds = 0.0;     ///< wall time of all runs of the case
};

/// Runs `runs` seeds (seed = base + run index) of every case on `threads` worker threads (each run
/// is independent, so results do not depend on the thread count). `progress` (may be empty) is
/// called from the calling thread after each finished case.
std::vector<DebJainSummary> runDebJainStudy(int runs, std::uint64_t baseSeed, int threads,
                                            const std::vector<DebJainCase>& cases,
                                            const std::function<void(const DebJainSummary&)>& progress = {},
                                            std::stop_token stop = {});

}  // namespace nat::moo
