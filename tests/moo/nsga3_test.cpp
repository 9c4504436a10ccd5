#include "moo/nsga3.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "moo/nondominated_sort.h"
#include "moo/nsga2.h"
#include "moo/reference_directions.h"
#include "test_util.h"

namespace nat::moo {
namespace {

TEST(Nsga3Survival, KeepsWholeFrontsFirst) {
    // Front 0 = rows 0..2, front 1 = rows 3..5, front 2 = row 6.
    const Matrix F = Matrix::fromRows({{0, 1}, {0.5, 0.5}, {1, 0}, {0.2, 1.2}, {0.7, 0.7}, {1.2, 0.2}, {2, 2}});
    Rng rng(1);
    const Matrix dirs = dasDennis(2, 4);
    auto s = nsga3Survival(F, 3, dirs, rng);
    std::sort(s.begin(), s.end());
    EXPECT_EQ(s, (std::vector<int>{0, 1, 2}));
    s = nsga3Survival(F, 6, dirs, rng);
    std::sort(s.begin(), s.end());
    EXPECT_EQ(s, (std::vector<int>{0, 1, 2, 3, 4, 5}));
    EXPECT_EQ(nsga3Survival(F, 10, dirs, rng).size(), 7u);
}

TEST(Nsga3Survival, NichingPrefersEmptyNiches) {
    // Front 0: two points near direction (1,0); the last front has one point near each of the
    // directions (1,0), (0.5,0.5), (0,1). Two survivors from it must go to the two empty niches.
    const Matrix F = Matrix::fromRows({{0, 1}, {1, 0}, {0.05, 1.2}, {0.6, 0.6}, {1.2, 0.05}});
    const Matrix dirs = Matrix::fromRows({{1, 0}, {0.5, 0.5}, {0, 1}});
    for (std::uint64_t seed = 0; seed < 10; ++seed) {
        Rng rng(seed);
        auto s = nsga3Survival(F, 3, dirs, rng);
        std::sort(s.begin(), s.end());
        EXPECT_EQ(s, (std::vector<int>{0, 1, 3})) << seed;
    }
}

TEST(Nsga3Survival, ChoosesClosestPointForEmptyNiche) {
    // One front of five; with nothing selected yet every niche is empty, so each takes its closest point.
    const Matrix F = Matrix::fromRows({{0, 1}, {1, 0}, {0.6, 0.9}, {0.75, 0.75}, {0.9, 0.6}});
    const Matrix dirs = Matrix::fromRows({{1, 0}, {0.5, 0.5}, {0, 1}});
    Rng rng(3);
    auto s = nsga3Survival(F, 3, dirs, rng);
    std::sort(s.begin(), s.end());
    EXPECT_EQ(s, (std::vector<int>{0, 1, 3}));
}

TEST(Nsga3Survival, Deterministic) {
    Rng gen(5);
    Matrix F(300, 3);
    for (double& v : F.data()) v = gen.uniform01();
    const Matrix dirs = dasDennis(3, 12);
    Rng a(9), b(9);
    EXPECT_EQ(nsga3Survival(F, 92, dirs, a), nsga3Survival(F, 92, dirs, b));
    EXPECT_NAT_ERROR(nsga3Survival(F, 10, dasDennis(2, 4), a), ErrorCode::InvalidArgument, "2 objectives, the points have 3");
}

TEST(Nsga2Survival, CrowdingBreaksTheLastFront) {
    const Matrix F = Matrix::fromRows({{0, 4}, {1, 2}, {1.1, 1.9}, {2, 1}, {4, 0}, {5, 5}});
    auto s = nsga2Survival(F, 4);
    std::sort(s.begin(), s.end());
    // Crowding (ranges 4 and 4): row 1: 1.1/4 + 2.1/4 = 0.8, row 2: 1/4 + 1/4 = 0.5, row 3: 2.9/4 + 1.9/4 = 1.2.
    EXPECT_EQ(s, (std::vector<int>{0, 1, 3, 4}));
    const RankCrowding rc = rankAndCrowding(F);
    EXPECT_EQ(rc.rank, (std::vector<int>{0, 0, 0, 0, 0, 1}));
}

}  // namespace
}  // namespace nat::moo
