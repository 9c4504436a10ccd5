#include "moo/operators.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "test_util.h"

namespace nat::moo {
namespace {

// Statistical tests use fixed seeds (ARCHITECTURE.md §5): deterministic, with tolerances of several
// standard errors so they test the distribution, not the seed.

TEST(Operators, SbxIsSymmetricAndBounded) {
    const Bounds b{{0.0}, {1.0}};
    Rng rng(11);
    const std::vector<double> p1{0.3}, p2{0.5};
    std::vector<double> c1(1), c2(1);
    double sum = 0.0, within = 0.0;
    const int n = 20000;
    for (int i = 0; i < n; ++i) {
        simulatedBinaryCrossover(p1, p2, c1, c2, b, 30.0, 1.0, rng);
        for (double c : {c1[0], c2[0]}) {
            ASSERT_GE(c, 0.0);
            ASSERT_LE(c, 1.0);
            sum += c;
            within += std::fabs(c - 0.4) <= 0.1 + 1e-12;  // inside the parents' span
        }
        EXPECT_NEAR(c1[0] + c2[0], 0.8, 0.02);  // children centred on the parents' mean (small asymmetry near bounds)
    }
    EXPECT_NEAR(sum / (2 * n), 0.4, 0.002);
    // With eta = 30, beta_q is within [0.9, 1.0] half of the time... children land between parents
    // with probability P(beta_q <= 1) = 1/2 (Deb & Agrawal 1995, the contracting case).
    EXPECT_NEAR(within / (2 * n), 0.5, 0.02);
}

TEST(Operators, SbxProbVarZeroCopiesParents) {
    const Bounds b{{0, 0}, {1, 1}};
    Rng rng(1);
    std::vector<double> p1{0.1, 0.2}, p2{0.8, 0.9}, c1(2), c2(2);
    simulatedBinaryCrossover(p1, p2, c1, c2, b, 15, 0.0, rng);
    EXPECT_EQ(c1, p1);
    EXPECT_EQ(c2, p2);
}

TEST(Operators, PolynomialMutationDistribution) {
    const Bounds b{{0.0}, {1.0}};
    Rng rng(3);
    const int n = 20000;
    int changed = 0, below = 0;
    double absDev = 0.0;
    for (int i = 0; i < n; ++i) {
        std::vector<double> x{0.5};
        polynomialMutation(x, b, 20.0, 0.3, rng);
        ASSERT_GE(x[0], 0.0);
        ASSERT_LE(x[0], 1.0);
        if (x[0] != 0.5) {
            ++changed;
            below += x[0] < 0.5;
            absDev += std::fabs(x[0] - 0.5);
        }
    }
    EXPECT_NEAR(static_cast<double>(changed) / n, 0.3, 0.015);
    EXPECT_NEAR(static_cast<double>(below) / changed, 0.5, 0.02);  // symmetric at the centre
    // E|delta| for eta = 20 at the centre: integral of the polynomial density, 1/(eta + 2) scaled by the
    // range ((1 - 0.5^21) correction is negligible): 1/22 = 0.04545.
    EXPECT_NEAR(absDev / changed, 1.0 / 22.0, 0.002);
}

TEST(Operators, TwoPointCrossoverExchangesOneSegment) {
    Rng rng(5);
    const std::vector<double> p1{0, 0, 0, 0, 0, 0}, p2{1, 1, 1, 1, 1, 1};
    std::vector<double> c1(6), c2(6);
    std::vector<int> swappedAt(6, 0);
    const int n = 12000;
    for (int i = 0; i < n; ++i) {
        twoPointCrossover(p1, p2, c1, c2, rng);
        int runs = 0;
        for (std::size_t j = 0; j < 6; ++j) {
            ASSERT_EQ(c1[j] + c2[j], 1.0);
            swappedAt[j] += c1[j] == 1.0;
            if (c1[j] == 1.0 && (j == 0 || c1[j - 1] == 0.0)) ++runs;
        }
        ASSERT_EQ(runs, 1);  // exactly one contiguous, non-empty segment
    }
    // Cut points a < b uniform over the 21 pairs of {0..6}: position j is inside with probability
    // (j + 1)(6 - j) / 21.
    for (int j = 0; j < 6; ++j) EXPECT_NEAR(static_cast<double>(swappedAt[static_cast<std::size_t>(j)]) / n, (j + 1) * (6 - j) / 21.0, 0.015);
}

TEST(Operators, IntegerPolynomialMutation) {
    const Bounds b{{0.0}, {4.0}};
    Rng rng(7);
    std::map<int, int> counts;
    const int n = 20000;
    for (int i = 0; i < n; ++i) {
        std::vector<double> x{2.0};
        integerPolynomialMutation(x, b, 1.0, 1.0, rng);
        ASSERT_EQ(x[0], std::round(x[0]));
        ++counts[static_cast<int>(x[0])];
    }
    EXPECT_EQ(counts.size(), 5u);  // eta = 1 reaches every value
    EXPECT_NEAR(static_cast<double>(counts[1]) / counts[3], 1.0, 0.06);  // symmetric around the centre
    EXPECT_NEAR(static_cast<double>(counts[0]) / counts[4], 1.0, 0.1);
    EXPECT_GT(counts[2], counts[1]);
    EXPECT_GT(counts[1], counts[0]);
}

TEST(Operators, UniformIntegerSamplingIsUniform) {
    const Bounds b{{0, -2}, {3, 2}};
    Rng rng(13);
    const Matrix X = uniformSampling(10000, b, true, rng);
    std::vector<int> c0(4, 0), c1(5, 0);
    for (std::size_t r = 0; r < X.rows(); ++r) {
        ++c0[static_cast<std::size_t>(X(r, 0))];
        ++c1[static_cast<std::size_t>(X(r, 1) + 2)];
    }
    // Chi-square with 3 and 4 degrees of freedom below their 0.999 quantiles (16.3, 18.5).
    auto chi2 = [](const std::vector<int>& c, double expected) {
        double s = 0;
        for (int v : c) s += (v - expected) * (v - expected) / expected;
        return s;
    };
    EXPECT_LT(chi2(c0, 2500.0), 16.3);
    EXPECT_LT(chi2(c1, 2000.0), 18.5);
}

TEST(Operators, LatinHypercubeStrata) {
    const Bounds real{{0.0, 10.0}, {1.0, 20.0}};
    Rng rng(17);
    const int n = 50;
    const Matrix X = latinHypercubeSampling(n, real, false, rng);
    for (std::size_t j = 0; j < 2; ++j) {
        std::vector<int> strata(n, 0);
        for (std::size_t r = 0; r < X.rows(); ++r) {
            const double u = (X(r, j) - real.lower[j]) / (real.upper[j] - real.lower[j]);
            ++strata[static_cast<std::size_t>(u * n)];
        }
        for (int s : strata) EXPECT_EQ(s, 1);
    }
    const Bounds ints{{0.0}, {4.0}};
    const Matrix Y = latinHypercubeSampling(23, ints, true, rng);
    std::vector<int> counts(5, 0);
    for (std::size_t r = 0; r < Y.rows(); ++r) ++counts[static_cast<std::size_t>(Y(r, 0))];
    for (int c : counts) {
        EXPECT_GE(c, 4);  // floor(23/5) or ceil(23/5)
        EXPECT_LE(c, 5);
    }
}

TEST(Operators, DuplicateElimination) {
    const Matrix X = Matrix::fromRows({{1, 2}, {3, 4}, {1, 2}, {-0.0, 5}, {0.0, 5}, {7, 7}});
    EXPECT_EQ(uniqueRowIndices(X), (std::vector<int>{0, 1, 3, 5}));
    const Matrix archive = Matrix::fromRows({{7, 7}, {3, 4}});
    EXPECT_EQ(uniqueRowIndices(X, archive), (std::vector<int>{0, 3}));
    EXPECT_NAT_ERROR(uniqueRowIndices(X, Matrix::fromRows({{1, 2, 3}})), ErrorCode::InvalidArgument, "exclude set has 3 columns");
}

}  // namespace
}  // namespace nat::moo
