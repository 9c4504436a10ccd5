#pragma once

#include <Eigen/Dense>

namespace nat::surrogate {

// Agreement between true and predicted errors. Every function throws Error(InvalidArgument) when
// the vectors differ in length, have fewer than 2 entries, or hold NaN/infinite values.
// Correlations are undefined when one side is constant: they return NaN then (as SciPy does),
// and callers decide what that means (adaptive switching scores it as 0, no ranking ability).
// All are pure functions, safe to call from any thread.

double rmse(const Eigen::VectorXd& truth, const Eigen::VectorXd& predicted);
double pearson(const Eigen::VectorXd& a, const Eigen::VectorXd& b);
/// Pearson correlation of the ranks; tied values get the average of their ranks.
double spearman(const Eigen::VectorXd& a, const Eigen::VectorXd& b);
/// Kendall's τ-b (ties in either vector handled), computed in O(n log n) with Knight's
/// merge-sort algorithm (W. R. Knight, "A Computer Method for Calculating Kendall's Tau with
/// Ungrouped Data", JASA 61(314), 1966).
double kendallTau(const Eigen::VectorXd& a, const Eigen::VectorXd& b);

/// Ranks 1..n with ties averaged (the "fractional ranking" Spearman's ρ uses).
Eigen::VectorXd averageRanks(const Eigen::VectorXd& v);

}  // namespace nat::surrogate
