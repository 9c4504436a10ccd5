#include "moo/nondominated_sort.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace nat::moo {

bool dominates(std::span<const double> a, std::span<const double> b) {
    bool better = false;
    for (std::size_t j = 0; j < a.size(); ++j) {
        if (a[j] > b[j]) return false;
        if (a[j] < b[j]) better = true;
    }
    return better;
}

namespace {

// True when a point of `front` dominates p. Later members were added later and are lexicographically
// closer to p, so they are more likely to dominate it: scan backwards (ENS §III).
bool frontDominates(const Matrix& F, const std::vector<int>& front, std::span<const double> p) {
    for (auto it = front.rbegin(); it != front.rend(); ++it)
        if (dominates(F.row(static_cast<std::size_t>(*it)), p)) return true;
    return false;
}

std::vector<int> lexicographicOrder(const Matrix& F) {
    std::vector<int> order(F.rows());
    std::iota(order.begin(), order.end(), 0);
    const std::size_t m = F.cols();
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        const double* ra = F.row(static_cast<std::size_t>(a)).data();
        const double* rb = F.row(static_cast<std::size_t>(b)).data();
        for (std::size_t j = 0; j < m; ++j)
            if (ra[j] != rb[j]) return ra[j] < rb[j];
        return a < b;
    });
    return order;
}

}  // namespace

std::vector<std::vector<int>> nondominatedFronts(const Matrix& F) {
    std::vector<std::vector<int>> fronts;
    for (int idx : lexicographicOrder(F)) {
        const auto p = F.row(static_cast<std::size_t>(idx));
        // "Front k dominates p" is monotone in k (a dominator in front k has one in front k-1), so the
        // first front that does not dominate p is found by bisection.
        std::size_t lo = 0, hi = fronts.size();
        while (lo < hi) {
            const std::size_t mid = (lo + hi) / 2;
            if (frontDominates(F, fronts[mid], p)) lo = mid + 1;
            else hi = mid;
        }
        if (lo == fronts.size()) fronts.emplace_back();
        fronts[lo].push_back(idx);
    }
    for (auto& f : fronts) std::sort(f.begin(), f.end());
    return fronts;
}

std::vector<int> nondominatedRanks(const Matrix& F) {
    std::vector<int> rank(F.rows(), 0);
    const auto fronts = nondominatedFronts(F);
    for (std::size_t k = 0; k < fronts.size(); ++k)
        for (int i : fronts[k]) rank[static_cast<std::size_t>(i)] = static_cast<int>(k);
    return rank;
}

std::vector<int> nondominatedIndices(const Matrix& F) {
    if (F.empty()) return {};
    return nondominatedFronts(F).front();
}

std::vector<double> crowdingDistance(const Matrix& F, const std::vector<int>& front) {
    const std::size_t n = front.size();
    constexpr double kInf = std::numeric_limits<double>::infinity();
    std::vector<double> dist(n, 0.0);
    if (n <= 2) return std::vector<double>(n, kInf);
    std::vector<std::size_t> order(n);
    for (std::size_t j = 0; j < F.cols(); ++j) {
        std::iota(order.begin(), order.end(), 0);
        auto value = [&](std::size_t k) { return F(static_cast<std::size_t>(front[k]), j); };
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return value(a) < value(b); });
        const double range = value(order.back()) - value(order.front());
        dist[order.front()] = dist[order.back()] = kInf;
        if (range <= 0.0) continue;
        for (std::size_t k = 1; k + 1 < n; ++k) dist[order[k]] += (value(order[k + 1]) - value(order[k - 1])) / range;
    }
    return dist;
}

}  // namespace nat::moo
