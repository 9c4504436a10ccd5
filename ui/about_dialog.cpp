#include "about_dialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtGlobal>

// Versions of the libraries found at configure time (ui/CMakeLists.txt sets them on this file; a
// build without them, e.g. from an IDE project, shows "unknown").
#ifndef NAT_ONNX_VERSION
#define NAT_ONNX_VERSION ""
#endif
#ifndef NAT_PROTOBUF_VERSION
#define NAT_PROTOBUF_VERSION ""
#endif
#ifndef NAT_JSON_VERSION
#define NAT_JSON_VERSION ""
#endif
#ifndef NAT_CLI11_VERSION
#define NAT_CLI11_VERSION ""
#endif
#ifndef NAT_EIGEN_VERSION
#define NAT_EIGEN_VERSION ""
#endif
#ifndef NAT_ZLIB_VERSION
#define NAT_ZLIB_VERSION ""
#endif
#ifndef NAT_WITH_ONNX_EXPORT
#define NAT_WITH_ONNX_EXPORT 0
#endif

namespace nat::ui {

namespace {

QString versionOrUnknown(const char* v) {
    const QString s = QString::fromLatin1(v);
    return s.isEmpty() ? AboutDialog::tr("unknown") : s;
}

}  // namespace

QList<Component> AboutDialog::components(const BuildInfo& info) {
    const QString qt = QString::fromLatin1(qVersion());
    QList<Component> list{
        {QStringLiteral("NAT Studio"), info.appVersion, QStringLiteral("MIT")},
        {QStringLiteral("Qt"), qt, QStringLiteral("LGPL-3.0")},
        {QStringLiteral("Qt Charts"), qt, QStringLiteral("GPL-3.0")},
        {QStringLiteral("LibTorch"), info.torchVersion, QStringLiteral("BSD-3-Clause")},
        {QStringLiteral("OpenCV"), info.opencvVersion, QStringLiteral("Apache-2.0")},
    };
    const bool onnx = NAT_WITH_ONNX_EXPORT != 0;
    list << Component{QStringLiteral("ONNX"), onnx ? versionOrUnknown(NAT_ONNX_VERSION) : QString(),
                      QStringLiteral("MIT")};
    list << Component{QStringLiteral("Protocol Buffers"), onnx ? versionOrUnknown(NAT_PROTOBUF_VERSION) : QString(),
                      QStringLiteral("BSD-3-Clause")};
    list << Component{QStringLiteral("nlohmann/json"), versionOrUnknown(NAT_JSON_VERSION), QStringLiteral("MIT")};
    list << Component{QStringLiteral("CLI11"), versionOrUnknown(NAT_CLI11_VERSION), QStringLiteral("BSD-3-Clause")};
    list << Component{QStringLiteral("Eigen"), versionOrUnknown(NAT_EIGEN_VERSION), QStringLiteral("MPL-2.0")};
    list << Component{QStringLiteral("zlib"), versionOrUnknown(NAT_ZLIB_VERSION), QStringLiteral("Zlib")};
    return list;
}

QString AboutDialog::componentsText(const BuildInfo& info) {
    QStringList rows;
    for (const Component& c : components(info))
        rows << (c.version.isEmpty() ? tr("%1: not built in").arg(c.name)
                                     : tr("%1 %2 (%3)").arg(c.name, c.version, c.licence));
    return rows.join(QLatin1Char('\n'));
}

AboutDialog::AboutDialog(const BuildInfo& info, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("About NAT Studio"));
    setObjectName(QStringLiteral("aboutDialog"));
    auto* layout = new QVBoxLayout(this);

    auto* header = new QHBoxLayout;
    auto* icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/nat-studio.svg")).pixmap(64, 64));
    header->addWidget(icon);
    auto* title = new QLabel(QStringLiteral("<h2>NAT Studio %1</h2>").arg(info.appVersion.toHtmlEscaped()), this);
    header->addWidget(title, 1);
    layout->addLayout(header);

    auto* blurb = new QLabel(tr("Find small, accurate image classifiers for your own data with Neural "
                                "Architecture Transfer: a weight-sharing supernet adapted to your task while a "
                                "many-objective evolutionary search trades accuracy against cost."),
                             this);
    blurb->setWordWrap(true);
    layout->addWidget(blurb);

    auto* table = new QTreeWidget(this);
    table->setObjectName(QStringLiteral("aboutComponents"));
    table->setRootIsDecorated(false);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setHeaderLabels({tr("Component"), tr("Version"), tr("Licence")});
    for (const Component& c : components(info))
        new QTreeWidgetItem(table, {c.name, c.version.isEmpty() ? tr("not built in") : c.version, c.licence});
    table->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Tall enough for every row, no taller: the list is short and fixed.
    table->setFixedHeight(table->header()->sizeHint().height() + table->sizeHintForRow(0) * table->topLevelItemCount() +
                          2 * table->frameWidth() + 2);
    table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(table);

    auto* licence = new QLabel(tr("NAT Studio's own source code is released under the MIT licence. This build links "
                                  "Qt Charts, which is licensed under the GPL-3.0, so the program as distributed is "
                                  "covered by the GPL-3.0 as a whole. The built-in Fashion-MNIST dataset (Zalando "
                                  "Research) is MIT-licensed. The licence terms are collected in /usr/share/doc/nat-studio/copyright."),
                               this);
    licence->setObjectName(QStringLiteral("aboutLicence"));
    licence->setWordWrap(true);
    layout->addWidget(licence);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());
}

}  // namespace nat::ui
