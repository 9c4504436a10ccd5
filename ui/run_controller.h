#pragma once

#include <QObject>
#include <QString>
#include <filesystem>
#include <functional>
#include <memory>

#include "engine/job_runner.h"

namespace nat::ui {

/// Creates the background job runner; it must deliver every event through the given sink.
/// The application passes one that builds nat::engine::JobRunner; tests and --demo pass DemoJobs.
using JobsFactory = std::function<std::unique_ptr<nat::engine::Jobs>(nat::engine::EventSink)>;

/// The one adapter between the core's job runner and the Qt world (ARCHITECTURE.md §2).
///
/// Events arrive on the job's worker thread; the sink copies them and posts them to this object
/// with a queued invocation, so every signal below is emitted on the GUI thread. Pages and charts
/// connect to these signals and never see a thread. Thread-safety: all public methods are called
/// on the GUI thread. The destructor cancels the running job and joins it.
class RunController : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Running, Cancelling };
    Q_ENUM(State)
    enum class JobKind { None, Search, Evaluation, Export };
    Q_ENUM(JobKind)

    explicit RunController(const JobsFactory& factory, QObject* parent = nullptr);
    ~RunController() override;

    State state() const { return m_state; }
    JobKind jobKind() const { return m_kind; }
    bool busy() const { return m_state != State::Idle; }
    bool hasEngine() const { return m_jobs != nullptr; }
    /// Run folder of the current (or last) search, evaluation or export.
    const std::filesystem::path& runDir() const { return m_runDir; }

    /// Each returns false and emits errorOccurred (a readable message) when the job cannot start.
    bool startSearch(const nat::engine::SearchSettings& settings, const std::filesystem::path& runDir);
    bool resumeSearch(const std::filesystem::path& runDir);
    /// `finetuneEpochs` > 0: fine-tune the subnet first (the result then shows accuracy before/after).
    bool evaluate(const std::filesystem::path& runDir, int archId, const QString& split, int finetuneEpochs = 0);
    bool exportArchitecture(const std::filesystem::path& runDir, const nat::engine::ExportRequest& request);
    /// Asks the job to stop (cooperative, < 1 s); a cancelled search stays resumable. Never blocks.
    void cancel();
    /// Blocks until the job has ended and delivers the pending events. For tests and shutdown only.
    void waitForIdle();

Q_SIGNALS:
    void stateChanged(nat::ui::RunController::State state);
    void jobStarted(nat::ui::RunController::JobKind kind);
    void progress(const nat::engine::ProgressEvent& event);
    void curvePoint(const nat::engine::CurvePoint& point);
    void iteration(const nat::engine::IterationSnapshot& snapshot);
    void logMessage(const nat::engine::LogEvent& event);
    void evaluated(const nat::engine::EvaluationResult& result);
    /// Exactly once per started job, after all its other events.
    void finished(const nat::engine::JobFinished& result, nat::ui::RunController::JobKind kind);
    /// A job could not start (bad settings, engine busy, no engine); the text is for people.
    void errorOccurred(const QString& message);

private:
    void deliver(const nat::engine::Event& event);
    bool launch(JobKind kind, const std::filesystem::path& runDir, const std::function<void()>& start);
    void setState(State state);

    std::unique_ptr<nat::engine::Jobs> m_jobs;
    State m_state = State::Idle;
    JobKind m_kind = JobKind::None;
    std::filesystem::path m_runDir;
};

}  // namespace nat::ui
