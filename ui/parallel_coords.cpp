#include "parallel_coords.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "format_util.h"

namespace nat::ui {

namespace engine = nat::engine;
using engine::Objective;

namespace {

const QColor kDimmed(140, 140, 140, 60);
const QColor kFront(31, 119, 180, 200);
const QColor kSelected(230, 0, 120);
const QColor kBrush(230, 0, 120, 50);

QString label(Objective o, double v) {
    return o == Objective::Error ? QStringLiteral("%1 %").arg(v, 0, 'f', 1) : Fmt::objectiveValue(o, v);
}

}  // namespace

ParallelCoordsView::ParallelCoordsView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("parallelCoords"));
    setAccessibleName(tr("Parallel coordinates of the objectives"));
    setToolTip(tr("Click a line to select its architecture; drag along an axis to select a range; double click clears"));
    setMouseTracking(false);
}

void ParallelCoordsView::setData(std::vector<engine::ArchiveEntry> archive, const std::vector<int>& frontIds) {
    m_archive = std::move(archive);
    std::vector<Objective> axes = {Objective::Error, Objective::MAdds, Objective::Params};
    for (Objective o : {Objective::CpuLatency, Objective::GpuLatency}) {
        const bool all = !m_archive.empty() && std::all_of(m_archive.begin(), m_archive.end(),
                                                             [o](const engine::ArchiveEntry& e) { return e.objective(o) >= 0; });
        if (all) axes.push_back(o);
    }
    if (axes != m_axes) m_brushes.assign(axes.size(), std::nullopt);
    m_axes = std::move(axes);
    m_ranges.assign(m_axes.size(), Range{INFINITY, -INFINITY});
    for (const auto& e : m_archive)
        for (std::size_t a = 0; a < m_axes.size(); ++a) {
            const double v = value(e, int(a));
            m_ranges[a].lo = std::min(m_ranges[a].lo, v);
            m_ranges[a].hi = std::max(m_ranges[a].hi, v);
        }
    for (Range& r : m_ranges) {
        if (!(r.hi >= r.lo)) r = {0, 1};
        if (r.hi - r.lo < 1e-12) r.lo -= 0.5, r.hi += 0.5;
    }
    m_onFront.assign(m_archive.size(), 0);
    for (std::size_t i = 0; i < m_archive.size(); ++i)
        m_onFront[i] = std::find(frontIds.begin(), frontIds.end(), m_archive[i].id) != frontIds.end();
    m_stale = true;
    update();
}

void ParallelCoordsView::setSelection(const QList<int>& ids) {
    m_selection = ids;
    update();
}

double ParallelCoordsView::value(const engine::ArchiveEntry& e, int axis) const {
    const Objective o = m_axes[axis];
    return Fmt::axisValue(o, e.objective(o));
}

QRectF ParallelCoordsView::plotRect() const { return QRectF(rect()).adjusted(48, 34, -48, -24); }

double ParallelCoordsView::axisX(int axis) const {
    const QRectF r = plotRect();
    return m_axes.size() < 2 ? r.center().x() : r.left() + r.width() * axis / double(m_axes.size() - 1);
}

double ParallelCoordsView::norm(int axis, double v) const {
    const Range& r = m_ranges[axis];
    return (v - r.lo) / (r.hi - r.lo);
}

double ParallelCoordsView::valueAt(int axis, double y) const {
    const QRectF r = plotRect();
    const double f = std::clamp((r.bottom() - y) / r.height(), 0.0, 1.0);
    return m_ranges[axis].lo + f * (m_ranges[axis].hi - m_ranges[axis].lo);
}

QPolygonF ParallelCoordsView::line(const engine::ArchiveEntry& e) const {
    const QRectF r = plotRect();
    QPolygonF p;
    p.reserve(int(m_axes.size()));
    for (int a = 0; a < int(m_axes.size()); ++a) p << QPointF(axisX(a), r.bottom() - norm(a, value(e, a)) * r.height());
    return p;
}

QPointF ParallelCoordsView::vertexOf(int id, int axis) const {
    for (const auto& e : m_archive)
        if (e.id == id && axis >= 0 && axis < int(m_axes.size())) return line(e).at(axis);
    return {};
}

int ParallelCoordsView::idAt(const QPointF& pos) const {
    if (m_axes.size() < 2) return -1;
    const QRectF r = plotRect();
    const double step = r.width() / double(m_axes.size() - 1);
    const int seg = std::clamp(int((pos.x() - r.left()) / step), 0, int(m_axes.size()) - 2);
    const double t = std::clamp((pos.x() - axisX(seg)) / step, 0.0, 1.0);
    int best = -1;
    double bestD = 5.0;
    for (const auto& e : m_archive) {
        const double y0 = r.bottom() - norm(seg, value(e, seg)) * r.height();
        const double y1 = r.bottom() - norm(seg + 1, value(e, seg + 1)) * r.height();
        const double d = std::abs(y0 + (y1 - y0) * t - pos.y());
        if (d < bestD) bestD = d, best = e.id;
    }
    return best;
}

int ParallelCoordsView::axisNear(double x) const {
    for (int a = 0; a < int(m_axes.size()); ++a)
        if (std::abs(axisX(a) - x) <= 10) return a;
    return -1;
}

void ParallelCoordsView::setBrush(int axis, double lo, double hi) {
    if (axis < 0 || axis >= int(m_axes.size())) return;
    m_brushes[axis] = Range{std::min(lo, hi), std::max(lo, hi)};
    applyBrushes();
}

