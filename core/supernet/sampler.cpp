#include "supernet/sampler.h"

#include "base/error.h"
#include "base/rng.h"

namespace nat::supernet {

using space::Architecture;
using space::Encoding;

UniformSampler::UniformSampler(space::SearchSpace space, int widthIndex)
    : m_space(std::move(space)), m_width(widthIndex) {}

Architecture UniformSampler::sample(Rng& rng) const {
    Encoding x = space::sampleUniform(m_space, rng);
    x[1] = m_width;
    return space::decode(m_space, x);
}

Json UniformSampler::toJson() const { return {{"kind", "uniform"}, {"width_index", m_width}}; }

DistributionSampler::DistributionSampler(space::SearchSpace space, int widthIndex,
                                         std::vector<std::vector<double>> probabilities)
    : m_space(std::move(space)), m_width(widthIndex), m_p(std::move(probabilities)) {
    const space::Bounds b = space::encodingBounds(m_space);
    if (m_p.size() != b.upper.size())
        throw Error(ErrorCode::InvalidArgument, "distribution needs " + std::to_string(b.upper.size()) +
                                                    " variables, got " + std::to_string(m_p.size()));
    for (std::size_t i = 0; i < m_p.size(); ++i) {
        m_p[i].resize(static_cast<std::size_t>(b.upper[i]) + 1, 0.0);
        double total = 0.0;
        for (int v = b.lower[i]; v <= b.upper[i]; ++v) total += std::max(0.0, m_p[i][v]);
        // A variable with no mass falls back to uniform over its bounds.
        for (int v = 0; v <= b.upper[i]; ++v)
            m_p[i][v] = v < b.lower[i] ? 0.0 : (total > 0 ? std::max(0.0, m_p[i][v]) / total : 1.0 / (b.upper[i] - b.lower[i] + 1));
    }
}

DistributionSampler DistributionSampler::fromEncodings(const space::SearchSpace& space, int widthIndex,
                                                       const std::vector<Encoding>& encodings) {
    if (encodings.empty()) throw Error(ErrorCode::InvalidArgument, "distribution needs at least one architecture");
    const space::Bounds b = space::encodingBounds(space);
    std::vector<std::vector<double>> counts(b.upper.size());
    for (std::size_t i = 0; i < counts.size(); ++i) counts[i].assign(static_cast<std::size_t>(b.upper[i]) + 1, 0.0);
    for (const Encoding& x : encodings) {
        space::validateEncoding(space, x);
        for (std::size_t i = 0; i < x.size(); ++i) counts[i][x[i]] += 1.0;
    }
    return DistributionSampler(space, widthIndex, std::move(counts));
}

Architecture DistributionSampler::sample(Rng& rng) const {
    Encoding x(m_p.size());
    for (std::size_t i = 0; i < m_p.size(); ++i) x[i] = static_cast<int>(rng.categorical(m_p[i]));
    x[1] = m_width;
    space::repair(m_space, x);
    return space::decode(m_space, x);
}

Json DistributionSampler::toJson() const {
    return {{"kind", "distribution"}, {"width_index", m_width}, {"probabilities", m_p}};
}

}  // namespace nat::supernet
