#include "surrogate/metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <vector>

#include "base/error.h"
#include "surrogate/model.h"

namespace nat::surrogate {

namespace {

void checkPair(const Eigen::VectorXd& a, const Eigen::VectorXd& b, const char* metric) {
    const std::string m = metric;
    if (a.size() != b.size())
        throw Error(ErrorCode::InvalidArgument, m + ": vectors differ in length (" + std::to_string(a.size()) + " vs " +
                                                    std::to_string(b.size()) + ")");
    if (a.size() < 2)
        throw Error(ErrorCode::InvalidArgument, m + ": needs at least 2 values, got " + std::to_string(a.size()));
    requireFinite(a, m + ": first vector");
    requireFinite(b, m + ": second vector");
}

double pearsonUnchecked(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
    const Eigen::ArrayXd da = a.array() - a.mean(), db = b.array() - b.mean();
    const double sa = da.square().sum(), sb = db.square().sum();
    if (sa <= 0.0 || sb <= 0.0) return std::numeric_limits<double>::quiet_NaN();
    return std::clamp((da * db).sum() / std::sqrt(sa * sb), -1.0, 1.0);
}

// Number of pairs inside runs of equal values of a sorted sequence: sum of t(t-1)/2.
template <class Eq>
std::int64_t tiedPairs(std::size_t n, Eq equal) {
    std::int64_t total = 0, run = 1;
    for (std::size_t i = 1; i <= n; ++i) {
        if (i < n && equal(i - 1, i)) {
            ++run;
        } else {
            total += run * (run - 1) / 2;
            run = 1;
        }
    }
    return total;
}

// Stable merge sort of `v` (ascending) returning the number of inversions, i.e. the swaps a
// bubble sort would make (Knight 1966, step 3).
std::int64_t sortCountingSwaps(std::vector<double>& v, std::vector<double>& buf) {
    const std::size_t n = v.size();
    std::int64_t swaps = 0;
    for (std::size_t width = 1; width < n; width *= 2) {
        for (std::size_t lo = 0; lo < n; lo += 2 * width) {
            const std::size_t mid = std::min(lo + width, n), hi = std::min(lo + 2 * width, n);
            std::size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                if (v[j] < v[i]) {  // strict: equal values are not inversions
                    swaps += static_cast<std::int64_t>(mid - i);
                    buf[k++] = v[j++];
                } else {
                    buf[k++] = v[i++];
                }
            }
            while (i < mid) buf[k++] = v[i++];
            while (j < hi) buf[k++] = v[j++];
        }
        v.swap(buf);
    }
    return swaps;
}

}  // namespace

double rmse(const Eigen::VectorXd& truth, const Eigen::VectorXd& predicted) {
    checkPair(truth, predicted, "RMSE");
    return std::sqrt((truth - predicted).squaredNorm() / static_cast<double>(truth.size()));
}

double pearson(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
    checkPair(a, b, "Pearson correlation");
    return pearsonUnchecked(a, b);
}

Eigen::VectorXd averageRanks(const Eigen::VectorXd& v) {
    const auto n = static_cast<std::size_t>(v.size());
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) { return v[i] < v[j]; });
    Eigen::VectorXd ranks(v.size());
    for (std::size_t start = 0; start < n;) {
        std::size_t end = start + 1;
        while (end < n && v[order[end]] == v[order[start]]) ++end;
        const double avg = 0.5 * static_cast<double>(start + 1 + end);  // mean of ranks start+1..end
        for (std::size_t k = start; k < end; ++k) ranks[order[k]] = avg;
        start = end;
    }
    return ranks;
}

double spearman(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
    checkPair(a, b, "Spearman correlation");
    return pearsonUnchecked(averageRanks(a), averageRanks(b));
}

double kendallTau(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
    checkPair(a, b, "Kendall tau");
    const auto n = static_cast<std::size_t>(a.size());
    // Step 1: order by a, ties broken by b, so pairs tied in a are never counted as swaps.
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) {
        return a[i] < a[j] || (a[i] == a[j] && b[i] < b[j]);
    });
    const std::int64_t tiesA = tiedPairs(n, [&](std::size_t i, std::size_t j) { return a[order[i]] == a[order[j]]; });
    const std::int64_t tiesBoth = tiedPairs(n, [&](std::size_t i, std::size_t j) {
        return a[order[i]] == a[order[j]] && b[order[i]] == b[order[j]];
    });
    // Step 2: sorting the b values of that order by merge sort counts the discordant pairs.
    std::vector<double> bv(n), buf(n);
    for (std::size_t k = 0; k < n; ++k) bv[k] = b[order[k]];
    const std::int64_t swaps = sortCountingSwaps(bv, buf);
    const std::int64_t tiesB = tiedPairs(n, [&](std::size_t i, std::size_t j) { return bv[i] == bv[j]; });
    const auto pairs = static_cast<std::int64_t>(n) * static_cast<std::int64_t>(n - 1) / 2;
    // concordant - discordant = pairs - tiesA - tiesB + tiesBoth - 2 * discordant.
    const double numerator = static_cast<double>(pairs - tiesA - tiesB + tiesBoth - 2 * swaps);
    const double denominator =
        std::sqrt(static_cast<double>(pairs - tiesA)) * std::sqrt(static_cast<double>(pairs - tiesB));
    if (denominator <= 0.0) return std::numeric_limits<double>::quiet_NaN();
    return std::clamp(numerator / denominator, -1.0, 1.0);
}

}  // namespace nat::surrogate
