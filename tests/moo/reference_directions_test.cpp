#include "moo/reference_directions.h"

#include <gtest/gtest.h>

#include <cmath>

#include "test_util.h"

namespace nat::moo {
namespace {

void expectOnSimplex(const Matrix& D) {
    for (std::size_t r = 0; r < D.rows(); ++r) {
        double s = 0.0;
        for (double v : D.row(r)) {
            EXPECT_GE(v, -1e-12);
            s += v;
        }
        EXPECT_NEAR(s, 1.0, 1e-9);
    }
}

TEST(ReferenceDirections, DasDennisCounts) {
    // C(H + M - 1, M - 1): Deb & Jain 2014, Table I.
    EXPECT_EQ(numDasDennis(3, 12), 91);
    EXPECT_EQ(numDasDennis(5, 6), 210);
    EXPECT_EQ(numDasDennis(8, 3), 120);
    EXPECT_EQ(numDasDennis(8, 2), 36);
    EXPECT_EQ(numDasDennis(10, 3), 220);
    EXPECT_EQ(numDasDennis(2, 99), 100);
    for (auto [m, h] : {std::pair{3, 12}, {5, 6}, {4, 7}, {2, 10}}) {
        const Matrix D = dasDennis(m, h);
        EXPECT_EQ(static_cast<long long>(D.rows()), numDasDennis(m, h));
        EXPECT_EQ(D.cols(), static_cast<std::size_t>(m));
        expectOnSimplex(D);
    }
}

TEST(ReferenceDirections, DasDennisSmallExact) {
    const Matrix D = dasDennis(3, 2);
    const Matrix expected = Matrix::fromRows({{1, 0, 0}, {0.5, 0.5, 0}, {0.5, 0, 0.5}, {0, 1, 0}, {0, 0.5, 0.5}, {0, 0, 1}});
    EXPECT_EQ(D.data(), expected.data());
}

TEST(ReferenceDirections, TwoLayer) {
    const Matrix D = twoLayerDirections(8, 3, 2);
    ASSERT_EQ(D.rows(), 156u);
    expectOnSimplex(D);
    // The inner layer is shrunk halfway to the centre: no coordinate of it reaches 0 or exceeds 0.5 + 1/16.
    for (std::size_t r = 120; r < 156; ++r)
        for (double v : D.row(r)) {
            EXPECT_GE(v, 1.0 / 16 - 1e-12);
            EXPECT_LE(v, 0.5 + 1.0 / 16 + 1e-12);
        }
}

TEST(ReferenceDirections, RieszEnergySpreadsPoints) {
    const Matrix D = rieszEnergyDirections(3, 30, 7, 300);
    ASSERT_EQ(D.rows(), 30u);
    expectOnSimplex(D);
    for (std::size_t j = 0; j < 3; ++j) EXPECT_DOUBLE_EQ(D(j, j), 1.0);  // corners fixed
    const Matrix start = rieszEnergyDirections(3, 30, 7, 0);
    EXPECT_LT(logRieszEnergy(D, 3.0), logRieszEnergy(start, 3.0) - 1.0);
    // Well spread: no two points closer than a third of the Das-Dennis spacing for a similar count.
    double minDist = 1e9;
    for (std::size_t a = 0; a < D.rows(); ++a)
        for (std::size_t b = a + 1; b < D.rows(); ++b) {
            double d2 = 0;
            for (std::size_t j = 0; j < 3; ++j) d2 += (D(a, j) - D(b, j)) * (D(a, j) - D(b, j));
            minDist = std::min(minDist, std::sqrt(d2));
        }
    EXPECT_GT(minDist, std::sqrt(2.0) / 7 / 3);
    EXPECT_EQ(rieszEnergyDirections(3, 30, 7, 300).data(), D.data());  // deterministic
}

TEST(ReferenceDirections, BadInput) {
    EXPECT_NAT_ERROR(dasDennis(0, 3), ErrorCode::InvalidArgument, "at least 1 objective, got 0");
    EXPECT_NAT_ERROR(dasDennis(3, 0), ErrorCode::InvalidArgument, "partitions must be 1 or more, got 0");
    EXPECT_NAT_ERROR(dasDennis(15, 30), ErrorCode::InvalidArgument, "more than the limit");
    EXPECT_NAT_ERROR(rieszEnergyDirections(3, 2, 0), ErrorCode::InvalidArgument, "n >= M, got M=3, n=2");
}

}  // namespace
}  // namespace nat::moo