void ParallelCoordsView::clearBrushes() {
    m_brushes.assign(m_axes.size(), std::nullopt);
    applyBrushes();
}

void ParallelCoordsView::applyBrushes() {
    QList<int> ids;
    const bool any = std::any_of(m_brushes.begin(), m_brushes.end(), [](const auto& b) { return b.has_value(); });
    if (any)
        for (const auto& e : m_archive) {
            bool in = true;
            for (int a = 0; a < int(m_axes.size()) && in; ++a)
                if (m_brushes[a]) in = value(e, a) >= m_brushes[a]->lo && value(e, a) <= m_brushes[a]->hi;
            if (in) ids.append(e.id);
        }
    m_selection = ids;
    update();
    Q_EMIT selectionChanged(ids);
}

void ParallelCoordsView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    m_stale = true;
}

void ParallelCoordsView::renderBackground() {
    m_stale = false;
    const qreal dpr = devicePixelRatioF();
    m_background = QImage((QSizeF(size()) * dpr).toSize(), QImage::Format_ARGB32_Premultiplied);
    m_background.setDevicePixelRatio(dpr);
    m_background.fill(Qt::transparent);
    QPainter p(&m_background);
    p.setRenderHint(QPainter::Antialiasing, m_archive.size() < 3000);
    for (int pass = 0; pass < 2; ++pass) {  // dominated first, front on top
        p.setPen(QPen(pass == 0 ? kDimmed : kFront, pass == 0 ? 1.0 : 1.6));
        for (std::size_t i = 0; i < m_archive.size(); ++i)
            if (bool(m_onFront[i]) == bool(pass)) p.drawPolyline(line(m_archive[i]));
    }
}

void ParallelCoordsView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const QRectF r = plotRect();
    const QColor text = palette().color(QPalette::WindowText);
    if (m_archive.empty() || m_axes.empty()) {
        p.setPen(text);
        p.drawText(rect(), Qt::AlignCenter, tr("No architectures yet"));
        return;
    }
    if (m_stale || m_background.size() != (QSizeF(size()) * devicePixelRatioF()).toSize()) renderBackground();
    p.drawImage(QPointF(0, 0), m_background);
    // Brushes, then the selection on top.
    for (int a = 0; a < int(m_axes.size()); ++a) {
        if (!m_brushes[a]) continue;
        const double top = r.bottom() - norm(a, m_brushes[a]->hi) * r.height();
        const double bottom = r.bottom() - norm(a, m_brushes[a]->lo) * r.height();
        p.fillRect(QRectF(axisX(a) - 8, top, 16, bottom - top), kBrush);
    }
    if (m_dragAxis >= 0) {
        p.fillRect(QRectF(axisX(m_dragAxis) - 8, std::min(m_dragStartY, m_dragY), 16, std::abs(m_dragY - m_dragStartY)), kBrush);
    }
    if (!m_selection.isEmpty()) {
        p.setRenderHint(QPainter::Antialiasing, m_selection.size() < 500);
        p.setPen(QPen(kSelected, m_selection.size() == 1 ? 2.5 : 1.5));
        std::vector<int> sorted(m_selection.begin(), m_selection.end());
        std::sort(sorted.begin(), sorted.end());
        for (const auto& e : m_archive)
            if (std::binary_search(sorted.begin(), sorted.end(), e.id)) p.drawPolyline(line(e));
    }
    p.setRenderHint(QPainter::Antialiasing);
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    for (int a = 0; a < int(m_axes.size()); ++a) {
        const double x = axisX(a);
        p.setPen(QPen(text, 1.2));
        p.drawLine(QPointF(x, r.top()), QPointF(x, r.bottom()));
        // Labels centred on their axis, but kept inside the widget (the outer axes sit 48 px in).
        const double lx = std::clamp(x - 70.0, 2.0, std::max(2.0, width() - 142.0));
        p.setFont(font());
        p.drawText(QRectF(lx, 2, 140, 16), Qt::AlignCenter, Fmt::objectiveName(m_axes[a]));
        p.setFont(small);
        p.drawText(QRectF(lx, 17, 140, 14), Qt::AlignCenter, label(m_axes[a], m_ranges[a].hi));
        p.drawText(QRectF(lx, r.bottom() + 4, 140, 14), Qt::AlignCenter, label(m_axes[a], m_ranges[a].lo));
    }
}

void ParallelCoordsView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return;
    m_press = event->position();
    m_dragAxis = axisNear(m_press.x());
    m_dragStartY = m_dragY = m_press.y();
}

void ParallelCoordsView::mouseMoveEvent(QMouseEvent* event) {
    if (m_dragAxis < 0 || !(event->buttons() & Qt::LeftButton)) return;
    m_dragY = event->position().y();
    update();
}

void ParallelCoordsView::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return;
    const int axis = m_dragAxis;
    m_dragAxis = -1;
    const QPointF pos = event->position();
    if (axis >= 0 && std::abs(pos.y() - m_dragStartY) > 3) {
        setBrush(axis, valueAt(axis, m_dragStartY), valueAt(axis, pos.y()));
        return;
    }
    if (axis >= 0 && m_brushes[axis]) {  // a click on a brushed axis removes its brush
        m_brushes[axis].reset();
        applyBrushes();
        return;
    }
    const int id = idAt(pos);
    if (id < 0) return;
    m_selection = {id};
    update();
    Q_EMIT selectionChanged(m_selection);
    Q_EMIT archSelected(id);
}

void ParallelCoordsView::mouseDoubleClickEvent(QMouseEvent*) { clearBrushes(); }

}  // namespace nat::ui
