#include "surrogate/nelder_mead.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

#include "surrogate/parallel.h"

namespace nat::surrogate {

TEST(NelderMead, FindsRosenbrockMinimum) {
    auto rosen = [](const Eigen::VectorXd& p) { return 100 * std::pow(p[1] - p[0] * p[0], 2) + std::pow(1 - p[0], 2); };
    const NelderMeadResult r = minimiseNelderMead(rosen, Eigen::Vector2d(-1.2, 1.0), Eigen::Vector2d(0.5, 0.5),
                                                  Eigen::Vector2d(-5, -5), Eigen::Vector2d(5, 5), 2000, 1e-14);
    EXPECT_NEAR(r.x[0], 1.0, 1e-3);
    EXPECT_NEAR(r.x[1], 1.0, 2e-3);
    EXPECT_LT(r.value, 1e-6);
    EXPECT_LE(r.evaluations, 2000 + 3);
}

TEST(NelderMead, StaysInsideTheBox) {
    auto f = [](const Eigen::VectorXd& p) { return std::pow(p[0] - 5, 2) + std::pow(p[1] + 1, 2); };
    const NelderMeadResult r = minimiseNelderMead(f, Eigen::Vector2d(2, 0), Eigen::Vector2d(0.5, 0.5),
                                                  Eigen::Vector2d(0, 0), Eigen::Vector2d(2, 2), 300);
    EXPECT_NEAR(r.x[0], 2.0, 1e-6);  // the constrained minimum is the corner (2, 0)
    EXPECT_NEAR(r.x[1], 0.0, 1e-6);
}

TEST(NelderMead, TreatsNonFiniteAsWorst) {
    auto f = [](const Eigen::VectorXd& p) { return p[0] < 0 ? std::nan("") : (p[0] - 1) * (p[0] - 1); };
    const NelderMeadResult r = minimiseNelderMead(f, Eigen::VectorXd::Constant(1, 0.1), Eigen::VectorXd::Constant(1, 1.0),
                                                  Eigen::VectorXd::Constant(1, -3), Eigen::VectorXd::Constant(1, 3), 200);
    EXPECT_NEAR(r.x[0], 1.0, 1e-3);
}

TEST(Parallel, RunsEveryTaskAndRethrowsTheLowestFailure) {
    std::atomic<int> sum{0};
    parallelFor(100, 4, [&](std::size_t i) { sum += static_cast<int>(i); });
    EXPECT_EQ(sum.load(), 4950);
    try {
        parallelFor(50, 3, [](std::size_t i) {
            if (i == 7 || i == 30) throw std::runtime_error("task " + std::to_string(i));
        });
        ADD_FAILURE() << "expected an exception";
    } catch (const std::runtime_error& e) {
        EXPECT_STREQ(e.what(), "task 7");
    }
    EXPECT_GE(resolveThreads(0), 1u);
    EXPECT_EQ(resolveThreads(3), 3u);
}

}  // namespace nat::surrogate
