#include "moo/normalization.h"

#include <gtest/gtest.h>

#include "moo/nsga3.h"

namespace nat::moo {
namespace {

TEST(Normalization, SolveLinear) {
    const Matrix A = Matrix::fromRows({{2, 1}, {1, 3}});
    const auto x = solveLinear(A, {3, 5});
    ASSERT_TRUE(x);
    EXPECT_NEAR((*x)[0], 0.8, 1e-12);
    EXPECT_NEAR((*x)[1], 1.4, 1e-12);
    EXPECT_FALSE(solveLinear(Matrix::fromRows({{1, 2}, {2, 4}}), {1, 1}));
}

TEST(Normalization, ExtremePointsAndIntercepts) {
    // Points on the plane f1/2 + f2/4 + f3/8 = 1 plus interior points; ideal (0,0,0).
    const Matrix F = Matrix::fromRows({{2, 0, 0}, {0, 4, 0}, {0, 0, 8}, {1, 2, 0}, {0.5, 1, 2}, {1, 1, 1}});
    const std::vector<double> ideal{0, 0, 0};
    const Matrix E = extremePoints(F, ideal);
    EXPECT_EQ(E.rowVector(0), (std::vector<double>{2, 0, 0}));
    EXPECT_EQ(E.rowVector(1), (std::vector<double>{0, 4, 0}));
    EXPECT_EQ(E.rowVector(2), (std::vector<double>{0, 0, 8}));
    const auto a = hyperplaneIntercepts(E, ideal);
    ASSERT_TRUE(a);
    EXPECT_NEAR((*a)[0], 2, 1e-12);
    EXPECT_NEAR((*a)[1], 4, 1e-12);
    EXPECT_NEAR((*a)[2], 8, 1e-12);
}

TEST(Normalization, TiltedPlaneHandComputed) {
    // Extremes (1,0.1,0.1), (0.1,2,0.1), (0.1,0.1,3) relative to ideal (0,0,0). Solving E b = 1 by
    // Cramer's rule in exact fractions: b = (2755, 1305, 855) / 2971, so a = 2971 / (2755, 1305, 855).
    const Matrix E = Matrix::fromRows({{1, 0.1, 0.1}, {0.1, 2, 0.1}, {0.1, 0.1, 3}});
    const auto a = hyperplaneIntercepts(E, {0, 0, 0});
    ASSERT_TRUE(a);
    EXPECT_NEAR((*a)[0], 2971.0 / 2755, 1e-12);
    EXPECT_NEAR((*a)[1], 2971.0 / 1305, 1e-12);
    EXPECT_NEAR((*a)[2], 2971.0 / 855, 1e-12);
    // A translated copy gives the same intercepts.
    Matrix shifted = E;
    for (double& v : shifted.data()) v += 0.5;
    const auto b = hyperplaneIntercepts(shifted, {0.5, 0.5, 0.5});
    ASSERT_TRUE(b);
    EXPECT_NEAR((*b)[2], 2971.0 / 855, 1e-12);
}

TEST(Normalization, UpdateAndDegenerateFallback) {
    const Matrix F = Matrix::fromRows({{1, 3}, {2, 2}, {3, 1}, {5, 5}});
    Normalization n;
    n.update(F, {0, 1, 2});
    EXPECT_EQ(n.ideal, (std::vector<double>{1, 1}));
    // Extremes (3,1) and (1,3); translated by the ideal they are (2,0) and (0,2), so a = (2, 2) and
    // nadir = ideal + a = (3, 3).
    EXPECT_NEAR(n.nadir[0], 3, 1e-12);
    EXPECT_NEAR(n.nadir[1], 3, 1e-12);

    const Matrix G = Matrix::fromRows({{1, 1, 1}, {1, 1, 1}, {2, 2, 2}});
    Normalization d;
    d.update(G, {0, 1});
    // Identical extremes make the system singular; the first front's worst equals the ideal, so
    // the population's worst is used.
    EXPECT_EQ(d.nadir, (std::vector<double>{2, 2, 2}));
    const Matrix N = d.normalise(G);
    EXPECT_EQ(N.rowVector(2), (std::vector<double>{1, 1, 1}));
}

TEST(Normalization, NadirNeverBeyondPopulationWorst) {
    const Matrix F = Matrix::fromRows({{0, 1}, {1, 0.01}, {0.5, 0.6}});
    Normalization n;
    n.update(F, {0, 1, 2});
    EXPECT_LE(n.nadir[0], 1.0 + 1e-12);
    EXPECT_LE(n.nadir[1], 1.0 + 1e-12);
}

TEST(Association, PerpendicularDistance) {
    const Matrix dirs = Matrix::fromRows({{1, 0}, {0.5, 0.5}, {0, 1}});
    const Matrix Fn = Matrix::fromRows({{1, 0.1}, {0.4, 0.6}, {0, 2}});
    const Association a = associate(Fn, dirs);
    EXPECT_EQ(a.niche, (std::vector<int>{0, 1, 2}));
    EXPECT_NEAR(a.distance[0], 0.1, 1e-12);
    EXPECT_NEAR(a.distance[1], 0.2 / std::sqrt(2.0), 1e-12);
    EXPECT_NEAR(a.distance[2], 0.0, 1e-12);
}

}  // namespace
}  // namespace nat::moo
