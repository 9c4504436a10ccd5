// Issue 12: a search survives a full disk, an I/O error and a damaged checkpoint. Each case runs a tiny
// search, breaks it, resumes it, and checks that the finished run equals an uninterrupted one with the
// same seed: the same architectures with the same validation errors.
#include <gtest/gtest.h>

#include <atomic>
#include <cerrno>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "base/file_io.h"
#include "base/file_safety.h"
#include "base/json_util.h"
#include "engine/job_runner.h"
#include "engine/run_store.h"
#include "supernet/checkpoint.h"
#include "test_util.h"
#include "tiny_dataset.h"

namespace nat::engine {

namespace fs = std::filesystem;

namespace {

SearchSettings tinySettings(const fs::path& dataset) { return test::tinySearchSettings(dataset, 9); }

// Runs one job to its end; `onEvent` runs on the job thread as each event arrives.
JobFinished runJob(const std::function<void(JobRunner&)>& start, std::function<void(const Event&)> onEvent = {},
                   std::vector<std::string>* logs = nullptr) {
    std::mutex mutex;
    std::optional<JobFinished> done;
    JobRunner runner([&](const Event& e) {
        if (onEvent) onEvent(e);
        std::lock_guard lock(mutex);
        if (const auto* l = std::get_if<LogEvent>(&e); l && logs) logs->push_back(l->text);
        if (const auto* f = std::get_if<JobFinished>(&e)) done = *f;
    });
    start(runner);
    runner.wait();
    return *done;
}

struct FaultGuard {
    ~FaultGuard() { setFaultInjection(std::nullopt); }
};

void expectSameArchive(const RunInfo& got, const RunInfo& want) {
    ASSERT_EQ(got.archive.size(), want.archive.size());
    for (std::size_t i = 0; i < want.archive.size(); ++i) {
        EXPECT_EQ(got.archive[i].encoding, want.archive[i].encoding) << "architecture " << i;
        EXPECT_EQ(got.archive[i].iteration, want.archive[i].iteration) << "architecture " << i;
        EXPECT_DOUBLE_EQ(got.archive[i].error, want.archive[i].error) << "architecture " << i;
    }
    EXPECT_EQ(got.frontIds, want.frontIds);
    ASSERT_EQ(got.iterations.size(), want.iterations.size());
    for (std::size_t k = 0; k < want.iterations.size(); ++k) {
        EXPECT_EQ(got.iterations[k].iteration, static_cast<int>(k));
        EXPECT_EQ(got.iterations[k].newIds, want.iterations[k].newIds);
    }
}

// Every journal line parses; no architecture is measured twice.
void expectSoundJournal(const fs::path& run) {
    std::set<std::vector<int>> seen;
    for (const std::string& line : readJournalLines(run / "journal.jsonl")) {
        const Json j = parseJson(line, "journal");
        if (j.value("type", "") == "arch") {
            EXPECT_TRUE(seen.insert(j["encoding"].get<std::vector<int>>()).second) << line;
        }
    }
    for (const auto& e : fs::directory_iterator(run))
        EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path() << " was left behind";
}

}  // namespace

class EngineFaults : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new test::TempDir;
        test::writeTinyIdxDataset(s_dir->path() / "data");
        const JobFinished f = runJob([](JobRunner& r) { r.startSearch(tinySettings(data()), reference()); });
        ASSERT_EQ(f.status, JobFinished::Status::Succeeded) << f.message;
    }
    static void TearDownTestSuite() { delete s_dir; }
    static fs::path data() { return s_dir->path() / "data"; }
    static fs::path reference() { return s_dir->path() / "reference"; }
    static test::TempDir* s_dir;
};
test::TempDir* EngineFaults::s_dir = nullptr;

