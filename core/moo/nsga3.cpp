#include "moo/nsga3.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

#include "base/error.h"
#include "moo/nondominated_sort.h"

namespace nat::moo {

Association associate(const Matrix& Fn, const Matrix& refDirs) {
    const std::size_t m = Fn.cols(), R = refDirs.rows();
    Matrix unit = refDirs;
    for (std::size_t k = 0; k < R; ++k) {
        double norm = 0.0;
        for (double v : unit.row(k)) norm += v * v;
        norm = std::sqrt(norm);
        for (double& v : unit.row(k)) v /= (norm > 0.0 ? norm : 1.0);
    }
    Association a{std::vector<int>(Fn.rows(), 0), std::vector<double>(Fn.rows(), 0.0)};
    for (std::size_t i = 0; i < Fn.rows(); ++i) {
        const auto f = Fn.row(i);
        double ff = 0.0;
        for (double v : f) ff += v * v;
        double best = std::numeric_limits<double>::infinity();
        for (std::size_t k = 0; k < R; ++k) {
            double dot = 0.0;
            for (std::size_t j = 0; j < m; ++j) dot += f[j] * unit(k, j);
            // ||f - (f.w)w||^2 = ||f||^2 - (f.w)^2 for unit w
            const double d2 = std::max(ff - dot * dot, 0.0);
            if (d2 < best) {
                best = d2;
                a.niche[i] = static_cast<int>(k);
            }
        }
        a.distance[i] = std::sqrt(best);
    }
    return a;
}

namespace {

// Algorithm 4: picks `k` members of the last front, one at a time, for the least crowded niches.
std::vector<int> niching(int k, std::vector<int> nicheCount, const std::vector<int>& lastFront,
                         const std::vector<int>& niche, const std::vector<double>& dist, Rng& rng) {
    const std::size_t R = nicheCount.size();
    std::vector<std::vector<int>> members(R);  // last-front candidates (positions in lastFront) per niche
    for (std::size_t p = 0; p < lastFront.size(); ++p) members[static_cast<std::size_t>(niche[p])].push_back(static_cast<int>(p));
    std::vector<bool> open(R);
    for (std::size_t j = 0; j < R; ++j) open[j] = !members[j].empty();
    std::vector<int> chosen;
    std::vector<int> minNiches;
    while (static_cast<int>(chosen.size()) < k) {
        int minCount = std::numeric_limits<int>::max();
        minNiches.clear();
        for (std::size_t j = 0; j < R; ++j) {
            if (!open[j]) continue;
            if (nicheCount[j] < minCount) {
                minCount = nicheCount[j];
                minNiches.clear();
            }
            if (nicheCount[j] == minCount) minNiches.push_back(static_cast<int>(j));
        }
        assert(!minNiches.empty());
        const auto j = static_cast<std::size_t>(minNiches[static_cast<std::size_t>(
            rng.uniformInt(0, static_cast<std::int64_t>(minNiches.size()) - 1))]);
        auto& cand = members[j];
        std::size_t pick = 0;
        if (nicheCount[j] == 0) {  // an empty niche takes its closest point
            for (std::size_t q = 1; q < cand.size(); ++q)
                if (dist[static_cast<std::size_t>(cand[q])] < dist[static_cast<std::size_t>(cand[pick])]) pick = q;
        } else {
            pick = static_cast<std::size_t>(rng.uniformInt(0, static_cast<std::int64_t>(cand.size()) - 1));
        }
        chosen.push_back(lastFront[static_cast<std::size_t>(cand[pick])]);
        cand.erase(cand.begin() + static_cast<std::ptrdiff_t>(pick));
        ++nicheCount[j];
        if (cand.empty()) open[j] = false;
    }
    return chosen;
}

}  // namespace

std::vector<int> nsga3Survival(const Matrix& F, int n, const Matrix& refDirs, Rng& rng, Normalization* state) {
    if (n < 0) throw Error(ErrorCode::InvalidArgument, "survivor count must be 0 or more, got " + std::to_string(n));
    if (refDirs.empty() || refDirs.cols() != F.cols())
        throw Error(ErrorCode::InvalidArgument, "reference directions have " + std::to_string(refDirs.cols()) +
                                                    " objectives, the points have " + std::to_string(F.cols()));
    const auto fronts = nondominatedFronts(F);
    Normalization local;
    Normalization& norm = state ? *state : local;
    if (!fronts.empty()) norm.update(F, fronts.front());
    std::vector<int> selected;
    std::size_t l = 0;
    while (l < fronts.size() && selected.size() + fronts[l].size() <= static_cast<std::size_t>(n)) {
        selected.insert(selected.end(), fronts[l].begin(), fronts[l].end());
        ++l;
    }
    if (selected.size() == static_cast<std::size_t>(n) || l == fronts.size()) return selected;
    const std::vector<int>& last = fronts[l];
    // Associate S_t = selected + last front with the reference lines in the normalised space.
    std::vector<int> st = selected;
    st.insert(st.end(), last.begin(), last.end());
    const Association a = associate(norm.normalise(F.select(st)), refDirs);
    std::vector<int> nicheCount(refDirs.rows(), 0);
    for (std::size_t p = 0; p < selected.size(); ++p) ++nicheCount[static_cast<std::size_t>(a.niche[p])];
    const std::vector<int> lastNiche(a.niche.begin() + static_cast<std::ptrdiff_t>(selected.size()), a.niche.end());
    const std::vector<double> lastDist(a.distance.begin() + static_cast<std::ptrdiff_t>(selected.size()), a.distance.end());
    const auto extra = niching(n - static_cast<int>(selected.size()), nicheCount, last, lastNiche, lastDist, rng);
    selected.insert(selected.end(), extra.begin(), extra.end());
    return selected;
}

}  // namespace nat::moo
