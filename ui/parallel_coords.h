#pragma once

#include <QImage>
#include <QList>
#include <QWidget>
#include <optional>
#include <vector>

#include "engine/events.h"

namespace nat::ui {

/// Parallel coordinates of the archive: one vertical axis per objective (accuracy, MAdds, params and
/// the latencies when measured), one polyline per architecture (front ones in colour, the rest
/// dimmed), the selection drawn on top. Linked to the front chart through ids: setSelection()
/// highlights, and a click on a line (archSelected) or a drag along an axis (a brush; several axes
/// combine) changes the selection (selectionChanged). Double click clears the brushes. The unselected
/// lines are rendered once into a cached image, so a 10,000-line archive repaints quickly.
class ParallelCoordsView : public QWidget {
    Q_OBJECT
public:
    explicit ParallelCoordsView(QWidget* parent = nullptr);

    void setData(std::vector<nat::engine::ArchiveEntry> archive, const std::vector<int>& frontIds);
    void setSelection(const QList<int>& ids);
    QList<int> selection() const { return m_selection; }
    /// The objectives shown, left to right.
    std::vector<nat::engine::Objective> axes() const { return m_axes; }
    /// Brush axis `axis` to the value range [lo, hi] (axis units as labelled; accuracy in %); emits
    /// selectionChanged with the ids inside every brush.
    void setBrush(int axis, double lo, double hi);
    void clearBrushes();
    /// Pixel position of an architecture's vertex on an axis, and the x of an axis (for tests).
    QPointF vertexOf(int id, int axis) const;
    /// The id whose line passes nearest (within 5 px) to a widget position, -1 when none.
    int idAt(const QPointF& pos) const;

    QSize sizeHint() const override { return {600, 260}; }
    QSize minimumSizeHint() const override { return {300, 160}; }

Q_SIGNALS:
    void archSelected(int id);
    void selectionChanged(const QList<int>& ids);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;

private:
    struct Range {
        double lo = 0, hi = 1;
    };
    QRectF plotRect() const;
    double axisX(int axis) const;
    /// Normalised position 0 (bottom) .. 1 (top) of a value on an axis.
    double norm(int axis, double value) const;
    double valueAt(int axis, double y) const;
    double value(const nat::engine::ArchiveEntry& e, int axis) const;
    QPolygonF line(const nat::engine::ArchiveEntry& e) const;
    void applyBrushes();
    void renderBackground();
    int axisNear(double x) const;

    std::vector<nat::engine::ArchiveEntry> m_archive;
    std::vector<char> m_onFront;
    std::vector<nat::engine::Objective> m_axes;
    std::vector<Range> m_ranges;
    std::vector<std::optional<Range>> m_brushes;
    QList<int> m_selection;
    QImage m_background;
    bool m_stale = true;
    int m_dragAxis = -1;
    double m_dragStartY = 0, m_dragY = 0;
    QPointF m_press;
};

}  // namespace nat::ui
