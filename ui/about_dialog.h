#pragma once

#include <QDialog>

#include "build_info.h"

namespace nat::ui {

/// Help → About: application name, purpose, and the versions and licences of its components.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(const BuildInfo& info, QWidget* parent = nullptr);

    /// The component table as plain text (also used by tests).
    static QString componentsText(const BuildInfo& info);
};

}  // namespace nat::ui
