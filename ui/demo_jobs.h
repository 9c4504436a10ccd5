#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>

#include "engine/job_runner.h"

namespace nat::ui {

/// A scripted stand-in for nat::engine::JobRunner: plays a plausible NAT search (training curves,
/// an archive of real tiny-mbv3 architectures with their exact costs, a front that improves,
/// progress with ETA, log lines, exactly one JobFinished) on a std::jthread, without training
/// anything. Used by the GUI tests and by `nat-studio --demo` for screenshots. Writes no files.
/// Thread-safety: like JobRunner, methods are called from one controlling thread.
class DemoJobs final : public nat::engine::Jobs {
public:
    struct Options {
        int stepMs = 15;            ///< pause between events (speed of the show)
        int curvePointsPerPhase = 30;
        std::string failMessage;    ///< non-empty: every job fails with it after a few events
    };

    DemoJobs(nat::engine::EventSink sink, Options options);
    explicit DemoJobs(nat::engine::EventSink sink) : DemoJobs(std::move(sink), Options{}) {}
    ~DemoJobs() override;

    bool busy() const override { return m_busy.load(); }
    void startSearch(const nat::engine::SearchSettings& settings, const std::filesystem::path& runDir) override;
    void resumeSearch(const std::filesystem::path& runDir) override;
    void evaluate(const std::filesystem::path& runDir, int archId, const std::string& split,
                  const nat::engine::FineTuneRequest& finetune) override;
    void exportArchitecture(const std::filesystem::path& runDir, const nat::engine::ExportRequest& request) override;
    void cancel() override;
    void wait() override;

private:
    template <typename F>
    void launch(F body);
    void runSearch(std::stop_token stop, nat::engine::SearchSettings settings);
    void runEvaluation(std::stop_token stop, int archId, std::string split, int finetuneEpochs);
    void runExport(std::stop_token stop, nat::engine::ExportRequest request);
    /// Sleeps one step; false when cancelled.
    bool pause(const std::stop_token& stop, int steps = 1) const;

    nat::engine::EventSink m_sink;
    Options m_options;
    std::atomic<bool> m_busy{false};
    nat::engine::SearchSettings m_lastSettings;
    std::jthread m_thread;
};

}  // namespace nat::ui
