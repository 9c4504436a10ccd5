#pragma once

#include <Eigen/Dense>

#include "surrogate/model.h"

namespace nat::surrogate {

struct KrigingOptions {
    /// Search box of the hyper-parameters (log10). The length scale is relative to √d so the box
    /// suits any feature count: ℓ = 10^a · √d; the nugget (noise variance / process variance) is
    /// g = 10^b.
    double minLogLengthScale = -2.0, maxLogLengthScale = 1.0;
    double minLogNugget = -8.0, maxLogNugget = 0.0;
    int maxEvaluations = 40;  ///< likelihood evaluations (each one Cholesky of n × n)
};

/// Fitted hyper-parameters, for reports and tests.
struct KrigingHyper {
    double lengthScale = 0.0;
    double nugget = 0.0;
    double processVariance = 0.0;  ///< σ², in standardised target units
    double mean = 0.0;             ///< μ, in standardised target units
    double negLogLikelihood = 0.0;
};

/// Ordinary Kriging (Gaussian process with a constant mean) with a squared-exponential
/// correlation R = exp(−‖x − x'‖² / 2ℓ²) + g·I. μ and σ² are profiled out in closed form and
/// (ℓ, g) maximise the concentrated likelihood −n/2 log σ̂² − 1/2 log|R| (Jones, Schonlau & Welch,
/// J. Global Optim. 13, 1998, eqs. 4–6; the DACE model NAT's code uses), found by a coarse grid
/// then Nelder–Mead. Uncertainty is the latent predictive standard deviation (ibid. eq. 7).
/// Thread-safety: see Predictor.
class Kriging : public Predictor {
public:
    explicit Kriging(KrigingOptions options = {}) : m_options(options) {}
    std::string name() const override { return "kriging"; }
    std::unique_ptr<Predictor> fresh() const override { return std::make_unique<Kriging>(m_options); }
    bool hasUncertainty() const override { return true; }
    const KrigingHyper& hyper() const { return m_hyper; }

protected:
    void doFit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, Rng& rng) override;
    Eigen::VectorXd doPredict(const Eigen::MatrixXd& x) const override;
    Prediction doPredictWithUncertainty(const Eigen::MatrixXd& x) const override;

private:
    Eigen::MatrixXd correlation(const Eigen::MatrixXd& x) const;  // rows of x against the training rows

    KrigingOptions m_options;
    KrigingHyper m_hyper;
    Eigen::MatrixXd m_x;
    Eigen::VectorXd m_xSqNorm;
    Eigen::MatrixXd m_cholL;     // lower Cholesky factor of R
    Eigen::VectorXd m_alpha;     // R⁻¹ (y − μ1)
    Eigen::VectorXd m_rInvOnes;  // R⁻¹ 1
    double m_onesRInvOnes = 0.0;
};

}  // namespace nat::surrogate
