#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

#include "about_dialog.h"
#include "dashboard_page.h"
#include "dataset_page.h"
#include "inspector_page.h"
#include "search_page.h"
#include "start_page.h"
#include "settings_dialog.h"

namespace nat::ui {

namespace engine = nat::engine;

MainWindow::MainWindow(BuildInfo info, const JobsFactory& factory, QWidget* parent)
    : QMainWindow(parent), m_info(std::move(info)) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("NAT Studio"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/nat-studio.svg")));
    setAcceptDrops(true);
    resize(1360, 860);
    m_controller = new RunController(factory, this);
    m_refresh = new QTimer(this);
    m_refresh->setInterval(2000);
    connect(m_refresh, &QTimer::timeout, this, [this] { readRunAsync(m_runDir); });
    m_confirmClose = [this] {
        return QMessageBox::question(this, tr("Job running"),
                                     tr("A job is still running. Stop it and quit?\n\nA search is saved and can be "
                                        "resumed later from its run folder.")) == QMessageBox::Yes;
    };
    buildPages();
    buildMenus();
    buildStatusBar();
    connectController();
    setDatasetHint(QStringLiteral("fashion-mnist"));
    restoreGeometry(QSettings().value(QStringLiteral("window/geometry")).toByteArray());
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildPages() {
    auto* split = new QSplitter(this);
    m_nav = new QListWidget(split);
    m_nav->setObjectName(QStringLiteral("navigation"));
    m_nav->setAccessibleName(tr("Views"));
    m_nav->addItems({tr("Start"), tr("Dataset"), tr("Search"), tr("Dashboard"), tr("Inspector")});
    m_nav->setMaximumWidth(160);
    m_nav->setIconSize(QSize(24, 24));
    m_stack = new QStackedWidget(split);
    m_start = new StartPage(m_stack);
    m_dataset = new DatasetPage(m_stack);
    m_search = new SearchPage(m_stack);
    m_dashboard = new DashboardPage(m_stack);
    m_inspector = new InspectorPage(m_stack);
    for (QWidget* w : {static_cast<QWidget*>(m_start), static_cast<QWidget*>(m_dataset), static_cast<QWidget*>(m_search),
                       static_cast<QWidget*>(m_dashboard), static_cast<QWidget*>(m_inspector)})
        m_stack->addWidget(w);
    split->addWidget(m_nav);
    split->addWidget(m_stack);
    split->setStretchFactor(1, 1);
    setCentralWidget(split);
    connect(m_nav, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    m_nav->setCurrentRow(0);

    connect(m_start, &StartPage::newSearchRequested, this, [this] { showPage(Page::Dataset); });
    connect(m_start, &StartPage::openRunRequested, this, &MainWindow::chooseRunFolder);
    connect(m_start, &StartPage::openDatasetRequested, this, [this] { showPage(Page::Dataset); });
    connect(m_start, &StartPage::runChosen, this, &MainWindow::openRun);
    connect(m_dataset, &DatasetPage::datasetReady, this, [this](const QString&, const QString& description) {
        m_search->setDatasetDescription(description);
        setDatasetHint(description);
    });
    connect(m_search, &SearchPage::startRequested, this, qOverload<>(&MainWindow::startSearch));
    connect(m_dashboard, &DashboardPage::archSelected, this, &MainWindow::selectArchitecture);
    connect(m_inspector, &InspectorPage::evaluateRequested, this, &MainWindow::evaluateArchitecture);
    connect(m_inspector, &InspectorPage::exportRequested, this, &MainWindow::exportArchitecture);
    connect(m_dashboard, &DashboardPage::compareRequested, this, &MainWindow::compareArchitectures);
    connect(m_inspector, &InspectorPage::inspectRequested, this, [this](int id) {
        selectArchitecture(id);
        showPage(Page::Inspector);
    });

    auto* dock = new QDockWidget(tr("Log"), this);
    dock->setObjectName(QStringLiteral("logDock"));
    m_log = new QPlainTextEdit(dock);
    m_log->setObjectName(QStringLiteral("logPanel"));
    m_log->setAccessibleName(tr("Log"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);  // keeps memory flat over long runs
    dock->setWidget(m_log);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    resizeDocks({dock}, {120}, Qt::Vertical);
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* newSearch = file->addAction(tr("&New Search…"), this, [this] { showPage(Page::Dataset); });
    newSearch->setShortcut(QKeySequence::New);
    QAction* open = file->addAction(tr("&Open Run Folder…"), this, &MainWindow::chooseRunFolder);
    open->setShortcut(QKeySequence::Open);
    open->setObjectName(QStringLiteral("actionOpenRun"));
    file->addSeparator();
    QAction* settings = file->addAction(QIcon(QStringLiteral(":/icons/settings.svg")), tr("&Settings…"), this, [this] {
        SettingsDialog dialog(this);
        dialog.exec();
    });
    // QKeySequence::Preferences is bound on macOS only; elsewhere use Ctrl+, as GNOME applications do.
    const auto preferences = QKeySequence::keyBindings(QKeySequence::Preferences);
    settings->setShortcuts(preferences.isEmpty() ? QList<QKeySequence>{QKeySequence(Qt::CTRL | Qt::Key_Comma)} : preferences);
    settings->setMenuRole(QAction::PreferencesRole);
    settings->setObjectName(QStringLiteral("actionSettings"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setObjectName(QStringLiteral("actionQuit"));

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    QAction* start = run->addAction(tr("&Start Search"), this, qOverload<>(&MainWindow::startSearch));
    start->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_pauseAction = run->addAction(tr("&Pause"), this, [this] { m_controller->cancel(); });
    m_pauseAction->setToolTip(tr("Stop the search after saving it; Resume continues it"));
    m_resumeAction = run->addAction(tr("&Resume"), this, [this] { resumeSearch(); });
    m_cancelAction = run->addAction(tr("&Cancel Job"), this, [this] { m_controller->cancel(); });
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    QToolBar* bar = addToolBar(tr("Run"));
    bar->setObjectName(QStringLiteral("runToolBar"));
    bar->addAction(start);
    bar->addAction(m_pauseAction);
    bar->addAction(m_resumeAction);
    bar->addAction(m_cancelAction);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    const QStringList names = {tr("&Start"), tr("&Dataset"), tr("S&earch"), tr("Dash&board"), tr("&Inspector")};
    for (int i = 0; i < names.size(); ++i) {
        QAction* a = view->addAction(names[i], this, [this, i] { showPage(Page(i)); });
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
    view->addSeparator();
    QAction* fullScreen = view->addAction(tr("&Full Screen"));
    fullScreen->setCheckable(true);
    fullScreen->setShortcut(QKeySequence::FullScreen);
    connect(fullScreen, &QAction::toggled, this, [this](bool on) { on ? showFullScreen() : showNormal(); });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About NAT Studio"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("actionAbout"));
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::buildStatusBar() {
    m_phase = new QLabel(tr("Ready"), this);
    m_phase->setObjectName(QStringLiteral("phaseLabel"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("jobProgress"));
    m_progress->setAccessibleName(tr("Job progress"));
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(240);
    m_progress->setTextVisible(false);
    m_eta = new QLabel(this);
    m_eta->setObjectName(QStringLiteral("etaLabel"));
    statusBar()->addWidget(m_phase, 1);
    statusBar()->addPermanentWidget(m_eta);
    statusBar()->addPermanentWidget(m_progress);
}

void MainWindow::setDatasetHint(const QString& dataset) {
    m_start->setDatasetHint(dataset == QLatin1String("fashion-mnist") ? tr("Fashion-MNIST (built in)") : dataset);
}

void MainWindow::showPage(Page page) { m_nav->setCurrentRow(int(page)); }
MainWindow::Page MainWindow::currentPage() const { return Page(m_stack->currentIndex()); }

void MainWindow::showAbout() {
    AboutDialog dialog(m_info, this);
    dialog.exec();
}

void MainWindow::showMessage(const QString& title, const QString& text, bool error) {
    m_lastDialog = text;
    // Non-modal: the window (and a running job's charts) stays live behind it.
    auto* box = new QMessageBox(error ? QMessageBox::Warning : QMessageBox::Information, title, text, QMessageBox::Ok, this);
    box->setObjectName(error ? QStringLiteral("errorDialog") : QStringLiteral("resultDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::appendLog(const QString& text, const QString& colour) {
    const QString stamp = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
    if (colour.isEmpty())
        m_log->appendPlainText(stamp + QLatin1Char(' ') + text);
    else
        m_log->appendHtml(QStringLiteral("<span style='color:%1'>%2 %3</span>").arg(colour, stamp, text.toHtmlEscaped()));
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (m_controller->busy()) {
        if (!m_confirmClose()) {
            event->ignore();
            return;
        }
        m_controller->cancel();  // the controller joins the job (< 1 s) when the window is destroyed
    }
    m_refresh->stop();
    QSettings().setValue(QStringLiteral("window/geometry"), saveGeometry());
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.front().isLocalFile()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (urls.isEmpty()) return;
    const QString path = urls.front().toLocalFile();
    if (StartPage::isRunFolder(path)) {
        openRun(path);
    } else {
        showPage(Page::Dataset);
        m_dataset->load(path);
    }
    event->acceptProposedAction();
}

}  // namespace nat::ui
