#include "moo/nondominated_sort.h"

#include <gtest/gtest.h>

#include <cmath>

#include "base/rng.h"

namespace nat::moo {
namespace {

// Independent reference: Deb's O(M N^2) peeling, straight from the definition.
std::vector<int> naiveRanks(const Matrix& F) {
    std::vector<int> rank(F.rows(), -1);
    int assigned = 0;
    for (int k = 0; assigned < static_cast<int>(F.rows()); ++k) {
        std::vector<int> now;
        for (std::size_t i = 0; i < F.rows(); ++i) {
            if (rank[i] >= 0) continue;
            bool dominated = false;
            for (std::size_t j = 0; j < F.rows() && !dominated; ++j)
                dominated = rank[j] < 0 && j != i && dominates(F.row(j), F.row(i));
            if (!dominated) now.push_back(static_cast<int>(i));
        }
        for (int i : now) rank[static_cast<std::size_t>(i)] = k;
        assigned += static_cast<int>(now.size());
    }
    return rank;
}

Matrix randomPoints(int n, int m, std::uint64_t seed, bool grid = false) {
    Rng rng(seed);
    Matrix F(static_cast<std::size_t>(n), static_cast<std::size_t>(m));
    for (double& v : F.data()) v = grid ? static_cast<double>(rng.uniformInt(0, 4)) : rng.uniform01();
    return F;
}

TEST(Dominance, Definition) {
    EXPECT_TRUE(dominates(std::vector<double>{1, 2}, std::vector<double>{1, 3}));
    EXPECT_FALSE(dominates(std::vector<double>{1, 2}, std::vector<double>{1, 2}));
    EXPECT_FALSE(dominates(std::vector<double>{1, 3}, std::vector<double>{2, 2}));
}

TEST(NondominatedSort, HandMadeFronts) {
    // Front 0: (1,4) (2,2) (4,1); front 1: (3,3) (2,5); front 2: (4,4); (2,2) repeated shares front 0.
    const Matrix F = Matrix::fromRows({{3, 3}, {1, 4}, {4, 4}, {2, 2}, {4, 1}, {2, 5}, {2, 2}});
    const auto fronts = nondominatedFronts(F);
    ASSERT_EQ(fronts.size(), 3u);
    EXPECT_EQ(fronts[0], (std::vector<int>{1, 3, 4, 6}));
    EXPECT_EQ(fronts[1], (std::vector<int>{0, 5}));
    EXPECT_EQ(fronts[2], (std::vector<int>{2}));
    EXPECT_EQ(nondominatedRanks(F), (std::vector<int>{1, 0, 2, 0, 0, 1, 0}));
}

TEST(NondominatedSort, ThreeObjectiveChain) {
    const Matrix F = Matrix::fromRows({{3, 3, 3}, {1, 1, 1}, {2, 2, 2}, {1, 2, 0}});
    EXPECT_EQ(nondominatedRanks(F), (std::vector<int>{2, 0, 1, 0}));
    EXPECT_TRUE(nondominatedFronts(Matrix{}).empty());
}

TEST(NondominatedSort, MatchesNaiveOnRandomSets) {
    for (int m : {2, 3, 5}) {
        for (std::uint64_t seed = 0; seed < 5; ++seed) {
            const Matrix F = randomPoints(200, m, seed * 31 + static_cast<std::uint64_t>(m), seed % 2 == 1);
            EXPECT_EQ(nondominatedRanks(F), naiveRanks(F)) << "m=" << m << " seed=" << seed;
        }
    }
}

TEST(CrowdingDistance, KnownAnswer) {
    const Matrix F = Matrix::fromRows({{0, 4}, {1, 2}, {2, 1}, {4, 0}});
    const auto cd = crowdingDistance(F, {0, 1, 2, 3});
    EXPECT_TRUE(std::isinf(cd[0]));
    EXPECT_TRUE(std::isinf(cd[3]));
    EXPECT_DOUBLE_EQ(cd[1], 2.0 / 4 + 3.0 / 4);
    EXPECT_DOUBLE_EQ(cd[2], 3.0 / 4 + 2.0 / 4);
    EXPECT_TRUE(std::isinf(crowdingDistance(F, {1, 2})[1]));
}

}  // namespace
}  // namespace nat::moo
