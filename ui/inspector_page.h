#pragma once

#include <QWidget>
#include <optional>

#include "engine/events.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableWidget;

namespace nat::ui {

class ArchDiagram;
class CompareView;
class EvaluationView;

/// The subnet inspector: architecture diagram, per-layer table (output shape, params, MAdds,
/// share), objectives, encoding with a copy button, Evaluate and Export, and the evaluation result;
/// or, for 2–4 architectures selected together, their side-by-side comparison (CompareView).
class InspectorPage : public QWidget {
    Q_OBJECT
public:
    explicit InspectorPage(QWidget* parent = nullptr);

    /// Search-space preset and task shape the costs are computed for.
    void setContext(const QString& spaceName, int numClasses, int inputChannels);
    void showEntry(const nat::engine::ArchiveEntry& entry);
    void clear();
    /// Shows the comparison of 2–4 entries instead of the single architecture (Back returns).
    void showComparison(const std::vector<nat::engine::ArchiveEntry>& entries);
    bool comparing() const;
    CompareView* comparison() const { return m_compare; }
    int archId() const { return m_entry ? m_entry->id : -1; }
    void setBusy(bool busy);
    EvaluationView* evaluation() const { return m_evaluation; }
    QTableWidget* layerTable() const { return m_table; }

Q_SIGNALS:
    void evaluateRequested(int archId);
    void exportRequested(int archId);
    /// "Inspect" on one subnet of the comparison.
    void inspectRequested(int archId);

private:
    void fillTable(const nat::engine::ArchiveEntry& entry);

    std::optional<nat::engine::ArchiveEntry> m_entry;
    QString m_space = QStringLiteral("tiny-mbv3");
    int m_classes = 10;
    int m_channels = 1;
    QLabel* m_title = nullptr;
    QLabel* m_objectives = nullptr;
    QLineEdit* m_encoding = nullptr;
    ArchDiagram* m_diagram = nullptr;
    QTableWidget* m_table = nullptr;
    QPushButton* m_evaluate = nullptr;
    QPushButton* m_export = nullptr;
    EvaluationView* m_evaluation = nullptr;
    QStackedWidget* m_stack = nullptr;
    CompareView* m_compare = nullptr;
};

}  // namespace nat::ui
