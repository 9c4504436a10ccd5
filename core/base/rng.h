#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace nat {

/// Seeded pseudo-random source with distributions implemented here rather than by the standard
/// library, whose distributions differ between implementations: the same seed gives the same
/// sequence with every compiler. Not thread-safe: give each thread its own Rng (see split()).
class Rng {
public:
    explicit Rng(std::uint64_t seed = 0) : m_engine(seed) {}

    std::uint64_t next() { return m_engine(); }
    /// Uniform integer in [lo, hi] (inclusive), unbiased (rejection sampling).
    std::int64_t uniformInt(std::int64_t lo, std::int64_t hi);
    /// Uniform double in [0, 1) with 53 random bits.
    double uniform01();
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform01(); }
    /// Standard normal (Box–Muller, no cached second value so state stays a single engine).
    double normal();
    bool bernoulli(double p) { return uniform01() < p; }
    /// Index drawn with probability proportional to weights (all >= 0, sum > 0).
    std::size_t categorical(const std::vector<double>& weights);
    /// In-place Fisher–Yates shuffle.
    template <class T>
    void shuffle(std::vector<T>& v) {
        for (std::size_t i = v.size(); i > 1; --i) {
            auto j = static_cast<std::size_t>(uniformInt(0, static_cast<std::int64_t>(i) - 1));
            std::swap(v[i - 1], v[j]);
        }
    }
    /// A statistically independent child stream (for a worker thread or a sub-task).
    Rng split();

    /// Serialise the full engine state (for checkpoints) and restore it.
    std::string state() const;
    void setState(const std::string& s);

private:
    std::mt19937_64 m_engine;
};

/// Mixes a seed with a stream id so sub-tasks get decorrelated, reproducible seeds (splitmix64).
std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t stream);

}  // namespace nat
