#include "moo/nsga2.h"

#include <algorithm>
#include <numeric>

#include "base/error.h"
#include "moo/nondominated_sort.h"

namespace nat::moo {

RankCrowding rankAndCrowding(const Matrix& F) {
    RankCrowding rc{std::vector<int>(F.rows(), 0), std::vector<double>(F.rows(), 0.0)};
    const auto fronts = nondominatedFronts(F);
    for (std::size_t k = 0; k < fronts.size(); ++k) {
        const auto cd = crowdingDistance(F, fronts[k]);
        for (std::size_t p = 0; p < fronts[k].size(); ++p) {
            const auto i = static_cast<std::size_t>(fronts[k][p]);
            rc.rank[i] = static_cast<int>(k);
            rc.crowding[i] = cd[p];
        }
    }
    return rc;
}

std::vector<int> nsga2Survival(const Matrix& F, int n) {
    if (n < 0) throw Error(ErrorCode::InvalidArgument, "survivor count must be 0 or more, got " + std::to_string(n));
    std::vector<int> selected;
    for (const auto& front : nondominatedFronts(F)) {
        const std::size_t room = static_cast<std::size_t>(n) - selected.size();
        if (room == 0) break;
        if (front.size() <= room) {
            selected.insert(selected.end(), front.begin(), front.end());
            continue;
        }
        const auto cd = crowdingDistance(F, front);
        std::vector<std::size_t> order(front.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return cd[a] > cd[b]; });
        for (std::size_t k = 0; k < room; ++k) selected.push_back(front[order[k]]);
        break;
    }
    return selected;
}

}  // namespace nat::moo
