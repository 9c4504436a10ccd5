#include "moo/decision.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "base/error.h"
#include "moo/nondominated_sort.h"

namespace nat::moo {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

Matrix normalisedByFront(const Matrix& F) {
    Matrix N = F;
    for (std::size_t j = 0; j < F.cols(); ++j) {
        double lo = kInf, hi = -kInf;
        for (std::size_t r = 0; r < F.rows(); ++r) {
            lo = std::min(lo, F(r, j));
            hi = std::max(hi, F(r, j));
        }
        const double range = hi - lo > 0.0 ? hi - lo : 1.0;
        for (std::size_t r = 0; r < F.rows(); ++r) N(r, j) = (F(r, j) - lo) / range;
    }
    return N;
}

void requireRows(const Matrix& F, const char* what) {
    if (F.empty()) throw Error(ErrorCode::InvalidArgument, std::string(what) + " needs at least one point");
}

// Standard deviation of consecutive gaps of the sorted values, scaled by their range.
double gapSpread(std::vector<double> v) {
    if (v.size() < 3) return 0.0;
    std::sort(v.begin(), v.end());
    const double range = v.back() - v.front();
    if (range <= 0.0) return 0.0;
    const std::size_t g = v.size() - 1;
    double mean = 0.0, sq = 0.0;
    for (std::size_t i = 0; i < g; ++i) mean += (v[i + 1] - v[i]) / range;
    mean /= static_cast<double>(g);
    for (std::size_t i = 0; i < g; ++i) {
        const double d = (v[i + 1] - v[i]) / range - mean;
        sq += d * d;
    }
    return std::sqrt(sq / static_cast<double>(g));
}

}  // namespace

std::vector<double> tradeoffs(const Matrix& F) {
    const Matrix N = normalisedByFront(F);
    std::vector<double> mu(F.rows(), kInf);
    for (std::size_t i = 0; i < N.rows(); ++i)
        for (std::size_t k = 0; k < N.rows(); ++k) {
            if (k == i) continue;
            double gain = 0.0, loss = 0.0;
            for (std::size_t j = 0; j < N.cols(); ++j) {
                gain += std::max(0.0, N(i, j) - N(k, j));
                loss += std::max(0.0, N(k, j) - N(i, j));
            }
            if (gain > 0.0) mu[i] = std::min(mu[i], loss / gain);
        }
    return mu;
}

std::vector<int> kneePoints(const Matrix& F, int count) {
    const auto mu = tradeoffs(F);
    std::vector<int> order(F.rows());
    std::iota(order.begin(), order.end(), 0);
    auto key = [&](int i) { return std::isinf(mu[static_cast<std::size_t>(i)]) ? -1.0 : mu[static_cast<std::size_t>(i)]; };
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return key(a) > key(b); });
    order.resize(std::min<std::size_t>(order.size(), static_cast<std::size_t>(std::max(count, 0))));
    return order;
}

int asfSelect(const Matrix& F, const std::vector<double>& weights, const std::vector<double>& referencePoint, double rho) {
    requireRows(F, "ASF selection");
    if (weights.size() != F.cols())
        throw Error(ErrorCode::InvalidArgument, "ASF weights have " + std::to_string(weights.size()) + " values, expected " +
                                                    std::to_string(F.cols()));
    for (double w : weights)
        if (!(w > 0.0)) throw Error(ErrorCode::InvalidArgument, "ASF weights must be > 0, got " + std::to_string(w));
    if (!referencePoint.empty() && referencePoint.size() != F.cols())
        throw Error(ErrorCode::InvalidArgument, "ASF reference point has " + std::to_string(referencePoint.size()) +
                                                    " values, expected " + std::to_string(F.cols()));
    // Normalise the points and the reference point by the same front ideal and nadir.
    Matrix N = normalisedByFront(F);
    std::vector<double> z(F.cols(), 0.0);
    if (!referencePoint.empty()) {
        for (std::size_t j = 0; j < F.cols(); ++j) {
            double lo = kInf, hi = -kInf;
            for (std::size_t r = 0; r < F.rows(); ++r) lo = std::min(lo, F(r, j)), hi = std::max(hi, F(r, j));
            z[j] = (referencePoint[j] - lo) / (hi - lo > 0.0 ? hi - lo : 1.0);
        }
    }
    int best = 0;
    double bestS = kInf;
    for (std::size_t r = 0; r < N.rows(); ++r) {
        double mx = -kInf, sum = 0.0;
        for (std::size_t j = 0; j < N.cols(); ++j) {
            const double t = (N(r, j) - z[j]) / weights[j];
            mx = std::max(mx, t);
            sum += t;
        }
        if (mx + rho * sum < bestS) bestS = mx + rho * sum, best = static_cast<int>(r);
    }
    return best;
}

