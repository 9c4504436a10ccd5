#pragma once

#include <Eigen/Dense>
#include <functional>

namespace nat::surrogate {

struct NelderMeadResult {
    Eigen::VectorXd x;
    double value = 0.0;
    int evaluations = 0;
};

/// Minimises f over the box [lower, upper] with the Nelder–Mead simplex method (standard
/// coefficients 1, 2, 0.5, 0.5; Nelder & Mead, Computer Journal 7(4), 1965), points clamped into
/// the box. Written here instead of taking NLopt because Kriging needs it only for 2 smooth,
/// bounded hyper-parameters, and the project keeps its core dependencies to Eigen: ~60 lines,
/// deterministic, tested on known minima (nelder_mead_test.cpp). `step` is the initial simplex
/// edge per coordinate; stops after `maxEvaluations` or when the simplex values agree to `tolerance`.
/// Non-finite values of f count as +infinity. Pure function; thread-safe if f is.
NelderMeadResult minimiseNelderMead(const std::function<double(const Eigen::VectorXd&)>& f, Eigen::VectorXd start,
                                    const Eigen::VectorXd& step, const Eigen::VectorXd& lower,
                                    const Eigen::VectorXd& upper, int maxEvaluations, double tolerance = 1e-8);

}  // namespace nat::surrogate
