#pragma once

#include <span>
#include <vector>

#include "moo/matrix.h"

namespace nat::moo {

/// Pareto dominance for minimisation: a is no worse in every objective and better in at least one.
bool dominates(std::span<const double> a, std::span<const double> b);

/// Fronts of F (rows = points), best first, each a list of row indices in ascending order.
/// Efficient non-dominated sort with binary search (ENS-BS, Zhang et al., IEEE TEVC 19(2), 2015):
/// points are sorted lexicographically, so a point can only be dominated by earlier ones, and each
/// is placed by a binary search over the fronts built so far. For 2 and 3 objectives each front is
/// tested in O(log n) through its (f2, f3) staircase, so the sort is O(N log N log F); for more
/// objectives the test scans the front (still far below the O(M N^2) of Deb's fast non-dominated
/// sort on typical sets). Identical points share a front. Pure function, thread-safe.
std::vector<std::vector<int>> nondominatedFronts(const Matrix& F);

/// Rank (0 = first front) of every row.
std::vector<int> nondominatedRanks(const Matrix& F);

/// Row indices of the first front, ascending.
std::vector<int> nondominatedIndices(const Matrix& F);

/// Crowding distance of the rows listed in `front` (NSGA-II, Deb et al. 2002, §III-B): per objective,
/// the normalised gap between the two neighbours; boundary points get +infinity. Returned in the
/// order of `front`.
std::vector<double> crowdingDistance(const Matrix& F, const std::vector<int>& front);

}  // namespace nat::moo
