#include "surrogate/features.h"

#include <algorithm>

#include "base/error.h"

namespace nat::surrogate {

std::string featureKindName(FeatureKind kind) { return kind == FeatureKind::OneHot ? "one-hot" : "normalised"; }

FeatureKind parseFeatureKind(const std::string& s) {
    if (s == "normalised" || s == "normalized") return FeatureKind::Normalised;
    if (s == "one-hot" || s == "onehot") return FeatureKind::OneHot;
    throw Error(ErrorCode::InvalidArgument, "feature kind must be 'normalised' or 'one-hot', got '" + s + "'");
}

FeatureMap::FeatureMap(std::vector<int> lower, std::vector<int> upper, FeatureKind kind)
    : m_lower(std::move(lower)), m_upper(std::move(upper)), m_kind(kind) {
    if (m_lower.empty()) throw Error(ErrorCode::InvalidArgument, "feature bounds are empty: need at least 1 variable");
    if (m_lower.size() != m_upper.size())
        throw Error(ErrorCode::InvalidArgument, "feature bounds differ in length: " + std::to_string(m_lower.size()) +
                                                    " lower vs " + std::to_string(m_upper.size()) + " upper");
    for (std::size_t i = 0; i < m_lower.size(); ++i) {
        if (m_lower[i] > m_upper[i])
            throw Error(ErrorCode::InvalidArgument, "feature bounds of variable " + std::to_string(i) + ": lower " +
                                                        std::to_string(m_lower[i]) + " > upper " +
                                                        std::to_string(m_upper[i]));
        m_dimension += m_kind == FeatureKind::OneHot ? m_upper[i] - m_lower[i] + 1 : 1;
    }
}

FeatureMap FeatureMap::fromData(const std::vector<std::vector<int>>& encodings, FeatureKind kind) {
    if (encodings.empty()) throw Error(ErrorCode::InvalidArgument, "cannot derive feature bounds from 0 encodings");
    std::vector<int> lo = encodings.front(), hi = encodings.front();
    for (std::size_t r = 0; r < encodings.size(); ++r) {
        if (encodings[r].size() != lo.size())
            throw Error(ErrorCode::InvalidArgument, "encoding " + std::to_string(r) + " has " +
                                                        std::to_string(encodings[r].size()) + " variables, expected " +
                                                        std::to_string(lo.size()));
        for (std::size_t i = 0; i < lo.size(); ++i) {
            lo[i] = std::min(lo[i], encodings[r][i]);
            hi[i] = std::max(hi[i], encodings[r][i]);
        }
    }
    return FeatureMap(lo, hi, kind);
}

Eigen::MatrixXd FeatureMap::transform(const std::vector<std::vector<int>>& encodings) const {
    Eigen::MatrixXd out = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(encodings.size()), m_dimension);
    for (std::size_t r = 0; r < encodings.size(); ++r) {
        const auto& e = encodings[r];
        if (e.size() != m_lower.size())
            throw Error(ErrorCode::InvalidArgument, "encoding " + std::to_string(r) + " has " + std::to_string(e.size()) +
                                                        " variables, expected " + std::to_string(m_lower.size()));
        Eigen::Index col = 0;
        for (std::size_t i = 0; i < e.size(); ++i) {
            if (e[i] < m_lower[i] || e[i] > m_upper[i])
                throw Error(ErrorCode::InvalidArgument, "encoding " + std::to_string(r) + ", variable " +
                                                            std::to_string(i) + ": value " + std::to_string(e[i]) +
                                                            " outside " + std::to_string(m_lower[i]) + ".." +
                                                            std::to_string(m_upper[i]));
            const int span = m_upper[i] - m_lower[i];
            const auto ri = static_cast<Eigen::Index>(r);
            if (m_kind == FeatureKind::OneHot) {
                out(ri, col + e[i] - m_lower[i]) = 1.0;
                col += span + 1;
            } else {
                out(ri, col++) = span == 0 ? 0.0 : static_cast<double>(e[i] - m_lower[i]) / span;
            }
        }
    }
    return out;
}

Json FeatureMap::toJson() const {
    return {{"kind", featureKindName(m_kind)}, {"lower", m_lower}, {"upper", m_upper}, {"dimension", m_dimension}};
}

}  // namespace nat::surrogate
