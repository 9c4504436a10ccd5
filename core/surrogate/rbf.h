#pragma once

#include <Eigen/Dense>
#include <vector>

#include "surrogate/model.h"

namespace nat::surrogate {

/// The fitted state of one cubic RBF interpolant with a linear tail,
///   s(x) = Σ_i λ_i ‖x − c_i‖³ + a_0 + aᵀx,   with Σ λ_i p(c_i) = 0 for every linear p,
/// (Powell's polyharmonic spline; the model of pySOT's RBFInterpolant that NAT uses). Plain value
/// type shared by Rbf and RbfEnsemble. Thread-safety: predict() is const and touches only members.
struct CubicRbfCore {
    Eigen::MatrixXd centres;       ///< n × d
    Eigen::VectorXd centreSqNorm;  ///< ‖c_i‖²
    Eigen::VectorXd lambda;        ///< n kernel weights
    Eigen::VectorXd tail;          ///< d + 1 (constant first)

    /// Solves the interpolation system with `ridge` added to the kernel diagonal (smoothing, and
    /// well-posed with duplicate points). The tail constraint is imposed by working in the null
    /// space of the polynomial matrix P = [1 X] (rank-revealing QR): there ZᵀΦZ is positive definite
    /// because r³ is conditionally positive definite of order 2 (Wendland, "Scattered Data
    /// Approximation", Thm. 8.16), so a Cholesky factorisation suffices and rank-deficient P
    /// (constant or collinear features, e.g. one-hot groups) is handled without special cases.
    void fit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double ridge);
    Eigen::VectorXd predict(const Eigen::MatrixXd& x) const;
};

/// Matrix of ‖a_i − b_j‖³ (rows of a against rows of b; bSqNorm = rowwise squared norms of b).
Eigen::MatrixXd cubicKernel(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, const Eigen::VectorXd& bSqNorm);

struct RbfOptions {
    double ridge = 1e-6;  ///< added to the kernel diagonal (pySOT's default eta)
};

/// Single cubic RBF interpolant over all features. Thread-safety: see Predictor.
class Rbf : public Predictor {
public:
    explicit Rbf(RbfOptions options = {}) : m_options(options) {}
    std::string name() const override { return "rbf"; }
    std::unique_ptr<Predictor> fresh() const override { return std::make_unique<Rbf>(m_options); }

protected:
    void doFit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, Rng& rng) override;
    Eigen::VectorXd doPredict(const Eigen::MatrixXd& x) const override;

private:
    RbfOptions m_options;
    CubicRbfCore m_core;
};

}  // namespace nat::surrogate
