#pragma once

#include <QString>

namespace nat::ui {

/// Versions of the components the application was built with, filled in by app/ (which may include
/// LibTorch and OpenCV headers; ui/ must not).
struct BuildInfo {
    QString appVersion;
    QString torchVersion;
    QString opencvVersion;  ///< empty when built without OpenCV
};

}  // namespace nat::ui
