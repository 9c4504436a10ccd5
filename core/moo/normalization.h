#pragma once

#include <optional>
#include <vector>

#include "moo/matrix.h"

namespace nat::moo {

/// Adaptive normalisation of NSGA-III (Deb & Jain 2014, §IV-C, Algorithm 2), carried between
/// generations: the ideal point is the minimum seen so far and the previous extreme points compete
/// with the current ones (as in pymoo), which keeps the hyperplane stable. A value type; not
/// thread-safe for concurrent use.
struct Normalization {
    std::vector<double> ideal;  ///< z^min; empty until the first update
    Matrix extremes;            ///< M x M, row j is the extreme point for axis j; empty until the first update
    std::vector<double> nadir;  ///< ideal + intercepts, or a fallback (see update)

    /// Updates from the objective vectors F of the merged population and the indices of its first
    /// front. Extreme point for axis j: argmin ASF(f - ideal; w = e_j, other weights 1e-6) (eq. 4);
    /// intercepts from the hyperplane through the M extremes (eq. 5). Fallbacks when the plane is
    /// degenerate (singular system or an intercept <= 1e-6): the worst values of the first front;
    /// an axis whose range is still <= 1e-6 takes the worst value of the whole population; an
    /// intercept beyond the population's worst value is clipped to it.
    void update(const Matrix& F, const std::vector<int>& firstFront);

    /// (f - ideal) / (nadir - ideal), row by row.
    Matrix normalise(const Matrix& F) const;
};

/// The M extreme points of F (rows) with respect to `ideal` (eq. 4), optionally competing with
/// `previous` extreme points. Translated values below 1e-3 count as 0, as in pymoo, so that points on
/// an axis tie cleanly.
Matrix extremePoints(const Matrix& F, const std::vector<double>& ideal, const Matrix& previous = {});

/// Intercepts a_j of the hyperplane through the extreme points (translated by -ideal) with the axes:
/// solve E b = 1, a_j = 1 / b_j. nullopt when E is singular or an intercept is <= 1e-6 (Algorithm 2,
/// the degenerate case).
std::optional<std::vector<double>> hyperplaneIntercepts(const Matrix& extremes, const std::vector<double>& ideal);

/// Solves the dense system A x = b by Gaussian elimination with partial pivoting; nullopt if singular.
std::optional<std::vector<double>> solveLinear(Matrix A, std::vector<double> b);

}  // namespace nat::moo
