#include "front_chart.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QGraphicsPathItem>
#include <QGraphicsScene>
#include <QPainterPath>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QMouseEvent>
#include <QRubberBand>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <functional>

#include "format_util.h"
#include "front_points.h"

namespace nat::ui {

namespace engine = nat::engine;
using engine::Objective;

namespace {

/// Mouse handling of the front: hover, click, box or lasso selection (drag), wheel zoom,
/// right-click reset.
class FrontChartView : public QChartView {
public:
    explicit FrontChartView(QWidget* parent) : QChartView(parent), m_band(QRubberBand::Rectangle, this) {
        setMouseTracking(true);
    }
    std::function<void(QPointF)> onHover, onClick;
    std::function<void(QRectF)> onBox;
    std::function<void(QPolygonF)> onLasso;
    std::function<void()> onReset;
    bool lassoMode = false;

protected:
    void mousePressEvent(QMouseEvent* e) override {
        m_press = e->position();
        if (e->button() != Qt::LeftButton) return;
        m_lassoing = lassoMode || (e->modifiers() & Qt::ControlModifier);
        m_lasso = QPolygonF{m_press};
        if (!m_lassoing) m_band.setGeometry(QRect(m_press.toPoint(), QSize()));
    }
    void mouseMoveEvent(QMouseEvent* e) override {
        if (!(e->buttons() & Qt::LeftButton)) {
            if (onHover) onHover(e->position());
            return;
        }
        if (m_lassoing) {
            m_lasso << e->position();
            drawLasso();
        } else {
            m_band.setGeometry(QRectF(m_press, e->position()).normalized().toRect());
            m_band.show();
        }
    }
    void mouseReleaseEvent(QMouseEvent* e) override {
        if (e->button() == Qt::RightButton && onReset) {
            onReset();
        } else if (e->button() == Qt::LeftButton) {
            m_band.hide();
            const QRectF r = QRectF(m_press, e->position()).normalized();
            if (m_lassoing) {
                m_lasso << e->position();
                clearLasso();
                if (r.width() > 4 || r.height() > 4 || m_lasso.boundingRect().width() > 4) {
                    if (onLasso && m_lasso.size() >= 3) onLasso(m_lasso);
                    return;
                }
            } else if (r.width() > 4 && r.height() > 4) {
                if (onBox) onBox(r);
                return;
            }
            if (onClick) onClick(e->position());
        }
    }
    void wheelEvent(QWheelEvent* e) override { chart()->zoom(e->angleDelta().y() > 0 ? 1.25 : 0.8); }

private:
    void drawLasso() {
        if (!m_path) {
            m_path = scene()->addPath(QPainterPath(), QPen(palette().color(QPalette::Highlight), 1.5, Qt::DashLine),
                                      QColor(palette().color(QPalette::Highlight).red(),
                                             palette().color(QPalette::Highlight).green(),
                                             palette().color(QPalette::Highlight).blue(), 40));
            m_path->setZValue(1000);
        }
        QPainterPath path;
        path.addPolygon(mapToScene(m_lasso.toPolygon()));
        path.closeSubpath();
        m_path->setPath(path);
    }
    void clearLasso() {
        delete m_path;
        m_path = nullptr;
    }

