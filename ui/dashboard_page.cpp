#include "dashboard_page.h"

#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QScatterSeries>
#include <QSlider>
#include <QSplitter>
#include <QTimer>
#include <QValueAxis>
#include <QVBoxLayout>
#include <algorithm>

#include "curves_chart.h"
#include "compare_view.h"
#include "front_chart.h"
#include "parallel_coords.h"

namespace nat::ui {

namespace engine = nat::engine;

DashboardPage::DashboardPage(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    auto* split = new QSplitter(Qt::Horizontal, this);
    m_curves = new CurvesChart(split);
    auto* right = new QSplitter(Qt::Vertical, split);
    m_front = new FrontChart(right);
    m_parallel = new ParallelCoordsView(right);
    right->addWidget(m_front);
    right->addWidget(m_parallel);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 1);
    split->addWidget(m_curves);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    layout->addWidget(split, 3);
    connect(m_front, &FrontChart::archSelected, this, &DashboardPage::archSelected);
    connect(m_parallel, &ParallelCoordsView::archSelected, this, &DashboardPage::archSelected);
    // Linked selection: each view's selection is shown by the other.
    connect(m_front, &FrontChart::selectionChanged, this, [this](const QList<int>& ids) {
        m_selection = ids;
        m_parallel->setSelection(ids);
        updateCompare();
    });
    connect(m_parallel, &ParallelCoordsView::selectionChanged, this, [this](const QList<int>& ids) {
        m_selection = ids;
        m_front->setSelection(ids);
        updateCompare();
    });

    auto* bottom = new QHBoxLayout;
    m_hvView = new QChartView(this);
    m_hvView->setObjectName(QStringLiteral("hypervolumeChart"));
    m_hvView->setAccessibleName(tr("Hypervolume per iteration"));
    m_hvView->setRenderHint(QPainter::Antialiasing);
    m_hvView->setMinimumHeight(150);
    QChart* hv = m_hvView->chart();
    hv->setTitle(tr("Hypervolume per iteration"));
    hv->legend()->hide();
    hv->setMargins(QMargins(2, 2, 2, 2));
    m_hv = new QLineSeries;
    m_hvMarker = new QScatterSeries;
    m_hvMarker->setMarkerSize(10);
    m_hvMarker->setColor(QColor(214, 39, 40));
    hv->addSeries(m_hv);
    hv->addSeries(m_hvMarker);
    hv->createDefaultAxes();
    bottom->addWidget(m_hvView, 2);

    auto* replay = new QVBoxLayout;
    m_iterationLabel = new QLabel(tr("No iterations yet"), this);
    m_iterationLabel->setObjectName(QStringLiteral("iterationLabel"));
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setObjectName(QStringLiteral("iterationSlider"));
    m_slider->setAccessibleName(tr("Iteration shown"));
    m_slider->setRange(0, 0);
    m_slider->setPageStep(1);
    m_play = new QPushButton(tr("▶ Play"), this);
    m_play->setObjectName(QStringLiteral("playButton"));
    m_play->setAccessibleName(tr("Replay the front evolution"));
    replay->addWidget(m_iterationLabel);
    replay->addWidget(m_slider);
    replay->addWidget(m_play, 0, Qt::AlignLeft);
    m_selectionLabel = new QLabel(this);
    m_selectionLabel->setObjectName(QStringLiteral("selectionLabel"));
    m_compare = new QPushButton(tr("Compare selected"), this);
    m_compare->setObjectName(QStringLiteral("compareButton"));
    m_compare->setAccessibleName(tr("Compare the selected architectures side by side"));
    replay->addWidget(m_selectionLabel);
    replay->addWidget(m_compare, 0, Qt::AlignLeft);
    connect(m_compare, &QPushButton::clicked, this, [this] { Q_EMIT compareRequested(m_selection); });
    updateCompare();
    replay->addStretch();
    bottom->addLayout(replay, 1);
    layout->addLayout(bottom, 1);

    m_playTimer = new QTimer(this);
    m_playTimer->setInterval(700);
    connect(m_playTimer, &QTimer::timeout, this, [this] {
        if (m_slider->value() >= m_slider->maximum()) return togglePlay();
        m_slider->setValue(m_slider->value() + 1);
    });
    connect(m_play, &QPushButton::clicked, this, &DashboardPage::togglePlay);
    connect(m_slider, &QSlider::valueChanged, this, &DashboardPage::showIteration);
}

void DashboardPage::setSelection(const QList<int>& ids) {
    m_selection = ids;
    m_front->setSelection(ids);
    m_parallel->setSelection(ids);
    updateCompare();
}

void DashboardPage::updateCompare() {
    const int n = int(m_selection.size());
    m_selectionLabel->setText(n == 0 ? tr("Drag a box or lasso on the front, or along an axis below, to select several")
                                     : tr("%n architecture(s) selected", nullptr, n));
    m_compare->setEnabled(n >= 2 && n <= CompareView::kMaxArchitectures);
    m_compare->setToolTip(m_compare->isEnabled() ? QString() : tr("Select 2 to 4 architectures to compare them"));
}