Matrix pseudoWeights(const Matrix& F) {
    requireRows(F, "pseudo-weights");
    const Matrix N = normalisedByFront(F);
    Matrix W(F.rows(), F.cols());
    for (std::size_t r = 0; r < N.rows(); ++r) {
        double sum = 0.0;
        for (std::size_t j = 0; j < N.cols(); ++j) sum += (W(r, j) = 1.0 - N(r, j));
        for (std::size_t j = 0; j < N.cols(); ++j) W(r, j) = sum > 0.0 ? W(r, j) / sum : 1.0 / static_cast<double>(N.cols());
    }
    return W;
}

int pseudoWeightSelect(const Matrix& F, const std::vector<double>& target) {
    if (target.size() != F.cols())
        throw Error(ErrorCode::InvalidArgument, "target pseudo-weights have " + std::to_string(target.size()) +
                                                    " values, expected " + std::to_string(F.cols()));
    const Matrix W = pseudoWeights(F);
    int best = 0;
    double bestD = kInf;
    for (std::size_t r = 0; r < W.rows(); ++r) {
        double d = 0.0;
        for (std::size_t j = 0; j < W.cols(); ++j) d += (W(r, j) - target[j]) * (W(r, j) - target[j]);
        if (d < bestD) bestD = d, best = static_cast<int>(r);
    }
    return best;
}

std::vector<int> subsetSelection(const Matrix& candidates, const Matrix& archiveFront, int k,
                                 const std::vector<int>& spreadObjectives, int padObjective) {
    const auto m = static_cast<int>(candidates.cols());
    for (int o : spreadObjectives)
        if (o < 0 || o >= m) throw Error(ErrorCode::InvalidArgument, "spread objective " + std::to_string(o) + " is outside 0.." + std::to_string(m - 1));
    if (candidates.empty() || k <= 0) return {};
    if (padObjective < 0 || padObjective >= m)
        throw Error(ErrorCode::InvalidArgument, "pad objective " + std::to_string(padObjective) + " is outside 0.." + std::to_string(m - 1));
    if (!archiveFront.empty() && archiveFront.cols() != candidates.cols())
        throw Error(ErrorCode::InvalidArgument, "archive front has " + std::to_string(archiveFront.cols()) +
                                                    " objectives, candidates have " + std::to_string(m));
    std::vector<int> pool = nondominatedIndices(candidates), chosen;
    const auto want = static_cast<std::size_t>(k);
    while (chosen.size() < want && !pool.empty()) {
        std::size_t bestPos = 0;
        double bestScore = kInf;
        for (std::size_t p = 0; p < pool.size(); ++p) {
            double score = 0.0;
            for (int o : spreadObjectives) {
                std::vector<double> v;
                for (std::size_t r = 0; r < archiveFront.rows(); ++r) v.push_back(archiveFront(r, static_cast<std::size_t>(o)));
                for (int c : chosen) v.push_back(candidates(static_cast<std::size_t>(c), static_cast<std::size_t>(o)));
                v.push_back(candidates(static_cast<std::size_t>(pool[p]), static_cast<std::size_t>(o)));
                score += gapSpread(std::move(v));
            }
            const auto pad = [&](std::size_t q) { return candidates(static_cast<std::size_t>(pool[q]), static_cast<std::size_t>(padObjective)); };
            if (score < bestScore - 1e-12 || (std::fabs(score - bestScore) <= 1e-12 && pad(p) < pad(bestPos)))
                bestScore = score, bestPos = p;
        }
        chosen.push_back(pool[bestPos]);
        pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(bestPos));
    }
    // Pad with the lowest values of padObjective among the candidates not chosen yet.
    std::vector<int> rest;
    for (std::size_t r = 0; r < candidates.rows(); ++r)
        if (std::find(chosen.begin(), chosen.end(), static_cast<int>(r)) == chosen.end()) rest.push_back(static_cast<int>(r));
    std::stable_sort(rest.begin(), rest.end(), [&](int a, int b) {
        return candidates(static_cast<std::size_t>(a), static_cast<std::size_t>(padObjective)) <
               candidates(static_cast<std::size_t>(b), static_cast<std::size_t>(padObjective));
    });
    for (std::size_t i = 0; chosen.size() < want && i < rest.size(); ++i) chosen.push_back(rest[i]);
    return chosen;
}

}  // namespace nat::moo
