// Fine-tuning an extracted subnet (core/engine/finetune.h), the evaluate / export jobs with
// fine-tuning, and `nat eval|export ... --finetune EPOCHS`, on one tiny run made once per suite.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "base/file_io.h"
#include "base/json_util.h"
#include "cli/cli_harness.h"
#include "engine/evaluator.h"
#include "engine/finetune.h"
#include "engine/job_runner.h"
#include "engine/jobs_internal.h"
#include "engine/loaded_run.h"
#include "engine/run_store.h"
#include "export/weights.h"
#include "space/search_space.h"
#include "test_util.h"
#include "tiny_dataset.h"

namespace nat::engine {

namespace fs = std::filesystem;

namespace {

// Smaller than engine_test's: only the initial archive (no NAT iterations), about 15 s on 2 cores.
SearchSettings tinyRunSettings(const fs::path& dataset) {
    SearchSettings s = test::tinySearchSettings(dataset, 3);
    s.bnCalibrationImages = 100;
    s.initialArchive = 4;
    s.iterations = 0;
    s.candidatesPerIteration = 1;
    s.nsgaPopulation = 8;
    s.nsgaGenerations = 1;
    s.distributionTop = 4;
    return s;
}

struct Recorder {
    std::mutex mutex;
    std::vector<Event> events;
    std::atomic<bool> cancelNow{false};
    std::function<bool(const Event&)> cancelWhen;

    EventSink sink() {
        return [this](const Event& e) {
            std::lock_guard lock(mutex);
            events.push_back(e);
            if (cancelWhen && cancelWhen(e)) cancelNow = true;
        };
    }
    JobFinished finished() {
        std::lock_guard lock(mutex);
        return std::get<JobFinished>(events.back());
    }
    template <class T>
    std::vector<T> all() {
        std::lock_guard lock(mutex);
        std::vector<T> out;
        for (const auto& e : events)
            if (const auto* t = std::get_if<T>(&e)) out.push_back(*t);
        return out;
    }
};

void runToEnd(JobRunner& runner, Recorder& rec) {
    while (runner.busy()) {
        if (rec.cancelNow) runner.cancel();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    runner.wait();
}

// Largest absolute difference over all parameters of two nets of the same architecture.
double maxParamDiff(const supernet::StaticSubnet& a, const supernet::StaticSubnet& b) {
    const auto pa = a->named_parameters();
    const auto pb = b->named_parameters();
    double d = 0.0;
    for (const auto& p : pa) {
        const torch::Tensor* q = pb.find(p.key());
        EXPECT_NE(q, nullptr) << p.key();
        if (q) d = std::max(d, (p.value().detach() - q->detach()).abs().max().item<double>());
    }
    return d;
}

}  // namespace

class FineTune : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new test::TempDir;
        test::writeTinyIdxDataset(s_dir->path() / "data", 600, 200, 4, 7);
        Recorder rec;
        JobRunner runner(rec.sink());
        runner.startSearch(tinyRunSettings(s_dir->path() / "data"), run());
        runToEnd(runner, rec);
        ASSERT_EQ(rec.finished().status, JobFinished::Status::Succeeded) << rec.finished().message;
    }
    static void TearDownTestSuite() { delete s_dir; }
    static fs::path data() { return s_dir->path() / "data"; }
    static fs::path run() { return s_dir->path() / "run"; }
    // The front's most accurate architecture.
    static int bestId() {
        const RunInfo info = readRun(run());
        int best = info.archive.front().id;
        for (const auto& e : info.archive)
            if (e.error < info.archive[best].error) best = e.id;
        return best;
    }
    static test::TempDir* s_dir;
};
test::TempDir* FineTune::s_dir = nullptr;

