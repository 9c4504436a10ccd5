#include "engine/job_runner.h"

#include <torch/torch.h>

#include <atomic>
#include <iomanip>
#include <mutex>
#include <sstream>
#include <thread>

#include "base/error.h"
#include "base/file_io.h"
#include "data/split.h"
#include "data/summary.h"
#include "engine/evaluator.h"
#include "engine/jobs_internal.h"
#include "engine/nat_search.h"
#include "engine/run_store.h"
#include "engine/run_writer.h"
#include "engine/scratch.h"
#include "space/search_space.h"
#include "supernet/checkpoint.h"
#include "supernet/device.h"

namespace nat::engine {

namespace fs = std::filesystem;

struct JobRunner::Impl {
    EventSink sink;
    std::jthread thread;
    std::atomic<bool> running{false};

    // Runs `work` on the job thread; every exception becomes the one terminal event.
    void launch(std::function<std::string(std::stop_token)> work) {
        if (thread.joinable()) thread.join();
        running = true;
        thread = std::jthread([this, work = std::move(work)](std::stop_token stop) {
            JobFinished done;
            try {
                // LibTorch's intra-op thread count is per OS thread (OpenMP): a fresh thread starts
                // with one, which halved training speed on 2 cores. Jobs use every core unless a
                // search's settings say otherwise (NatSearch sets its own count).
                supernet::setThreads(0);
                done.message = work(stop);
                done.status = JobFinished::Status::Succeeded;
            } catch (const Error& e) {
                done.status = e.code() == ErrorCode::Cancelled ? JobFinished::Status::Cancelled : JobFinished::Status::Failed;
                done.message = e.code() == ErrorCode::Cancelled ? "cancelled; the run is saved and can be resumed" : e.what();
            } catch (const c10::Error& e) {
                done.status = JobFinished::Status::Failed;
                done.message = std::string("LibTorch: ") + e.what_without_backtrace();
            } catch (const std::exception& e) {
                done.status = JobFinished::Status::Failed;
                done.message = e.what();
            } catch (...) {
                done.status = JobFinished::Status::Failed;
                done.message = "unknown failure";
            }
            running = false;
            sink(done);
        });
    }

    void requireIdle() const {
        if (running) throw Error(ErrorCode::InvalidArgument, "a job is already running; cancel it or wait for it to finish");
    }
};

JobRunner::JobRunner(EventSink sink) : m_impl(std::make_unique<Impl>()) { m_impl->sink = std::move(sink); }

JobRunner::~JobRunner() {
    cancel();
    wait();
}

bool JobRunner::busy() const { return m_impl->running; }

void JobRunner::startSearch(const SearchSettings& settings, const fs::path& runDir) {
    m_impl->requireIdle();
    settings.validate();
    space::preset(settings.space);
    if (fs::exists(runDir / "settings.json"))
        throw Error(ErrorCode::InvalidArgument, quoted(runDir) + " already holds a run; resume it or choose another folder");
    if (fs::exists(runDir) && !fs::is_empty(runDir))
        throw Error(ErrorCode::InvalidArgument, quoted(runDir) + " is not empty; choose a new or empty folder");
    m_impl->launch([this, settings, runDir](std::stop_token stop) {
        NatSearch search(runDir, m_impl->sink, stop);
        search.start(settings);
        return "search finished: " + runDir.string();
    });
}

void JobRunner::resumeSearch(const fs::path& runDir) {
    m_impl->requireIdle();
    // A folder that is not a run, or a finished one, fails here, before any thread starts.
    if (readRun(runDir).status == "finished")
        throw Error(ErrorCode::InvalidArgument, quoted(runDir) + " is already finished; nothing to resume");
    m_impl->launch([this, runDir](std::stop_token stop) {
        NatSearch search(runDir, m_impl->sink, stop);
        search.resume();
        return "search finished: " + runDir.string();
    });
}

void JobRunner::evaluate(const fs::path& runDir, int archId, const std::string& split) {
    m_impl->requireIdle();
    const RunInfo info = readRun(runDir);
    findArchitecture(info, archId);
    if (split != "val" && split != "test")
        throw Error(ErrorCode::InvalidArgument, "split must be 'val' or 'test', got '" + split + "'");
    m_impl->launch([this, runDir, archId, split](std::stop_token stop) {
        const EvaluationResult r = evaluateArchitecture(runDir, archId, split, stop, m_impl->sink);
        m_impl->sink(r);
        return "architecture " + std::to_string(archId) + ": " + split + " top-1 " +
               std::to_string(r.top1 * 100.0).substr(0, 5) + " %";
    });
}

void JobRunner::exportArchitecture(const fs::path& runDir, const ExportRequest& request) {
    m_impl->requireIdle();
    const RunInfo info = readRun(runDir);
    findArchitecture(info, request.archId);
    m_impl->launch([this, runDir, request](std::stop_token stop) {
        return exportFromRun(runDir, request, stop, m_impl->sink);
    });
}

void JobRunner::trainFromScratch(const fs::path& runDir, const std::string& which, double epochs) {
    m_impl->requireIdle();
    readRun(runDir);  // a bad folder fails here, before the thread starts
    m_impl->launch([this, runDir, which, epochs](std::stop_token stop) {
        const ScratchResult r = engine::trainFromScratch(runDir, which, epochs, stop, m_impl->sink);
        std::ostringstream os;
        os << std::fixed << std::setprecision(2) << r.which << " from scratch, " << r.epochs << " epochs in "
           << std::setprecision(0) << r.seconds << " s: val top-1 " << std::setprecision(2) << r.valAccuracy * 100 << " %";
        if (r.testAccuracy >= 0) os << ", test top-1 " << r.testAccuracy * 100 << " %";
        return os.str();
    });
}

void JobRunner::cancel() {
    if (m_impl->thread.joinable()) m_impl->thread.request_stop();
}

void JobRunner::wait() {
    if (m_impl->thread.joinable()) m_impl->thread.join();
}

}  // namespace nat::engine
