#include "curves_chart.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QPushButton>
#include <QSlider>
#include <QSvgGenerator>
#include <QTextStream>
#include <QToolTip>
#include <QValueAxis>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace nat::ui {

namespace {

/// A chart view whose right click resets the zoom instead of zooming out one step.
class ZoomView : public QChartView {
public:
    using QChartView::QChartView;
    std::function<void()> onReset;

protected:
    void mouseReleaseEvent(QMouseEvent* e) override {
        if (e->button() == Qt::RightButton && onReset) {
            onReset();
            return;
        }
        QChartView::mouseReleaseEvent(e);
    }
};

}  // namespace

CurvesChart::CurvesChart(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    m_metricBox = new QComboBox(this);
    m_metricBox->setAccessibleName(tr("Curve"));
    m_metricBox->addItems({tr("Loss"), tr("Subnet accuracy"), tr("Learning rate")});
    m_xBox = new QComboBox(this);
    m_xBox->setAccessibleName(tr("X axis"));
    m_xBox->addItems({tr("Step"), tr("Epoch"), tr("Wall time (s)")});
    m_smoothSlider = new QSlider(Qt::Horizontal, this);
    m_smoothSlider->setRange(0, 99);
    m_smoothSlider->setValue(80);
    m_smoothSlider->setMinimumWidth(70);
    m_smoothSlider->setMaximumWidth(120);
    m_smoothSlider->setAccessibleName(tr("Smoothing"));
    m_smoothSlider->setToolTip(tr("Exponential moving average; the raw curve stays visible"));
    m_logBox = new QCheckBox(tr("Log scale"), this);
    auto* exportButton = new QPushButton(tr("Export…"), this);
    exportButton->setAccessibleName(tr("Export the curve"));
    bar->addWidget(m_metricBox);
    bar->addWidget(new QLabel(tr("vs"), this));
    bar->addWidget(m_xBox);
    bar->addWidget(new QLabel(tr("Smoothing:"), this));
    bar->addWidget(m_smoothSlider);
    bar->addWidget(m_logBox);
    bar->addStretch();
    bar->addWidget(exportButton);
    layout->addLayout(bar);

    auto* view = new ZoomView(this);
    view->onReset = [this] { fitAxes(); };
    m_view = view;
    m_view->setObjectName(QStringLiteral("curvesChart"));
    m_view->setAccessibleName(tr("Supernet training curves"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setRubberBand(QChartView::RectangleRubberBand);
    m_view->setToolTip(tr("Drag to zoom, right click to reset"));
    QChart* chart = m_view->chart();
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_raw = new QLineSeries;
    m_raw->setName(tr("raw"));
    m_raw->setPen(QPen(QColor(31, 119, 180, 70), 1));
    m_smooth = new QLineSeries;
    m_smooth->setName(tr("smoothed"));
    m_smooth->setPen(QPen(QColor(31, 119, 180), 2));
    chart->addSeries(m_raw);
    chart->addSeries(m_smooth);
    for (QLineSeries* s : {m_raw, m_smooth})
        connect(s, &QLineSeries::hovered, this, [this](const QPointF& p, bool on) {
            if (on) QToolTip::showText(QCursor::pos(), QStringLiteral("%1 = %2\n%3 = %4")
                                                           .arg(m_xBox->currentText()).arg(p.x(), 0, 'g', 6)
                                                           .arg(m_metricBox->currentText()).arg(p.y(), 0, 'g', 5));
        });
    resetAxes();
    layout->addWidget(m_view, 1);

    connect(m_metricBox, &QComboBox::currentIndexChanged, this, [this](int i) { setMetric(Metric(i)); });
    connect(m_xBox, &QComboBox::currentIndexChanged, this, [this](int i) { setXAxis(XAxis(i)); });
    connect(m_smoothSlider, &QSlider::valueChanged, this, [this](int v) { setSmoothing(v / 100.0); });
    connect(m_logBox, &QCheckBox::toggled, this, [this](bool on) {
        m_log = on;
        resetAxes();
        rebuild();
    });
    connect(exportButton, &QPushButton::clicked, this, &CurvesChart::exportDialog);
}

int CurvesChart::rawSeriesCount() const { return m_raw->count(); }
int CurvesChart::smoothSeriesCount() const { return m_smooth->count(); }

void CurvesChart::resetAxes() {
    QChart* chart = m_view->chart();
    for (QAbstractAxis* a : chart->axes()) {
        chart->removeAxis(a);
        delete a;
    }
    auto* x = new QValueAxis;
    x->setTitleText(m_xBox->currentText());
    QAbstractAxis* y = nullptr;
    if (m_log) {
        auto* ly = new QLogValueAxis;
        ly->setBase(10);
        ly->setLabelFormat(QStringLiteral("%.3g"));
        y = ly;
    } else {
        y = new QValueAxis;
    }
    y->setTitleText(m_metricBox->currentText());
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QLineSeries* s : {m_raw, m_smooth}) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
}

void CurvesChart::clear() {
    m_points.clear();
    rebuild();
}

QPointF CurvesChart::rawPoint(const engine::CurvePoint& p) const {
    const double x = m_x == XAxis::Step ? double(p.step) : m_x == XAxis::Epoch ? p.epoch : p.wallSeconds;
    const double y = m_metric == Metric::Loss ? p.loss : m_metric == Metric::Accuracy ? p.accuracy * 100.0 : p.learningRate;
    return {x, y};
}

bool CurvesChart::nextPoint(const engine::CurvePoint& p, QPointF& raw, QPointF& smooth) {
    raw = rawPoint(p);
    if (m_log && raw.y() <= 0) return false;  // not representable on a log axis
    m_ema = m_haveEma ? m_alpha * m_ema + (1 - m_alpha) * raw.y() : raw.y();
    smooth = QPointF(raw.x(), m_ema);
    if (!m_haveEma) m_minX = m_maxX = raw.x(), m_minY = m_maxY = raw.y();
    m_haveEma = true;
    m_minX = std::min(m_minX, raw.x()), m_maxX = std::max(m_maxX, raw.x());
    m_minY = std::min(m_minY, raw.y()), m_maxY = std::max(m_maxY, raw.y());
    return true;
}

void CurvesChart::append(const engine::CurvePoint& p) {
    m_points.push_back(p);
    QPointF raw, smooth;
    if (!nextPoint(p, raw, smooth)) return;
    m_raw->append(raw);
    m_smooth->append(smooth);
    fitAxes();
}

void CurvesChart::setPoints(const std::vector<engine::CurvePoint>& points) {
    m_points = points;
    rebuild();
}

void CurvesChart::rebuild() {
    m_haveEma = false;
    // Build the lists first and hand them over at once: one repaint instead of one per point.
    QList<QPointF> raw, smooth;
    raw.reserve(qsizetype(m_points.size()));
    smooth.reserve(qsizetype(m_points.size()));
    for (const auto& p : m_points) {
        QPointF r, s;
        if (nextPoint(p, r, s)) raw.append(r), smooth.append(s);
    }
    m_raw->replace(raw);
    m_smooth->replace(smooth);
    fitAxes();
}

void CurvesChart::fitAxes() {
    const auto axesX = m_view->chart()->axes(Qt::Horizontal);
    const auto axesY = m_view->chart()->axes(Qt::Vertical);
    if (axesX.isEmpty() || axesY.isEmpty() || m_raw->count() == 0) return;
    const double padY = m_log ? 0 : 0.05 * std::max(1e-12, m_maxY - m_minY);
    axesX.front()->setRange(m_minX, m_maxX > m_minX ? m_maxX : m_minX + 1);
    const double lo = m_log ? m_minY * 0.9 : m_minY - padY;
    const double hi = m_log ? m_maxY * 1.1 : m_maxY + padY;
    axesY.front()->setRange(lo, hi > lo ? hi : lo + 1);
}

void CurvesChart::setMetric(Metric m) {
    m_metric = m;
    if (m_metricBox->currentIndex() != int(m)) m_metricBox->setCurrentIndex(int(m));
    resetAxes();
    rebuild();
}

void CurvesChart::setXAxis(XAxis x) {
    m_x = x;
    if (m_xBox->currentIndex() != int(x)) m_xBox->setCurrentIndex(int(x));
    resetAxes();
    rebuild();
}

void CurvesChart::setSmoothing(double alpha) {
    m_alpha = std::clamp(alpha, 0.0, 0.99);
    rebuild();
}

void CurvesChart::exportDialog() {
    const QString file = QFileDialog::getSaveFileName(this, tr("Export curve"), QStringLiteral("curve.png"),
                                                      tr("PNG image (*.png);;SVG drawing (*.svg);;CSV table (*.csv)"));
    if (!file.isEmpty() && !exportTo(file)) QToolTip::showText(QCursor::pos(), tr("Could not write %1").arg(file));
}

bool CurvesChart::exportTo(const QString& file) {
    if (file.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)) return writeCsv(file);
    if (file.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) {
        QSvgGenerator svg;
        svg.setFileName(file);
        svg.setSize(m_view->size());
        svg.setViewBox(m_view->rect());
        svg.setTitle(tr("NAT Studio training curve"));
        QPainter painter(&svg);
        m_view->render(&painter);
        return painter.end();
    }
    return m_view->grab().save(file);
}

bool CurvesChart::writeCsv(const QString& file) const {
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) return false;
    QTextStream out(&f);
    out << "phase,step,epoch,wall_seconds,loss,accuracy,learning_rate\n";
    for (const auto& p : m_points)
        out << QString::fromStdString(p.phase) << ',' << p.step << ',' << p.epoch << ',' << p.wallSeconds << ','
            << p.loss << ',' << p.accuracy << ',' << p.learningRate << '\n';
    return f.error() == QFile::NoError;
}

}  // namespace nat::ui
