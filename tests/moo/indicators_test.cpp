#include "moo/indicators.h"

#include <gtest/gtest.h>

#include <cmath>

#include "test_util.h"

namespace nat::moo {
namespace {

TEST(Indicators, IgdKnownAnswer) {
    const Matrix Z = Matrix::fromRows({{0, 1}, {0.5, 0.5}, {1, 0}});
    EXPECT_DOUBLE_EQ(igd(Z, Z), 0.0);
    const Matrix F = Matrix::fromRows({{0, 1}, {1, 0}});
    // Only the middle target is missed, by sqrt(0.5).
    EXPECT_NEAR(igd(F, Z), std::sqrt(0.5) / 3, 1e-15);
    const Matrix G = Matrix::fromRows({{1, 2}});
    EXPECT_NEAR(igd(G, Z), (std::sqrt(2.0) + std::sqrt(0.25 + 2.25) + 2.0) / 3, 1e-15);
}

TEST(Indicators, IgdPlusCountsOnlyInferiority) {
    const Matrix Z = Matrix::fromRows({{0, 1}, {1, 0}});
    // A point better than a target in one objective is not penalised for it.
    const Matrix F = Matrix::fromRows({{0.5, 0.5}});
    EXPECT_NEAR(igd(F, Z), std::sqrt(0.5), 1e-15);
    EXPECT_NEAR(igdPlus(F, Z), 0.5, 1e-15);
    EXPECT_DOUBLE_EQ(igdPlus(Matrix::fromRows({{0, 0}}), Z), 0.0);
}

TEST(Indicators, BadInput) {
    EXPECT_NAT_ERROR(igd(Matrix{}, Matrix::fromRows({{1, 2}})), ErrorCode::InvalidArgument, "IGD needs non-empty points");
    EXPECT_NAT_ERROR(igdPlus(Matrix::fromRows({{1}}), Matrix::fromRows({{1, 2}})), ErrorCode::InvalidArgument,
                     "points have 1 objectives, targets have 2");
}

}  // namespace
}  // namespace nat::moo
