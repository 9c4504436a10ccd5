#include "arch_diagram.h"

#include <QPainter>
#include <QFontMetricsF>
#include <QPainterPath>
#include <QStringList>

#include <algorithm>

#include "space/cost_model.h"

namespace nat::ui {

ArchDiagram::ArchDiagram(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("archDiagram"));
    setAccessibleName(tr("Architecture diagram"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void ArchDiagram::setArchitecture(const nat::space::SearchSpace& space, const nat::space::Architecture& arch) {
    m_space = &space;
    m_arch = arch;
    setAccessibleDescription(QString::fromStdString(nat::space::shortLabel(space, arch)));
    update();
}

void ArchDiagram::clear() {
    m_space = nullptr;
    update();
}

void ArchDiagram::drawBox(QPainter& p, const QRectF& r, const QString& text, const QColor& fill, bool ghost) const {
    QPen pen(ghost ? palette().color(QPalette::Mid) : palette().color(QPalette::Text), ghost ? 1 : 1.2);
    if (ghost) pen.setStyle(Qt::DashLine);
    p.setPen(pen);
    p.setBrush(ghost ? Qt::NoBrush : QBrush(fill));
    p.drawRoundedRect(r, 5, 5);
    p.setPen(ghost ? palette().color(QPalette::Mid) : QColor(20, 20, 20));
    p.drawText(r, Qt::AlignCenter, text);
}

void ArchDiagram::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().color(QPalette::Base));
    if (!m_space) {
        p.setPen(palette().color(QPalette::Mid));
        p.drawText(rect(), Qt::AlignCenter, tr("Click a point of the front to inspect its architecture."));
        return;
    }
    const auto& sp = *m_space;
    const int w = m_arch.widthIndex;
    const int columns = sp.numStages() + 2;  // stem + block 0, the stages, the head
    const double colW = (width() - 20.0) / columns, boxH = std::min(36.0, (height() - 90.0) / sp.maxDepth());
    const double top = 48;
    // Column titles, computed first so that the font can shrink until the longest label fits its
    // column (side-by-side comparison views are narrow).
    QStringList titles = {tr("input %1×%1").arg(m_arch.resolution), tr("stem + block 0")};
    int res = nat::space::convOutSize(m_arch.resolution, 3, sp.stemStride);
    for (int s = 0; s < sp.numStages(); ++s) {
        const auto& st = sp.stages[s];
        res = nat::space::convOutSize(res, 3, st.stride);
        titles << tr("stage %1 · %2 ch").arg(s + 1).arg(st.channels[w]) << tr("stride %1 → %2×%2").arg(st.stride).arg(res);
    }
    titles << tr("head") << tr("pool → classifier");
    const QString headBoxes[] = {tr("1×1, %1").arg(sp.finalExpandChannels[w]), tr("pool + 1×1, %1").arg(sp.featureMixChannels[w]),
                                 tr("classifier")};
    const QString stemBoxes[] = {tr("conv 3×3, %1").arg(sp.stemChannels[w]), tr("dw 3×3, %1").arg(sp.firstBlockChannels[w])};
    QStringList labels = titles;
    labels << QStringLiteral("k7 e6") + tr(" +SE") << tr("skipped");
    for (const auto& t : stemBoxes) labels << t;
    for (const auto& t : headBoxes) labels << t;
    double widest = 0;
    const QFontMetricsF fm(font());
    for (const auto& t : labels) widest = std::max(widest, fm.horizontalAdvance(t));
    if (widest + 14 > colW) {
        QFont f = font();
        const double scale = std::max(0.0, colW - 14) / widest;
        if (f.pointSizeF() > 0) f.setPointSizeF(std::max(6.0, f.pointSizeF() * scale));
        else f.setPixelSize(std::max(8, static_cast<int>(f.pixelSize() * scale)));
        p.setFont(f);
    }
    auto header = [&](int col) {
        const QRectF r(10 + col * colW, 4, colW - 6, 40);
        p.setPen(palette().color(QPalette::Text));
        p.drawText(r, Qt::AlignHCenter | Qt::AlignTop, titles[2 * col] + QLatin1Char('\n') + titles[2 * col + 1]);
    };
    header(0);
    for (int i = 0; i < 2; ++i)
        drawBox(p, QRectF(14, top + i * (boxH + 6), colW - 14, boxH), stemBoxes[i], QColor(200, 200, 200), false);
    const QColor expandColours[] = {QColor(198, 219, 239), QColor(107, 174, 214), QColor(33, 113, 181)};
    for (int s = 0; s < sp.numStages(); ++s) {
        const auto& st = sp.stages[s];
        header(s + 1);
        const auto& layers = s < int(m_arch.stages.size()) ? m_arch.stages[s] : std::vector<nat::space::LayerChoice>{};
        for (int l = 0; l < sp.maxDepth(); ++l) {
            const QRectF r(10 + (s + 1) * colW, top + l * (boxH + 6), colW - 10, boxH);
            if (l >= int(layers.size())) {
                drawBox(p, r, tr("skipped"), {}, true);
                continue;
            }
            const auto& c = layers[l];
            int ei = 0;
            for (int k = 0; k < int(sp.expandChoices.size()); ++k)
                if (sp.expandChoices[k] == c.expand) ei = std::min(k, 2);
            const QString text = QStringLiteral("k%1 e%2%3").arg(c.kernel).arg(c.expand).arg(st.se ? tr(" +SE") : QString());
            drawBox(p, r, text, expandColours[ei], false);
        }
    }
    const int head = sp.numStages() + 1;
    header(head);
    for (int i = 0; i < 3; ++i)
        drawBox(p, QRectF(10 + head * colW, top + i * (boxH + 6), colW - 10, boxH), headBoxes[i], QColor(200, 200, 200), false);
    p.setFont(font());
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QRectF(10, height() - 22, width() - 20, 20), Qt::AlignLeft | Qt::AlignVCenter,
               tr("Colour: expand ratio (light = small); dashed: layers of the supernet this subnet skips."));
}

}  // namespace nat::ui
