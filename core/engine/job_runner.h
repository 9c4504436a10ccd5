#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "engine/events.h"

namespace nat::supernet {
class Collective;
}

namespace nat::engine {

/// Optional fine-tuning of a subnet before it is evaluated or exported (core/engine/finetune.h).
struct FineTuneRequest {
    int epochs = 0;               ///< 0: none; 1..kMaxFineTuneEpochs
    std::uint64_t seed = 1;
    bool distill = false;         ///< soft targets from the supernet's largest subnet (about 2× slower)
    double learningRate = 0.01;   ///< initial, cosine decay to 0
    bool enabled() const { return epochs > 0; }
};

/// What to export for one architecture of a run.
struct ExportRequest {
    int archId = -1;
    std::vector<std::string> formats = {"all"};  ///< onnx, torchscript, subnet, config, weights, all
    std::filesystem::path outDir;
    int opset = 13;
    bool foldBn = false;
    bool dynamicBatch = false;
    FineTuneRequest finetune;     ///< fine-tune first; the weights written are the fine-tuned ones
};

/// The job interface the GUI controller and the CLI drive; JobRunner is the real one, tests use fakes.
class Jobs {
public:
    virtual ~Jobs() = default;
    virtual bool busy() const = 0;
    virtual void startSearch(const SearchSettings& settings, const std::filesystem::path& runDir) = 0;
    virtual void resumeSearch(const std::filesystem::path& runDir) = 0;
    /// With `finetune.enabled()`, the subnet is fine-tuned first and the result carries both accuracies.
    virtual void evaluate(const std::filesystem::path& runDir, int archId, const std::string& split,
                          const FineTuneRequest& finetune) = 0;
    virtual void exportArchitecture(const std::filesystem::path& runDir, const ExportRequest& request) = 0;
    virtual void cancel() = 0;
    virtual void wait() = 0;
};

/// Runs one background job at a time (search, resume, evaluation, export) on its own thread
/// (ARCHITECTURE.md §2). Events go to the sink from that thread; the last one is always JobFinished.
/// Cancellation is cooperative and reaches the job within about a second; a cancelled search is saved
/// and resumable. Thread-safety: all methods are called from one controlling thread (the GUI thread or
/// the CLI's main thread); the destructor cancels and joins.
class JobRunner final : public Jobs {
public:
    explicit JobRunner(EventSink sink);
    ~JobRunner() override;
    JobRunner(const JobRunner&) = delete;
    JobRunner& operator=(const JobRunner&) = delete;

    bool busy() const override;
    /// Each throws Error(InvalidArgument) when a job is already running or the input is invalid
    /// (checked before the thread starts, so bad settings never start a job).
    void startSearch(const SearchSettings& settings, const std::filesystem::path& runDir) override;
    void resumeSearch(const std::filesystem::path& runDir) override;
    void evaluate(const std::filesystem::path& runDir, int archId, const std::string& split,
                  const FineTuneRequest& finetune) override;
    void exportArchitecture(const std::filesystem::path& runDir, const ExportRequest& request) override;

    /// Baseline for "is the search worth it?": trains `which` (smallest | largest | an archive id) of
    /// the run's space from scratch for `epochs` (≤ 0: as many as the search spent) and writes
    /// RUN/scratch/<which>.json (engine/scratch.h). Not part of Jobs: the CLI drives it.
    void trainFromScratch(const std::filesystem::path& runDir, const std::string& which, double epochs);

    /// Searches started after this run data-parallel with the other ranks of `collective` (null: one
    /// process). Ranks other than 0 skip the run-folder checks: rank 0 alone owns the folder.
    void setCollective(std::shared_ptr<supernet::Collective> collective);

    void cancel() override;
    /// Blocks until the current job (if any) has finished.
    void wait() override;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace nat::engine