// The disk fills up (or the device fails) after the initial archive: the next write fails, the job
// ends with one clear message, the files already saved stay intact, and the run resumes once space is
// back and finishes exactly as if nothing had happened.
TEST_F(EngineFaults, DiskFullAndIoErrorsFailCleanlyAndTheRunResumes) {
    struct Case {
        int error;
        const char* file;
        const char* message;
    };
    for (const Case c : {Case{ENOSPC, "supernet-w0.natsn", "no space left on device while writing '"},
                         Case{EIO, "journal.jsonl", "cannot write '"}}) {
        SCOPED_TRACE(c.file);
        test::TempDir runs;
        const fs::path run = runs / "run";
        FaultGuard guard;
        const JobFinished failed = runJob([&](JobRunner& r) { r.startSearch(tinySettings(data()), run); },
                                          [&](const Event& e) {
                                              const auto* s = std::get_if<IterationSnapshot>(&e);
                                              if (s && s->iteration == 0) setFaultInjection(FaultInjection{c.error, 0, c.file});
                                          });
        ASSERT_EQ(failed.status, JobFinished::Status::Failed) << failed.message;
        EXPECT_NE(failed.message.find(c.message + (run / c.file).generic_string() + "'"), std::string::npos) << failed.message;
        EXPECT_NE(failed.message.find("can be resumed once this is fixed"), std::string::npos) << failed.message;
        setFaultInjection(std::nullopt);
        // What was saved is intact: the checkpoint passes its checksum and loads, the journal is whole.
        EXPECT_TRUE(supernet::checkSupernetFile(run / "supernet-w0.natsn").hasChecksum);
        EXPECT_NO_THROW(supernet::loadSupernet(run / "supernet-w0.natsn"));
        EXPECT_FALSE(readRun(run).truncatedJournal);
        expectSoundJournal(run);

        const JobFinished resumed = runJob([&](JobRunner& r) { r.resumeSearch(run); });
        ASSERT_EQ(resumed.status, JobFinished::Status::Succeeded) << resumed.message;
        expectSameArchive(readRun(run), readRun(reference()));
        expectSoundJournal(run);
    }
}

// The newest checkpoint is damaged on disk (a flipped byte): the resume detects it by its checksum,
// says so, keeps the file aside, continues from the previous checkpoint with the state that belongs
// to it, and still ends exactly like the uninterrupted run.
TEST_F(EngineFaults, DamagedNewestCheckpointFallsBackToThePreviousOne) {
    test::TempDir runs;
    const fs::path run = runs / "run";
    std::atomic<bool> cancel{false};
    JobFinished stopped;
    {
        std::mutex mutex;
        std::optional<JobFinished> done;
        JobRunner runner([&](const Event& e) {
            const auto* s = std::get_if<IterationSnapshot>(&e);
            if (s && s->iteration == 1) cancel = true;
            std::lock_guard lock(mutex);
            if (const auto* f = std::get_if<JobFinished>(&e)) done = *f;
        });
        runner.startSearch(tinySettings(data()), run);
        while (!cancel && runner.busy()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        runner.cancel();
        runner.wait();
        stopped = *done;
    }
    ASSERT_EQ(stopped.status, JobFinished::Status::Cancelled) << stopped.message;
    ASSERT_TRUE(fs::exists(run / "supernet-w0.natsn.prev"));
    const Json stateBefore = readJsonFile(run / "state.json");
    std::string bytes = readTextFile(run / "supernet-w0.natsn");
    bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x10);
    writeFileAtomic(run / "supernet-w0.natsn", bytes);

    std::vector<std::string> logs;
    const JobFinished resumed = runJob([&](JobRunner& r) { r.resumeSearch(run); }, {}, &logs);
    ASSERT_EQ(resumed.status, JobFinished::Status::Succeeded) << resumed.message;
    bool warned = false;
    for (const auto& l : logs)
        warned |= l.find("the newest supernet checkpoint cannot be used") != std::string::npos &&
                  l.find("checksum mismatch") != std::string::npos && l.find("resuming from the previous one") != std::string::npos;
    EXPECT_TRUE(warned) << "no log line about the fallback";
    EXPECT_TRUE(fs::exists(run / "supernet-w0.natsn.damaged"));
    EXPECT_GT(stateBefore.value("checkpoint_seq", 0), 1);
    expectSameArchive(readRun(run), readRun(reference()));
    expectSoundJournal(run);
}

}  // namespace nat::engine
