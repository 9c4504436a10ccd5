// Full-size checks with the default settings (22 variables, 300 samples, 10 folds): seconds in a
// release build, minutes under ASan, so labelled slow.
#include <gtest/gtest.h>

#include "surrogate/adaptive_switching.h"
#include "surrogate/holdout_eval.h"
#include "surrogate/metrics.h"
#include "synthetic.h"

namespace nat::surrogate {

TEST(SurrogateSlow, DefaultSwitchingOnNatSizedProblem) {
    Rng rng(1);
    const Eigen::MatrixXd x = test::randomInputs(300, 22, 10, rng), xt = test::randomInputs(2000, 22, 10, rng);
    const Eigen::VectorXd y = test::evaluate(test::smoothFn, x, 0.1, &rng);
    AdaptiveSwitching sw(defaultCandidates(), {});
    sw.fit(x, y, rng);
    for (const auto& m : sw.report().models) EXPECT_TRUE(m.ok) << m.name << ": " << m.error;
    EXPECT_GT(kendallTau(test::evaluate(test::smoothFn, xt), sw.predict(xt)), 0.6);
}

TEST(SurrogateSlow, HoldoutImprovesWithArchiveSize) {
    Rng rng(2);
    std::vector<ArchiveRecord> archive;
    for (int i = 0; i < 400; ++i) {
        std::vector<int> e(22);
        Eigen::RowVectorXd row(22);
        for (int j = 0; j < 22; ++j) e[j] = static_cast<int>(rng.uniformInt(0, 9)), row[j] = e[j] / 9.0;
        archive.push_back({e, test::smoothFn(row) + 0.05 * rng.normal()});
    }
    const FeatureMap features(std::vector<int>(22, 0), std::vector<int>(22, 9), FeatureKind::Normalised);
    const HoldoutResult r = evaluateHoldout(archive, features, {});
    ASSERT_EQ(r.rows.size(), 3u);
    EXPECT_EQ(r.test, 200);
    EXPECT_GT(r.rows[2].adaptive.kendall, r.rows[0].adaptive.kendall);
    EXPECT_GT(r.rows[2].adaptive.kendall, 0.6);
}

}  // namespace nat::surrogate
