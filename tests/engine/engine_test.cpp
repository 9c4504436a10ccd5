#include <algorithm>
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <thread>

#include "base/file_io.h"
#include "base/json_util.h"
#include "engine/job_runner.h"
#include "engine/run_store.h"
#include "engine/scratch.h"
#include "test_util.h"
#include "tiny_dataset.h"

namespace nat::engine {

namespace fs = std::filesystem;

namespace {

// A search small enough for a unit test (about half a minute on 2 cores).
SearchSettings tinySettings(const fs::path& dataset) { return test::tinySearchSettings(dataset, 5); }

// Collects a job's events; can cancel the job when a condition is met.
struct Recorder {
    std::mutex mutex;
    std::vector<Event> events;
    std::function<bool(const Event&)> cancelWhen;
    std::atomic<bool> cancelRequested{false};

    EventSink sink() {
        return [this](const Event& e) {
            std::lock_guard lock(mutex);
            events.push_back(e);
            if (cancelWhen && cancelWhen(e)) cancelRequested = true;
        };
    }
    template <class T>
    int count() {
        std::lock_guard lock(mutex);
        int n = 0;
        for (const auto& e : events) n += std::holds_alternative<T>(e);
        return n;
    }
    JobFinished finished() {
        std::lock_guard lock(mutex);
        return std::get<JobFinished>(events.back());
    }
    // Progress fractions in order; with `afterLog`, only those after the first log line starting so.
    std::vector<double> fractions(const std::string& afterLog = "") {
        std::lock_guard lock(mutex);
        std::vector<double> out;
        bool on = afterLog.empty();
        for (const auto& e : events) {
            if (const auto* l = std::get_if<LogEvent>(&e); l && !on && l->text.rfind(afterLog, 0) == 0) on = true;
            if (const auto* p = std::get_if<ProgressEvent>(&e); p && on) out.push_back(p->fraction);
        }
        return out;
    }
};

void runToEnd(JobRunner& runner, Recorder& rec) {
    while (runner.busy()) {
        if (rec.cancelRequested) runner.cancel();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    runner.wait();
}

}  // namespace

class EngineSearch : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new test::TempDir;
        test::writeTinyIdxDataset(s_dir->path() / "data");
    }
    static void TearDownTestSuite() { delete s_dir; }
    static fs::path data() { return s_dir->path() / "data"; }
    static test::TempDir* s_dir;
};
test::TempDir* EngineSearch::s_dir = nullptr;

