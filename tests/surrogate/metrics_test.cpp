#include "surrogate/metrics.h"

#include <gtest/gtest.h>

#include <cmath>

#include "base/rng.h"
#include "test_util.h"

namespace nat::surrogate {

namespace {

Eigen::VectorXd vec(std::initializer_list<double> v) {
    Eigen::VectorXd out(static_cast<Eigen::Index>(v.size()));
    Eigen::Index i = 0;
    for (double x : v) out[i++] = x;
    return out;
}

// O(n²) τ-b straight from the definition, the reference the fast version is checked against.
double kendallBruteForce(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
    double concordant = 0, discordant = 0, tiesA = 0, tiesB = 0;
    for (Eigen::Index i = 0; i < a.size(); ++i)
        for (Eigen::Index j = i + 1; j < a.size(); ++j) {
            const double da = a[i] - a[j], db = b[i] - b[j];
            if (da == 0 && db == 0) continue;
            if (da == 0) {
                tiesA += 1;
            } else if (db == 0) {
                tiesB += 1;
            } else if ((da > 0) == (db > 0)) {
                concordant += 1;
            } else {
                discordant += 1;
            }
        }
    return (concordant - discordant) / std::sqrt((concordant + discordant + tiesA) * (concordant + discordant + tiesB));
}

}  // namespace

TEST(Metrics, RmseKnownAnswer) {
    EXPECT_NEAR(rmse(vec({1, 2, 3}), vec({1, 2, 5})), 1.1547005383792515, 1e-15);
    EXPECT_EQ(rmse(vec({1, 2}), vec({1, 2})), 0.0);
}

TEST(Metrics, PearsonKnownAnswer) {
    EXPECT_NEAR(pearson(vec({1, 2, 3, 4, 5}), vec({2, 4, 5, 4, 5})), 0.7745966692414834, 1e-15);
    EXPECT_NEAR(pearson(vec({1, 2, 3}), vec({-2, -4, -6})), -1.0, 1e-15);
    EXPECT_TRUE(std::isnan(pearson(vec({1, 1, 1}), vec({1, 2, 3}))));
}

TEST(Metrics, SpearmanKnownAnswerWithTies) {
    // SciPy's documented example: spearmanr([1,2,3,4,5], [5,6,7,8,7]) = 0.8207826816681233.
    EXPECT_NEAR(spearman(vec({1, 2, 3, 4, 5}), vec({5, 6, 7, 8, 7})), 0.8207826816681233, 1e-12);
    const Eigen::VectorXd r = averageRanks(vec({10, 20, 10, 5}));
    EXPECT_EQ(r, vec({2.5, 4, 2.5, 1}));
    // Monotone but non-linear: ρ = 1 while Pearson < 1.
    EXPECT_NEAR(spearman(vec({1, 2, 3, 4}), vec({1, 8, 27, 64})), 1.0, 1e-15);
}

TEST(Metrics, KendallKnownAnswers) {
    // 7 concordant, 3 discordant pairs: (7 − 3) / 10.
    EXPECT_NEAR(kendallTau(vec({1, 2, 3, 4, 5}), vec({3, 1, 2, 5, 4})), 0.4, 1e-15);
    // SciPy's documented τ-b example with ties in both vectors.
    EXPECT_NEAR(kendallTau(vec({12, 2, 1, 12, 2}), vec({1, 4, 7, 1, 0})), -0.47140452079103173, 1e-12);
    EXPECT_NEAR(kendallTau(vec({1, 2, 3}), vec({3, 2, 1})), -1.0, 1e-15);
    EXPECT_TRUE(std::isnan(kendallTau(vec({2, 2, 2}), vec({1, 2, 3}))));
}

TEST(Metrics, KendallMatchesBruteForceWithAndWithoutTies) {
    Rng rng(42);
    for (int trial = 0; trial < 200; ++trial) {
        const auto n = static_cast<Eigen::Index>(rng.uniformInt(2, 60));
        const int levels = static_cast<int>(rng.uniformInt(2, 8));  // few levels: many ties
        const bool continuous = trial % 4 == 0;
        Eigen::VectorXd a(n), b(n);
        for (Eigen::Index i = 0; i < n; ++i) {
            a[i] = continuous ? rng.uniform01() : static_cast<double>(rng.uniformInt(0, levels));
            b[i] = continuous ? a[i] + rng.normal() : static_cast<double>(rng.uniformInt(0, levels));
        }
        const double fast = kendallTau(a, b), slow = kendallBruteForce(a, b);
        if (std::isnan(slow)) {
            EXPECT_TRUE(std::isnan(fast));
        } else {
            EXPECT_NEAR(fast, slow, 1e-12) << "trial " << trial << " n " << n;
        }
    }
}

TEST(Metrics, KendallIsFastOnLargeInputs) {
    // 200,000 values would take minutes with the O(n²) definition.
    Rng rng(1);
    Eigen::VectorXd a(200000), b(200000);
    for (Eigen::Index i = 0; i < a.size(); ++i) a[i] = rng.uniform01(), b[i] = a[i] + 0.1 * rng.normal();
    const double tau = kendallTau(a, b);
    EXPECT_GT(tau, 0.5);
    EXPECT_LT(tau, 1.0);
}

TEST(Metrics, ErrorsNameTheProblem) {
    EXPECT_NAT_ERROR(kendallTau(vec({1, 2}), vec({1, 2, 3})), ErrorCode::InvalidArgument, "differ in length (2 vs 3)");
    EXPECT_NAT_ERROR(spearman(vec({1}), vec({1})), ErrorCode::InvalidArgument, "needs at least 2 values, got 1");
    EXPECT_NAT_ERROR(rmse(vec({1, NAN}), vec({1, 2})), ErrorCode::InvalidArgument, "must be finite numbers");
    EXPECT_NAT_ERROR(pearson(vec({1, 2}), vec({INFINITY, 2})), ErrorCode::InvalidArgument, "second vector");
}

}  // namespace nat::surrogate
