#pragma once

#include <QWidget>

#include "space/architecture.h"

namespace nat::ui {

/// Draws one architecture against its supernet: stem, first block, one column per stage with a box
/// per layer slot (kernel k, expand ratio e, SE marked; skipped slots ghosted), channels and the
/// feature-map resolution after each stage, then the head. Plain QPainter, no charts.
class ArchDiagram : public QWidget {
    Q_OBJECT
public:
    explicit ArchDiagram(QWidget* parent = nullptr);
    void setArchitecture(const nat::space::SearchSpace& space, const nat::space::Architecture& arch);
    void clear();
    QSize sizeHint() const override { return {900, 280}; }
    QSize minimumSizeHint() const override { return {520, 220}; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void drawBox(QPainter& p, const QRectF& r, const QString& text, const QColor& fill, bool ghost) const;

    const nat::space::SearchSpace* m_space = nullptr;
    nat::space::Architecture m_arch;
};

}  // namespace nat::ui
