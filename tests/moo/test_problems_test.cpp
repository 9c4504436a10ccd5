#include "moo/test_problems.h"

#include <gtest/gtest.h>

#include <cmath>

#include "moo/nondominated_sort.h"
#include "moo/reference_directions.h"
#include "test_util.h"

namespace nat::moo {
namespace {

Matrix rowOf(std::vector<double> x) { return Matrix::fromRows({std::move(x)}); }

TEST(TestProblems, DtlzShapes) {
    const Dtlz d1(1, 3), d2(2, 3), d3(3, 3), d4(4, 3);
    EXPECT_EQ(d1.numVariables(), 7);
    EXPECT_EQ(d2.numVariables(), 12);
    // On the optimal set (x_M = 0.5): DTLZ1 sums to 1/2, DTLZ2-4 lie on the unit sphere.
    std::vector<double> x1(7, 0.5), x2(12, 0.5);
    x1[0] = 0.3, x1[1] = 0.8;
    x2[0] = 0.3, x2[1] = 0.8;
    const Matrix f1 = d1.evaluate(rowOf(x1));
    EXPECT_NEAR(f1(0, 0) + f1(0, 1) + f1(0, 2), 0.5, 1e-12);
    EXPECT_NEAR(f1(0, 0), 0.5 * 0.3 * 0.8, 1e-12);
    EXPECT_NEAR(f1(0, 2), 0.5 * 0.7, 1e-12);
    for (const Dtlz* d : {&d2, &d3, &d4}) {
        const Matrix f = d->evaluate(rowOf(x2));
        EXPECT_NEAR(f(0, 0) * f(0, 0) + f(0, 1) * f(0, 1) + f(0, 2) * f(0, 2), 1.0, 1e-12) << d->name();
    }
    // DTLZ1 at x = 0: g = 100 (5 + 5 (0.25 - cos(-10 pi))) = 125, so the objectives sum to 63.
    const Matrix f0 = d1.evaluate(rowOf(std::vector<double>(7, 0.0)));
    EXPECT_NEAR(f0(0, 0) + f0(0, 1) + f0(0, 2), 63.0, 1e-9);
    // DTLZ2: f3 = sin(x1 pi/2) with g = 0.
    EXPECT_NEAR(d2.evaluate(rowOf(x2))(0, 2), std::sin(0.3 * M_PI / 2), 1e-12);
}

TEST(TestProblems, DtlzFronts) {
    const Matrix dirs = dasDennis(3, 4);
    const Matrix p1 = Dtlz(1, 3).paretoFront(dirs), p2 = Dtlz(2, 3).paretoFront(dirs);
    for (std::size_t r = 0; r < dirs.rows(); ++r) {
        EXPECT_NEAR(p1(r, 0) + p1(r, 1) + p1(r, 2), 0.5, 1e-12);
        EXPECT_NEAR(p2(r, 0) * p2(r, 0) + p2(r, 1) * p2(r, 1) + p2(r, 2) * p2(r, 2), 1.0, 1e-12);
    }
}

TEST(TestProblems, Zdt) {
    const Zdt z1(1), z2(2), z3(3);
    std::vector<double> x(30, 0.0);
    x[0] = 0.25;
    EXPECT_NEAR(z1.evaluate(rowOf(x))(0, 1), 0.5, 1e-12);
    EXPECT_NEAR(z2.evaluate(rowOf(x))(0, 1), 1 - 0.0625, 1e-12);
    EXPECT_NEAR(z3.evaluate(rowOf(x))(0, 1), 0.5 - 0.25 * std::sin(2.5 * M_PI), 1e-12);
    x[5] = 1.0;  // g = 1 + 9/29
    EXPECT_NEAR(z1.evaluate(rowOf(x))(0, 1), (1 + 9.0 / 29) * (1 - std::sqrt(0.25 / (1 + 9.0 / 29))), 1e-12);
    const Matrix f3 = z3.paretoFront(500);
    EXPECT_LT(f3.rows(), 500u);  // ZDT3's front is disconnected
    EXPECT_EQ(nondominatedIndices(f3).size(), f3.rows());
    EXPECT_EQ(z1.paretoFront(11).rows(), 11u);
}

TEST(TestProblems, Factory) {
    EXPECT_EQ(makeTestProblem("dtlz3", 5)->numObjectives(), 5);
    EXPECT_EQ(makeTestProblem("zdt2", 7)->numObjectives(), 2);
    EXPECT_NAT_ERROR(makeTestProblem("dtlz9", 3), ErrorCode::InvalidArgument,
                     "unknown test problem 'dtlz9', expected one of dtlz1|dtlz2|dtlz3|dtlz4|zdt1|zdt2|zdt3");
    EXPECT_NAT_ERROR(makeTestProblem("dtlz1", 1), ErrorCode::InvalidArgument, "2 or more objectives, got 1");
}

}  // namespace
}  // namespace nat::moo