TEST_F(EngineSearch, TinySearchRunsEndToEndAndWritesTheRunFolder) {
    test::TempDir runs;
    Recorder rec;
    JobRunner runner(rec.sink());
    runner.startSearch(tinySettings(data()), runs / "run");
    EXPECT_NAT_ERROR(runner.startSearch(tinySettings(data()), runs / "other"), ErrorCode::InvalidArgument,
                     "a job is already running");
    runToEnd(runner, rec);
    ASSERT_EQ(rec.finished().status, JobFinished::Status::Succeeded) << rec.finished().message;
    EXPECT_EQ(rec.count<JobFinished>(), 1);
    EXPECT_EQ(rec.count<IterationSnapshot>(), 3);  // initial archive + 2 iterations
    EXPECT_GT(rec.count<CurvePoint>(), 10);
    // LibTorch's thread count is per OS thread; the job thread must use every core (it once ran on one).
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const std::string threadsLine = "device cpu, " + std::to_string(cores) + " CPU thread" + (cores == 1 ? "" : "s");
    bool sawThreads = false;
    {
        std::lock_guard lock(rec.mutex);
        for (const auto& e : rec.events)
            if (const auto* l = std::get_if<LogEvent>(&e)) sawThreads |= l->text == threadsLine;
    }
    EXPECT_TRUE(sawThreads) << "no log line '" << threadsLine << "'";

    const RunInfo info = readRun(runs / "run");
    EXPECT_EQ(info.status, "finished");
    EXPECT_EQ(info.completedIterations, 2);
    EXPECT_EQ(info.archive.size(), 6u + 2u * 2u);
    EXPECT_FALSE(info.frontIds.empty());
    EXPECT_EQ(info.iterations.size(), 3u);
    EXPECT_FALSE(info.curves.empty());
    for (const auto& e : info.archive) {
        EXPECT_GE(e.error, 0.0);
        EXPECT_LE(e.error, 1.0);
        EXPECT_GT(e.madds, 0.0);
    }
    // Bands are easy: the best subnet beats chance (75 % error) by far.
    double best = 1.0;
    for (const auto& e : info.archive) best = std::min(best, e.error);
    EXPECT_LT(best, 0.4);
    EXPECT_TRUE(fs::exists(runs / "run" / "supernet-w0.natsn"));
    EXPECT_TRUE(info.iterations[1].predictor.contains("chosen"));

    // Evaluate the most accurate architecture on the test split.
    int bestId = 0;
    for (const auto& e : info.archive)
        if (e.error < info.archive[bestId].error) bestId = e.id;
    Recorder evalRec;
    JobRunner evaluator(evalRec.sink());
    evaluator.evaluate(runs / "run", bestId, "test", {});
    runToEnd(evaluator, evalRec);
    ASSERT_EQ(evalRec.finished().status, JobFinished::Status::Succeeded) << evalRec.finished().message;
    EXPECT_EQ(evalRec.count<EvaluationResult>(), 1);
    EXPECT_TRUE(readRun(runs / "run").archive[bestId].testAccuracy.has_value());
    EXPECT_TRUE(fs::exists(runs / "run" / "evaluations" / ("arch-" + std::to_string(bestId) + "-test.json")));
    EXPECT_NAT_ERROR(evaluator.evaluate(runs / "run", 999, "test", {}), ErrorCode::InvalidArgument,
                     "architecture 999 is not in the run (ids 0..9)");

    // Export it: every model file written and verified against LibTorch's logits.
    Recorder expRec;
    JobRunner exporter(expRec.sink());
    ExportRequest req;
    req.archId = bestId;
    req.formats = {"torchscript", "subnet", "config"};
    exporter.exportArchitecture(runs / "run", req);
    runToEnd(exporter, expRec);
    ASSERT_EQ(expRec.finished().status, JobFinished::Status::Succeeded) << expRec.finished().message;
    const fs::path out = runs / "run" / "exports" / ("arch-" + std::to_string(bestId));
    EXPECT_TRUE(fs::exists(out / "model.pt"));
    EXPECT_TRUE(fs::exists(out / "model.pt.verify.json"));
    EXPECT_TRUE(readJsonFile(out / "model.pt.verify.json").value("passed", false));
    EXPECT_TRUE(fs::exists(out / "net.subnet"));
    EXPECT_TRUE(fs::exists(out / "net.config"));

    // The from-scratch baseline: as many epochs as the search spent (1 + 1 + 2 × 0.5).
    EXPECT_DOUBLE_EQ(searchTrainingEpochs(runs / "run"), 3.0);
    Recorder scratchRec;
    JobRunner scratch(scratchRec.sink());
    scratch.trainFromScratch(runs / "run", "smallest", 0);
    runToEnd(scratch, scratchRec);
    ASSERT_EQ(scratchRec.finished().status, JobFinished::Status::Succeeded) << scratchRec.finished().message;
    EXPECT_NE(scratchRec.finished().message.find("smallest from scratch, 3.00 epochs"), std::string::npos)
        << scratchRec.finished().message;
    const ScratchResult sr = ScratchResult::fromJson(readJsonFile(runs / "run" / "scratch" / "smallest.json"));
    EXPECT_EQ(sr.which, "smallest");
    EXPECT_DOUBLE_EQ(sr.epochs, 3.0);
    EXPECT_GT(sr.valAccuracy, 0.5);  // 4 classes: chance is 25 %
    EXPECT_GT(sr.testAccuracy, 0.5);
    EXPECT_EQ(sr.madds, info.archive[0].madds);  // archive entry 0 is the smallest architecture
    scratch.trainFromScratch(runs / "run", "medium", 1);
    runToEnd(scratch, scratchRec);
    EXPECT_EQ(scratchRec.finished().status, JobFinished::Status::Failed);
    EXPECT_NE(scratchRec.finished().message.find("architecture must be 'smallest', 'largest' or an archive id, got 'medium'"),
              std::string::npos);
}

