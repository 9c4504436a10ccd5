#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>

#include "about_dialog.h"
#include "settings_dialog.h"

namespace nat::ui {

MainWindow::MainWindow(BuildInfo info, QWidget* parent) : QMainWindow(parent), m_info(std::move(info)) {
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("NAT Studio"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/nat-studio.svg")));
    resize(1200, 800);

    m_welcome = new QLabel(this);
    m_welcome->setAlignment(Qt::AlignCenter);
    m_welcome->setWordWrap(true);
    m_welcome->setObjectName(QStringLiteral("welcomeLabel"));
    setCentralWidget(m_welcome);
    setDatasetHint(QStringLiteral("fashion-mnist"));

    buildMenus();
    statusBar()->showMessage(tr("Ready"));
}

void MainWindow::setDatasetHint(const QString& dataset) {
    m_dataset = dataset;
    const QString name = dataset == QLatin1String("fashion-mnist") ? tr("Fashion-MNIST (built in)") : dataset;
    m_welcome->setText(tr("<h1>NAT Studio</h1><p>Neural Architecture Transfer for your own images.</p>"
                          "<p>Dataset: <b>%1</b></p>")
                           .arg(name.toHtmlEscaped()));
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
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

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* fullScreen = view->addAction(tr("&Full Screen"));
    fullScreen->setCheckable(true);
    fullScreen->setShortcut(QKeySequence::FullScreen);
    connect(fullScreen, &QAction::toggled, this, [this](bool on) { on ? showFullScreen() : showNormal(); });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About NAT Studio"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("actionAbout"));
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::showAbout() {
    AboutDialog dialog(m_info, this);
    dialog.exec();
}

}  // namespace nat::ui
