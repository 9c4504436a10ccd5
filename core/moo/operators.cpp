#include "moo/operators.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <unordered_set>

#include "base/error.h"

namespace nat::moo {

namespace {

// Spread factor beta_q of SBX for one side (Deb & Agrawal 1995, eq. 4, with the bounded alpha).
double sbxBetaQ(double beta, double eta, double u) {
    const double alpha = 2.0 - std::pow(beta, -(eta + 1.0));
    if (u <= 1.0 / alpha) return std::pow(u * alpha, 1.0 / (eta + 1.0));
    return std::pow(1.0 / (2.0 - u * alpha), 1.0 / (eta + 1.0));
}

double mutateOne(double y, double lo, double hi, double eta, Rng& rng) {
    const double range = hi - lo;
    const double d1 = (y - lo) / range, d2 = (hi - y) / range;
    const double u = rng.uniform01(), power = 1.0 / (eta + 1.0);
    double dq;
    if (u < 0.5) {
        const double val = 2.0 * u + (1.0 - 2.0 * u) * std::pow(1.0 - d1, eta + 1.0);
        dq = std::pow(val, power) - 1.0;
    } else {
        const double val = 2.0 * (1.0 - u) + 2.0 * (u - 0.5) * std::pow(1.0 - d2, eta + 1.0);
        dq = 1.0 - std::pow(val, power);
    }
    return std::clamp(y + dq * range, lo, hi);
}

struct RowHash {
    std::size_t cols;
    std::size_t operator()(const double* r) const {
        std::uint64_t h = 1469598103934665603ull;
        for (std::size_t j = 0; j < cols; ++j) {
            const double v = r[j] == 0.0 ? 0.0 : r[j];
            std::uint64_t bits;
            std::memcpy(&bits, &v, sizeof bits);
            h = (h ^ bits) * 1099511628211ull;
            h ^= h >> 29;
        }
        return static_cast<std::size_t>(h);
    }
};

struct RowEq {
    std::size_t cols;
    bool operator()(const double* a, const double* b) const {
        for (std::size_t j = 0; j < cols; ++j)
            if (a[j] != b[j]) return false;
        return true;
    }
};

}  // namespace

void simulatedBinaryCrossover(std::span<const double> p1, std::span<const double> p2, std::span<double> c1,
                              std::span<double> c2, const Bounds& bounds, double eta, double probVar, Rng& rng) {
    for (std::size_t i = 0; i < p1.size(); ++i) {
        c1[i] = p1[i];
        c2[i] = p2[i];
        if (!(rng.uniform01() < probVar) || std::fabs(p1[i] - p2[i]) <= 1e-14) continue;
        const double y1 = std::min(p1[i], p2[i]), y2 = std::max(p1[i], p2[i]);
        const double lo = bounds.lower[i], hi = bounds.upper[i];
        const double u = rng.uniform01();
        const double bq1 = sbxBetaQ(1.0 + 2.0 * (y1 - lo) / (y2 - y1), eta, u);
        const double bq2 = sbxBetaQ(1.0 + 2.0 * (hi - y2) / (y2 - y1), eta, u);
        double a = std::clamp(0.5 * ((y1 + y2) - bq1 * (y2 - y1)), lo, hi);
        double b = std::clamp(0.5 * ((y1 + y2) + bq2 * (y2 - y1)), lo, hi);
        if (rng.uniform01() < 0.5) std::swap(a, b);
        c1[i] = a;
        c2[i] = b;
    }
}

void polynomialMutation(std::span<double> x, const Bounds& bounds, double eta, double probVar, Rng& rng) {
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (!(rng.uniform01() < probVar) || bounds.upper[i] <= bounds.lower[i]) continue;
        x[i] = mutateOne(x[i], bounds.lower[i], bounds.upper[i], eta, rng);
    }
}

