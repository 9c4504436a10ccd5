#include "moo/decision.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "test_util.h"

namespace nat::moo {
namespace {

TEST(Decision, TradeoffsAndKnee) {
    const Matrix F = Matrix::fromRows({{0, 1}, {0.1, 0.2}, {1, 0}});
    const auto mu = tradeoffs(F);
    // Middle point: against (0,1) gain 0.1, loss 0.8 -> 8; against (1,0) gain 0.2, loss 0.9 -> 4.5.
    EXPECT_NEAR(mu[1], 4.5, 1e-12);
    // (0,1): against the middle gain 0.8, loss 0.1 -> 0.125; against (1,0) 1/1 -> 1.
    EXPECT_NEAR(mu[0], 0.125, 1e-12);
    EXPECT_EQ(kneePoints(F, 1), (std::vector<int>{1}));
    EXPECT_EQ(kneePoints(F, 5).size(), 3u);
}

TEST(Decision, AsfWithWeightsAndPreferencePoint) {
    const Matrix F = Matrix::fromRows({{0, 10}, {5, 5}, {10, 0}});
    EXPECT_EQ(asfSelect(F, {1, 1}), 1);
    EXPECT_EQ(asfSelect(F, {0.1, 1}), 0);  // a small weight makes that objective matter most
    EXPECT_EQ(asfSelect(F, {1, 1}, {10, 0}), 2);
    EXPECT_NAT_ERROR(asfSelect(F, {1, 0}), ErrorCode::InvalidArgument, "weights must be > 0, got 0");
    EXPECT_NAT_ERROR(asfSelect(F, {1}), ErrorCode::InvalidArgument, "ASF weights have 1 values, expected 2");
}

TEST(Decision, PseudoWeights) {
    const Matrix F = Matrix::fromRows({{0, 10}, {5, 5}, {10, 0}, {2, 6}});
    const Matrix W = pseudoWeights(F);
    EXPECT_EQ(W.rowVector(0), (std::vector<double>{1, 0}));
    EXPECT_EQ(W.rowVector(1), (std::vector<double>{0.5, 0.5}));
    // (2,6): (1 - 0.2, 1 - 0.6) / 1.2
    EXPECT_NEAR(W(3, 0), 0.8 / 1.2, 1e-12);
    EXPECT_EQ(pseudoWeightSelect(F, {0.5, 0.5}), 1);
    EXPECT_EQ(pseudoWeightSelect(F, {0.7, 0.3}), 3);
}

TEST(Decision, SubsetSelectionSpreadsAlongCost) {
    // Objectives: (predicted error, cost). The archive front already covers cost 0 and 1.
    const Matrix archive = Matrix::fromRows({{1.0, 0.0}, {0.0, 1.0}});
    const Matrix cand = Matrix::fromRows({{0.6, 0.5}, {0.8, 0.25}, {0.2, 0.9}, {0.4, 0.75}, {0.9, 0.95}});
    EXPECT_EQ(subsetSelection(cand, archive, 1, {1}), (std::vector<int>{0}));  // fills the middle of the gap
    auto three = subsetSelection(cand, archive, 3, {1});
    std::sort(three.begin(), three.end());
    EXPECT_EQ(three, (std::vector<int>{0, 1, 3}));  // 0, .25, .5, .75, 1
    // Row 4 is dominated by row 2; it is only used to pad.
    auto all = subsetSelection(cand, archive, 5, {1});
    EXPECT_EQ(all.size(), 5u);
    EXPECT_EQ(all.back(), 4);
    EXPECT_EQ(subsetSelection(cand, archive, 9, {1}).size(), 5u);
    EXPECT_NAT_ERROR(subsetSelection(cand, archive, 2, {2}), ErrorCode::InvalidArgument, "spread objective 2 is outside 0..1");
}

}  // namespace
}  // namespace nat::moo
