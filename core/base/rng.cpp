#include "base/rng.h"

#include <cassert>
#include <cmath>
#include <numbers>
#include <sstream>

#include "base/error.h"

namespace nat {

std::int64_t Rng::uniformInt(std::int64_t lo, std::int64_t hi) {
    assert(lo <= hi);
    const auto range = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
    if (range == UINT64_MAX) return static_cast<std::int64_t>(next());
    const std::uint64_t span = range + 1;
    // Reject the top partial bucket so every value is equally likely.
    const std::uint64_t limit = UINT64_MAX - (UINT64_MAX % span + 1) % span;
    std::uint64_t x;
    do {
        x = next();
    } while (x > limit);
    return lo + static_cast<std::int64_t>(x % span);
}

double Rng::uniform01() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

double Rng::normal() {
    double u1;
    do {
        u1 = uniform01();
    } while (u1 <= 0.0);
    const double u2 = uniform01();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

std::size_t Rng::categorical(const std::vector<double>& weights) {
    double total = 0.0;
    for (double w : weights) total += w;
    assert(!weights.empty() && total > 0.0);
    double r = uniform01() * total;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (r < weights[i]) return i;
        r -= weights[i];
    }
    // Rounding can leave r just above the last bucket: return the last non-zero weight.
    for (std::size_t i = weights.size(); i-- > 0;)
        if (weights[i] > 0.0) return i;
    return weights.size() - 1;
}

Rng Rng::split() { return Rng(deriveSeed(next(), 0x9e3779b97f4a7c15ULL)); }

std::string Rng::state() const {
    std::ostringstream os;
    os << m_engine;
    return os.str();
}

void Rng::setState(const std::string& s) {
    std::istringstream is(s);
    std::mt19937_64 e;
    is >> e;
    if (is.fail()) throw Error(ErrorCode::Corrupt, "random generator state is malformed");
    m_engine = e;
}

std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (stream + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

}  // namespace nat
