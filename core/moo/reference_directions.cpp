#include "moo/reference_directions.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "base/error.h"
#include "base/rng.h"

namespace nat::moo {

namespace {

constexpr long long kMaxDirections = 1'000'000;

void enumerate(int left, int depth, std::vector<int>& current, int partitions, Matrix& out) {
    const std::size_t m = current.size();
    if (depth + 1 == static_cast<int>(m)) {
        current[m - 1] = left;
        std::vector<double> row(m);
        for (std::size_t j = 0; j < m; ++j) row[j] = static_cast<double>(current[j]) / partitions;
        out.appendRow(row);
        return;
    }
    for (int v = left; v >= 0; --v) {
        current[static_cast<std::size_t>(depth)] = v;
        enumerate(left - v, depth + 1, current, partitions, out);
    }
}

// Euclidean projection onto the probability simplex (Duchi et al., ICML 2008, Fig. 1).
void projectToSimplex(std::span<double> x) {
    std::vector<double> u(x.begin(), x.end());
    std::sort(u.begin(), u.end(), std::greater<>());
    double cum = 0.0, theta = 0.0;
    for (std::size_t j = 0; j < u.size(); ++j) {
        cum += u[j];
        const double t = (cum - 1.0) / static_cast<double>(j + 1);
        if (u[j] - t > 0.0) theta = t;
    }
    for (double& v : x) v = std::max(v - theta, 0.0);
}

// Gradient of the log energy w.r.t. every point (corners excluded), tangent to the simplex plane.
Matrix energyGradient(const Matrix& X, double s, int fixed) {
    const std::size_t n = X.rows(), m = X.cols();
    Matrix g(n, m, 0.0);
    for (std::size_t i = static_cast<std::size_t>(fixed); i < n; ++i) {
        for (std::size_t k = 0; k < n; ++k) {
            if (k == i) continue;
            double d2 = 0.0;
            for (std::size_t j = 0; j < m; ++j) d2 += (X(i, j) - X(k, j)) * (X(i, j) - X(k, j));
            const double w = -s * std::pow(std::max(d2, 1e-300), -0.5 * s - 1.0);
            for (std::size_t j = 0; j < m; ++j) g(i, j) += w * (X(i, j) - X(k, j));
        }
        const auto r = g.row(i);
        const double mean = std::accumulate(r.begin(), r.end(), 0.0) / static_cast<double>(m);
        for (double& v : r) v -= mean;
    }
    return g;
}

}  // namespace

long long numDasDennis(int objectives, int partitions) {
    // C(H + M - 1, M - 1) computed incrementally; every partial product is itself a binomial.
    long long c = 1;
    for (int k = 1; k <= objectives - 1; ++k) {
        c = c * (partitions + k) / k;
        if (c > kMaxDirections * 1000) return c;
    }
    return c;
}

Matrix dasDennis(int objectives, int partitions) {
    if (objectives < 1)
        throw Error(ErrorCode::InvalidArgument, "reference directions need at least 1 objective, got " + std::to_string(objectives));
    if (partitions < 1)
        throw Error(ErrorCode::InvalidArgument, "Das-Dennis partitions must be 1 or more, got " + std::to_string(partitions));
    const long long count = numDasDennis(objectives, partitions);
    if (count > kMaxDirections)
        throw Error(ErrorCode::InvalidArgument, "Das-Dennis with M=" + std::to_string(objectives) + ", H=" +
                                                    std::to_string(partitions) + " gives " + std::to_string(count) +
                                                    " directions, more than the limit of 1000000");
    Matrix out;
    std::vector<int> current(static_cast<std::size_t>(objectives), 0);
    enumerate(partitions, 0, current, partitions, out);
    return out;
}

Matrix twoLayerDirections(int objectives, int outerPartitions, int innerPartitions) {
    Matrix outer = dasDennis(objectives, outerPartitions);
    Matrix inner = dasDennis(objectives, innerPartitions);
    const double centre = 1.0 / objectives;
    for (double& v : inner.data()) v = 0.5 * v + 0.5 * centre;
    return outer.stacked(inner);
}

double logRieszEnergy(const Matrix& X, double s) {
    // log-sum-exp over pairs of -s/2 log d^2.
    std::vector<double> terms;
    for (std::size_t i = 0; i < X.rows(); ++i)
        for (std::size_t k = i + 1; k < X.rows(); ++k) {
            double d2 = 0.0;
            for (std::size_t j = 0; j < X.cols(); ++j) d2 += (X(i, j) - X(k, j)) * (X(i, j) - X(k, j));
            terms.push_back(-0.5 * s * std::log(std::max(d2, 1e-300)));
        }
    if (terms.empty()) return -std::numeric_limits<double>::infinity();
    const double mx = *std::max_element(terms.begin(), terms.end());
    double sum = 0.0;
    for (double t : terms) sum += std::exp(t - mx);
    return mx + std::log(sum);
}

Matrix rieszEnergyDirections(int objectives, int n, std::uint64_t seed, int iterations, double s) {
    if (objectives < 2 || n < objectives)
        throw Error(ErrorCode::InvalidArgument, "Riesz s-energy directions need M >= 2 and n >= M, got M=" +
                                                    std::to_string(objectives) + ", n=" + std::to_string(n));
    if (s <= 0.0) s = objectives;
    const auto m = static_cast<std::size_t>(objectives);
    Matrix X(static_cast<std::size_t>(n), m, 0.0);
    for (std::size_t j = 0; j < m; ++j) X(j, j) = 1.0;
    Rng rng(seed);
    for (std::size_t i = m; i < X.rows(); ++i) {  // uniform on the simplex: normalised exponentials
        double sum = 0.0;
        for (std::size_t j = 0; j < m; ++j) sum += (X(i, j) = -std::log(1.0 - rng.uniform01()));
        for (std::size_t j = 0; j < m; ++j) X(i, j) /= sum;
    }
    double energy = logRieszEnergy(X, s), step = 0.05;
    for (int it = 0; it < iterations && step > 1e-9; ++it) {
        const Matrix g = energyGradient(X, s, objectives);
        double gmax = 0.0;
        for (std::size_t i = 0; i < X.rows(); ++i) {
            double norm = 0.0;
            for (double v : g.row(i)) norm += v * v;
            gmax = std::max(gmax, std::sqrt(norm));
        }
        if (gmax <= 0.0) break;
        Matrix trial = X;
        for (std::size_t i = m; i < X.rows(); ++i) {
            for (std::size_t j = 0; j < m; ++j) trial(i, j) -= step * g(i, j) / gmax;
            projectToSimplex(trial.row(i));
        }
        const double e = logRieszEnergy(trial, s);
        if (e < energy) {
            X = std::move(trial);
            energy = e;
            step *= 1.2;
        } else {
            step *= 0.5;
        }
    }
    return X;
}

}  // namespace nat::moo
