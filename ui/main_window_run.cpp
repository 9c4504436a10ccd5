// MainWindow: everything about jobs and runs (starting, following, opening run folders).
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QStatusBar>
#include <QTimer>
#include <exception>

#include "dashboard_page.h"
#include "dataset_page.h"
#include "evaluation_view.h"
#include "export_dialog.h"
#include "format_util.h"
#include "front_chart.h"
#include "inspector_page.h"
#include "main_window.h"
#include "search_page.h"
#include "start_page.h"

namespace nat::ui {

namespace engine = nat::engine;

void MainWindow::connectController() {
    RunController* c = m_controller;
    connect(c, &RunController::progress, this, &MainWindow::onProgress);
    connect(c, &RunController::curvePoint, m_dashboard, &DashboardPage::addCurvePoint);
    connect(c, &RunController::iteration, m_dashboard, &DashboardPage::addSnapshot);
    connect(c, &RunController::logMessage, this, [this](const engine::LogEvent& e) {
        const QString text = QString::fromStdString(e.text);
        if (m_controller->jobKind() == RunController::JobKind::Export) m_exportLog << text;
        appendLog(text, e.level == engine::LogEvent::Level::Error     ? QStringLiteral("#b00020")
                        : e.level == engine::LogEvent::Level::Warning ? QStringLiteral("#a06000")
                                                                      : QString());
    });
    connect(c, &RunController::evaluated, this, [this](const engine::EvaluationResult& r) {
        if (r.archId == m_inspector->archId()) m_inspector->evaluation()->setResult(r);
    });
    connect(c, &RunController::finished, this, &MainWindow::onFinished);
    connect(c, &RunController::errorOccurred, this, [this](const QString& text) {
        appendLog(text, QStringLiteral("#b00020"));
        showMessage(tr("Cannot start"), text, true);
    });
    connect(c, &RunController::stateChanged, this, &MainWindow::updateActions);
}

void MainWindow::updateActions() {
    const bool busy = m_controller->busy();
    const bool search = m_controller->jobKind() == RunController::JobKind::Search;
    m_pauseAction->setEnabled(busy && search && m_controller->state() == RunController::State::Running);
    m_cancelAction->setEnabled(busy && m_controller->state() == RunController::State::Running);
    m_resumeAction->setEnabled(!busy && !m_runDir.isEmpty());
    m_inspector->setBusy(busy);
}

bool MainWindow::startSearch() {
    engine::SearchSettings s = m_search->settings();
    s.dataset = m_dataset->dataset().isEmpty() ? std::string("fashion-mnist") : m_dataset->dataset().toStdString();
    if (m_dataset->validationSize() >= 0) s.validationSize = m_dataset->validationSize();
    if (m_dataset->trainSubset() >= 0) s.trainSubset = m_dataset->trainSubset();
    const QString dir = m_search->outputFolder();
    if (dir.isEmpty()) {
        showMessage(tr("Cannot start"), tr("Choose an output folder for the run first."), true);
        return false;
    }
    return startSearch(s, dir);
}

bool MainWindow::resumeSearch() {
    if (!m_controller->resumeSearch(m_runDir.toStdString())) return false;
    m_readOnly = false;
    m_refresh->stop();
    return true;
}

bool MainWindow::startSearch(const engine::SearchSettings& s, const QString& dir) {
    m_dashboard->clear();
    m_inspector->clear();
    m_inspector->setContext(QString::fromStdString(s.space), 10, 1);
    if (!m_controller->startSearch(s, dir.toStdString())) return false;
    m_refresh->stop();
    m_readOnly = false;
    m_runDir = dir;
    StartPage::rememberRun(dir);
    m_start->reloadRecent();
    appendLog(tr("Search started in %1").arg(dir));
    showPage(Page::Dashboard);
    updateActions();
    return true;
}

void MainWindow::chooseRunFolder() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open run folder"));
    if (!dir.isEmpty()) openRun(dir);
}

void MainWindow::openRun(const QString& dir) {
    if (m_controller->busy()) {
        showMessage(tr("Job running"), tr("Wait for the running job to finish (or cancel it) before opening another run."), true);
        return;
    }
    m_runDir = dir;
    m_readOnly = true;
    m_dashboard->clear();
    m_inspector->clear();
    readRunAsync(dir);
    showPage(Page::Dashboard);
}

