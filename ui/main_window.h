#pragma once

#include <QMainWindow>
#include <QStringList>
#include <functional>
#include <memory>
#include <thread>

#include "build_info.h"
#include "engine/run_store.h"
#include "run_controller.h"

class QAction;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QStackedWidget;
class QTimer;

namespace nat::ui {

class DashboardPage;
class DatasetPage;
class InspectorPage;
class SearchPage;
class StartPage;

/// The application window: a navigation list (Start, Dataset, Search, Dashboard, Inspector) beside
/// the pages, menus and a run toolbar, a log dock, and a status bar with phase, progress and ETA.
/// It owns the one RunController; everything it shows arrives through the controller's signals
/// or from run folders read on a worker thread.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum class Page { Start, Dataset, Search, Dashboard, Inspector };

    /// `factory` builds the job runner (JobRunner in the app, DemoJobs in tests and --demo);
    /// without one, starting a job reports that no engine is available.
    explicit MainWindow(BuildInfo info, const JobsFactory& factory = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Sets the dataset shown on start-up (path or "fashion-mnist").
    void setDatasetHint(const QString& dataset);
    void showPage(Page page);
    Page currentPage() const;
    /// Opens a run folder read-only (also one the CLI is still writing: it is re-read every 2 s).
    void openRun(const QString& dir);
    /// Starts a search with the Search page's settings and the Dataset page's dataset.
    bool startSearch();
    /// Starts a search with exactly these settings into `dir` (nat-studio --start-search).
    bool startSearch(const nat::engine::SearchSettings& settings, const QString& dir);
    /// Resumes the search of the open run folder, as Run > Resume does.
    bool resumeSearch();
    /// Asked before closing while a job runs; returns true to stop the job and close. Replaceable for tests.
    void setCloseConfirmation(std::function<bool()> ask) { m_confirmClose = std::move(ask); }

    RunController* controller() const { return m_controller; }
    DatasetPage* datasetPage() const { return m_dataset; }
    SearchPage* searchPage() const { return m_search; }
    DashboardPage* dashboard() const { return m_dashboard; }
    InspectorPage* inspector() const { return m_inspector; }
    QPlainTextEdit* logPanel() const { return m_log; }
    /// The text of the last error or result dialog (for tests).
    QString lastDialogText() const { return m_lastDialog; }

public Q_SLOTS:
    void showAbout();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildPages();
    void buildMenus();
    void buildStatusBar();
    void connectController();
    void chooseRunFolder();
    void readRunAsync(const QString& dir);
    void applyRun(const nat::engine::RunInfo& run);
    void selectArchitecture(int id);
    void exportArchitecture(int id);
    void compareArchitectures(const QList<int>& ids);
    void evaluateArchitecture(int id);
    void onProgress(const nat::engine::ProgressEvent& e);
    void onFinished(const nat::engine::JobFinished& f, RunController::JobKind kind);
    void appendLog(const QString& text, const QString& colour = {});
    void showMessage(const QString& title, const QString& text, bool error);
    void updateActions();

    BuildInfo m_info;
    RunController* m_controller = nullptr;
    QListWidget* m_nav = nullptr;
    QStackedWidget* m_stack = nullptr;
    StartPage* m_start = nullptr;
    DatasetPage* m_dataset = nullptr;
    SearchPage* m_search = nullptr;
    DashboardPage* m_dashboard = nullptr;
    InspectorPage* m_inspector = nullptr;
    QPlainTextEdit* m_log = nullptr;
    QLabel* m_phase = nullptr;
    QLabel* m_eta = nullptr;
    QProgressBar* m_progress = nullptr;
    QAction* m_pauseAction = nullptr;
    QAction* m_cancelAction = nullptr;
    QAction* m_resumeAction = nullptr;
    QTimer* m_refresh = nullptr;
    QString m_runDir;            ///< the run shown (live or opened)
    bool m_readOnly = false;     ///< an opened folder, possibly written by another process
    bool m_reading = false;
    QStringList m_exportLog;     ///< log lines of the running export, shown with its result
    QString m_lastDialog;
    std::function<bool()> m_confirmClose;
    std::jthread m_reader;
};

}  // namespace nat::ui
