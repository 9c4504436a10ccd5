// Tests every predictor through the common interface on synthetic functions with known rankings,
// plus model-specific known answers. Settings are small so the executable stays fast under ASan.
#include <gtest/gtest.h>

#include <thread>

#include "surrogate/kriging.h"
#include "surrogate/metrics.h"
#include "surrogate/mlp.h"
#include "surrogate/rbf.h"
#include "surrogate/rbf_ensemble.h"
#include "surrogate/tree_ensemble.h"
#include "synthetic.h"
#include "test_util.h"

namespace nat::surrogate {

namespace {

using test::evaluate;

struct Case {
    std::string name;
    std::function<std::unique_ptr<Predictor>()> make;
    double minTauSmooth;    // on held-out points of smoothFn, 80 samples, 5 variables
    double minTauDiscrete;  // on discreteFn (many ties)
};

std::vector<Case> cases() {
    return {
        {"rbf", [] { return std::make_unique<Rbf>(); }, 0.85, 0.6},
        {"rbf_ensemble", [] { return std::make_unique<RbfEnsemble>(RbfEnsembleOptions{30, 1e-6, 1}); }, 0.7, 0.6},
        {"kriging", [] { return std::make_unique<Kriging>(KrigingOptions{-2, 1, -8, 0, 30}); }, 0.85, 0.6},
        {"tree_ensemble", [] { return std::make_unique<TreeEnsemble>(TreeEnsembleOptions{30}); }, 0.6, 0.7},
        {"mlp", [] { MlpOptions o; o.maxEpochs = 300; return std::make_unique<Mlp>(o); }, 0.6, 0.6},
    };
}

class PredictorTest : public ::testing::TestWithParam<Case> {
protected:
    std::unique_ptr<Predictor> model = GetParam().make();
};

double heldOutTau(Predictor& m, const test::Fn& f, double noise, std::uint64_t seed) {
    Rng rng(seed);
    const Eigen::MatrixXd x = test::randomInputs(80, 5, 10, rng), xt = test::randomInputs(300, 5, 10, rng);
    m.fit(x, evaluate(f, x, noise, &rng), rng);
    return kendallTau(evaluate(f, xt), m.predict(xt));
}

}  // namespace

TEST_P(PredictorTest, RanksSmoothFunction) {
    EXPECT_GT(heldOutTau(*model, test::smoothFn, 0.0, 1), GetParam().minTauSmooth);
}

TEST_P(PredictorTest, RanksNoisyFunction) {
    // Noise of ~10 % of the target's spread costs some τ but the ranking must survive.
    EXPECT_GT(heldOutTau(*model, test::smoothFn, 0.1, 2), GetParam().minTauSmooth - 0.15);
}

TEST_P(PredictorTest, RanksDiscreteFunctionWithTies) {
    EXPECT_GT(heldOutTau(*model, test::discreteFn, 0.0, 3), GetParam().minTauDiscrete);
}

TEST_P(PredictorTest, DeterministicForASeedAndFreshIsUnfitted) {
    Rng data(4);
    const Eigen::MatrixXd x = test::randomInputs(40, 4, 10, data), xt = test::randomInputs(20, 4, 10, data);
    const Eigen::VectorXd y = evaluate(test::smoothFn, x);
    auto other = model->fresh();
    EXPECT_FALSE(other->fitted());
    EXPECT_EQ(other->name(), model->name());
    Rng a(7), b(7);
    model->fit(x, y, a);
    other->fit(x, y, b);
    EXPECT_EQ(model->predict(xt), other->predict(xt));
    EXPECT_EQ(model->inputDimension(), 4);
}

TEST_P(PredictorTest, ConcurrentPredictionsMatchSequential) {
    Rng rng(5);
    const Eigen::MatrixXd x = test::randomInputs(40, 4, 10, rng), xt = test::randomInputs(64, 4, 10, rng);
    model->fit(x, evaluate(test::smoothFn, x), rng);
    const Prediction expected = model->predictWithUncertainty(xt);
    std::vector<Prediction> got(4);
    {
        std::vector<std::jthread> pool;
        for (std::size_t t = 0; t < got.size(); ++t)
            pool.emplace_back([&, t] { got[t] = model->predictWithUncertainty(xt); });
    }
    for (const auto& g : got) {
        EXPECT_EQ(g.mean, expected.mean);
        EXPECT_EQ(g.std, expected.std);
    }
    EXPECT_EQ(expected.hasStd(), model->hasUncertainty());
    if (expected.hasStd()) {
        EXPECT_TRUE((expected.std.array() >= 0).all());
    }
}

TEST_P(PredictorTest, RejectsBadInputWithClearMessages) {
    const std::string n = model->name();
    Rng rng(6);
    Eigen::MatrixXd x = test::randomInputs(30, 3, 10, rng);
    Eigen::VectorXd y = evaluate(test::smoothFn, x);
    EXPECT_NAT_ERROR(model->predict(x), ErrorCode::InvalidArgument, n + ": predict called before fit");
    EXPECT_NAT_ERROR(model->fit(x.topRows(2), y.head(2), rng), ErrorCode::InvalidArgument, "too few samples: needs at least");
    EXPECT_NAT_ERROR(model->fit(x, Eigen::VectorXd::Constant(30, 0.25), rng), ErrorCode::InvalidArgument,
                     "targets are constant (all 0.25)");
    EXPECT_NAT_ERROR(model->fit(x, y.head(29), rng), ErrorCode::InvalidArgument, "30 rows but there are 29 targets");
    Eigen::MatrixXd withNan = x;
    withNan(4, 2) = std::nan("");
    EXPECT_NAT_ERROR(model->fit(withNan, y, rng), ErrorCode::InvalidArgument, "at row 4, column 2");
    Eigen::VectorXd yNan = y;
    yNan[3] = INFINITY;
    EXPECT_NAT_ERROR(model->fit(x, yNan, rng), ErrorCode::InvalidArgument, n + ": targets must be finite");
    EXPECT_FALSE(model->fitted());
    model->fit(x, y, rng);
    EXPECT_NAT_ERROR(model->predict(Eigen::MatrixXd::Zero(2, 4)), ErrorCode::InvalidArgument, "expected 3 input columns");
    EXPECT_NAT_ERROR(model->predict(withNan), ErrorCode::InvalidArgument, "inputs must be finite");
    EXPECT_EQ(model->predict(Eigen::MatrixXd(0, 3)).size(), 0);
}

INSTANTIATE_TEST_SUITE_P(AllModels, PredictorTest, ::testing::ValuesIn(cases()),
                         [](const auto& info) { return info.param.name; });

TEST(Rbf, ReproducesLinearFunctionsExactly) {
    // The linear tail makes the interpolant exact for any linear target (polynomial precision).
    Rng rng(8);
    const Eigen::MatrixXd x = test::randomInputs(25, 4, 10, rng), xt = test::randomInputs(50, 4, 10, rng);
    Rbf rbf(RbfOptions{0.0});
    rbf.fit(x, evaluate(test::linearFn, x), rng);
    EXPECT_LT((rbf.predict(xt) - evaluate(test::linearFn, xt)).cwiseAbs().maxCoeff(), 1e-8);
}

TEST(Rbf, InterpolatesTrainingPointsAndHandlesOneHotCollinearity) {
    // One-hot groups sum to 1 like the constant column, so P = [1 X] is rank deficient.
    Rng rng(9);
    Eigen::MatrixXd x = Eigen::MatrixXd::Zero(30, 6);
    for (int i = 0; i < 30; ++i) x(i, rng.uniformInt(0, 2)) = 1, x(i, 3 + rng.uniformInt(0, 2)) = 1;
    Eigen::VectorXd y(30);
    for (int i = 0; i < 30; ++i) y[i] = x(i, 0) * 2 + x(i, 4) + 0.1 * i;  // duplicates rows, distinct targets
    Rbf rbf(RbfOptions{1e-6});
    rbf.fit(x, y, rng);
    EXPECT_TRUE(rbf.predict(x).allFinite());
    Rbf exact(RbfOptions{0.0});
    Eigen::MatrixXd distinct = test::randomInputs(12, 3, 10, rng);
    const Eigen::VectorXd yd = evaluate(test::smoothFn, distinct);
    exact.fit(distinct, yd, rng);
    EXPECT_LT((exact.predict(distinct) - yd).cwiseAbs().maxCoeff(), 1e-8);
}

TEST(Kriging, UncertaintyIsSmallAtDataAndGrowsAway) {
    Rng rng(10);
    const Eigen::MatrixXd x = test::randomInputs(30, 3, 10, rng);
    Kriging k;
    k.fit(x, evaluate(test::smoothFn, x), rng);
    const Prediction atData = k.predictWithUncertainty(x);
    const Prediction far = k.predictWithUncertainty(Eigen::MatrixXd::Constant(1, 3, 4.0));
    EXPECT_LT(atData.std.maxCoeff(), 0.05 * far.std[0]);
    EXPECT_GT(k.hyper().lengthScale, 0.0);
}

TEST(Kriging, NoisyDataGetsALargerNugget) {
    Rng rng(11);
    const Eigen::MatrixXd x = test::randomInputs(60, 3, 10, rng);
    Kriging clean, noisy;
    clean.fit(x, evaluate(test::smoothFn, x), rng);
    noisy.fit(x, evaluate(test::smoothFn, x, 0.3, &rng), rng);
    EXPECT_GT(noisy.hyper().nugget, 10 * clean.hyper().nugget);
}

TEST(TreeEnsemble, LearnsAStepExactly) {
    Rng rng(12);
    const Eigen::MatrixXd x = test::randomInputs(60, 3, 10, rng);
    const test::Fn step = [](const Eigen::RowVectorXd& r) { return r[1] > 0.5 ? 1.0 : 0.0; };
    TreeEnsemble forest(TreeEnsembleOptions{20, 1.0, 1, 8, false});  // no bootstrap, all features
    forest.fit(x, evaluate(step, x), rng);
    EXPECT_LT((forest.predict(x) - evaluate(step, x)).cwiseAbs().maxCoeff(), 1e-12);
    EXPECT_NAT_ERROR(TreeEnsemble(TreeEnsembleOptions{0}), ErrorCode::InvalidArgument, "trees must be >= 1");
}

TEST(RbfEnsemble, SpreadIsPositiveAndSeedsMatter) {
    Rng data(13);
    const Eigen::MatrixXd x = test::randomInputs(40, 6, 10, data), xt = test::randomInputs(10, 6, 10, data);
    RbfEnsemble a(RbfEnsembleOptions{10, 1e-6, 2}), b(RbfEnsembleOptions{10, 1e-6, 1});
    Rng r1(1), r2(2);
    a.fit(x, evaluate(test::smoothFn, x), r1);
    b.fit(x, evaluate(test::smoothFn, x), r2);
    EXPECT_GT(a.predictWithUncertainty(xt).std.minCoeff(), 0.0);
    EXPECT_NE(a.predict(xt), b.predict(xt));
    EXPECT_NAT_ERROR(RbfEnsemble(RbfEnsembleOptions{0}), ErrorCode::InvalidArgument, "members must be >= 1, got 0");
}

TEST(Mlp, StopsEarlyOnNoise) {
    Rng rng(14);
    const Eigen::MatrixXd x = test::randomInputs(60, 3, 10, rng);
    Eigen::VectorXd y(60);
    for (int i = 0; i < 60; ++i) y[i] = rng.normal();  // nothing to learn: validation loss rises
    MlpOptions o;
    o.maxEpochs = 2000;
    o.patience = 50;
    Mlp mlp(o);
    mlp.fit(x, y, rng);
    EXPECT_LT(mlp.bestEpoch(), 2000);
    EXPECT_NAT_ERROR(Mlp(MlpOptions{{0}}), ErrorCode::InvalidArgument, "hidden layer widths must be >= 1, got 0");
}

}  // namespace nat::surrogate