TEST_F(FineTune, ChangesTheWeightsKeepsTrainAccuracyAndIsDeterministic) {
    LoadedRun r = loadRun(run());
    const ArchiveEntry& e = findArchitecture(r.info, bestId());
    const space::Architecture arch = space::decode(r.space, e.encoding);
    Evaluator ev(r.dataset, r.split, r.stats, r.info.settings.bnCalibrationImages, 256, torch::kCPU);
    supernet::StaticSubnet inherited = ev.calibratedSubnet(*r.nets[arch.widthIndex], arch);

    FineTuneOptions o;
    o.epochs = 2;
    o.seed = 11;
    o.batchSize = 50;
    o.learningRate = 0.05;
    auto tune = [&](std::uint64_t seed, std::vector<FineTuneProgress>* seen) {
        supernet::StaticSubnet net = ev.calibratedSubnet(*r.nets[arch.widthIndex], arch);
        FineTuneOptions opt = o;
        opt.seed = seed;
        const FineTuneSummary s = fineTune(net, ev, r.dataset, r.split, opt, {}, [&](const FineTuneProgress& p) {
            if (seen) seen->push_back(p);
        });
        return std::make_pair(net, s);
    };
    std::vector<FineTuneProgress> seen;
    auto [a, sa] = tune(11, &seen);
    // 500 training images (600 - 100 held out), batch 50, drop-last: 10 steps per epoch.
    EXPECT_EQ(sa.steps, 20);
    EXPECT_EQ(sa.images, 1000);
    ASSERT_EQ(seen.size(), 20u);
    EXPECT_EQ(seen.front().batch, 1);
    EXPECT_EQ(seen.back().epoch, 1);
    EXPECT_EQ(seen.back().batch, seen.back().batches);
    EXPECT_GT(seen.front().learningRate, seen.back().learningRate);  // cosine decay
    EXPECT_NEAR(seen.front().learningRate, 0.05, 1e-12);

    EXPECT_GT(maxParamDiff(inherited, a), 1e-3);
    EXPECT_FALSE(a->is_training());
    // The "before" figures are the inherited net's, measured the same way.
    EXPECT_DOUBLE_EQ(sa.valBefore, ev.top1(inherited, "val", {}));
    EXPECT_DOUBLE_EQ(sa.valAfter, ev.top1(a, "val", {}));
    ASSERT_TRUE(sa.testBefore && sa.testAfter);
    EXPECT_GE(sa.trainAfter, sa.trainBefore) << "fine-tuning lowered training accuracy";
    EXPECT_GT(sa.seconds, 0.0);
    EXPECT_GE(sa.totalSeconds, sa.seconds);

    auto [b, sb] = tune(11, nullptr);
    EXPECT_EQ(maxParamDiff(a, b), 0.0) << "same seed, different weights";
    EXPECT_EQ(sa.valAfter, sb.valAfter);
    auto [c, sc] = tune(12, nullptr);
    EXPECT_GT(maxParamDiff(a, c), 0.0) << "another seed gave the same weights";

    // BN statistics are recalibrated after training: the same as recalibrating again.
    supernet::StaticSubnet again = a;
    const torch::Tensor before = a->stemBn->running_mean.clone();
    ev.recalibrate(again);
    EXPECT_TRUE(torch::allclose(before, a->stemBn->running_mean, 1e-5, 1e-6));
}

TEST_F(FineTune, DistillsFromTheLargestSubnetAndStopsWhenCancelled) {
    LoadedRun r = loadRun(run());
    const space::Architecture arch = space::decode(r.space, findArchitecture(r.info, bestId()).encoding);
    Evaluator ev(r.dataset, r.split, r.stats, r.info.settings.bnCalibrationImages, 256, torch::kCPU);
    FineTuneOptions o;
    o.epochs = 1;
    o.batchSize = 50;
    space::Architecture big = space::largest(r.space);
    big.widthIndex = arch.widthIndex;
    supernet::StaticSubnet teacher = ev.calibratedSubnet(*r.nets[big.widthIndex], big);
    supernet::StaticSubnet net = ev.calibratedSubnet(*r.nets[arch.widthIndex], arch);
    const FineTuneSummary s = fineTune(net, ev, r.dataset, r.split, o, {}, {}, &teacher);
    EXPECT_TRUE(s.distilled);
    EXPECT_EQ(s.steps, 10);
    EXPECT_TRUE(s.toJson()["distilled_from_largest"].get<bool>());

    // Cancelled after the third batch: no fourth step.
    std::stop_source stop;
    int batches = 0;
    supernet::StaticSubnet other = ev.calibratedSubnet(*r.nets[arch.widthIndex], arch);
    EXPECT_NAT_ERROR(fineTune(other, ev, r.dataset, r.split, o, stop.get_token(),
                              [&](const FineTuneProgress&) {
                                  if (++batches == 3) stop.request_stop();
                              }),
                     ErrorCode::Cancelled, "cancelled");
    EXPECT_EQ(batches, 3);
}

