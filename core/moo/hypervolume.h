#pragma once

#include <cstdint>
#include <vector>

#include "moo/matrix.h"

namespace nat::moo {

/// Exact hypervolume (Lebesgue measure of the region dominated by F and bounded by `ref`, all
/// objectives minimised). Points not strictly better than `ref` in every objective contribute
/// nothing. Dispatch: 1-D trivial; 2-D sort-and-sweep O(n log n); 3-D dimension sweep with a
/// balanced-tree staircase O(n log n) (Beume et al., IEEE TEVC 13(5), 2009); >= 4-D the WFG
/// algorithm (While, Bradstreet & Barone, IEEE TEVC 16(1), 2012) bottoming out in the 3-D sweep.
/// WFG is exponential in M in the worst case: fine up to M = 6 for about a thousand points.
/// Throws Error(InvalidArgument) when ref's length differs from F's columns. Pure, thread-safe.
double hypervolume(const Matrix& F, const std::vector<double>& ref);

double hypervolume2d(const Matrix& F, const std::vector<double>& ref);
double hypervolume3d(const Matrix& F, const std::vector<double>& ref);
double hypervolumeWfg(const Matrix& F, const std::vector<double>& ref);

/// Monte-Carlo estimate with a normal-approximation confidence interval (level `confidence`,
/// e.g. 0.95): uniform samples in the box [min(F), ref], each tested for dominance.
struct HypervolumeEstimate {
    double value = 0.0;
    double standardError = 0.0;
    double lower = 0.0, upper = 0.0;  ///< confidence interval
    long long samples = 0;
};
HypervolumeEstimate hypervolumeMonteCarlo(const Matrix& F, const std::vector<double>& ref, long long samples,
                                          std::uint64_t seed, double confidence = 0.95);

}  // namespace nat::moo
