#include "moo/nondominated_sort.h"

#include <algorithm>
#include <limits>
#include <map>
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

// True when a point of `front` (positions in the sorted copy S) dominates S row p. Every member
// precedes p lexicographically, so its first objective is already <= p's: only objectives 1.. need
// checking, plus "not identical". Later members are closer to p and more likely to dominate it:
// scan backwards (ENS, §III).
bool frontDominates(const std::vector<double>& S, std::size_t m, const std::vector<int>& front, std::size_t p) {
    const double* pp = S.data() + p * m;
    for (auto it = front.rbegin(); it != front.rend(); ++it) {
        const double* q = S.data() + static_cast<std::size_t>(*it) * m;
        bool noWorse = true, better = q[0] < pp[0];
        for (std::size_t j = 1; j < m && noWorse; ++j) {
            noWorse = q[j] <= pp[j];
            better = better || q[j] < pp[j];
        }
        if (noWorse && better) return true;
    }
    return false;
}

// For 2 and 3 objectives a front is queried through its staircase in (f2, f3): the members that
// no other member weakly dominates in those two objectives, f2 ascending and f3 descending. Since
// every member precedes p in f1, p is dominated by the front iff the staircase entry with the
// largest f2 <= p2 has f3 <= p3 and is not identical to p — an O(log n) test (f3 = 0 when M = 2).
class FrontStaircase {
public:
    bool dominates(const std::vector<double>& S, std::size_t m, std::size_t p) const {
        const double* pp = S.data() + p * m;
        auto it = m_steps.upper_bound(pp[1]);
        if (it == m_steps.begin()) return false;
        --it;
        if (it->second.first > third(pp, m)) return false;
        const double* q = S.data() + static_cast<std::size_t>(it->second.second) * m;
        return !std::equal(q, q + m, pp);
    }
    void insert(const std::vector<double>& S, std::size_t m, std::size_t p) {
        const double* pp = S.data() + p * m;
        const double f3 = third(pp, m);
        auto it = m_steps.lower_bound(pp[1]);
        while (it != m_steps.end() && it->second.first >= f3) it = m_steps.erase(it);
        m_steps.emplace_hint(it, pp[1], std::make_pair(f3, static_cast<int>(p)));
    }

private:
    static double third(const double* p, std::size_t m) { return m == 3 ? p[2] : 0.0; }
    std::map<double, std::pair<double, int>> m_steps;
};

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
    const std::vector<int> order = lexicographicOrder(F);
    const std::size_t m = F.cols();
    // A sorted, contiguous copy keeps the inner dominance checks cache-friendly.
    std::vector<double> S(order.size() * m);
    for (std::size_t k = 0; k < order.size(); ++k) {
        const auto r = F.row(static_cast<std::size_t>(order[k]));
        std::copy(r.begin(), r.end(), S.begin() + static_cast<std::ptrdiff_t>(k * m));
    }
    std::vector<std::vector<int>> fronts;  // positions in S
    const bool fast = m == 2 || m == 3;
    std::vector<FrontStaircase> stairs;
    for (std::size_t k = 0; k < order.size(); ++k) {
        // "Front i dominates p" is monotone in i (a dominator in front i has one in front i-1), so the
        // first front that does not dominate p is found by bisection.
        std::size_t lo = 0, hi = fronts.size();
        while (lo < hi) {
            const std::size_t mid = (lo + hi) / 2;
            const bool dominated = fast ? stairs[mid].dominates(S, m, k) : frontDominates(S, m, fronts[mid], k);
            if (dominated) lo = mid + 1;
            else hi = mid;
        }
        if (lo == fronts.size()) {
            fronts.emplace_back();
            if (fast) stairs.emplace_back();
        }
        fronts[lo].push_back(static_cast<int>(k));
        if (fast) stairs[lo].insert(S, m, k);
    }
    for (auto& f : fronts) {
        for (int& i : f) i = order[static_cast<std::size_t>(i)];
        std::sort(f.begin(), f.end());
    }
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