TEST_F(FineTune, RejectsBadSettings) {
    LoadedRun r = loadRun(run());
    const space::Architecture arch = space::decode(r.space, findArchitecture(r.info, 0).encoding);
    Evaluator ev(r.dataset, r.split, r.stats, 50, 256, torch::kCPU);
    supernet::StaticSubnet net = ev.calibratedSubnet(*r.nets[arch.widthIndex], arch);
    FineTuneOptions o;
    o.epochs = 0;
    EXPECT_NAT_ERROR(fineTune(net, ev, r.dataset, r.split, o, {}), ErrorCode::InvalidArgument,
                     "fine-tuning epochs must be 1..100, got 0");
    o.epochs = 1;
    o.learningRate = -1;
    EXPECT_NAT_ERROR(fineTune(net, ev, r.dataset, r.split, o, {}), ErrorCode::InvalidArgument,
                     "fine-tuning learning rate must be in (0, 10]");
    o.learningRate = 0.01;
    data::Split empty = r.split;
    empty.train.clear();
    EXPECT_NAT_ERROR(fineTune(net, ev, r.dataset, empty, o, {}), ErrorCode::InvalidArgument, "the training split is empty");
    EXPECT_NAT_ERROR(checkFineTuneEpochs(-1), ErrorCode::InvalidArgument,
                     "fine-tuning epochs must be 0..100 (0 = no fine-tuning), got -1");
    EXPECT_NAT_ERROR(checkFineTuneEpochs(5000), ErrorCode::InvalidArgument, "got 5000");
    checkFineTuneEpochs(0);
    checkFineTuneEpochs(kMaxFineTuneEpochs);

    // The jobs check before starting anything.
    Recorder rec;
    JobRunner runner(rec.sink());
    FineTuneRequest bad;
    bad.epochs = -2;
    EXPECT_NAT_ERROR(runner.evaluate(run(), 0, "test", bad), ErrorCode::InvalidArgument, "got -2");
    ExportRequest req;
    req.archId = 0;
    req.finetune.epochs = 101;
    EXPECT_NAT_ERROR(runner.exportArchitecture(run(), req), ErrorCode::InvalidArgument, "got 101");
    req.finetune.epochs = 1;
    req.finetune.learningRate = 0;
    EXPECT_NAT_ERROR(runner.exportArchitecture(run(), req), ErrorCode::InvalidArgument, "learning rate");
    req.finetune.learningRate = 0.01;
    req.formats = {"onnx"};
    req.opset = 9;
    EXPECT_NAT_ERROR(runner.exportArchitecture(run(), req), ErrorCode::Unsupported, "opset 9");
    EXPECT_FALSE(runner.busy());
}

