// Several-architecture selection: lasso on the front, the parallel-coordinates view linked both
// ways, the side-by-side comparison, and the cached point layer that keeps big fronts fast.
#include <QApplication>
#include <QChartView>
#include <QCheckBox>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

#include "arch_diagram.h"
#include "compare_view.h"
#include "dashboard_page.h"
#include "demo_jobs.h"
#include "front_chart.h"
#include "front_points.h"
#include "inspector_page.h"
#include "main_window.h"
#include "parallel_coords.h"
#include "search_page.h"

using namespace nat::ui;
namespace engine = nat::engine;

namespace {

engine::ArchiveEntry entry(int id, double madds, double error, std::vector<int> encoding = {}) {
    engine::ArchiveEntry e;
    e.id = id;
    e.madds = madds;
    e.error = error;
    e.params = madds / 10;
    e.encoding = encoding.empty() ? std::vector<int>{1, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0} : encoding;
    return e;
}

std::vector<engine::ArchiveEntry> fiveEntries() {
    return {entry(0, 5e6, 0.20), entry(1, 8e6, 0.12), entry(2, 12e6, 0.09), entry(3, 9e6, 0.18), entry(4, 20e6, 0.08)};
}

void send(QWidget* w, QEvent::Type type, QPointF pos, Qt::MouseButton button, Qt::MouseButtons buttons,
          Qt::KeyboardModifiers mods = Qt::NoModifier) {
    QMouseEvent e(type, pos, w->mapToGlobal(pos), button, buttons, mods);
    QApplication::sendEvent(w, &e);
}

/// Presses at the first vertex, moves through the others with the button held, releases at the last.
void drag(QWidget* w, const QPolygonF& path, Qt::KeyboardModifiers mods = Qt::NoModifier) {
    send(w, QEvent::MouseButtonPress, path.front(), Qt::LeftButton, Qt::LeftButton, mods);
    for (int i = 1; i < path.size(); ++i) {
        // Intermediate points too, as a real drag delivers them.
        const QPointF a = path[i - 1], b = path[i];
        for (int k = 1; k <= 4; ++k) send(w, QEvent::MouseMove, a + (b - a) * k / 4.0, Qt::NoButton, Qt::LeftButton, mods);
    }
    send(w, QEvent::MouseButtonRelease, path.back(), Qt::LeftButton, Qt::NoButton, mods);
}

QList<int> sorted(QList<int> ids) {
    std::sort(ids.begin(), ids.end());
    return ids;
}

engine::IterationSnapshot snapshot(std::vector<engine::ArchiveEntry> archive) {
    engine::IterationSnapshot s;
    s.archive = std::move(archive);
    return s;
}

}  // namespace

class SelectionTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void lassoSelectsTheArchitecturesInsideTheShape() {
        FrontChart chart;
        chart.resize(800, 600);
        chart.setData(fiveEntries(), {});
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        QSignalSpy changed(&chart, &FrontChart::selectionChanged);
        QWidget* vp = chart.view()->viewport();
        const QPointF p0 = chart.positionOf(0), p3 = chart.positionOf(3), p4 = chart.positionOf(4);
        // An L along the bottom from #0 and up to #4: #3 lies inside the L's bounding box but not in the L.
        QVERIFY(p3.y() < p0.y() - 30);
        const QPolygonF lShape{p0 + QPointF(-12, 12), QPointF(p4.x() + 12, p0.y() + 12), p4 + QPointF(12, -12),
                               p4 + QPointF(-12, -12), QPointF(p4.x() - 12, p0.y() - 12), p0 + QPointF(-12, -12)};
        chart.setLassoMode(true);
        QVERIFY(chart.findChild<QCheckBox*>(QStringLiteral("lassoToggle"))->isChecked());
        drag(vp, lShape);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(sorted(changed.takeFirst().at(0).value<QList<int>>()), (QList<int>{0, 4}));
        QCOMPARE(sorted(chart.selection()), (QList<int>{0, 4}));
        // Without the toggle a plain drag is a box (it takes #3 too); Ctrl makes it a lasso again.
        chart.setLassoMode(false);
        drag(vp, {p0 + QPointF(-12, 12), p4 + QPointF(12, -12)});
        QVERIFY(changed.takeFirst().at(0).value<QList<int>>().contains(3));
        const QPolygonF band{p0 + QPointF(-12, 12), p0 + QPointF(-12, -12), p3 + QPointF(12, -12), p3 + QPointF(12, 12)};
        drag(vp, band, Qt::ControlModifier);
        QCOMPARE(sorted(changed.takeFirst().at(0).value<QList<int>>()), (QList<int>{0, 3}));
        QCOMPARE(sorted(chart.idsInPolygon(band)), (QList<int>{0, 3}));
    }

    void parallelCoordinatesAndFrontShareTheSelection() {
        DashboardPage page;
        page.resize(1400, 900);
        page.addSnapshot(snapshot(fiveEntries()));
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        ParallelCoordsView* pc = page.parallel();
        QCOMPARE(int(pc->axes().size()), 3);  // accuracy, MAdds, params (no latency measured)
        // Front → parallel: a lasso on the front highlights the same lines.
        FrontChart* front = page.front();
        front->setLassoMode(true);
        const QPointF p1 = front->positionOf(1), p2 = front->positionOf(2);
        drag(front->view()->viewport(), {p1 + QPointF(-10, 10), p1 + QPointF(-10, -10), p2 + QPointF(10, -10), p2 + QPointF(10, 10)});
        QCOMPARE(sorted(pc->selection()), (QList<int>{1, 2}));
        QCOMPARE(sorted(page.selection()), (QList<int>{1, 2}));
        QVERIFY(page.compareButton()->isEnabled());
        // Parallel → front: brush the accuracy axis from 86 % to 100 % with the mouse.
        const QPointF top = pc->vertexOf(4, 0), bottom = pc->vertexOf(1, 0);  // 92 % and 88 %
        QVERIFY(top.y() < bottom.y());
        drag(pc, {top + QPointF(0, -4), bottom + QPointF(0, 4)});
        QCOMPARE(sorted(front->selection()), (QList<int>{1, 2, 4}));
        QCOMPARE(sorted(page.selection()), (QList<int>{1, 2, 4}));
        // A click on a line selects that architecture everywhere.
        QSignalSpy picked(&page, &DashboardPage::archSelected);
        const QPointF mid = (pc->vertexOf(0, 1) + pc->vertexOf(0, 2)) / 2;
        send(pc, QEvent::MouseButtonPress, mid, Qt::LeftButton, Qt::LeftButton);
        send(pc, QEvent::MouseButtonRelease, mid, Qt::LeftButton, Qt::NoButton);
        QCOMPARE(picked.count(), 1);
        QCOMPARE(picked.takeFirst().at(0).toInt(), 0);
        QCOMPARE(front->selection(), (QList<int>{0}));
        QVERIFY(!page.compareButton()->isEnabled());  // one is not a comparison
        // Double click clears the brushes and the selection.
        pc->clearBrushes();
        QVERIFY(front->selection().isEmpty());
    }

    void compareShowsDiagramsObjectivesAndLayerDifferences() {
        InspectorPage inspector;
        inspector.resize(1200, 900);
        const std::vector<int> deep = {1, 0, 3, 4, 0, 0, 5, 6, 7, 0, 1, 2, 3, 4, 9, 9, 9, 9};
        inspector.showComparison({entry(3, 9e6, 0.18), entry(7, 14e6, 0.10, deep), entry(8, 6e6, 0.15)});
        QVERIFY(inspector.comparing());
        CompareView* cv = inspector.comparison();
        QCOMPARE(cv->ids(), (std::vector<int>{3, 7, 8}));
        QCOMPARE(cv->objectivesTable()->columnCount(), 4);
        QCOMPARE(cv->objectivesTable()->item(0, 2)->text(), QStringLiteral("90.00 %"));
        QVERIFY(cv->objectivesTable()->item(0, 2)->font().bold());   // best accuracy
        QVERIFY(!cv->objectivesTable()->item(0, 1)->font().bold());
        QVERIFY(cv->objectivesTable()->item(2, 3)->font().bold());   // fewest MAdds
        QCOMPARE(cv->findChildren<ArchDiagram*>().size(), 3);
        QCOMPARE(cv->layerTable()->columnCount(), 4);
        QVERIFY(cv->differingLayerRows() > 0);
        bool skipped = false;  // the deeper subnet has layers the others skip
        for (int r = 0; r < cv->layerTable()->rowCount(); ++r) skipped = skipped || cv->layerTable()->item(r, 1)->text() == QStringLiteral("—");
        QVERIFY(skipped);
        auto* diffOnly = cv->findChild<QCheckBox*>(QStringLiteral("compareDiffOnly"));
        diffOnly->setChecked(true);
        int shown = 0;
        for (int r = 0; r < cv->layerTable()->rowCount(); ++r) shown += !cv->layerTable()->isRowHidden(r);
        QCOMPARE(shown, cv->differingLayerRows());
        // Identical architectures differ nowhere; Back returns to the single view.
        inspector.showComparison({entry(1, 9e6, 0.18), entry(2, 9e6, 0.18)});
        QCOMPARE(cv->differingLayerRows(), 0);
        QSignalSpy inspect(&inspector, &InspectorPage::inspectRequested);
        cv->findChild<QPushButton*>(QStringLiteral("compareInspect1"))->click();
        QCOMPARE(inspect.count(), 1);
        QCOMPARE(inspect.takeFirst().at(0).toInt(), 2);
        cv->findChild<QPushButton*>(QStringLiteral("compareBack"))->click();
        QVERIFY(!inspector.comparing());
        // A bad encoding is reported in the view, not thrown.
        QVERIFY(!cv->setEntries(QStringLiteral("tiny-mbv3"), 10, 1, {entry(1, 1, 0.1, {99}), entry(2, 1, 0.1)}));
        QVERIFY(cv->findChild<QLabel*>(QStringLiteral("compareProblem")));
    }

    void compareIsReachableFromTheDashboardSelection() {
        MainWindow w(BuildInfo{}, [](engine::EventSink sink) {
            return std::make_unique<DemoJobs>(std::move(sink), DemoJobs::Options{1, 8, {}});
        });
        QTemporaryDir dir;
        w.show();
        QSignalSpy finished(w.controller(), &RunController::finished);
        w.searchPage();
        w.searchPage()->setOutputFolder(dir.path());
        QVERIFY(w.startSearch());
        QVERIFY(finished.wait(15000));
        const std::vector<int> front = w.dashboard()->front()->frontIds();
        QVERIFY(front.size() >= 3);
        w.dashboard()->setSelection({front[0], front[1], front[2]});
        QPushButton* compare = w.dashboard()->compareButton();
        QVERIFY(compare->isEnabled());
        compare->click();
        QCOMPARE(w.currentPage(), MainWindow::Page::Inspector);
        QVERIFY(w.inspector()->comparing());
        QCOMPARE(w.inspector()->comparison()->ids(), (std::vector<int>{front[0], front[1], front[2]}));
        w.dashboard()->setSelection({front[0], front[1], front[2], front[0], front[1]});
        QVERIFY(!compare->isEnabled());  // more than four
    }

    void bigFrontRepaintsFromTheCachedLayer() {
        std::vector<engine::ArchiveEntry> archive;
        for (int i = 0; i < 10000; ++i) archive.push_back(entry(i, 5e6 + (i * 7919 % 10000) * 2e3, 0.05 + (i * 104729 % 10000) * 1e-5));
        FrontChart chart;
        chart.resize(900, 650);
        chart.setData(archive, {});
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        QWidget* vp = chart.view()->viewport();
        vp->repaint();
        const int renders = chart.pointsLayer()->renderCount();
        QVERIFY(renders >= 1);
        for (int k = 0; k < 5; ++k) vp->repaint();
        QCOMPARE(chart.pointsLayer()->renderCount(), renders);  // unchanged data: blit only
        // Hover and click still find points drawn by the layer.
        const int id = chart.frontIds().front();
        QTest::mouseClick(vp, Qt::LeftButton, {}, chart.positionOf(id).toPoint());
        QCOMPARE(chart.selectedId(), id);
        // Zoom makes the image stale; the points are re-rendered at their new places.
        chart.chart()->zoom(1.5);
        vp->repaint();
        QVERIFY(chart.pointsLayer()->renderCount() > renders);
    }
};

QTEST_MAIN(SelectionTest)
#include "selection_test.moc"
