#pragma once

#include <QWidget>
#include <vector>

#include "engine/events.h"

class QCheckBox;
class QGridLayout;
class QTableWidget;

namespace nat::ui {

/// Side-by-side comparison of 2–4 architectures: a diagram and summary per subnet, an objectives
/// table (best value of each row in bold) and a per-layer table aligned by layer name, with the rows
/// where the subnets differ tinted ("Differences only" hides the others; "—" marks a skipped layer).
class CompareView : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxArchitectures = 4;
    explicit CompareView(QWidget* parent = nullptr);

    /// Shows `entries` (2..4; extra ones are ignored) for the given search space and task shape.
    /// Returns false (and shows why) when an encoding does not decode in the space.
    bool setEntries(const QString& spaceName, int numClasses, int inputChannels,
                    const std::vector<nat::engine::ArchiveEntry>& entries);
    std::vector<int> ids() const;
    QTableWidget* objectivesTable() const { return m_objectives; }
    QTableWidget* layerTable() const { return m_layers; }
    /// Per-layer rows whose kind, output or MAdds differ between the subnets.
    int differingLayerRows() const;

Q_SIGNALS:
    /// "Inspect" under one of the subnets.
    void inspectRequested(int archId);
    void closeRequested();

private:
    void applyFilter();

    std::vector<nat::engine::ArchiveEntry> m_entries;
    QGridLayout* m_cards = nullptr;
    QTableWidget* m_objectives = nullptr;
    QTableWidget* m_layers = nullptr;
    QCheckBox* m_diffOnly = nullptr;
    std::vector<char> m_rowDiffers;
};

}  // namespace nat::ui
