#include "about_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>
#include <QtGlobal>

namespace nat::ui {

QString AboutDialog::componentsText(const BuildInfo& info) {
    QStringList rows;
    rows << tr("NAT Studio %1").arg(info.appVersion);
    rows << tr("Qt %1 (LGPL-3.0)").arg(QString::fromLatin1(qVersion()));
    rows << tr("LibTorch %1 (BSD-3-Clause)").arg(info.torchVersion);
    rows << (info.opencvVersion.isEmpty() ? tr("OpenCV: not built in")
                                          : tr("OpenCV %1 (Apache-2.0)").arg(info.opencvVersion));
    return rows.join(QLatin1Char('\n'));
}

AboutDialog::AboutDialog(const BuildInfo& info, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("About NAT Studio"));
    setObjectName(QStringLiteral("aboutDialog"));
    auto* layout = new QVBoxLayout(this);

    auto* title = new QLabel(QStringLiteral("<h2>NAT Studio</h2>"), this);
    layout->addWidget(title);
    auto* blurb = new QLabel(tr("Find small, accurate image classifiers for your own data with Neural "
                                "Architecture Transfer: a weight-sharing supernet adapted to your task while a "
                                "many-objective evolutionary search trades accuracy against cost."),
                             this);
    blurb->setWordWrap(true);
    layout->addWidget(blurb);

    auto* versions = new QLabel(componentsText(info), this);
    versions->setObjectName(QStringLiteral("aboutVersions"));
    versions->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(versions);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

}  // namespace nat::ui
