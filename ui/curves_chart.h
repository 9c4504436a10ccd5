#pragma once

#include <QWidget>
#include <vector>

#include "engine/events.h"

class QChart;
class QChartView;
class QCheckBox;
class QComboBox;
class QLineSeries;
class QSlider;
class QAbstractAxis;

namespace nat::ui {

/// Supernet training curves: loss, sampled-subnet accuracy or learning rate against step, epoch or
/// wall time; an EMA-smoothed line over the raw one (kept visible, dimmed); log scale; hover values;
/// rubber-band zoom (right click resets); export to PNG, SVG or CSV.
class CurvesChart : public QWidget {
    Q_OBJECT
public:
    enum class Metric { Loss, Accuracy, LearningRate };
    enum class XAxis { Step, Epoch, WallTime };

    explicit CurvesChart(QWidget* parent = nullptr);

    void clear();
    void append(const nat::engine::CurvePoint& p);
    void setPoints(const std::vector<nat::engine::CurvePoint>& points);
    int pointCount() const { return static_cast<int>(m_points.size()); }
    /// Points currently in the raw and smoothed series (for tests).
    int rawSeriesCount() const;
    int smoothSeriesCount() const;
    void setMetric(Metric m);
    void setXAxis(XAxis x);
    void setSmoothing(double alpha);  ///< 0 = off, up to 0.99

    bool exportTo(const QString& file);

private:
    QPointF rawPoint(const nat::engine::CurvePoint& p) const;
    void rebuild();
    /// Next raw and smoothed point (advances the EMA); false when the point cannot be drawn.
    bool nextPoint(const nat::engine::CurvePoint& p, QPointF& raw, QPointF& smooth);
    void fitAxes();
    void resetAxes();
    void exportDialog();
    bool writeCsv(const QString& file) const;

    std::vector<nat::engine::CurvePoint> m_points;
    Metric m_metric = Metric::Loss;
    XAxis m_x = XAxis::Step;
    double m_alpha = 0.8;
    double m_ema = 0.0;
    bool m_haveEma = false;
    bool m_log = false;
    double m_minX = 0, m_maxX = 1, m_minY = 0, m_maxY = 1;
    QChartView* m_view = nullptr;
    QLineSeries* m_raw = nullptr;
    QLineSeries* m_smooth = nullptr;
    QComboBox* m_metricBox = nullptr;
    QComboBox* m_xBox = nullptr;
    QSlider* m_smoothSlider = nullptr;
    QCheckBox* m_logBox = nullptr;
};

}  // namespace nat::ui