    QRubberBand m_band;
    QPointF m_press;
    bool m_lassoing = false;
    QPolygonF m_lasso;
    QGraphicsPathItem* m_path = nullptr;
};

QScatterSeries* makeScatter(const QString& name, QColor fill, QColor border, double size,
                            QScatterSeries::MarkerShape shape = QScatterSeries::MarkerShapeCircle) {
    auto* s = new QScatterSeries;
    s->setName(name);
    s->setColor(fill);
    s->setBorderColor(border);
    s->setMarkerSize(size);
    s->setMarkerShape(shape);
    return s;
}

const std::vector<Objective> kAxisObjectives = {Objective::Error, Objective::MAdds, Objective::Params,
                                                Objective::CpuLatency};

}  // namespace

FrontChart::FrontChart(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QGridLayout;
    m_xBox = new QComboBox(this);
    m_yBox = new QComboBox(this);
    m_xBox->setAccessibleName(tr("X-axis objective"));
    m_yBox->setAccessibleName(tr("Y-axis objective"));
    for (Objective o : kAxisObjectives) {
        m_xBox->addItem(Fmt::objectiveName(o), int(o));
        m_yBox->addItem(Fmt::objectiveName(o), int(o));
    }
    m_logBox = new QCheckBox(tr("Log x"), this);
    m_frontOnly = new QCheckBox(tr("Front only"), this);
    m_feasibleOnly = new QCheckBox(tr("Feasible only"), this);
    m_lasso = new QCheckBox(tr("Lasso"), this);
    m_lasso->setObjectName(QStringLiteral("lassoToggle"));
    m_lasso->setToolTip(tr("Drag a free shape to select several architectures (or hold Ctrl while dragging)"));
    m_maxMadds = new QDoubleSpinBox(this);
    m_maxMadds->setRange(0, 1e6);
    m_maxMadds->setSuffix(tr(" M"));
    m_maxMadds->setSpecialValueText(tr("no limit"));
    m_maxMadds->setAccessibleName(tr("Maximum MAdds in millions"));
    m_minAccuracy = new QDoubleSpinBox(this);
    m_minAccuracy->setRange(0, 100);
    m_minAccuracy->setSuffix(tr(" %"));
    m_minAccuracy->setSpecialValueText(tr("no limit"));
    m_minAccuracy->setAccessibleName(tr("Minimum accuracy in percent"));
    bar->addWidget(new QLabel(tr("x:"), this), 0, 0);
    bar->addWidget(m_xBox, 0, 1);
    bar->addWidget(new QLabel(tr("y:"), this), 0, 2);
    bar->addWidget(m_yBox, 0, 3);
    bar->addWidget(m_logBox, 0, 4);
    bar->addWidget(new QLabel(tr("max MAdds:"), this), 1, 0);
    bar->addWidget(m_maxMadds, 1, 1);
    bar->addWidget(new QLabel(tr("min acc.:"), this), 1, 2);
    bar->addWidget(m_minAccuracy, 1, 3);
    bar->addWidget(m_frontOnly, 1, 4);
    bar->addWidget(m_feasibleOnly, 1, 5);
    bar->addWidget(m_lasso, 0, 5);
    bar->setColumnStretch(6, 1);
    layout->addLayout(bar);

    auto* view = new FrontChartView(this);
    view->onHover = [this](QPointF p) { hover(p); };
    view->onClick = [this](QPointF p) { click(p); };
    view->onBox = [this](QRectF r) { boxSelect(r); };
    view->onLasso = [this](QPolygonF p) { lassoSelect(p); };
    view->onReset = [this] { chart()->zoomReset(); };
    m_view = view;
    m_view->setObjectName(QStringLiteral("frontChart"));
    m_view->setAccessibleName(tr("Pareto front"));
    m_view->setRenderHint(QPainter::Antialiasing);
    QChart* c = m_view->chart();
    c->setMargins(QMargins(4, 4, 4, 4));
    c->legend()->setAlignment(Qt::AlignBottom);
    m_dominated = makeScatter(tr("dominated"), QColor(150, 150, 150, 90), QColor(120, 120, 120, 90), 7);
    m_frontPts = makeScatter(tr("front"), QColor(31, 119, 180), QColor(20, 70, 120), 9);
    m_new = makeScatter(tr("new"), QColor(255, 127, 14), QColor(160, 70, 0), 11);
    m_predicted = makeScatter(tr("predicted"), QColor(0, 0, 0, 0), QColor(255, 127, 14), 9);
    m_picks = makeScatter(tr("knee/pick"), QColor(214, 39, 40), QColor(120, 0, 0), 14,
                          QScatterSeries::MarkerShapeStar);
    m_selection = makeScatter(tr("selected"), QColor(0, 0, 0, 0), QColor(0, 0, 0), 18);
    m_selection->setPen(QPen(Qt::black, 2));
    m_step = new QLineSeries;
    m_step->setName(tr("front (step)"));
    m_step->setPen(QPen(QColor(31, 119, 180), 1.5));
    c->addSeries(m_step);
    for (QScatterSeries* s : {m_dominated, m_frontPts, m_predicted, m_new, m_picks, m_selection}) c->addSeries(s);
    // The many archive/front markers (and a several-point selection) go to one cached layer; the two
    // empty series above only give the legend its entries.
    m_layer = new FrontPointsLayer(c, {{m_dominated->color(), m_dominated->borderColor(), 7},
                                       {m_frontPts->color(), m_frontPts->borderColor(), 9},
                                       {QColor(0, 0, 0, 0), QColor(230, 0, 120), 13}});
    connect(m_lasso, &QCheckBox::toggled, this, &FrontChart::setLassoMode);
    layout->addWidget(m_view, 1);

    m_yBox->setCurrentIndex(0);
    m_xBox->setCurrentIndex(1);
    auto changed = [this] {
        m_xObj = Objective(m_xBox->currentData().toInt());
        m_yObj = Objective(m_yBox->currentData().toInt());
        m_logX = m_logBox->isChecked();
        rebuild();
    };
    connect(m_xBox, &QComboBox::currentIndexChanged, this, changed);
    connect(m_yBox, &QComboBox::currentIndexChanged, this, changed);
    connect(m_logBox, &QCheckBox::toggled, this, changed);
    for (QCheckBox* b : {m_frontOnly, m_feasibleOnly}) connect(b, &QCheckBox::toggled, this, changed);
    for (QDoubleSpinBox* b : {m_maxMadds, m_minAccuracy}) connect(b, &QDoubleSpinBox::valueChanged, this, changed);
    rebuild();
}

QChart* FrontChart::chart() const { return m_view->chart(); }

void FrontChart::setData(std::vector<engine::ArchiveEntry> archive, std::vector<int> newIds) {
    m_archive = std::move(archive);
    m_newIds = std::move(newIds);
    rebuild();
}

void FrontChart::setObjectives(Objective x, Objective y) {
    m_xBox->setCurrentIndex(m_xBox->findData(int(x)));
    m_yBox->setCurrentIndex(m_yBox->findData(int(y)));
}

void FrontChart::setLogX(bool on) { m_logBox->setChecked(on); }

bool FrontChart::feasible(const engine::ArchiveEntry& e) const {
    if (m_maxMadds->value() > 0 && e.madds > m_maxMadds->value() * 1e6) return false;
    if (m_minAccuracy->value() > 0 && (1.0 - e.error) * 100.0 < m_minAccuracy->value()) return false;
    return true;
}

QPointF FrontChart::valueOf(const engine::ArchiveEntry& e) const {
    return {Fmt::axisValue(m_xObj, e.objective(m_xObj)), Fmt::axisValue(m_yObj, e.objective(m_yObj))};
}

/// 2-D non-dominated set of the shown objectives (both minimised internally), O(n log n) sweep.
void FrontChart::computeFront(const std::vector<int>& ids) {
    std::vector<int> order = ids;
    auto key = [this](int id) { return std::pair(m_archive[id].objective(m_xObj), m_archive[id].objective(m_yObj)); };
    std::sort(order.begin(), order.end(), [&](int a, int b) { return key(a) < key(b); });
    m_front.clear();
    double bestY = INFINITY;
    for (int id : order) {
        const double y = key(id).second;
        if (y < bestY) {
            m_front.push_back(id);
            bestY = y;
        }
    }
}

/// Knee: the front point farthest from the line through the two extremes (normalised axes).
/// Preferred: the most accurate feasible front point.
void FrontChart::computePicks() {
    m_knee = m_preferred = -1;
    if (m_front.empty()) return;
    const auto& a = m_archive[m_front.front()];
    const auto& b = m_archive[m_front.back()];
    const double x0 = a.objective(m_xObj), x1 = b.objective(m_xObj), y0 = a.objective(m_yObj), y1 = b.objective(m_yObj);
    const double sx = std::max(1e-12, std::abs(x1 - x0)), sy = std::max(1e-12, std::abs(y1 - y0));
    double best = -1;
    for (int id : m_front) {
        const double px = (m_archive[id].objective(m_xObj) - x0) / sx, py = (m_archive[id].objective(m_yObj) - y0) / sy;
        const double qx = (x1 - x0) / sx, qy = (y1 - y0) / sy;
        const double d = std::abs(px * qy - py * qx) / std::max(1e-12, std::hypot(qx, qy));
        if (m_front.size() > 2 && d > best) best = d, m_knee = id;
    }
    for (int id : m_front)
        if (feasible(m_archive[id]) && (m_preferred < 0 || m_archive[id].error < m_archive[m_preferred].error))
            m_preferred = id;
}

std::vector<int> FrontChart::frontIds() const {
    std::vector<int> ids;
    for (int i : m_front) ids.push_back(m_archive[i].id);
    return ids;
}

int FrontChart::indexOf(int id) const {
    if (id >= 0 && id < int(m_archive.size()) && m_archive[id].id == id) return id;
    for (int i = 0; i < int(m_archive.size()); ++i)
        if (m_archive[i].id == id) return i;
    return -1;
}

void FrontChart::rebuild() {
    std::vector<int> candidates;
    for (int i = 0; i < int(m_archive.size()); ++i) {
        const auto& e = m_archive[i];
        if (e.objective(m_xObj) < 0 || e.objective(m_yObj) < 0) continue;  // not measured
        if (m_logX && Fmt::axisValue(m_xObj, e.objective(m_xObj)) <= 0) continue;
        if (m_feasibleOnly->isChecked() && !feasible(e)) continue;
        candidates.push_back(i);
    }
    computeFront(candidates);
    computePicks();
    m_visible = m_frontOnly->isChecked() ? m_front : candidates;
    // Antialiasing thousands of markers costs more than it shows; keep repaints of big fronts fast.
    m_view->setRenderHint(QPainter::Antialiasing, m_visible.size() < 2000);
    fillSeries();
    rebuildAxes();
    m_layer->invalidate();
}

void FrontChart::fillSeries() {
    std::vector<char> onFront(m_archive.size(), 0), isNew(m_archive.size(), 0);
    for (int i : m_front) onFront[i] = 1;
    for (int id : m_newIds)
        if (int i = indexOf(id); i >= 0) isNew[i] = 1;
    std::vector<QPointF> dominated, front;
    dominated.reserve(m_visible.size());
    QList<QPointF> fresh, predicted, step, picks, selection;
    for (int i : m_visible) {
        const QPointF p = valueOf(m_archive[i]);
        (onFront[i] && feasible(m_archive[i]) ? front : dominated).push_back(p);
        if (isNew[i]) {
            fresh.append(p);
            if (m_yObj == Objective::Error && m_archive[i].predictedError >= 0)
                predicted.append({p.x(), Fmt::axisValue(Objective::Error, m_archive[i].predictedError)});
        }
    }
    for (std::size_t k = 0; k < m_front.size(); ++k) {
        const QPointF p = valueOf(m_archive[m_front[k]]);
        if (k > 0) step.append({p.x(), step.back().y()});
        step.append(p);
    }
    for (int i : {m_knee, m_preferred})
        if (i >= 0) picks.append(valueOf(m_archive[i]));
    if (int i = indexOf(m_selected); i >= 0) selection.append(valueOf(m_archive[i]));
    m_layerGroups[0] = std::move(dominated);
    m_layerGroups[1] = std::move(front);
    updateLayer();
    m_new->replace(fresh);
    m_predicted->replace(predicted);
    m_step->replace(step);
    m_picks->replace(picks);
    m_selection->replace(selection);
}

void FrontChart::rebuildAxes() {
    QChart* c = chart();
    for (QAbstractAxis* a : c->axes()) {
        c->removeAxis(a);
        delete a;
    }
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (int i : m_visible) {
        const QPointF p = valueOf(m_archive[i]);
        x0 = std::min(x0, p.x()), x1 = std::max(x1, p.x()), y0 = std::min(y0, p.y()), y1 = std::max(y1, p.y());
    }
    if (m_visible.empty()) x0 = y0 = m_logX ? 1 : 0, x1 = y1 = 10;
    const double px = (x1 - x0) * 0.05 + 1e-9, py = (y1 - y0) * 0.08 + 1e-3;
    QAbstractAxis* x = nullptr;
    if (m_logX) {
        auto* lx = new QLogValueAxis;
        lx->setLabelFormat(QStringLiteral("%.3g"));
        lx->setRange(x0 / 1.1, x1 * 1.1);
        x = lx;
    } else {
        auto* vx = new QValueAxis;
        vx->setLabelFormat(QStringLiteral("%.3g"));
        vx->setRange(x0 - px, x1 + px);
        x = vx;
    }
    auto* y = new QValueAxis;
    y->setRange(y0 - py, y1 + py);
    y->setLabelFormat(QStringLiteral("%.4g"));
    x->setTitleText(Fmt::objectiveName(m_xObj));
    y->setTitleText(Fmt::objectiveName(m_yObj));
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    // Zoom changes the ranges: the layer's image is then stale.
    if (auto* lx = qobject_cast<QLogValueAxis*>(x)) connect(lx, &QLogValueAxis::rangeChanged, m_layer, &FrontPointsLayer::invalidate);
    if (auto* vx = qobject_cast<QValueAxis*>(x)) connect(vx, &QValueAxis::rangeChanged, m_layer, &FrontPointsLayer::invalidate);
    connect(y, &QValueAxis::rangeChanged, m_layer, &FrontPointsLayer::invalidate);
    for (QAbstractSeries* s : c->series()) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
}

FrontChart::PixelMap FrontChart::pixelMap() const {
    PixelMap m;
    m.ok = m_layer->mapper(m.x0, m.x1, m.y0, m.y1, m.logX);
    const QRectF area = chart()->plotArea();
    m.w = area.width(), m.h = area.height();
    // Chart → scene → view is a translation (the view neither scales nor scrolls the chart).
    m.origin = QPointF(m_view->mapFromScene(chart()->mapToScene(QPointF(0, 0)))) + area.topLeft();
    return m;
}

QPointF FrontChart::PixelMap::operator()(const QPointF& value) const {
    if (!ok) return {};
    const double vx = logX ? (value.x() > 0 ? std::log(value.x()) : -INFINITY) : value.x();
    return {origin.x() + (vx - x0) / (x1 - x0) * w, origin.y() + h - (value.y() - y0) / (y1 - y0) * h};
}

QPointF FrontChart::toPixel(const QPointF& value) const { return pixelMap()(value); }

QPointF FrontChart::positionOf(int id) const {
    const int i = indexOf(id);
    return i < 0 ? QPointF() : toPixel(valueOf(m_archive[i]));
}

int FrontChart::idAt(const QPointF& viewPos) const {
    int best = -1;
    double bestD = 8.0 * 8.0;
    const PixelMap map = pixelMap();
    // Front points are drawn on top, so they win ties: scan them last with <=.
    for (int i : m_visible) {
        const QPointF d = map(valueOf(m_archive[i])) - viewPos;
        const double dd = d.x() * d.x() + d.y() * d.y();
        if (dd < bestD || (dd <= bestD && best >= 0 && std::find(m_front.begin(), m_front.end(), i) != m_front.end()))
            bestD = dd, best = i;
    }
    return best < 0 ? -1 : m_archive[best].id;
}

void FrontChart::hover(const QPointF& viewPos) {
    const int id = idAt(viewPos);
    if (id < 0) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(m_view->mapToGlobal(viewPos.toPoint()), Fmt::entryTooltip(m_archive[indexOf(id)]), m_view);
}

void FrontChart::click(const QPointF& viewPos) {
    const int id = idAt(viewPos);
    if (id < 0) return;
    setSelectedId(id);
    select({id});
    Q_EMIT archSelected(id);
}

void FrontChart::setSelectedId(int id) {
    m_selected = id;
    QList<QPointF> selection;
    if (int i = indexOf(id); i >= 0) selection.append(valueOf(m_archive[i]));
    m_selection->replace(selection);
}

void FrontChart::boxSelect(const QRectF& viewRect) {
    QList<int> ids;
    const PixelMap map = pixelMap();
    for (int i : m_visible)
        if (viewRect.contains(map(valueOf(m_archive[i])))) ids.append(m_archive[i].id);
    select(ids);
}

QList<int> FrontChart::idsInPolygon(const QPolygonF& viewPolygon) const {
    QList<int> ids;
    const QRectF bounds = viewPolygon.boundingRect();
    const PixelMap map = pixelMap();
    for (int i : m_visible) {
        const QPointF p = map(valueOf(m_archive[i]));
        if (bounds.contains(p) && viewPolygon.containsPoint(p, Qt::OddEvenFill)) ids.append(m_archive[i].id);
    }
    return ids;
}

void FrontChart::lassoSelect(const QPolygonF& viewPolygon) { select(idsInPolygon(viewPolygon)); }

void FrontChart::select(const QList<int>& ids) {
    setSelection(ids);
    Q_EMIT selectionChanged(ids);
}

void FrontChart::setSelection(const QList<int>& ids) {
    // The layer rings only a several-point selection: a click (one id) leaves its image valid.
    const bool layerChanges = m_selectionIds.size() > 1 || ids.size() > 1;
    m_selectionIds = ids;
    if (layerChanges) updateLayer();
}

void FrontChart::setLassoMode(bool on) {
    static_cast<FrontChartView*>(m_view)->lassoMode = on;
    if (m_lasso->isChecked() != on) m_lasso->setChecked(on);
}

void FrontChart::updateLayer() {
    std::vector<QPointF> marked;
    // A single selected point has its own ring (m_selection); the layer rings several.
    if (m_selectionIds.size() > 1)
        for (int id : m_selectionIds)
            if (int i = indexOf(id); i >= 0) marked.push_back(valueOf(m_archive[i]));
    m_layerGroups[2] = std::move(marked);
    m_layer->setPoints(m_layerGroups);
}

}  // namespace nat::ui