TEST_F(FineTune, EvaluateJobReportsBothAccuraciesAndCancelWritesNothing) {
    const int id = bestId();
    {
        Recorder rec;
        JobRunner runner(rec.sink());
        FineTuneRequest ft;
        ft.epochs = 1;
        ft.seed = 4;
        runner.evaluate(run(), id, "test", ft);
        runToEnd(runner, rec);
        ASSERT_EQ(rec.finished().status, JobFinished::Status::Succeeded) << rec.finished().message;
        EXPECT_NE(rec.finished().message.find("after fine-tuning 1 epoch(s) (before: "), std::string::npos)
            << rec.finished().message;
        const auto results = rec.all<EvaluationResult>();
        ASSERT_EQ(results.size(), 1u);
        ASSERT_TRUE(results[0].finetune.has_value());
        const FineTuneSummary& f = *results[0].finetune;
        EXPECT_EQ(f.epochs, 1);
        EXPECT_EQ(f.seed, 4u);
        ASSERT_TRUE(f.testAfter.has_value());
        EXPECT_DOUBLE_EQ(results[0].top1, *f.testAfter);
        bool sawEpochProgress = false;
        for (const auto& p : rec.all<ProgressEvent>())
            sawEpochProgress |= p.phase == "fine-tuning" && p.detail.rfind("epoch 1/1, batch", 0) == 0;
        EXPECT_TRUE(sawEpochProgress);
        const fs::path file = run() / "evaluations" / ("arch-" + std::to_string(id) + "-test-finetuned-1ep.json");
        ASSERT_TRUE(fs::exists(file));
        const FineTuneSummary back = FineTuneSummary::fromJson(readJsonFile(file)["finetune"]);
        EXPECT_DOUBLE_EQ(back.valBefore, f.valBefore);
        EXPECT_DOUBLE_EQ(back.valAfter, f.valAfter);
        // The archive keeps the inherited weights' test accuracy.
        EXPECT_DOUBLE_EQ(*readRun(run()).archive[id].testAccuracy, *f.testBefore);
    }
    {
        // Cancelled during fine-tuning: Cancelled, and no evaluation file for this run of the job.
        Recorder rec;
        rec.cancelWhen = [](const Event& e) {
            const auto* p = std::get_if<ProgressEvent>(&e);
            return p && p->phase == "fine-tuning" && p->detail.rfind("epoch", 0) == 0;
        };
        JobRunner runner(rec.sink());
        FineTuneRequest ft;
        ft.epochs = 3;
        runner.evaluate(run(), id, "val", ft);
        runToEnd(runner, rec);
        EXPECT_EQ(rec.finished().status, JobFinished::Status::Cancelled) << rec.finished().message;
        EXPECT_EQ(rec.finished().message, "cancelled; nothing was written (the run is unchanged)");
        EXPECT_FALSE(fs::exists(run() / "evaluations" / ("arch-" + std::to_string(id) + "-val-finetuned-3ep.json")));
    }
}

TEST_F(FineTune, ExportJobWritesTheFineTunedWeightsAndRecordsProvenance) {
    const int id = bestId();
    test::TempDir out;
    Recorder rec;
    JobRunner runner(rec.sink());
    ExportRequest req;
    req.archId = id;
    req.formats = {"all"};
    req.outDir = out / "ft";
    req.finetune.epochs = 1;
    req.finetune.seed = 9;
    runner.exportArchitecture(run(), req);
    runToEnd(runner, rec);
    ASSERT_EQ(rec.finished().status, JobFinished::Status::Succeeded) << rec.finished().message;
    EXPECT_NE(rec.finished().message.find("fine-tuned 1 epoch(s)"), std::string::npos) << rec.finished().message;
    for (const char* f : {"model.pt", "net.subnet", "net.config", "architecture.json", "model.natsub"})
        EXPECT_TRUE(fs::exists(req.outDir / f)) << f;
    EXPECT_TRUE(readJsonFile(req.outDir / "model.pt.verify.json").value("passed", false));
#ifdef NAT_WITH_ONNX
    EXPECT_TRUE(readJsonFile(req.outDir / "model.onnx.verify.json").value("passed", false) ||
                readJsonFile(req.outDir / "model.onnx.verify.json").value("skipped", false));
#endif
    const Json arch = readJsonFile(req.outDir / "architecture.json");
    const Json& ft = arch["provenance"]["finetune"];
    EXPECT_EQ(ft["epochs"].get<int>(), 1);
    EXPECT_EQ(ft["seed"].get<int>(), 9);
    EXPECT_TRUE(ft.contains("val_top1_before"));
    EXPECT_TRUE(ft.contains("val_top1_after"));
    EXPECT_TRUE(ft.contains("test_top1_after"));
    EXPECT_EQ(arch["provenance"]["weights"].get<std::string>(), "inherited from the supernet, then fine-tuned");
    EXPECT_NEAR(arch["objectives"]["val_top1_error_finetuned"].get<double>(), 1.0 - ft["val_top1_after"].get<double>(), 1e-12);

    // The weights file holds the fine-tuned net, not the inherited one, and reproduces its accuracy.
    const exporting::LoadedSubnet back = exporting::loadStaticSubnet(req.outDir / "model.natsub");
    LoadedRun r = loadRun(run());
    const space::Architecture a = space::decode(r.space, findArchitecture(r.info, id).encoding);
    Evaluator ev(r.dataset, r.split, r.stats, r.info.settings.bnCalibrationImages, 256, torch::kCPU);
    const supernet::StaticSubnet inherited = ev.calibratedSubnet(*r.nets[a.widthIndex], a);
    EXPECT_GT(maxParamDiff(inherited, back.net), 1e-3);
    supernet::StaticSubnet loaded = back.net;
    EXPECT_DOUBLE_EQ(ev.top1(loaded, "val", {}), ft["val_top1_after"].get<double>());
}

