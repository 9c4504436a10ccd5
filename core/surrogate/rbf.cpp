#include "surrogate/rbf.h"

#include <algorithm>

#include "base/error.h"

namespace nat::surrogate {

Eigen::MatrixXd cubicKernel(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, const Eigen::VectorXd& bSqNorm) {
    // ‖a‖² + ‖b‖² − 2 a·b: one matrix product instead of n·m·d scalar loops.
    Eigen::MatrixXd d2 = -2.0 * a * b.transpose();
    d2.colwise() += a.rowwise().squaredNorm();
    d2.rowwise() += bSqNorm.transpose();
    // r³ as r²·√r²: std::pow is an order of magnitude slower and dominates ensemble prediction.
    d2 = d2.array().max(0.0);
    return (d2.array() * d2.array().sqrt()).matrix();
}

void CubicRbfCore::fit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, double ridge) {
    const Eigen::Index n = x.rows(), d = x.cols();
    centres = x;
    centreSqNorm = x.rowwise().squaredNorm();
    Eigen::MatrixXd a = cubicKernel(x, x, centreSqNorm);
    a.diagonal().array() = ridge;  // exact zero distance plus the ridge

    Eigen::MatrixXd p(n, d + 1);
    p.col(0).setOnes();
    p.rightCols(d) = x;
    const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(p);
    const Eigen::Index rank = qr.rank(), m = n - rank;
    lambda = Eigen::VectorXd::Zero(n);
    if (m > 0) {
        // Q = [Y Z] with Z spanning the null space of Pᵀ; solve (ZᵀAZ) z = Zᵀy, λ = Z z.
        Eigen::MatrixXd qaq = a;
        qaq.applyOnTheLeft(qr.householderQ().adjoint());
        qaq.applyOnTheRight(qr.householderQ());
        Eigen::VectorXd qy = y;
        qy.applyOnTheLeft(qr.householderQ().adjoint());
        const Eigen::MatrixXd zaz = qaq.bottomRightCorner(m, m);
        Eigen::VectorXd z;
        const Eigen::LLT<Eigen::MatrixXd> llt(zaz);
        if (llt.info() == Eigen::Success) {
            z = llt.solve(qy.tail(m));
        } else {
            z = zaz.completeOrthogonalDecomposition().solve(qy.tail(m));  // tiny or zero ridge
        }
        Eigen::VectorXd full = Eigen::VectorXd::Zero(n);
        full.tail(m) = z;
        full.applyOnTheLeft(qr.householderQ());
        lambda = full;
    }
    // The residual y − Aλ lies in the range of P; its least-squares coefficients are the tail.
    tail = qr.solve(Eigen::VectorXd(y - a * lambda));
}

Eigen::VectorXd CubicRbfCore::predict(const Eigen::MatrixXd& x) const {
    Eigen::VectorXd out = cubicKernel(x, centres, centreSqNorm) * lambda;
    out.array() += tail[0];
    out += x * tail.tail(tail.size() - 1);
    return out;
}

void Rbf::doFit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, Rng&) {
    if (!(m_options.ridge >= 0.0))
        throw Error(ErrorCode::InvalidArgument, "rbf: ridge must be >= 0, got " + std::to_string(m_options.ridge));
    m_core.fit(x, y, m_options.ridge);
}

Eigen::VectorXd Rbf::doPredict(const Eigen::MatrixXd& x) const { return m_core.predict(x); }

}  // namespace nat::surrogate
