#pragma once

#include <memory>
#include <vector>

#include "space/architecture.h"

namespace nat {
class Rng;
}

namespace nat::supernet {

/// Chooses the subnets a training step visits. Implementations are immutable after construction and
/// safe to share between threads (the Rng is the caller's).
class ArchSampler {
public:
    virtual ~ArchSampler() = default;
    virtual space::Architecture sample(Rng& rng) const = 0;
    virtual Json toJson() const = 0;
};

/// Uniform over the space (per-variable uniform, then repair), at a fixed width.
class UniformSampler final : public ArchSampler {
public:
    UniformSampler(space::SearchSpace space, int widthIndex);
    space::Architecture sample(Rng& rng) const override;
    Json toJson() const override;

private:
    space::SearchSpace m_space;
    int m_width;
};

/// Always the same architecture (e.g. the largest subnet during the first warm-up phase).
class FixedSampler final : public ArchSampler {
public:
    explicit FixedSampler(space::Architecture arch) : m_arch(std::move(arch)) {}
    space::Architecture sample(Rng&) const override { return m_arch; }
    Json toJson() const override { return {{"kind", "fixed"}}; }

private:
    space::Architecture m_arch;
};

/// Independent categorical distribution per encoding variable (NAT-REFERENCE.md §4 step 5): the
/// empirical frequencies of each value among a set of good architectures. Samples are repaired, and
/// the width is fixed to the supernet's.
class DistributionSampler final : public ArchSampler {
public:
    /// `probabilities[i][v]`: probability of value v at variable i (rows need not be normalised).
    DistributionSampler(space::SearchSpace space, int widthIndex, std::vector<std::vector<double>> probabilities);
    /// Empirical frequencies of `encodings`; Error(InvalidArgument) when empty or of the wrong length.
    static DistributionSampler fromEncodings(const space::SearchSpace& space, int widthIndex,
                                             const std::vector<space::Encoding>& encodings);
    space::Architecture sample(Rng& rng) const override;
    Json toJson() const override;
    const std::vector<std::vector<double>>& probabilities() const { return m_p; }

private:
    space::SearchSpace m_space;
    int m_width;
    std::vector<std::vector<double>> m_p;
};

}  // namespace nat::supernet