/// readRun parses the journal and curves; for a long run that is more than a frame's worth of work,
/// so it runs on a worker thread and the result comes back queued.
void MainWindow::readRunAsync(const QString& dir) {
    if (m_reading || dir.isEmpty()) return;
    m_reading = true;
    if (m_reader.joinable()) m_reader.join();
    m_reader = std::jthread([this, dir] {
        std::optional<engine::RunInfo> run;
        QString error;
        try {
            run = engine::readRun(dir.toStdString());
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(
            this,
            [this, run = std::move(run), error, dir] {
                m_reading = false;
                if (dir != m_runDir || !m_readOnly) return;  // another run was opened meanwhile
                if (!error.isEmpty()) {
                    m_refresh->stop();
                    showMessage(tr("Cannot open run"), error, true);
                    return;
                }
                applyRun(*run);
            },
            Qt::QueuedConnection);
    });
}

void MainWindow::applyRun(const engine::RunInfo& run) {
    const bool first = !m_refresh->isActive();
    m_dashboard->setRun(run);
    int classes = 10, channels = 1;
    if (run.dataset.is_object()) {
        if (run.dataset.contains("classes") && run.dataset["classes"].is_array()) classes = int(run.dataset["classes"].size());
        channels = run.dataset.value("channels", 1);
    }
    m_inspector->setContext(QString::fromStdString(run.settings.space), classes, channels);
    const QString status = QString::fromStdString(run.status);
    m_phase->setText(tr("%1 (read-only): %2, %3 architectures, iteration %4")
                         .arg(QDir(m_runDir).dirName(), status.isEmpty() ? tr("unknown") : status)
                         .arg(run.archive.size())
                         .arg(run.completedIterations));
    if (status == QLatin1String("running"))
        m_refresh->start();  // another process writes it: follow it
    else
        m_refresh->stop();
    if (first) {
        StartPage::rememberRun(m_runDir);
        m_start->reloadRecent();
        appendLog(tr("Opened run %1").arg(m_runDir));
        if (run.truncatedJournal) appendLog(tr("The last journal line was cut off (a crash?) and was skipped."), QStringLiteral("#a06000"));
    }
    updateActions();
}

void MainWindow::selectArchitecture(int id) {
    if (const engine::ArchiveEntry* e = m_dashboard->entry(id)) {
        m_inspector->showEntry(*e);
        m_dashboard->front()->setSelectedId(id);
        statusBar()->showMessage(tr("Selected architecture #%1").arg(id), 4000);
    }
}

void MainWindow::compareArchitectures(const QList<int>& ids) {
    std::vector<engine::ArchiveEntry> entries;
    for (int id : ids)
        if (const engine::ArchiveEntry* e = m_dashboard->entry(id)) entries.push_back(*e);
    if (entries.size() < 2) return;
    m_inspector->showComparison(entries);
    showPage(Page::Inspector);
}

void MainWindow::evaluateArchitecture(int id) {
    const int epochs = m_inspector->evaluation()->finetuneEpochs();
    if (m_controller->evaluate(m_runDir.toStdString(), id, QStringLiteral("test"), epochs)) {
        appendLog(epochs > 0 ? tr("Fine-tuning architecture #%1 for %n epoch(s), then evaluating it on the test split", nullptr, epochs).arg(id)
                             : tr("Evaluating architecture #%1 on the test split").arg(id));
        m_inspector->setBusy(true);
    }
}

void MainWindow::exportArchitecture(int id) {
    ExportDialog dialog(id, QDir(m_runDir).filePath(QStringLiteral("exports/arch-%1").arg(id)), this);
    if (dialog.exec() != QDialog::Accepted) return;
    m_exportLog.clear();
    if (m_controller->exportArchitecture(m_runDir.toStdString(), dialog.request()))
        appendLog(tr("Exporting architecture #%1").arg(id));
}

void MainWindow::onProgress(const engine::ProgressEvent& e) {
    m_phase->setText(QString::fromStdString(e.phase) + (e.detail.empty() ? QString() : QStringLiteral(" — ") + QString::fromStdString(e.detail)));
    m_progress->setValue(int(e.fraction * 1000));
    m_eta->setText(e.etaSeconds >= 0 ? tr("ETA %1").arg(Fmt::seconds(e.etaSeconds)) : QString());
}

void MainWindow::onFinished(const engine::JobFinished& f, RunController::JobKind kind) {
    const QString message = QString::fromStdString(f.message);
    m_eta->clear();
    using S = engine::JobFinished::Status;
    if (f.status == S::Succeeded) {
        m_progress->setValue(m_progress->maximum());
        m_phase->setText(tr("Finished: %1").arg(message));
        appendLog(tr("Job finished: %1").arg(message), QStringLiteral("#1a7f37"));
        if (kind == RunController::JobKind::Export)
            showMessage(tr("Export finished"), message + QStringLiteral("\n\n") + m_exportLog.join(QLatin1Char('\n')), false);
    } else if (f.status == S::Cancelled) {
        m_phase->setText(tr("Stopped: %1").arg(message));
        appendLog(tr("Job stopped: %1").arg(message), QStringLiteral("#a06000"));
    } else {
        m_phase->setText(tr("Failed"));
        appendLog(tr("Job failed: %1").arg(message), QStringLiteral("#b00020"));
        showMessage(tr("The job failed"), message, true);
    }
    updateActions();
}

}  // namespace nat::ui
