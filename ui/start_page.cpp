#include "start_page.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace nat::ui {

namespace {
const QString kRecentKey = QStringLiteral("recentRuns");

QPushButton* bigButton(const QString& text, const QString& name, QWidget* parent) {
    auto* b = new QPushButton(text, parent);
    b->setObjectName(name);
    b->setAccessibleName(text);
    b->setMinimumHeight(48);
    return b;
}
}  // namespace

StartPage::StartPage(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(48, 32, 48, 32);
    m_welcome = new QLabel(this);
    m_welcome->setObjectName(QStringLiteral("welcomeLabel"));
    m_welcome->setWordWrap(true);
    layout->addWidget(m_welcome);

    auto* buttons = new QHBoxLayout;
    auto* newSearch = bigButton(tr("New search…"), QStringLiteral("newSearchButton"), this);
    auto* openRun = bigButton(tr("Open run folder…"), QStringLiteral("openRunButton"), this);
    auto* openData = bigButton(tr("Open dataset…"), QStringLiteral("openDatasetButton"), this);
    buttons->addWidget(newSearch);
    buttons->addWidget(openRun);
    buttons->addWidget(openData);
    layout->addLayout(buttons);
    connect(newSearch, &QPushButton::clicked, this, &StartPage::newSearchRequested);
    connect(openRun, &QPushButton::clicked, this, &StartPage::openRunRequested);
    connect(openData, &QPushButton::clicked, this, &StartPage::openDatasetRequested);

    auto* recentTitle = new QLabel(tr("<b>Recent runs</b> (double-click to open)"), this);
    layout->addWidget(recentTitle);
    m_recent = new QListWidget(this);
    m_recent->setObjectName(QStringLiteral("recentRuns"));
    m_recent->setAccessibleName(tr("Recent runs"));
    recentTitle->setBuddy(m_recent);
    layout->addWidget(m_recent, 1);
    connect(m_recent, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { Q_EMIT runChosen(item->data(Qt::UserRole).toString()); });

    auto* hint = new QLabel(tr("Tip: drop a run folder or a dataset folder anywhere on this window."), this);
    hint->setEnabled(false);
    layout->addWidget(hint);
    reloadRecent();
}

void StartPage::setDatasetHint(const QString& text) {
    m_welcome->setText(tr("<h1>NAT Studio</h1><p>Neural Architecture Transfer for your own images: search "
                          "accuracy–cost trade-offs, inspect and export the networks you like.</p>"
                          "<p>Dataset: <b>%1</b></p>")
                           .arg(text.toHtmlEscaped()));
}

void StartPage::reloadRecent() {
    m_recent->clear();
    const QStringList runs = QSettings().value(kRecentKey).toStringList();
    for (const QString& dir : runs) {
        auto* item = new QListWidgetItem(QStringLiteral("%1   —   %2").arg(QFileInfo(dir).fileName(), dir), m_recent);
        item->setData(Qt::UserRole, dir);
        item->setToolTip(dir);
    }
    if (runs.isEmpty()) {
        auto* item = new QListWidgetItem(tr("No runs yet. Start a new search or open a run folder."), m_recent);
        item->setFlags(Qt::NoItemFlags);
    }
}

void StartPage::rememberRun(const QString& dir) {
    QSettings settings;
    QStringList runs = settings.value(kRecentKey).toStringList();
    const QString clean = QDir::cleanPath(dir);
    runs.removeAll(clean);
    runs.prepend(clean);
    while (runs.size() > 10) runs.removeLast();
    settings.setValue(kRecentKey, runs);
}

bool StartPage::isRunFolder(const QString& dir) { return QFileInfo::exists(dir + QStringLiteral("/settings.json")); }

}  // namespace nat::ui
