#pragma once

#include <vector>

#include "moo/matrix.h"

namespace nat::moo {

// Multi-criteria decision making on a front F (rows = points, all objectives minimised).
// Pure functions, thread-safe. Objectives are normalised by the front's own ideal and nadir, so
// weights and trade-offs compare across units (error vs MAdds).

/// Trade-off of every point (Rachmawati & Srinivasan, IEEE TEVC 13(4), 2009, eq. 1 as used by
/// pymoo's high trade-off points): mu(i) = min over other points j with some gain of
/// [sum of losses max(0, f_j - f_i)] / [sum of gains max(0, f_i - f_j)]. A knee has a high mu:
/// leaving it costs much more than it gains. +infinity when no other point gains anything.
std::vector<double> tradeoffs(const Matrix& F);

/// Indices of the `count` highest trade-off (knee) points, best first; points with infinite trade-off
/// (front extremes) come last so that real knees are preferred.
std::vector<int> kneePoints(const Matrix& F, int count);

/// Achievement scalarising function (Wierzbicki 1980), augmented: s(f) = max_j (f_j - z_j) / w_j +
/// rho * sum_j (f_j - z_j) / w_j on normalised objectives. z is a preference (reference) point in the
/// original units; an empty z means the front's ideal point. Weights must be > 0.
/// Returns the index of the point with the smallest s. Throws Error(InvalidArgument) for bad sizes.
int asfSelect(const Matrix& F, const std::vector<double>& weights, const std::vector<double>& referencePoint = {},
              double rho = 1e-4);

/// Pseudo-weights (Deb 2001, §8.7, eq. 8.3): w_i(f) = ((f_i^max - f_i) / (f_i^max - f_i^min)) / sum_k(...).
Matrix pseudoWeights(const Matrix& F);

/// The point whose pseudo-weight vector is closest (Euclidean) to `target`.
int pseudoWeightSelect(const Matrix& F, const std::vector<double>& target);

/// NAT's subset selection (NAT-REFERENCE.md §4 step 3): choose k candidates so that the union of
/// `archiveFront` and the chosen ones is spread evenly along each objective in `spreadObjectives`,
/// i.e. greedily minimise the sum over those objectives of the standard deviation of consecutive
/// gaps (normalised by the union's range). Only candidates on the candidates' own non-dominated
/// front are spread; when they are fewer than k the rest is padded with the candidates of lowest
/// `padObjective` (predicted error). Returns candidate indices (at most k, all when fewer).
std::vector<int> subsetSelection(const Matrix& candidates, const Matrix& archiveFront, int k,
                                 const std::vector<int>& spreadObjectives, int padObjective = 0);

}  // namespace nat::moo
