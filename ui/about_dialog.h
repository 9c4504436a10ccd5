#pragma once

#include <QDialog>
#include <QList>
#include <QString>

#include "build_info.h"

namespace nat::ui {

/// One bundled or linked component as the About box lists it.
struct Component {
    QString name;
    QString version;  ///< empty when not built in
    QString licence;  ///< SPDX expression
};

/// Help → About: application name, purpose, and the versions and licences of its components.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(const BuildInfo& info, QWidget* parent = nullptr);

    /// NAT Studio itself first, then Qt, LibTorch, OpenCV, ONNX, protobuf, the header-only
    /// libraries, zlib and the built-in dataset. Versions of LibTorch and OpenCV come from `info`,
    /// Qt's from the running library, the others from the packages found at configure time.
    static QList<Component> components(const BuildInfo& info);

    /// The component table as plain text, one "name version (licence)" line each (also used by tests).
    static QString componentsText(const BuildInfo& info);
};

}  // namespace nat::ui
