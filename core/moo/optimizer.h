#pragma once

#include <cstdint>
#include <functional>
#include <stop_token>
#include <vector>

#include "moo/matrix.h"
#include "moo/problem.h"

namespace nat::moo {

enum class AlgorithmKind { Nsga3, Nsga2 };
enum class SamplingKind { Uniform, LatinHypercube };

/// Variation operators. Real problems: SBX + polynomial mutation; integer problems: two-point
/// crossover + integer polynomial mutation (NAT's setting: p_c 0.9, eta_m 1, p_m 1/n).
struct Variation {
    double crossoverProb = 1.0;   ///< per mating pair
    double sbxEta = 30.0;         ///< Deb & Jain 2014, Table I
    double sbxProbVar = 0.5;      ///< per-variable exchange probability inside SBX
    double mutationEta = 20.0;
    double mutationProb = -1.0;   ///< per variable; < 0 means 1/n
};

/// What the per-generation callback sees. References are valid only during the call.
struct GenerationInfo {
    int generation = 0;           ///< 0 = initial population
    long long evaluations = 0;
    const Matrix& X;
    const Matrix& F;
};

struct OptimizerOptions {
    AlgorithmKind algorithm = AlgorithmKind::Nsga3;
    int popSize = 92;
    int generations = 250;        ///< offspring generations after the initial population
    std::uint64_t seed = 0;
    Matrix refDirs;               ///< NSGA-III reference directions (rows on the unit simplex)
    Variation variation;
    SamplingKind sampling = SamplingKind::Uniform;
    Matrix initialX;              ///< optional start rows; topped up by sampling when fewer than popSize
    bool eliminateDuplicates = true;
    Matrix excludeX;              ///< offspring equal to any of these rows are dropped (e.g. the archive)
    RealRepair repair;            ///< applied after sampling, crossover and mutation
    /// Called after the initial population and after every generation; return false to stop.
    std::function<bool(const GenerationInfo&)> onGeneration;
    std::stop_token stopToken;    ///< checked between generations
};

struct OptimizerResult {
    Matrix X, F;                  ///< final population
    std::vector<int> front;       ///< its non-dominated rows
    int generations = 0;          ///< offspring generations completed
    long long evaluations = 0;
    bool stopped = false;         ///< ended early by the callback or the stop token
};

/// Runs NSGA-III or NSGA-II on `problem`. Same options and seed give the same result on every
/// compiler (all randomness from nat::Rng). Throws Error(InvalidArgument) for bad options and
/// Error(Mismatch) when the problem returns objectives of the wrong shape. Reentrant; the problem's
/// evaluate() is called from the calling thread.
OptimizerResult minimize(const Problem& problem, const OptimizerOptions& options);

}  // namespace nat::moo
