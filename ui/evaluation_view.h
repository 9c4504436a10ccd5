#pragma once

#include <QWidget>

#include "engine/events.h"

class QChartView;
class QCheckBox;
class QGridLayout;
class QLabel;
class QSpinBox;

namespace nat::ui {

/// Confusion matrix as a heat map (row-normalised, counts in the cells).
class ConfusionHeatMap : public QWidget {
    Q_OBJECT
public:
    explicit ConfusionHeatMap(QWidget* parent = nullptr);
    void setResult(const nat::engine::EvaluationResult& r);
    QSize sizeHint() const override { return {420, 380}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::vector<std::string> m_names;
    std::vector<std::vector<long long>> m_confusion;
};

/// Result of an evaluation job: top-1, per-class accuracy, confusion heat map, misclassified examples;
/// for a fine-tuned subnet also the accuracies before and after. Holds the "fine-tune first" option
/// the next evaluation uses.
class EvaluationView : public QWidget {
    Q_OBJECT
public:
    explicit EvaluationView(QWidget* parent = nullptr);
    void setResult(const nat::engine::EvaluationResult& r);
    void clear();

    /// Epochs to fine-tune before the next evaluation; 0 when the option is off.
    int finetuneEpochs() const;
    void setFinetuneEpochs(int epochs);  ///< 0 turns the option off

private:
    QCheckBox* m_finetune = nullptr;
    QSpinBox* m_finetuneEpochs = nullptr;
    QLabel* m_finetuneSummary = nullptr;
    QLabel* m_summary = nullptr;
    ConfusionHeatMap* m_heat = nullptr;
    QChartView* m_perClass = nullptr;
    QWidget* m_examples = nullptr;
    QGridLayout* m_examplesGrid = nullptr;
};

}  // namespace nat::ui
