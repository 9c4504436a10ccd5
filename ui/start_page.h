#pragma once

#include <QWidget>

class QLabel;
class QListWidget;

namespace nat::ui {

/// First page: new search, open a run folder, recent runs, and a hint that folders can be dropped.
class StartPage : public QWidget {
    Q_OBJECT
public:
    explicit StartPage(QWidget* parent = nullptr);

    void setDatasetHint(const QString& text);
    /// Reloads the recent-runs list from QSettings ("recentRuns").
    void reloadRecent();
    /// Puts `dir` first in the recent-runs list (at most 10 kept).
    static void rememberRun(const QString& dir);
    /// A run folder holds settings.json (written before anything else, also by the CLI).
    static bool isRunFolder(const QString& dir);

Q_SIGNALS:
    void newSearchRequested();
    void openRunRequested();
    void openDatasetRequested();
    void runChosen(const QString& dir);

private:
    QLabel* m_welcome = nullptr;
    QListWidget* m_recent = nullptr;
};

}  // namespace nat::ui
