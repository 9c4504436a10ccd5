#include "front_points.h"

#include <QChart>
#include <QLogValueAxis>
#include <QPainter>
#include <QWidget>
#include <QValueAxis>
#include <cmath>

namespace nat::ui {

FrontPointsLayer::FrontPointsLayer(QChart* chart, std::vector<Style> styles)
    : QGraphicsObject(chart), m_chart(chart), m_styles(std::move(styles)) {
    // Qt Charts stacks grid (z 2) and axes (3) below its series (4 and up).
    setZValue(3.5);
    setAcceptedMouseButtons(Qt::NoButton);
    connect(chart, &QChart::plotAreaChanged, this, [this](const QRectF& area) {
        prepareGeometryChange();
        m_area = area;
        invalidate();
    });
    m_area = chart->plotArea();
}

void FrontPointsLayer::setPoints(std::vector<std::vector<QPointF>> groups) {
    m_groups = std::move(groups);
    invalidate();
}

void FrontPointsLayer::invalidate() {
    m_stale = true;
    update();
}

bool FrontPointsLayer::mapper(double& x0, double& x1, double& y0, double& y1, bool& logX) const {
    const auto xs = m_chart->axes(Qt::Horizontal), ys = m_chart->axes(Qt::Vertical);
    if (xs.isEmpty() || ys.isEmpty()) return false;
    logX = false;
    if (auto* lx = qobject_cast<QLogValueAxis*>(xs.front())) {
        x0 = std::log(lx->min()), x1 = std::log(lx->max()), logX = true;
    } else if (auto* vx = qobject_cast<QValueAxis*>(xs.front())) {
        x0 = vx->min(), x1 = vx->max();
    } else {
        return false;
    }
    const auto* vy = qobject_cast<QValueAxis*>(ys.front());
    if (!vy) return false;
    y0 = vy->min(), y1 = vy->max();
    return x1 > x0 && y1 > y0;
}

void FrontPointsLayer::render(qreal dpr) {
    ++m_renders;
    m_stale = false;
    const QSize size = (m_area.size() * dpr).toSize();
    if (size.isEmpty()) {
        m_image = QImage();
        return;
    }
    if (m_image.size() != size) m_image = QImage(size, QImage::Format_ARGB32_Premultiplied);
    m_image.setDevicePixelRatio(dpr);
    m_image.fill(Qt::transparent);
    double x0, x1, y0, y1;
    bool logX;
    if (!mapper(x0, x1, y0, y1, logX)) return;
    // One antialiased sprite per style, stamped at each point: far cheaper than drawing ellipses.
    if (m_sprites.size() != m_styles.size() || (!m_sprites.empty() && m_sprites[0].devicePixelRatio() != dpr)) {
        m_sprites.clear();
        for (const Style& s : m_styles) {
            const int side = int(std::ceil((s.size + 2) * dpr));
            QImage sprite(side, side, QImage::Format_ARGB32_Premultiplied);
            sprite.fill(Qt::transparent);
            QPainter sp(&sprite);
            sp.setRenderHint(QPainter::Antialiasing);
            sp.setPen(QPen(s.border, dpr));
            sp.setBrush(s.fill);
            const double d = s.size * dpr;
            sp.drawEllipse(QRectF((side - d) / 2, (side - d) / 2, d, d));
            sp.end();
            sprite.setDevicePixelRatio(dpr);
            m_sprites.push_back(std::move(sprite));
        }
    }
    QPainter p(&m_image);
    const double w = m_area.width(), h = m_area.height();
    for (std::size_t g = 0; g < m_groups.size() && g < m_sprites.size(); ++g) {
        const QImage& sprite = m_sprites[g];
        const double half = sprite.width() / dpr / 2.0;
        for (const QPointF& v : m_groups[g]) {
            const double vx = logX ? (v.x() > 0 ? std::log(v.x()) : -INFINITY) : v.x();
            const double px = (vx - x0) / (x1 - x0) * w, py = h - (v.y() - y0) / (y1 - y0) * h;
            if (px < -half || py < -half || px > w + half || py > h + half) continue;
            p.drawImage(QPointF(px - half, py - half), sprite);
        }
    }
}

void FrontPointsLayer::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget* widget) {
    const qreal dpr = widget ? widget->devicePixelRatioF() : painter->device()->devicePixelRatioF();
    if (m_stale || m_image.devicePixelRatio() != dpr) render(dpr);
    if (!m_image.isNull()) painter->drawImage(m_area.topLeft(), m_image);
}

}  // namespace nat::ui