TEST_F(EngineSearch, CancelledSearchResumesAndFinishes) {
    test::TempDir runs;
    const fs::path run = runs / "run";
    double cancelledAt = 0;
    {
        Recorder rec;
        rec.cancelWhen = [](const Event& e) {
            const auto* s = std::get_if<IterationSnapshot>(&e);
            return s && s->iteration == 1;
        };
        JobRunner runner(rec.sink());
        runner.startSearch(tinySettings(data()), run);
        runToEnd(runner, rec);
        EXPECT_EQ(rec.finished().status, JobFinished::Status::Cancelled) << rec.finished().message;
        EXPECT_EQ(rec.count<JobFinished>(), 1);
        ASSERT_FALSE(rec.fractions().empty());
        cancelledAt = rec.fractions().back();
    }
    RunInfo mid = readRun(run);
    EXPECT_NE(mid.status, "finished");
    EXPECT_GE(mid.archive.size(), 6u);
    // A crash can also cut the journal's last line: resume must tolerate it.
    {
        std::ofstream(run / "journal.jsonl", std::ios::app) << R"({"type":"arch","id":99,"enc)";
    }
    EXPECT_TRUE(readRun(run).truncatedJournal);
    Recorder rec;
    JobRunner runner(rec.sink());
    runner.resumeSearch(run);
    runToEnd(runner, rec);
    ASSERT_EQ(rec.finished().status, JobFinished::Status::Succeeded) << rec.finished().message;
    // Progress goes on from the work the run had done (warm-up, initial archive, at most iteration 1
    // repeated), not from zero; it never goes backwards, and ends at 1.
    const std::vector<double> resumed = rec.fractions("resuming at");
    ASSERT_FALSE(resumed.empty());
    EXPECT_GT(resumed.front(), 0.5 * cancelledAt) << "cancelled at " << cancelledAt;
    EXPECT_TRUE(std::is_sorted(resumed.begin(), resumed.end()));
    EXPECT_NEAR(resumed.back(), 1.0, 1e-9);
    const RunInfo done = readRun(run);
    EXPECT_EQ(done.status, "finished");
    EXPECT_EQ(done.completedIterations, 2);
    EXPECT_GE(done.archive.size(), 10u);
    EXPECT_FALSE(done.frontIds.empty());
    EXPECT_NAT_ERROR(runner.resumeSearch(run), ErrorCode::InvalidArgument, "is already finished; nothing to resume");
}

TEST(Engine, BadInputNeverStartsAJob) {
    test::TempDir dir;
    Recorder rec;
    JobRunner runner(rec.sink());
    SearchSettings s = presetSettings("quick");
    s.iterations = -1;
    EXPECT_NAT_ERROR(runner.startSearch(s, dir / "run"), ErrorCode::InvalidArgument, "setting 'iterations' must be in 0..1000, got -1");
    EXPECT_NAT_ERROR(runner.resumeSearch(dir.path()), ErrorCode::InvalidArgument, "is not a NAT Studio run folder");
    // A folder that already holds files is refused before anything is written.
    std::ofstream(dir / "precious.txt") << "keep me";
    EXPECT_NAT_ERROR(runner.startSearch(presetSettings("quick"), dir.path()), ErrorCode::InvalidArgument,
                     "is not empty; choose a new or empty folder");
    EXPECT_EQ(readTextFile(dir / "precious.txt"), "keep me");
    SearchSettings unknownSpace = presetSettings("quick");
    unknownSpace.space = "resnet";
    EXPECT_NAT_ERROR(runner.startSearch(unknownSpace, dir / "new"), ErrorCode::InvalidArgument, "unknown search-space preset 'resnet'");
    EXPECT_FALSE(fs::exists(dir / "new"));
    EXPECT_FALSE(runner.busy());
    EXPECT_EQ(rec.count<JobFinished>(), 0);
}

}  // namespace nat::engine