void DashboardPage::clear() {
    m_archive.clear();
    setSelection({});
    m_snapshots.clear();
    m_curves->clear();
    m_front->setData({}, {});
    updateSlider(true);
    updateHypervolume();
}

const engine::ArchiveEntry* DashboardPage::entry(int id) const {
    for (const auto& e : m_archive)
        if (e.id == id) return &e;
    return nullptr;
}

void DashboardPage::setRun(const engine::RunInfo& run) {
    const bool follow = m_slider->value() >= m_slider->maximum();
    m_archive = run.archive;
    m_snapshots.clear();
    for (const auto& s : run.iterations) m_snapshots.push_back({s.iteration, s.newIds, s.hypervolume});
    if (m_snapshots.empty() && !m_archive.empty()) m_snapshots.push_back({0, {}, 0.0});
    if (int(run.curves.size()) != m_curves->pointCount()) m_curves->setPoints(run.curves);
    updateHypervolume();
    updateSlider(follow);
    showIteration(m_slider->value());
}

void DashboardPage::addCurvePoint(const engine::CurvePoint& p) { m_curves->append(p); }

void DashboardPage::addSnapshot(const engine::IterationSnapshot& s) {
    const bool follow = m_slider->value() >= m_slider->maximum();
    m_archive = s.archive;
    m_snapshots.push_back({s.iteration, s.newIds, s.hypervolume});
    updateHypervolume();
    updateSlider(follow);
    if (follow) showIteration(m_slider->value());
}

void DashboardPage::updateSlider(bool follow) {
    const QSignalBlocker block(m_slider);
    m_slider->setRange(0, std::max(0, iterationCount() - 1));
    if (follow) m_slider->setValue(m_slider->maximum());
}

int DashboardPage::shownIteration() const {
    return m_snapshots.empty() ? -1 : m_snapshots[std::clamp(m_slider->value(), 0, iterationCount() - 1)].iteration;
}

void DashboardPage::showIteration(int k) {
    if (m_snapshots.empty()) {
        m_iterationLabel->setText(tr("No iterations yet"));
        m_front->setData(m_archive, {});
        m_parallel->setData(m_archive, m_front->frontIds());
        return;
    }
    k = std::clamp(k, 0, iterationCount() - 1);
    if (m_slider->value() != k) {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(k);
    }
    const Snap& snap = m_snapshots[k];
    std::vector<engine::ArchiveEntry> upTo;
    for (const auto& e : m_archive)
        if (e.iteration <= snap.iteration) upTo.push_back(e);
    std::vector<int> fresh = snap.newIds;
    if (fresh.empty())
        for (const auto& e : upTo)
            if (e.iteration == snap.iteration && snap.iteration > 0) fresh.push_back(e.id);
    m_iterationLabel->setText(tr("Iteration %1 of %2 — %3 architectures, hypervolume %4")
                                  .arg(snap.iteration)
                                  .arg(m_snapshots.back().iteration)
                                  .arg(upTo.size())
                                  .arg(snap.hypervolume, 0, 'f', 4));
    const int selected = m_front->selectedId();
    std::vector<engine::ArchiveEntry> forParallel = upTo;
    m_front->setData(std::move(upTo), std::move(fresh));
    m_front->setSelectedId(selected);
    m_parallel->setData(std::move(forParallel), m_front->frontIds());
    m_hvMarker->replace(QList<QPointF>{{double(snap.iteration), snap.hypervolume}});
}

void DashboardPage::updateHypervolume() {
    QList<QPointF> pts;
    double hi = 0.0;
    for (const Snap& s : m_snapshots) {
        pts.append({double(s.iteration), s.hypervolume});
        hi = std::max(hi, s.hypervolume);
    }
    m_hv->replace(pts);
    const auto xs = m_hvView->chart()->axes(Qt::Horizontal), ys = m_hvView->chart()->axes(Qt::Vertical);
    if (!xs.isEmpty()) xs.front()->setRange(0, std::max(1, m_snapshots.empty() ? 1 : m_snapshots.back().iteration));
    if (!ys.isEmpty()) ys.front()->setRange(0, hi > 0 ? hi * 1.1 : 1.0);
    if (!xs.isEmpty()) xs.front()->setTitleText(tr("iteration"));
}

void DashboardPage::togglePlay() {
    if (m_playTimer->isActive()) {
        m_playTimer->stop();
        m_play->setText(tr("▶ Play"));
        return;
    }
    if (m_slider->value() >= m_slider->maximum()) m_slider->setValue(0);
    m_playTimer->start();
    m_play->setText(tr("⏸ Pause"));
}

}  // namespace nat::ui