void twoPointCrossover(std::span<const double> p1, std::span<const double> p2, std::span<double> c1,
                       std::span<double> c2, Rng& rng) {
    std::copy(p1.begin(), p1.end(), c1.begin());
    std::copy(p2.begin(), p2.end(), c2.begin());
    const auto n = static_cast<std::int64_t>(p1.size());
    if (n < 2) return;
    auto a = rng.uniformInt(0, n), b = rng.uniformInt(0, n - 1);
    if (b >= a) ++b;  // two distinct cut points in [0, n]
    if (a > b) std::swap(a, b);
    for (auto i = a; i < b; ++i) std::swap(c1[static_cast<std::size_t>(i)], c2[static_cast<std::size_t>(i)]);
}

void integerPolynomialMutation(std::span<double> x, const Bounds& bounds, double eta, double probVar, Rng& rng) {
    constexpr double kHalf = 0.5 - 1e-9;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (!(rng.uniform01() < probVar) || bounds.upper[i] <= bounds.lower[i]) continue;
        const double y = mutateOne(x[i], bounds.lower[i] - kHalf, bounds.upper[i] + kHalf, eta, rng);
        x[i] = std::clamp(std::round(y), bounds.lower[i], bounds.upper[i]);
    }
}

Matrix uniformSampling(int n, const Bounds& bounds, bool integer, Rng& rng) {
    if (n < 0) throw Error(ErrorCode::InvalidArgument, "sample size must be 0 or more, got " + std::to_string(n));
    Matrix X(static_cast<std::size_t>(n), bounds.size());
    for (std::size_t r = 0; r < X.rows(); ++r)
        for (std::size_t j = 0; j < X.cols(); ++j) {
            const double lo = bounds.lower[j], hi = bounds.upper[j];
            X(r, j) = integer ? static_cast<double>(rng.uniformInt(static_cast<std::int64_t>(std::ceil(lo)),
                                                                   static_cast<std::int64_t>(std::floor(hi))))
                              : rng.uniform(lo, hi);
        }
    return X;
}

Matrix latinHypercubeSampling(int n, const Bounds& bounds, bool integer, Rng& rng) {
    if (n < 0) throw Error(ErrorCode::InvalidArgument, "sample size must be 0 or more, got " + std::to_string(n));
    Matrix X(static_cast<std::size_t>(n), bounds.size());
    std::vector<int> perm(static_cast<std::size_t>(n));
    for (std::size_t j = 0; j < X.cols(); ++j) {
        for (int i = 0; i < n; ++i) perm[static_cast<std::size_t>(i)] = i;
        rng.shuffle(perm);
        const double lo = bounds.lower[j], hi = bounds.upper[j];
        for (std::size_t r = 0; r < X.rows(); ++r) {
            if (integer) {  // stratum k maps to value floor(k * count / n): counts differ by at most 1
                const double ilo = std::ceil(lo), count = std::floor(hi) - ilo + 1.0;
                X(r, j) = std::min(ilo + std::floor(perm[r] * count / n), std::floor(hi));
            } else {  // one point, uniformly placed, in each stratum [k/n, (k+1)/n)
                X(r, j) = lo + (perm[r] + rng.uniform01()) / n * (hi - lo);
            }
        }
    }
    return X;
}

std::vector<int> uniqueRowIndices(const Matrix& X, const Matrix& exclude) {
    const std::size_t cols = X.cols();
    std::unordered_set<const double*, RowHash, RowEq> seen(X.rows() + exclude.rows(), RowHash{cols}, RowEq{cols});
    if (!exclude.empty()) {
        if (exclude.cols() != cols)
            throw Error(ErrorCode::InvalidArgument, "duplicate elimination: exclude set has " + std::to_string(exclude.cols()) +
                                                        " columns, population has " + std::to_string(cols));
        for (std::size_t r = 0; r < exclude.rows(); ++r) seen.insert(exclude.row(r).data());
    }
    std::vector<int> keep;
    for (std::size_t r = 0; r < X.rows(); ++r)
        if (seen.insert(X.row(r).data()).second) keep.push_back(static_cast<int>(r));
    return keep;
}

}  // namespace nat::moo
