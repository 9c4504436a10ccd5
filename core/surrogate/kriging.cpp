#include "surrogate/kriging.h"

#include <cmath>
#include <limits>

#include "base/error.h"
#include "surrogate/nelder_mead.h"

namespace nat::surrogate {

namespace {

Eigen::MatrixXd squaredDistances(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, const Eigen::VectorXd& bSqNorm) {
    Eigen::MatrixXd d2 = -2.0 * a * b.transpose();
    d2.colwise() += a.rowwise().squaredNorm();
    d2.rowwise() += bSqNorm.transpose();
    return d2.array().max(0.0).matrix();
}

struct Profiled {
    double nll = std::numeric_limits<double>::infinity();
    double mu = 0.0, sigma2 = 0.0;
};

// Concentrated negative log-likelihood (constants dropped) for correlation matrix r.
Profiled profile(const Eigen::MatrixXd& r, const Eigen::VectorXd& y, Eigen::LLT<Eigen::MatrixXd>& llt) {
    llt.compute(r);
    Profiled p;
    if (llt.info() != Eigen::Success) return p;
    const auto n = static_cast<double>(y.size());
    const Eigen::VectorXd rInvOnes = llt.solve(Eigen::VectorXd::Ones(y.size()));
    p.mu = rInvOnes.dot(y) / rInvOnes.sum();
    const Eigen::VectorXd resid = y.array() - p.mu;
    p.sigma2 = resid.dot(llt.solve(resid)) / n;
    if (!(p.sigma2 > 0.0)) return {};
    const double logDet = 2.0 * llt.matrixLLT().diagonal().array().log().sum();
    p.nll = 0.5 * (n * std::log(p.sigma2) + logDet);
    return p;
}

}  // namespace

Eigen::MatrixXd Kriging::correlation(const Eigen::MatrixXd& x) const {
    const double scale = -0.5 / (m_hyper.lengthScale * m_hyper.lengthScale);
    return (squaredDistances(x, m_x, m_xSqNorm).array() * scale).exp().matrix();
}

void Kriging::doFit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, Rng&) {
    m_x = x;
    m_xSqNorm = x.rowwise().squaredNorm();
    const Eigen::MatrixXd d2 = squaredDistances(x, x, m_xSqNorm);
    const double sqrtD = std::sqrt(static_cast<double>(x.cols()));
    Eigen::LLT<Eigen::MatrixXd> llt;
    auto buildR = [&](const Eigen::VectorXd& p) {
        const double ell = std::pow(10.0, p[0]) * sqrtD;
        Eigen::MatrixXd r = (d2.array() * (-0.5 / (ell * ell))).exp().matrix();
        r.diagonal().array() += std::pow(10.0, p[1]);
        return r;
    };
    auto nll = [&](const Eigen::VectorXd& p) { return profile(buildR(p), y, llt).nll; };

    // A coarse grid first: the likelihood surface often has a ridge and a second local optimum
    // at a very short length scale (interpolating noise); Nelder–Mead then refines the best cell.
    const Eigen::Vector2d lo(m_options.minLogLengthScale, m_options.minLogNugget);
    const Eigen::Vector2d hi(m_options.maxLogLengthScale, m_options.maxLogNugget);
    constexpr int kGrid = 4;
    Eigen::VectorXd best = (lo + hi) / 2;
    double bestValue = std::numeric_limits<double>::infinity();
    for (int i = 0; i < kGrid; ++i)
        for (int j = 0; j < kGrid; ++j) {
            const Eigen::Vector2d p(lo[0] + (hi[0] - lo[0]) * (i + 0.5) / kGrid, lo[1] + (hi[1] - lo[1]) * (j + 0.5) / kGrid);
            const double v = nll(p);
            if (v < bestValue) bestValue = v, best = p;
        }
    if (!std::isfinite(bestValue))
        throw Error(ErrorCode::Internal, "kriging: the correlation matrix is not positive definite for any hyper-parameter");
    const Eigen::Vector2d step = (hi - lo) / (2 * kGrid);
    const int remaining = std::max(4, m_options.maxEvaluations - kGrid * kGrid);
    const NelderMeadResult opt = minimiseNelderMead(nll, best, step, lo, hi, remaining);

    m_hyper.lengthScale = std::pow(10.0, opt.x[0]) * sqrtD;
    m_hyper.nugget = std::pow(10.0, opt.x[1]);
    const Profiled p = profile(buildR(opt.x), y, llt);
    m_hyper.mean = p.mu;
    m_hyper.processVariance = p.sigma2;
    m_hyper.negLogLikelihood = p.nll;
    m_cholL = llt.matrixL();
    m_rInvOnes = llt.solve(Eigen::VectorXd::Ones(y.size()));
    m_onesRInvOnes = m_rInvOnes.sum();
    m_alpha = llt.solve(Eigen::VectorXd(y.array() - p.mu));
}

Eigen::VectorXd Kriging::doPredict(const Eigen::MatrixXd& x) const {
    return (correlation(x) * m_alpha).array() + m_hyper.mean;
}

Prediction Kriging::doPredictWithUncertainty(const Eigen::MatrixXd& x) const {
    const Eigen::MatrixXd r = correlation(x);  // m × n
    Prediction p;
    p.mean = (r * m_alpha).array() + m_hyper.mean;
    // rᵀR⁻¹r = ‖L⁻¹r‖²; the (1 − 1ᵀR⁻¹r)² term accounts for estimating μ.
    const Eigen::MatrixXd v = m_cholL.triangularView<Eigen::Lower>().solve(r.transpose());
    const Eigen::ArrayXd quad = v.colwise().squaredNorm().transpose().array();
    const Eigen::ArrayXd u = 1.0 - (r * m_rInvOnes).array();
    const Eigen::ArrayXd var = m_hyper.processVariance * (1.0 - quad + u.square() / m_onesRInvOnes);
    p.std = var.max(0.0).sqrt().matrix();
    return p;
}

}  // namespace nat::surrogate