TEST_F(FineTune, CliEvalAndExportTakeFinetuneEpochs) {
    const std::string id = std::to_string(bestId());
    const std::string runDir = run().string();
    test::CliResult r = test::runCli({"eval", runDir, "--arch", id, "--split", "val", "--finetune", "1", "--finetune-seed", "2"});
    ASSERT_EQ(r.status, 0) << r.err;
    const Json j = Json::parse(r.out.substr(r.out.find('{')));
    EXPECT_EQ(j["finetune"]["epochs"].get<int>(), 1);
    EXPECT_DOUBLE_EQ(j["top1"].get<double>(), j["finetune"]["val_top1_after"].get<double>());
    EXPECT_NE(r.err.find("fine-tuned 1 epoch(s)"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("val top-1 "), std::string::npos) << r.err;

    for (const char* bad : {"-1", "101", "100000"}) {
        r = test::runCli({"eval", runDir, "--arch", id, "--finetune", bad});
        EXPECT_EQ(r.status, 2) << bad;
        EXPECT_NE(r.err.find(std::string("fine-tuning epochs must be 0..100 (0 = no fine-tuning), got ") + bad),
                  std::string::npos)
            << r.err;
    }
    r = test::runCli({"eval", runDir, "--arch", id, "--finetune", "two"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("--finetune"), std::string::npos) << r.err;
    r = test::runCli({"eval", runDir, "--arch", id, "--finetune", "1", "--finetune-lr", "0"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("fine-tuning learning rate must be in (0, 10], got 0"), std::string::npos) << r.err;

    test::TempDir out;
    r = test::runCli({"export", runDir, "--arch", id, "--format", "all", "--out", (out / "x").string(), "--finetune", "-3"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("got -3"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(out / "x"));

    r = test::runCli({"export", runDir, "--arch", id, "--format", "all", "--out", (out / "x").string(), "--finetune", "1"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("fine-tuned 1 epoch(s)"), std::string::npos) << r.out;
    EXPECT_TRUE(readJsonFile(out / "x" / "model.pt.verify.json").value("passed", false));
    EXPECT_EQ(readJsonFile(out / "x" / "architecture.json")["provenance"]["finetune"]["epochs"].get<int>(), 1);

    // From a supernet file: needs --dataset; with it, BN recalibration + fine-tune + export.
    const fs::path subnet = out / "net.subnet";
    writeJsonAtomic(subnet, readRun(run()).archive[bestId()].subnet);
    const std::string supernetFile = (run() / "supernet-w0.natsn").string();
    r = test::runCli({"export", "--supernet", supernetFile, "--subnet", subnet.string(), "--format", "weights", "--out",
                      (out / "y").string(), "--finetune", "1"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("--finetune needs --dataset PATH"), std::string::npos) << r.err;
    r = test::runCli({"export", "--supernet", supernetFile, "--subnet", subnet.string(), "--format", "all", "--out",
                      (out / "y").string(), "--finetune", "1", "--dataset", data().string(), "--calib-images", "100"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("fine-tuned: val top-1 "), std::string::npos) << r.out;
    EXPECT_EQ(readJsonFile(out / "y" / "architecture.json")["provenance"]["finetune"]["epochs"].get<int>(), 1);
    EXPECT_TRUE(readJsonFile(out / "y" / "model.pt.verify.json").value("passed", false));
    EXPECT_TRUE(fs::exists(out / "y" / "model.natsub"));
}

}  // namespace nat::engine
