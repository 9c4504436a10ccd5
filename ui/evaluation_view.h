#pragma once

#include <QWidget>

#include "engine/events.h"

class QChartView;
class QGridLayout;
class QLabel;

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

/// Result of an evaluation job: top-1, per-class accuracy, confusion heat map, misclassified examples.
class EvaluationView : public QWidget {
    Q_OBJECT
public:
    explicit EvaluationView(QWidget* parent = nullptr);
    void setResult(const nat::engine::EvaluationResult& r);
    void clear();

private:
    QLabel* m_summary = nullptr;
    ConfusionHeatMap* m_heat = nullptr;
    QChartView* m_perClass = nullptr;
    QWidget* m_examples = nullptr;
    QGridLayout* m_examplesGrid = nullptr;
};

}  // namespace nat::ui
