#include "run_controller.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <exception>

namespace nat::ui {

namespace engine = nat::engine;

RunController::RunController(const JobsFactory& factory, QObject* parent) : QObject(parent) {
    if (!factory) return;
    // Runs on the worker thread: copy the event and hand it to the GUI thread. Once this object is
    // gone Qt drops the posted call; the destructor joins the job first anyway.
    m_jobs = factory([this](const engine::Event& event) {
        QMetaObject::invokeMethod(this, [this, event] { deliver(event); }, Qt::QueuedConnection);
    });
}

RunController::~RunController() {
    if (!m_jobs) return;
    m_jobs->cancel();
    m_jobs->wait();
    m_jobs.reset();  // the worker is joined; queued calls still pending die with this object
}

bool RunController::launch(JobKind kind, const std::filesystem::path& runDir, const std::function<void()>& start) {
    if (!m_jobs) {
        Q_EMIT errorOccurred(tr("No search engine is available in this build."));
        return false;
    }
    if (busy()) {
        Q_EMIT errorOccurred(tr("Another job is still running. Wait for it to finish or cancel it first."));
        return false;
    }
    try {
        start();
    } catch (const std::exception& e) {
        Q_EMIT errorOccurred(QString::fromStdString(e.what()));
        return false;
    }
    m_kind = kind;
    m_runDir = runDir;
    setState(State::Running);
    Q_EMIT jobStarted(kind);
    return true;
}

bool RunController::startSearch(const engine::SearchSettings& settings, const std::filesystem::path& runDir) {
    return launch(JobKind::Search, runDir, [&] { m_jobs->startSearch(settings, runDir); });
}

bool RunController::resumeSearch(const std::filesystem::path& runDir) {
    return launch(JobKind::Search, runDir, [&] { m_jobs->resumeSearch(runDir); });
}

bool RunController::evaluate(const std::filesystem::path& runDir, int archId, const QString& split, int finetuneEpochs) {
    engine::FineTuneRequest finetune;
    finetune.epochs = finetuneEpochs;
    return launch(JobKind::Evaluation, runDir, [&] { m_jobs->evaluate(runDir, archId, split.toStdString(), finetune); });
}

bool RunController::exportArchitecture(const std::filesystem::path& runDir, const engine::ExportRequest& request) {
    return launch(JobKind::Export, runDir, [&] { m_jobs->exportArchitecture(runDir, request); });
}

void RunController::cancel() {
    if (m_state != State::Running || !m_jobs) return;
    m_jobs->cancel();
    setState(State::Cancelling);
}

void RunController::waitForIdle() {
    if (!m_jobs) return;
    m_jobs->wait();
    QCoreApplication::sendPostedEvents(this);
}

void RunController::setState(State state) {
    if (m_state == state) return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void RunController::deliver(const engine::Event& event) {
    if (const auto* p = std::get_if<engine::ProgressEvent>(&event)) {
        Q_EMIT progress(*p);
    } else if (const auto* c = std::get_if<engine::CurvePoint>(&event)) {
        Q_EMIT curvePoint(*c);
    } else if (const auto* s = std::get_if<engine::IterationSnapshot>(&event)) {
        Q_EMIT iteration(*s);
    } else if (const auto* l = std::get_if<engine::LogEvent>(&event)) {
        Q_EMIT logMessage(*l);
    } else if (const auto* r = std::get_if<engine::EvaluationResult>(&event)) {
        Q_EMIT evaluated(*r);
    } else if (const auto* f = std::get_if<engine::JobFinished>(&event)) {
        if (m_state == State::Idle) return;  // a second terminal event would be an engine bug: drop it
        const JobKind kind = m_kind;
        setState(State::Idle);
        Q_EMIT finished(*f, kind);
    }
}

}  // namespace nat::ui
