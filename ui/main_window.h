#pragma once

#include <QMainWindow>

#include "build_info.h"

class QLabel;

namespace nat::ui {

/// The application window: menus File / View / Help, a central workspace and a status bar.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(BuildInfo info, QWidget* parent = nullptr);

    /// Sets the dataset shown on start-up (path or "fashion-mnist").
    void setDatasetHint(const QString& dataset);

public Q_SLOTS:
    void showAbout();

private:
    void buildMenus();

    BuildInfo m_info;
    QLabel* m_welcome = nullptr;
    QString m_dataset;
};

}  // namespace nat::ui
