#include "engine/settings.h"

#include <gtest/gtest.h>

#include "engine/run_store.h"
#include "engine/search_problem.h"
#include "base/rng.h"
#include "space/architecture.h"
#include "space/search_space.h"
#include "test_util.h"

namespace nat::engine {

TEST(Settings, ObjectivesParse) {
    EXPECT_EQ(parseObjectives("err,madds"), (std::vector<Objective>{Objective::Error, Objective::MAdds}));
    EXPECT_EQ(parseObjectives("madds, params"), (std::vector<Objective>{Objective::Error, Objective::MAdds, Objective::Params}));
    EXPECT_NAT_ERROR(parseObjectives("err,flops"), ErrorCode::InvalidArgument, "unknown objective 'flops'");
    EXPECT_NAT_ERROR(parseObjectives("err"), ErrorCode::InvalidArgument, "a search needs 2 to 5 objectives");
    EXPECT_NAT_ERROR(parseObjectives("err,madds,madds"), ErrorCode::InvalidArgument, "listed twice");
}

// The GUI's duration estimate against the measured runs on the 2-core reference machine (README,
// Performance): quick 10-15 min, balanced 1 h 36 min for its earlier recipe (the estimate is a guide,
// so the bounds are wide; a wrong work count or unit would leave them).
TEST(Settings, DurationEstimateIsNearTheMeasuredPresets) {
    const auto estimate = [](const SearchSettings& s) { return estimateSearchSeconds(s, 60000); };
    const SearchSettings quick = presetSettings("quick");
    EXPECT_GT(estimate(quick), 7 * 60.0);
    EXPECT_LT(estimate(quick), 16 * 60.0);
    SearchSettings balanced = presetSettings("balanced");
    EXPECT_GT(estimate(balanced), 60 * 60.0);
    EXPECT_LT(estimate(balanced), 120 * 60.0);
    // Its earlier recipe, measured at 1 h 36 min: 6 + 2 warm-up epochs, two subnets per step, half
    // an epoch of adaptation per iteration.
    SearchSettings earlier = balanced;
    earlier.warmupLargestEpochs = 6;
    earlier.warmupSampledEpochs = 2;
    earlier.subnetsPerStep = 2;
    earlier.adaptEpochs = 0.5;
    EXPECT_GT(estimate(earlier), 75 * 60.0);
    EXPECT_LT(estimate(earlier), 110 * 60.0);

    SearchSettings cuda = balanced;
    cuda.device = "cuda";
    EXPECT_NEAR(estimate(cuda) * 20, estimate(balanced), 1.0);
    SearchSettings whole = balanced;
    whole.reevaluateFrontOnly = false;
    EXPECT_GT(estimate(whole), estimate(balanced));
    SearchSettings noData = balanced;
    noData.validationSize = 100;
    EXPECT_GT(estimateSearchSeconds(noData, 50), 0.0);  // the evaluations only
    EXPECT_LT(estimateSearchSeconds(noData, 50), estimate(balanced) / 10);
    // A bigger space costs more per step; an unknown one is refused by name.
    SearchSettings micro = balanced;
    micro.space = "micro-mbv3";
    EXPECT_LT(estimate(micro), estimate(balanced));
    SearchSettings unknown = balanced;
    unknown.space = "no-such-space";
    EXPECT_NAT_ERROR(estimateSearchSeconds(unknown, 60000), ErrorCode::InvalidArgument, "no-such-space");
}

TEST(Settings, JsonRoundTripAndStrictKeys) {
    for (const auto& name : presetSettingNames()) {
        const SearchSettings s = presetSettings(name);
        EXPECT_NO_THROW(s.validate()) << name;
        EXPECT_EQ(SearchSettings::fromJson(s.toJson()).toJson(), s.toJson()) << name;
    }
    EXPECT_NAT_ERROR(SearchSettings::fromJson(Json{{"iteratons", 3}}), ErrorCode::Parse, "unknown key 'iteratons'");
    EXPECT_NAT_ERROR(SearchSettings::fromJson(Json{{"iterations", "three"}}), ErrorCode::Parse, "key 'iterations' has the wrong type");
    EXPECT_NAT_ERROR(presetSettings("huge"), ErrorCode::InvalidArgument, "unknown preset 'huge' (choose one of: quick, balanced, paper)");
    SearchSettings s = presetSettings("quick");
    s.batchSize = 1;
    EXPECT_NAT_ERROR(s.validate(), ErrorCode::InvalidArgument, "setting 'batch_size' must be in 2..4096, got 1");
    s = presetSettings("quick");
    s.device = "tpu";
    EXPECT_NAT_ERROR(s.validate(), ErrorCode::InvalidArgument, "setting 'device' must be cpu, cuda or cuda:N");
    // Cross-validating the predictor needs 6 architectures; an archive-only run may have fewer.
    s = presetSettings("quick");
    s.initialArchive = 5;
    EXPECT_NAT_ERROR(s.validate(), ErrorCode::InvalidArgument, "'initial_archive' must be at least 6 when the search has iterations");
    s.iterations = 0;
    EXPECT_NO_THROW(s.validate());
    s.warmupSampledLearningRate = -0.1;
    EXPECT_NAT_ERROR(s.validate(), ErrorCode::InvalidArgument, "setting 'warmup_sampled_learning_rate' must be in 0..10");
    s.warmupSampledLearningRate = 0.02;
    EXPECT_DOUBLE_EQ(s.warmupRateFor(false), 0.02);
    EXPECT_DOUBLE_EQ(s.warmupRateFor(true), s.warmupLearningRate);
}

TEST(RunStore, FrontOfHandMadeArchive) {
    auto entry = [](int id, double err, double madds) {
        ArchiveEntry e;
        e.id = id;
        e.error = err;
        e.madds = madds;
        return e;
    };
    // 1 dominates 3; 0, 1, 2 trade off; 4 duplicates 2 (first kept).
    const std::vector<ArchiveEntry> a = {entry(0, 0.10, 30), entry(1, 0.20, 10), entry(2, 0.15, 20),
                                         entry(3, 0.25, 15), entry(4, 0.15, 20)};
    EXPECT_EQ(frontOf(a, {Objective::Error, Objective::MAdds}), (std::vector<int>{0, 1, 2}));
    EXPECT_EQ(frontOf(a, {Objective::Error, Objective::Params}), (std::vector<int>{0}));
}

// A supernet that still predicts one class measures every architecture at the same error: the
// predictor cannot rank anything, and the search goes on with a constant prediction (it used to fail).
TEST(SearchProblemTest, EqualErrorsGiveAConstantPredictionNotAFailure) {
    const space::SearchSpace& sp = space::preset("micro-mbv3");
    Rng rng(4);
    std::vector<ArchiveEntry> a;
    for (int i = 0; i < 8; ++i) {
        ArchiveEntry e;
        e.id = i;
        e.encoding = space::sampleUniform(sp, rng);
        e.error = 0.75;
        a.push_back(e);
    }
    const SearchProblem p(sp, {Objective::Error, Objective::MAdds}, a, 10, 1, 1);
    EXPECT_EQ(p.predictorReport()["chosen"], "constant");
    EXPECT_DOUBLE_EQ(p.predictError(a[0].encoding), 0.75);
    for (int i = 0; i < 8; ++i) a[static_cast<std::size_t>(i)].error = 0.5 + 0.03 * i;  // they differ: a model is fitted
    const SearchProblem q(sp, {Objective::Error, Objective::MAdds}, a, 10, 1, 1);
    EXPECT_NE(q.predictorReport()["chosen"], "constant");
}

TEST(Settings, GpuLatencyNeedsCuda) {
    SearchSettings s = presetSettings("quick");
    s.objectives = {Objective::Error, Objective::GpuLatency};
    EXPECT_NAT_ERROR(s.validate(), ErrorCode::InvalidArgument, "gpu_ms objective measures latency on a GPU");
    s.device = "cuda:0";
    EXPECT_NO_THROW(s.validate());
}

}  // namespace nat::engine
