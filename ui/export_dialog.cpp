#include "export_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace nat::ui {

ExportDialog::ExportDialog(int archId, const QString& defaultFolder, QWidget* parent) : QDialog(parent), m_archId(archId) {
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export architecture #%1").arg(archId));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    layout->addLayout(form);
    auto* formats = new QWidget(this);
    auto* formatsLayout = new QVBoxLayout(formats);
    formatsLayout->setContentsMargins(0, 0, 0, 0);
    const std::pair<const char*, QString> kFormats[] = {
        {"onnx", tr("ONNX model (verified by re-running it)")},
        {"torchscript", tr("TorchScript module")},
        {"subnet", tr("net.subnet JSON (NAT / OFA)")},
        {"config", tr("net.config JSON")},
        {"architecture", tr("architecture.json (objectives, provenance)")},
        {"weights", tr("Weights (state dict)")}};
    for (const auto& [key, text] : kFormats) {
        auto* box = new QCheckBox(text, formats);
        box->setObjectName(QStringLiteral("format_") + QLatin1String(key));
        box->setAccessibleName(text);
        box->setChecked(true);
        formatsLayout->addWidget(box);
        m_formats[QLatin1String(key)] = box;
        connect(box, &QCheckBox::toggled, this, &ExportDialog::validate);
    }
    form->addRow(tr("Formats:"), formats);
    m_opset = new QSpinBox(this);
    m_opset->setRange(11, 17);
    m_opset->setValue(13);
    m_opset->setAccessibleName(tr("ONNX opset"));
    form->addRow(tr("ONNX &opset:"), m_opset);
    m_foldBn = new QCheckBox(tr("Fold batch norm into convolutions"), this);
    m_dynamicBatch = new QCheckBox(tr("Dynamic batch axis (OpenCV DNN needs a static one)"), this);
    form->addRow(QString(), m_foldBn);
    form->addRow(QString(), m_dynamicBatch);
    auto* finetuneRow = new QHBoxLayout;
    m_finetune = new QCheckBox(tr("Fine-tune first"), this);
    m_finetune->setObjectName(QStringLiteral("exportFinetuneCheck"));
    m_finetune->setAccessibleName(tr("Fine-tune before exporting"));
    m_finetune->setToolTip(tr("Train the subnet for a few epochs on the run's training split and export the "
                              "fine-tuned weights; the accuracy before and after is recorded with the files."));
    m_finetuneEpochs = new QSpinBox(this);
    m_finetuneEpochs->setObjectName(QStringLiteral("exportFinetuneEpochs"));
    m_finetuneEpochs->setAccessibleName(tr("Fine-tuning epochs"));
    m_finetuneEpochs->setRange(1, nat::engine::kMaxFineTuneEpochs);
    m_finetuneEpochs->setValue(1);
    m_finetuneEpochs->setSuffix(tr(" epoch(s)"));
    m_finetuneEpochs->setEnabled(false);
    connect(m_finetune, &QCheckBox::toggled, m_finetuneEpochs, &QWidget::setEnabled);
    finetuneRow->addWidget(m_finetune);
    finetuneRow->addWidget(m_finetuneEpochs);
    finetuneRow->addStretch(1);
    form->addRow(tr("Weights:"), finetuneRow);
    auto* folderRow = new QHBoxLayout;
    m_folder = new QLineEdit(defaultFolder, this);
    m_folder->setObjectName(QStringLiteral("exportFolder"));
    m_folder->setAccessibleName(tr("Output folder"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    form->addRow(tr("Output &folder:"), folderRow);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Export to"), m_folder->text());
        if (!dir.isEmpty()) m_folder->setText(dir);
    });
    connect(m_folder, &QLineEdit::textChanged, this, &ExportDialog::validate);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Export"));
    m_ok->setObjectName(QStringLiteral("exportOk"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

void ExportDialog::setOutputFolder(const QString& dir) { m_folder->setText(dir); }

void ExportDialog::setFormatChecked(const QString& format, bool on) {
    if (auto it = m_formats.find(format); it != m_formats.end()) it->second->setChecked(on);
}

void ExportDialog::setFinetuneEpochs(int epochs) {
    m_finetune->setChecked(epochs > 0);
    if (epochs > 0) m_finetuneEpochs->setValue(epochs);
}

void ExportDialog::validate() {
    bool any = false;
    for (const auto& [key, box] : m_formats) any = any || box->isChecked();
    m_ok->setEnabled(any && !m_folder->text().trimmed().isEmpty());
}

nat::engine::ExportRequest ExportDialog::request() const {
    nat::engine::ExportRequest r;
    r.archId = m_archId;
    r.formats.clear();
    for (const auto& [key, box] : m_formats)
        if (box->isChecked()) r.formats.push_back(key.toStdString());
    r.outDir = m_folder->text().trimmed().toStdString();
    r.opset = m_opset->value();
    r.foldBn = m_foldBn->isChecked();
    r.dynamicBatch = m_dynamicBatch->isChecked();
    r.finetune.epochs = m_finetune->isChecked() ? m_finetuneEpochs->value() : 0;
    return r;
}

}  // namespace nat::ui
