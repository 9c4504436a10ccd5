#pragma once

#include <vector>

#include "moo/matrix.h"

namespace nat::moo {

/// Rank and crowding distance of every row, as NSGA-II's tournament compares them.
struct RankCrowding {
    std::vector<int> rank;
    std::vector<double> crowding;
};
RankCrowding rankAndCrowding(const Matrix& F);

/// NSGA-II environmental selection (Deb et al., IEEE TEVC 6(2), 2002, §III-C): whole fronts while they
/// fit, then the last front by descending crowding distance (ties by index, so it is deterministic).
/// Returns the indices of the min(n, rows) survivors. Pure function, thread-safe.
std::vector<int> nsga2Survival(const Matrix& F, int n);

}  // namespace nat::moo
