#include "surrogate/rbf_ensemble.h"

#include <algorithm>
#include <numeric>

#include "base/error.h"
#include "base/rng.h"
#include "surrogate/parallel.h"

namespace nat::surrogate {

namespace {
// Rows predicted at a time: bounds the rows × centres kernel block to a few MB.
constexpr Eigen::Index kBlockRows = 512;
}  // namespace

RbfEnsemble::RbfEnsemble(RbfEnsembleOptions options) : m_options(options) {
    if (m_options.members < 1)
        throw Error(ErrorCode::InvalidArgument,
                    "rbf_ensemble: members must be >= 1, got " + std::to_string(m_options.members));
    if (!(m_options.ridge >= 0.0))
        throw Error(ErrorCode::InvalidArgument, "rbf_ensemble: ridge must be >= 0, got " + std::to_string(m_options.ridge));
}

void RbfEnsemble::doFit(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, Rng& rng) {
    const auto d = static_cast<std::int64_t>(x.cols());
    const auto count = static_cast<std::size_t>(m_options.members);
    m_features.assign(count, {});
    std::vector<Eigen::Index> all(static_cast<std::size_t>(d));
    std::iota(all.begin(), all.end(), 0);
    for (auto& f : m_features) {
        rng.shuffle(all);
        const auto k = static_cast<std::size_t>(rng.uniformInt(1, d));
        f.assign(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(k));
        std::sort(f.begin(), f.end());
    }
    m_members.assign(count, {});
    parallelFor(count, m_options.threads, [&](std::size_t i) {
        m_members[i].fit(x(Eigen::all, m_features[i]), y, m_options.ridge);
    });
}

Eigen::MatrixXd RbfEnsemble::memberPredictions(const Eigen::MatrixXd& x) const {
    Eigen::MatrixXd out(x.rows(), static_cast<Eigen::Index>(m_members.size()));
    for (std::size_t i = 0; i < m_members.size(); ++i)
        out.col(static_cast<Eigen::Index>(i)) = m_members[i].predict(x(Eigen::all, m_features[i]));
    return out;
}

Prediction RbfEnsemble::predictBlocked(const Eigen::MatrixXd& x, bool withStd) const {
    Prediction p;
    p.mean.resize(x.rows());
    if (withStd) p.std.resize(x.rows());
    const auto blocks = static_cast<std::size_t>((x.rows() + kBlockRows - 1) / kBlockRows);
    // Blocks write disjoint segments of p, so they can run on several threads without locks.
    parallelFor(blocks, m_options.threads, [&](std::size_t b) {
        const Eigen::Index start = static_cast<Eigen::Index>(b) * kBlockRows;
        const Eigen::Index len = std::min(kBlockRows, x.rows() - start);
        const Eigen::MatrixXd m = memberPredictions(x.middleRows(start, len));
        const Eigen::VectorXd mean = m.rowwise().mean();
        p.mean.segment(start, len) = mean;
        if (withStd)
            p.std.segment(start, len) =
                ((m.colwise() - mean).array().square().rowwise().sum() / static_cast<double>(m.cols())).sqrt().matrix();
    });
    return p;
}

Eigen::VectorXd RbfEnsemble::doPredict(const Eigen::MatrixXd& x) const { return predictBlocked(x, false).mean; }

Prediction RbfEnsemble::doPredictWithUncertainty(const Eigen::MatrixXd& x) const { return predictBlocked(x, true); }

}  // namespace nat::surrogate
