#pragma once

#include <QWidget>
#include <map>

#include "engine/settings.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace nat::ui {

/// Search settings: preset, objectives, budget, device, threads, seed, output folder, and an
/// estimate of the duration. Emits startRequested; the window adds the dataset and split.
class SearchPage : public QWidget {
    Q_OBJECT
public:
    explicit SearchPage(QWidget* parent = nullptr);

    /// The settings as edited (dataset fields are left to the caller).
    nat::engine::SearchSettings settings() const;
    QString outputFolder() const;
    void setOutputFolder(const QString& dir);
    void setDatasetDescription(const QString& text);
    /// Device names to offer besides "cpu" (the hook for a CUDA query, e.g. {"cuda:0"}).
    void setExtraDevices(const QStringList& devices);
    /// Training images the estimate assumes (set by the dataset page).
    void setTrainImages(long long n);
    /// Seconds, from the formula documented in docs/gui.md.
    static double estimateSeconds(const nat::engine::SearchSettings& s, long long trainImages);

Q_SIGNALS:
    void startRequested();

private:
    void applyPreset(const QString& name);
    void updateEstimate();
    void chooseFolder();

    nat::engine::SearchSettings m_base;
    long long m_trainImages = 60000;
    QComboBox* m_preset = nullptr;
    std::map<nat::engine::Objective, QCheckBox*> m_objectives;
    QSpinBox* m_iterations = nullptr;
    QDoubleSpinBox* m_warmup = nullptr;
    QDoubleSpinBox* m_adapt = nullptr;
    QComboBox* m_device = nullptr;
    QSpinBox* m_threads = nullptr;
    QSpinBox* m_seed = nullptr;
    QLineEdit* m_output = nullptr;
    QLabel* m_dataset = nullptr;
    QLabel* m_estimate = nullptr;
};

}  // namespace nat::ui
