#pragma once

#include <Eigen/Dense>
#include <cmath>
#include <functional>

#include "base/rng.h"

namespace nat::surrogate::test {

/// Integer encodings with `levels` values per variable, normalised to [0, 1] as FeatureMap does.
inline Eigen::MatrixXd randomInputs(int n, int d, int levels, Rng& rng) {
    Eigen::MatrixXd x(n, d);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < d; ++j) x(i, j) = static_cast<double>(rng.uniformInt(0, levels - 1)) / (levels - 1);
    return x;
}

using Fn = std::function<double(const Eigen::RowVectorXd&)>;

/// Smooth, non-separable: a shifted bowl, a sine ridge and an interaction.
inline double smoothFn(const Eigen::RowVectorXd& x) {
    return (x.array() - 0.3).square().sum() + std::sin(3.0 * x[0]) + 0.5 * x[1] * x[2];
}
/// Discrete: counts variables in their upper half, plus a coarse step; many exact ties.
inline double discreteFn(const Eigen::RowVectorXd& x) {
    double s = 0.0;
    for (Eigen::Index j = 0; j < x.size(); ++j) s += x[j] >= 0.5 ? 1.0 : 0.0;
    return s + (x[0] > 0.5 ? 2.0 : 0.0);
}
inline double linearFn(const Eigen::RowVectorXd& x) { return 3.0 + 2.0 * x[0] - x[1] + 0.5 * x[x.size() - 1]; }

inline Eigen::VectorXd evaluate(const Fn& f, const Eigen::MatrixXd& x, double noise = 0.0, Rng* rng = nullptr) {
    Eigen::VectorXd y(x.rows());
    for (Eigen::Index i = 0; i < x.rows(); ++i) y[i] = f(x.row(i)) + (rng ? noise * rng->normal() : 0.0);
    return y;
}

}  // namespace nat::surrogate::test
