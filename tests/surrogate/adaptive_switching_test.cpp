#include "surrogate/adaptive_switching.h"

#include <gtest/gtest.h>

#include "base/error.h"
#include "surrogate/kriging.h"
#include "surrogate/metrics.h"
#include "surrogate/rbf.h"
#include "surrogate/rbf_ensemble.h"
#include "surrogate/tree_ensemble.h"
#include "synthetic.h"
#include "test_util.h"

namespace nat::surrogate {

namespace {

// Fails on every fit, to check that one broken candidate does not stop the others.
class Broken : public Predictor {
public:
    std::string name() const override { return "broken"; }
    std::unique_ptr<Predictor> fresh() const override { return std::make_unique<Broken>(); }

protected:
    void doFit(const Eigen::MatrixXd&, const Eigen::VectorXd&, Rng&) override {
        throw Error(ErrorCode::InvalidArgument, "broken: cannot fit");
    }
    Eigen::VectorXd doPredict(const Eigen::MatrixXd& x) const override { return Eigen::VectorXd::Zero(x.rows()); }
};

std::vector<std::unique_ptr<Predictor>> smallCandidates(bool withBroken = false) {
    std::vector<std::unique_ptr<Predictor>> c;
    c.push_back(std::make_unique<Rbf>());
    c.push_back(std::make_unique<RbfEnsemble>(RbfEnsembleOptions{10, 1e-6, 1}));
    c.push_back(std::make_unique<Kriging>(KrigingOptions{-2, 1, -8, 0, 25}));
    c.push_back(std::make_unique<TreeEnsemble>(TreeEnsembleOptions{20}));
    if (withBroken) c.push_back(std::make_unique<Broken>());
    return c;
}

struct Data {
    Eigen::MatrixXd x, xt;
    Eigen::VectorXd y;
};
Data makeData(int n, std::uint64_t seed) {
    Rng rng(seed);
    Data d{test::randomInputs(n, 5, 10, rng), test::randomInputs(100, 5, 10, rng), {}};
    d.y = test::evaluate(test::smoothFn, d.x, 0.05, &rng);
    return d;
}

}  // namespace

TEST(AdaptiveSwitching, ReportsEveryModelAndPicksTheBestScore) {
    const Data d = makeData(60, 1);
    AdaptiveSwitching sw(smallCandidates(), {5, 2});
    Rng rng(3);
    sw.fit(d.x, d.y, rng);
    const SwitchingReport& r = sw.report();
    ASSERT_EQ(r.models.size(), 4u);
    EXPECT_EQ(r.samples, 60);
    EXPECT_EQ(r.folds, 5);
    double best = -2;
    for (const auto& m : r.models) {
        EXPECT_TRUE(m.ok) << m.name << ": " << m.error;
        EXPECT_EQ(m.foldKendall.size(), 5u);
        EXPECT_DOUBLE_EQ(m.score, m.kendall.mean - m.kendall.std);
        EXPECT_GT(m.rmse.mean, 0.0);
        best = std::max(best, m.score);
    }
    const auto chosen = std::find_if(r.models.begin(), r.models.end(), [&](const auto& m) { return m.name == r.chosen; });
    ASSERT_NE(chosen, r.models.end());
    EXPECT_EQ(chosen->score, best);
    EXPECT_EQ(r.reason.rfind(r.chosen + " has the highest cross-validated Kendall tau", 0), 0u) << r.reason;
    EXPECT_NE(r.reason.find("runner-up"), std::string::npos);
    ASSERT_NE(sw.winner(), nullptr);
    EXPECT_EQ(sw.winner()->name(), r.chosen);
    EXPECT_GT(kendallTau(test::evaluate(test::smoothFn, d.xt), sw.predict(d.xt)), 0.6);
    EXPECT_EQ(sw.hasUncertainty(), sw.winner()->hasUncertainty());
}

TEST(AdaptiveSwitching, ReportSerialisesToJson) {
    const Data d = makeData(40, 2);
    AdaptiveSwitching sw(smallCandidates(), {4, 1});
    Rng rng(1);
    sw.fit(d.x, d.y, rng);
    const Json j = toJson(sw.report());
    EXPECT_EQ(j["folds"], 4);
    EXPECT_EQ(j["models"].size(), 4u);
    EXPECT_EQ(j["models"][0]["name"], "rbf");
    EXPECT_TRUE(j["models"][0]["kendall"].contains("std"));
    EXPECT_TRUE(j["models"][0]["spearman"].contains("mean"));
    EXPECT_EQ(j["chosen"], sw.report().chosen);
    EXPECT_EQ(Json::parse(j.dump()), j);
}

TEST(AdaptiveSwitching, SameSeedSameResultForAnyThreadCount) {
    const Data d = makeData(50, 3);
    AdaptiveSwitching one(smallCandidates(), {5, 1}), three(smallCandidates(), {5, 3});
    Rng a(9), b(9);
    one.fit(d.x, d.y, a);
    three.fit(d.x, d.y, b);
    EXPECT_EQ(one.report().chosen, three.report().chosen);
    for (std::size_t m = 0; m < one.report().models.size(); ++m)
        EXPECT_EQ(one.report().models[m].foldKendall, three.report().models[m].foldKendall);
    EXPECT_EQ(one.predict(d.xt), three.predict(d.xt));
}

TEST(AdaptiveSwitching, BrokenCandidateIsReportedNotFatal) {
    const Data d = makeData(40, 4);
    AdaptiveSwitching sw(smallCandidates(true), {4, 2});
    Rng rng(2);
    sw.fit(d.x, d.y, rng);
    const auto& broken = sw.report().models.back();
    EXPECT_FALSE(broken.ok);
    EXPECT_EQ(broken.error, "broken: cannot fit");
    EXPECT_NE(sw.report().chosen, "broken");
    EXPECT_EQ(toJson(sw.report())["models"][4]["error"], "broken: cannot fit");

    std::vector<std::unique_ptr<Predictor>> only;
    only.push_back(std::make_unique<Broken>());
    AdaptiveSwitching allBroken(std::move(only), {4, 1});
    EXPECT_NAT_ERROR(allBroken.fit(d.x, d.y, rng), ErrorCode::InvalidArgument, "every candidate model failed: broken: cannot fit");
}

TEST(AdaptiveSwitching, ConfigurationAndSizeErrors) {
    EXPECT_NAT_ERROR(AdaptiveSwitching({}, {}), ErrorCode::InvalidArgument, "needs at least 1 candidate");
    EXPECT_NAT_ERROR(AdaptiveSwitching(smallCandidates(), {1, 1}), ErrorCode::InvalidArgument, "folds must be >= 2, got 1");
    std::vector<std::unique_ptr<Predictor>> twice;
    twice.push_back(std::make_unique<Rbf>());
    twice.push_back(std::make_unique<Rbf>());
    EXPECT_NAT_ERROR(AdaptiveSwitching(std::move(twice)), ErrorCode::InvalidArgument, "'rbf' given twice");
    const Data d = makeData(15, 5);
    AdaptiveSwitching sw(smallCandidates(), {10, 1});
    Rng rng(1);
    EXPECT_NAT_ERROR(sw.fit(d.x, d.y, rng), ErrorCode::InvalidArgument,
                     "adaptive_switching: too few samples: needs at least 20, got 15");
}

TEST(AdaptiveSwitching, FactoryKnowsEveryModel) {
    const auto names = predictorNames();
    ASSERT_EQ(names.size(), 5u);
    for (const auto& n : names) EXPECT_EQ(makePredictor(n)->name(), n);
    EXPECT_EQ(defaultCandidates().size(), 5u);
    EXPECT_EQ(dynamic_cast<RbfEnsemble&>(*makePredictor("rbf_ensemble", 7)).members(), 7);
    EXPECT_NAT_ERROR(makePredictor("svm"), ErrorCode::InvalidArgument, "unknown predictor 'svm' (known: rbf, rbf_ensemble");
    auto fresh = AdaptiveSwitching(smallCandidates()).fresh();
    EXPECT_EQ(fresh->name(), "adaptive_switching");
    EXPECT_FALSE(fresh->fitted());
}

}  // namespace nat::surrogate
