#include "moo/hypervolume.h"

#include <gtest/gtest.h>

#include <cmath>

#include "base/rng.h"
#include "test_util.h"

namespace nat::moo {
namespace {

// Independent brute force: inclusion-exclusion over all non-empty subsets (the union of the boxes
// [p, ref]); exponential, so only for small sets.
double bruteForce(const Matrix& F, const std::vector<double>& ref) {
    const std::size_t n = F.rows(), m = F.cols();
    double total = 0.0;
    for (std::uint32_t mask = 1; mask < (1u << n); ++mask) {
        std::vector<double> corner(m, -1e300);
        for (std::size_t i = 0; i < n; ++i)
            if (mask & (1u << i))
                for (std::size_t j = 0; j < m; ++j) corner[j] = std::max(corner[j], F(i, j));
        double v = 1.0;
        for (std::size_t j = 0; j < m; ++j) v *= std::max(0.0, ref[j] - corner[j]);
        total += (__builtin_popcount(mask) % 2 ? 1.0 : -1.0) * v;
    }
    return total;
}

Matrix randomFront(int n, int m, Rng& rng) {
    // Points near the simplex sum f = 1 so that most are mutually non-dominated.
    Matrix F(static_cast<std::size_t>(n), static_cast<std::size_t>(m));
    for (std::size_t r = 0; r < F.rows(); ++r) {
        double s = 0.0;
        for (std::size_t j = 0; j < F.cols(); ++j) s += (F(r, j) = rng.uniform(0.05, 1.0));
        for (std::size_t j = 0; j < F.cols(); ++j) F(r, j) = F(r, j) / s + rng.uniform(0.0, 0.1);
    }
    return F;
}

TEST(Hypervolume, TextbookValues) {
    EXPECT_DOUBLE_EQ(hypervolume(Matrix::fromRows({{1, 3}, {2, 2}, {3, 1}}), {4, 4}), 6.0);
    EXPECT_DOUBLE_EQ(hypervolume(Matrix::fromRows({{0, 0, 0}}), {1, 1, 1}), 1.0);
    // Unit vectors e_i with reference 2*(1..1): everything but the unit cube, 2^M - 1.
    for (int m = 2; m <= 6; ++m) {
        Matrix F(static_cast<std::size_t>(m), static_cast<std::size_t>(m), 0.0);
        for (int i = 0; i < m; ++i) F(static_cast<std::size_t>(i), static_cast<std::size_t>(i)) = 1.0;
        EXPECT_DOUBLE_EQ(hypervolume(F, std::vector<double>(static_cast<std::size_t>(m), 2.0)), std::pow(2.0, m) - 1) << m;
    }
    EXPECT_DOUBLE_EQ(hypervolume(Matrix::fromRows({{0.5}, {0.2}}), {1.0}), 0.8);
}

TEST(Hypervolume, IgnoresPointsOutsideTheReferenceAndDuplicates) {
    const Matrix F = Matrix::fromRows({{1, 1}, {1, 1}, {5, 0}, {0, 4}, {2, 2}});
    EXPECT_DOUBLE_EQ(hypervolume(F, {3, 3}), 4.0);
    EXPECT_DOUBLE_EQ(hypervolumeWfg(Matrix::fromRows({{1, 1, 1, 1}, {1, 1, 1, 1}}), {2, 2, 2, 2}), 1.0);
    EXPECT_DOUBLE_EQ(hypervolume(Matrix{}, {1, 1}), 0.0);
    EXPECT_NAT_ERROR(hypervolume(F, {1, 1, 1}), ErrorCode::InvalidArgument, "reference point has 3 values, the points have 2");
}

TEST(Hypervolume, MatchesBruteForceOnRandomSets) {
    Rng rng(2024);
    for (int m = 2; m <= 6; ++m)
        for (int trial = 0; trial < 6; ++trial) {
            const Matrix F = randomFront(10, m, rng);
            const std::vector<double> ref(static_cast<std::size_t>(m), 1.2);
            const double expected = bruteForce(F, ref);
            EXPECT_NEAR(hypervolume(F, ref), expected, 1e-12 * std::max(1.0, expected)) << "m=" << m;
            EXPECT_NEAR(hypervolumeWfg(F, ref), expected, 1e-12 * std::max(1.0, expected)) << "m=" << m;
        }
}

TEST(Hypervolume, SweepsAgreeWithWfgOnLargerSets) {
    Rng rng(7);
    const Matrix F3 = randomFront(300, 3, rng);
    EXPECT_NEAR(hypervolume3d(F3, {1.2, 1.2, 1.2}), hypervolumeWfg(F3, {1.2, 1.2, 1.2}), 1e-10);
    // The WFG bottoms out in the 3-D sweep; check it against the slicing definition in 4-D too:
    // HV4 = integral over f4 of the 3-D HV of the points whose f4 lies below the slice.
    const Matrix F4 = randomFront(40, 4, rng);
    const std::vector<double> ref{1.2, 1.2, 1.2, 1.2};
    std::vector<double> cuts;
    for (std::size_t r = 0; r < F4.rows(); ++r) cuts.push_back(F4(r, 3));
    cuts.push_back(1.2);
    std::sort(cuts.begin(), cuts.end());
    double sliced = 0.0;
    for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
        Matrix below(0, 3);
        for (std::size_t r = 0; r < F4.rows(); ++r)
            if (F4(r, 3) <= cuts[k]) below.appendRow(F4.row(r).first(3));
        sliced += hypervolume3d(below, {1.2, 1.2, 1.2}) * (cuts[k + 1] - cuts[k]);
    }
    EXPECT_NEAR(hypervolumeWfg(F4, ref), sliced, 1e-10);
}

TEST(Hypervolume, MonteCarloIntervalCoversExact) {
    Rng rng(99);
    const Matrix F = randomFront(30, 4, rng);
    const std::vector<double> ref(4, 1.2);
    const double exact = hypervolume(F, ref);
    const auto est = hypervolumeMonteCarlo(F, ref, 200000, 5);
    EXPECT_LE(est.lower, exact);
    EXPECT_GE(est.upper, exact);
    EXPECT_LT(est.standardError, 0.01 * exact);
    EXPECT_NEAR((est.upper - est.value) / est.standardError, 1.959964, 1e-4);
    EXPECT_NAT_ERROR(hypervolumeMonteCarlo(F, ref, 0, 1), ErrorCode::InvalidArgument, "samples must be 1 or more, got 0");
}

}  // namespace
}  // namespace nat::moo
