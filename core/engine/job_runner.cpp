#include "engine/job_runner.h"

#include <torch/torch.h>

#include <algorithm>
#include <atomic>
#include <iomanip>
#include <mutex>
#include <sstream>
#include <thread>

#include "base/allocator.h"
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
#include "export/exporter.h"
#include "export/onnx_writer.h"
#include "space/search_space.h"
#include "supernet/checkpoint.h"
#include "supernet/collective.h"
#include "supernet/device.h"

namespace nat::engine {

namespace fs = std::filesystem;

struct JobRunner::Impl {
    EventSink sink;
    std::jthread thread;
    std::atomic<bool> running{false};
    std::shared_ptr<supernet::Collective> collective;

    // Runs `work` on the job thread; every exception becomes the one terminal event.
    void launch(std::function<std::string(std::stop_token)> work,
                std::string cancelledMessage = "cancelled; the run is saved and can be resumed") {
        if (thread.joinable()) thread.join();
        running = true;
        thread = std::jthread([this, work = std::move(work), cancelledMessage](std::stop_token stop) {
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
                done.message = e.code() == ErrorCode::Cancelled ? cancelledMessage : e.what();
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
            // The job's tensors are gone: give the memory the allocator kept for them back to the
            // system, so an idle GUI does not hold a search's peak (base/allocator.h).
            releaseFreeMemory();
            running = false;
            sink(done);
        });
    }

    void requireIdle() const {
        if (running) throw Error(ErrorCode::InvalidArgument, "a job is already running; cancel it or wait for it to finish");
    }
};

namespace {
void checkLearningRate(const FineTuneRequest& r) {
    if (r.enabled() && !(r.learningRate > 0 && r.learningRate <= 10))
        throw Error(ErrorCode::InvalidArgument,
                    "fine-tuning learning rate must be in (0, 10], got " + std::to_string(r.learningRate));
}
}  // namespace

JobRunner::JobRunner(EventSink sink) : m_impl(std::make_unique<Impl>()) { m_impl->sink = std::move(sink); }

JobRunner::~JobRunner() {
    cancel();
    wait();
}

bool JobRunner::busy() const { return m_impl->running; }

void JobRunner::setCollective(std::shared_ptr<supernet::Collective> collective) {
    m_impl->requireIdle();
    m_impl->collective = std::move(collective);
}

void JobRunner::startSearch(const SearchSettings& settings, const fs::path& runDir) {
    m_impl->requireIdle();
    settings.validate();
    space::preset(settings.space);
    // Distributed: NatSearch::start checks the folder on rank 0 and tells every rank the outcome.
    if (!m_impl->collective) {
        if (fs::exists(runDir / "settings.json"))
            throw Error(ErrorCode::InvalidArgument, quoted(runDir) + " already holds a run; resume it or choose another folder");
        if (fs::exists(runDir) && !fs::is_empty(runDir))
            throw Error(ErrorCode::InvalidArgument, quoted(runDir) + " is not empty; choose a new or empty folder");
    }
    m_impl->launch([this, settings, runDir, collective = m_impl->collective](std::stop_token stop) {
        NatSearch search(runDir, m_impl->sink, stop, collective);
        search.start(settings);
        return "search finished: " + runDir.string();
    });
}

void JobRunner::resumeSearch(const fs::path& runDir) {
    m_impl->requireIdle();
    // A folder that is not a run, or a finished one, fails here, before any thread starts.
    if (!m_impl->collective && readRun(runDir).status == "finished")
        throw Error(ErrorCode::InvalidArgument, quoted(runDir) + " is already finished; nothing to resume");
    m_impl->launch([this, runDir, collective = m_impl->collective](std::stop_token stop) {
        NatSearch search(runDir, m_impl->sink, stop, collective);
        search.resume();
        return "search finished: " + runDir.string();
    });
}

void JobRunner::evaluate(const fs::path& runDir, int archId, const std::string& split, const FineTuneRequest& finetune) {
    m_impl->requireIdle();
    checkFineTuneEpochs(finetune.epochs);
    checkLearningRate(finetune);
    const RunInfo info = readRun(runDir);
    findArchitecture(info, archId);
    if (split != "val" && split != "test")
        throw Error(ErrorCode::InvalidArgument, "split must be 'val' or 'test', got '" + split + "'");
    m_impl->launch([this, runDir, archId, split, finetune](std::stop_token stop) {
        const EvaluationResult r = evaluateArchitecture(runDir, archId, split, finetune, stop, m_impl->sink);
        m_impl->sink(r);
        std::string message = "architecture " + std::to_string(archId) + ": " + split + " top-1 " +
                              std::to_string(r.top1 * 100.0).substr(0, 5) + " %";
        if (r.finetune) {
            const double before = split == "test" && r.finetune->testBefore ? *r.finetune->testBefore : r.finetune->valBefore;
            message += " after fine-tuning " + std::to_string(r.finetune->epochs) + " epoch(s) (before: " +
                       std::to_string(before * 100.0).substr(0, 5) + " %)";
        }
        return message;
    }, "cancelled; nothing was written (the run is unchanged)");
}

void JobRunner::exportArchitecture(const fs::path& runDir, const ExportRequest& request) {
    m_impl->requireIdle();
    checkFineTuneEpochs(request.finetune.epochs);
    checkLearningRate(request.finetune);
    std::vector<exporting::Format> formats;
    for (const auto& f : request.formats)
        for (exporting::Format x : exporting::parseFormats(f)) formats.push_back(x);
    if (std::find(formats.begin(), formats.end(), exporting::Format::Onnx) != formats.end())
        exporting::checkOnnxOptions({request.opset, request.foldBn, request.dynamicBatch, 1});
    const RunInfo info = readRun(runDir);
    findArchitecture(info, request.archId);
    m_impl->launch([this, runDir, request](std::stop_token stop) {
        return exportFromRun(runDir, request, stop, m_impl->sink);
    }, "cancelled; the export was not finished (files already in the output folder are unchanged)");
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
