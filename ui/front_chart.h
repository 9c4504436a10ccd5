#pragma once

#include <QList>
#include <QPolygonF>
#include <QWidget>
#include <vector>

#include "engine/events.h"

class QChart;
class QChartView;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineSeries;
class QScatterSeries;

namespace nat::ui {

class FrontPointsLayer;

/// The Pareto front of a run: archive points (dominated ones dimmed), the front of the two shown
/// objectives as a step line, this iteration's new candidates highlighted (with the predictor's
/// accuracy as hollow markers), the knee and the preferred pick marked, constraint filters with
/// "front only" / "feasible only". Hover shows a tooltip, click selects, drag selects a box (a free
/// lasso with the Lasso toggle or Ctrl held), the wheel zooms, right click resets. Picking is done
/// here in pixel space (not by Qt's per-series hit tests) and the archive and front markers are drawn
/// by one cached layer (FrontPointsLayer), so hover, click and repaint stay fast on 10,000 points.
class FrontChart : public QWidget {
    Q_OBJECT
public:
    explicit FrontChart(QWidget* parent = nullptr);

    /// The archive as of the shown iteration and the ids evaluated in it.
    void setData(std::vector<nat::engine::ArchiveEntry> archive, std::vector<int> newIds);
    void setObjectives(nat::engine::Objective x, nat::engine::Objective y);
    void setLogX(bool on);
    void setSelectedId(int id);
    int selectedId() const { return m_selected; }
    /// The several-architecture selection (box, lasso, or another view's), highlighted; no signal.
    void setSelection(const QList<int>& ids);
    QList<int> selection() const { return m_selectionIds; }
    /// Lasso instead of box for left drags.
    void setLassoMode(bool on);
    /// The ids whose markers lie inside a polygon of view pixels (what a lasso drag selects).
    QList<int> idsInPolygon(const QPolygonF& viewPolygon) const;
    /// Ids of the current 2-D front, knee and preferred pick (-1 when none).
    std::vector<int> frontIds() const;
    int kneeId() const { return m_knee < 0 ? -1 : m_archive[m_knee].id; }
    int preferredId() const { return m_preferred < 0 ? -1 : m_archive[m_preferred].id; }
    /// Chart position (in view pixels) of an archive entry, for tests and benchmarks.
    QPointF positionOf(int id) const;
    /// The id under a view pixel position (within 8 px), -1 when none. Used by hover and click.
    int idAt(const QPointF& viewPos) const;
    QChart* chart() const;
    QChartView* view() const { return m_view; }
    FrontPointsLayer* pointsLayer() const { return m_layer; }

Q_SIGNALS:
    void archSelected(int id);
    void selectionChanged(const QList<int>& ids);

private:
    void rebuild();
    void rebuildAxes();
    bool feasible(const nat::engine::ArchiveEntry& e) const;
    QPointF valueOf(const nat::engine::ArchiveEntry& e) const;
    void computeFront(const std::vector<int>& indices);
    void fillSeries();
    int indexOf(int id) const;
    /// Value → view pixel with the axes' current ranges, computed once per event and then applied
    /// to every point (10,000 points cost well under a millisecond).
    struct PixelMap {
        bool ok = false, logX = false;
        double x0 = 0, x1 = 1, y0 = 0, y1 = 1, w = 0, h = 0;
        QPointF origin;
        QPointF operator()(const QPointF& value) const;
    };
    PixelMap pixelMap() const;
    QPointF toPixel(const QPointF& value) const;
    void computePicks();
    void hover(const QPointF& viewPos);
    void click(const QPointF& viewPos);
    void boxSelect(const QRectF& viewRect);
    void lassoSelect(const QPolygonF& viewPolygon);
    void select(const QList<int>& ids);
    void updateLayer();

    std::vector<nat::engine::ArchiveEntry> m_archive;
    std::vector<int> m_newIds;
    // Internally archive indices; ids only at the interface.
    std::vector<int> m_visible;  ///< indices drawn, for picking
    std::vector<int> m_front;    ///< indices, sorted by x
    int m_knee = -1;
    int m_preferred = -1;
    int m_selected = -1;  ///< an id
    QList<int> m_selectionIds;
    nat::engine::Objective m_xObj = nat::engine::Objective::MAdds;
    nat::engine::Objective m_yObj = nat::engine::Objective::Error;
    bool m_logX = false;
    QChartView* m_view = nullptr;
    FrontPointsLayer* m_layer = nullptr;
    std::vector<std::vector<QPointF>> m_layerGroups = std::vector<std::vector<QPointF>>(3);  ///< dominated, front, selection
    // Legend entries of the layer's groups; their points are drawn by m_layer.
    QScatterSeries* m_dominated = nullptr;
    QScatterSeries* m_frontPts = nullptr;
    QScatterSeries* m_new = nullptr;
    QScatterSeries* m_predicted = nullptr;
    QScatterSeries* m_picks = nullptr;
    QScatterSeries* m_selection = nullptr;
    QLineSeries* m_step = nullptr;
    QComboBox* m_xBox = nullptr;
    QComboBox* m_yBox = nullptr;
    QCheckBox* m_logBox = nullptr;
    QCheckBox* m_frontOnly = nullptr;
    QCheckBox* m_feasibleOnly = nullptr;
    QCheckBox* m_lasso = nullptr;
    QDoubleSpinBox* m_maxMadds = nullptr;
    QDoubleSpinBox* m_minAccuracy = nullptr;
};

}  // namespace nat::ui
