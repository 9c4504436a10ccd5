#pragma once

#include <QDialog>
#include <map>

#include "engine/job_runner.h"

class QCheckBox;
class QLineEdit;
class QSpinBox;

namespace nat::ui {

/// Export of one architecture: the formats of core/export, ONNX opset, BN folding, batch axis and
/// the output folder, and optionally a short fine-tune first (the fine-tuned weights are exported). The export itself runs as a background job; its verification result is shown
/// when the job finishes (see MainWindow).
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(int archId, const QString& defaultFolder, QWidget* parent = nullptr);
    nat::engine::ExportRequest request() const;
    void setOutputFolder(const QString& dir);
    void setFormatChecked(const QString& format, bool on);
    /// Fine-tune this many epochs before exporting; 0 turns the option off.
    void setFinetuneEpochs(int epochs);

private:
    void validate();

    int m_archId;
    std::map<QString, QCheckBox*> m_formats;
    QSpinBox* m_opset = nullptr;
    QCheckBox* m_foldBn = nullptr;
    QCheckBox* m_dynamicBatch = nullptr;
    QCheckBox* m_finetune = nullptr;
    QSpinBox* m_finetuneEpochs = nullptr;
    QLineEdit* m_folder = nullptr;
    QPushButton* m_ok = nullptr;
};

}  // namespace nat::ui
