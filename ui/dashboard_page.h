#pragma once

#include <QList>
#include <QWidget>
#include <vector>

#include "engine/run_store.h"

class QChartView;
class QLabel;
class QLineSeries;
class QPushButton;
class QScatterSeries;
class QSlider;
class QTimer;

namespace nat::ui {

class CurvesChart;
class FrontChart;
class ParallelCoordsView;

/// The run dashboard: training curves, the Pareto front, the hypervolume per iteration and an
/// iteration slider with a play button that replays how the front moved, and a parallel-coordinates
/// view of all objectives whose selection is linked both ways with the front's (a click, box, lasso
/// or axis brush in one highlights in the other); 2–4 selected architectures can be compared. Fed either live from the
/// controller's signals or from a run folder (readRun), never from a thread.
class DashboardPage : public QWidget {
    Q_OBJECT
public:
    explicit DashboardPage(QWidget* parent = nullptr);

    void clear();
    /// Replaces everything with what a run folder holds (keeps the shown iteration when following).
    void setRun(const nat::engine::RunInfo& run);
    void addCurvePoint(const nat::engine::CurvePoint& p);
    void addSnapshot(const nat::engine::IterationSnapshot& s);
    /// Shows the archive as it was after iteration `k` (clamped).
    void showIteration(int k);
    int shownIteration() const;
    int iterationCount() const { return static_cast<int>(m_snapshots.size()); }
    const std::vector<nat::engine::ArchiveEntry>& archive() const { return m_archive; }
    const nat::engine::ArchiveEntry* entry(int id) const;

    CurvesChart* curves() const { return m_curves; }
    FrontChart* front() const { return m_front; }
    ParallelCoordsView* parallel() const { return m_parallel; }
    /// The several-architecture selection shared by the front and the parallel coordinates.
    QList<int> selection() const { return m_selection; }
    void setSelection(const QList<int>& ids);
    QPushButton* compareButton() const { return m_compare; }

Q_SIGNALS:
    void archSelected(int id);
    /// "Compare selected" with 2–4 architectures selected.
    void compareRequested(const QList<int>& ids);

private:
    struct Snap {
        int iteration = 0;
        std::vector<int> newIds;
        double hypervolume = 0;
    };
    void updateSlider(bool follow);
    void updateHypervolume();
    void togglePlay();
    void updateCompare();

    std::vector<nat::engine::ArchiveEntry> m_archive;
    std::vector<Snap> m_snapshots;
    CurvesChart* m_curves = nullptr;
    FrontChart* m_front = nullptr;
    ParallelCoordsView* m_parallel = nullptr;
    QList<int> m_selection;
    QLabel* m_selectionLabel = nullptr;
    QPushButton* m_compare = nullptr;
    QChartView* m_hvView = nullptr;
    QLineSeries* m_hv = nullptr;
    QScatterSeries* m_hvMarker = nullptr;
    QSlider* m_slider = nullptr;
    QLabel* m_iterationLabel = nullptr;
    QPushButton* m_play = nullptr;
    QTimer* m_playTimer = nullptr;
};

}  // namespace nat::ui
