#include <QChartView>
#include <QDir>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "curves_chart.h"
#include "dashboard_page.h"
#include "dataset_page.h"
#include "demo_jobs.h"
#include "export_dialog.h"
#include "front_chart.h"
#include "inspector_page.h"
#include "main_window.h"
#include "run_controller.h"
#include "search_page.h"

using namespace nat::ui;
namespace engine = nat::engine;

namespace {

engine::ArchiveEntry entry(int id, double madds, double error, int iteration = 0) {
    engine::ArchiveEntry e;
    e.id = id;
    e.madds = madds;
    e.error = error;
    e.params = madds / 10;
    e.iteration = iteration;
    e.encoding = {1, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0};
    return e;
}

JobsFactory fastDemo() {
    return [](engine::EventSink sink) { return std::make_unique<DemoJobs>(std::move(sink), DemoJobs::Options{1, 8, {}}); };
}

}  // namespace

class PagesTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void chartsUpdateFromControllerEvents() {
        MainWindow w(BuildInfo{}, fastDemo());
        w.searchPage();  // exists
        QTemporaryDir dir;
        w.show();
        QSignalSpy finished(w.controller(), &RunController::finished);
        w.searchPage()->setOutputFolder(dir.path());
        QVERIFY(w.startSearch());
        QCOMPARE(w.currentPage(), MainWindow::Page::Dashboard);
        QVERIFY(finished.wait(15000));
        QVERIFY(w.dashboard()->curves()->pointCount() >= 16);
        QCOMPARE(w.dashboard()->curves()->rawSeriesCount(), w.dashboard()->curves()->pointCount());
        QCOMPARE(w.dashboard()->iterationCount(), 5);  // quick preset: initial archive + 4 iterations
        QVERIFY(!w.dashboard()->front()->frontIds().empty());
        QVERIFY(w.logPanel()->toPlainText().contains(QStringLiteral("iteration 4")));
        w.dashboard()->showIteration(0);
        QCOMPARE(w.dashboard()->shownIteration(), 0);
    }

    void clickingAFrontPointSelectsItsArchitecture() {
        FrontChart chart;
        chart.resize(800, 600);
        std::vector<engine::ArchiveEntry> archive = {entry(0, 5e6, 0.20), entry(1, 8e6, 0.12), entry(2, 12e6, 0.09),
                                                     entry(3, 9e6, 0.18), entry(4, 20e6, 0.08, 1)};
        chart.setData(archive, {4});
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        QSignalSpy selected(&chart, &FrontChart::archSelected);
        for (int id : {2, 3, 0}) {
            const QPoint pos = chart.positionOf(id).toPoint();
            QTest::mouseClick(chart.view()->viewport(), Qt::LeftButton, {}, pos);
            QCOMPARE(selected.count(), 1);
            QCOMPARE(selected.takeFirst().at(0).toInt(), id);
            QCOMPARE(chart.selectedId(), id);
        }
        // Also at Qt Charts' own mapping of the point (what the charts' docs promise).
        const QPointF scene = chart.chart()->mapToPosition(QPointF(12.0, 91.0));  // 12 (not 12e6): off any point
        QTest::mouseClick(chart.view()->viewport(), Qt::LeftButton, {}, chart.view()->mapFromScene(scene));
        QCOMPARE(selected.count(), 0);
        std::vector<int> front = chart.frontIds();
        std::sort(front.begin(), front.end());
        QCOMPARE(front, (std::vector<int>{0, 1, 2, 4}));
    }

    void clickInDashboardShowsInspector() {
        MainWindow w(BuildInfo{}, fastDemo());
        QTemporaryDir dir;
        w.show();
        QSignalSpy finished(w.controller(), &RunController::finished);
        w.searchPage()->setOutputFolder(dir.path());
        QVERIFY(w.startSearch());
        QVERIFY(finished.wait(15000));
        FrontChart* front = w.dashboard()->front();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const int id = front->frontIds().back();
        QTest::mouseClick(front->view()->viewport(), Qt::LeftButton, {}, front->positionOf(id).toPoint());
        QCOMPARE(w.inspector()->archId(), id);
        QVERIFY(w.inspector()->layerTable()->rowCount() > 5);
    }

    void datasetPageRejectsABadFolder() {
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("notes.txt")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not images");
        f.close();
        DatasetPage page;
        QSignalSpy failed(&page, &DatasetPage::datasetFailed);
        page.show();
        page.load(dir.path());
        QVERIFY(failed.wait(10000));
        auto* problem = page.findChild<QLabel*>(QStringLiteral("datasetProblem"));
        QVERIFY(problem && problem->isVisible());
        QVERIFY(problem->text().startsWith(QStringLiteral("Problem: ")));
        QVERIFY(problem->text().length() > 20);
        QVERIFY(page.isEnabled());
        QVERIFY(!page.isLoading());
    }

    void exportDialogFlow() {
        MainWindow w(BuildInfo{}, fastDemo());
        ExportDialog dialog(7, QStringLiteral("/tmp/out"));
        dialog.setFormatChecked(QStringLiteral("weights"), false);
        dialog.setFormatChecked(QStringLiteral("config"), false);
        const engine::ExportRequest r = dialog.request();
        QCOMPARE(r.archId, 7);
        QCOMPARE(r.formats, (std::vector<std::string>{"architecture", "onnx", "subnet", "torchscript"}));
        QCOMPARE(r.outDir.string(), std::string("/tmp/out"));
        QCOMPARE(r.opset, 13);
        auto* ok = dialog.findChild<QPushButton*>(QStringLiteral("exportOk"));
        for (const char* f : {"architecture", "onnx", "subnet", "torchscript"}) dialog.setFormatChecked(QLatin1String(f), false);
        QVERIFY(!ok->isEnabled());  // nothing to export
        // The job: result and verification line reach the result dialog.
        QSignalSpy finished(w.controller(), &RunController::finished);
        QVERIFY(w.controller()->exportArchitecture("/tmp/run", r));
        QVERIFY(finished.wait(5000));
    }

    void failedJobShowsADialogAndTheWindowStaysUsable() {
        MainWindow w(BuildInfo{}, [](engine::EventSink sink) {
            return std::make_unique<DemoJobs>(std::move(sink), DemoJobs::Options{1, 3, "out of memory while training"});
        });
        QTemporaryDir dir;
        w.searchPage()->setOutputFolder(dir.path());
        QSignalSpy finished(w.controller(), &RunController::finished);
        QVERIFY(w.startSearch());
        QVERIFY(finished.wait(10000));
        QCOMPARE(w.lastDialogText(), QStringLiteral("out of memory while training"));
        QVERIFY(!w.controller()->busy());
    }

    void closingWhileRunningAsksAndCancels() {
        MainWindow w(BuildInfo{}, [](engine::EventSink sink) {
            return std::make_unique<DemoJobs>(std::move(sink), DemoJobs::Options{20, 200, {}});
        });
        QTemporaryDir dir;
        w.searchPage()->setOutputFolder(dir.path());
        w.show();
        QVERIFY(w.startSearch());
        int asked = 0;
        w.setCloseConfirmation([&] { return ++asked == 2; });  // first "No", then "Yes"
        QVERIFY(!w.close());
        QVERIFY(w.controller()->busy());
        QVERIFY(w.close());
        QCOMPARE(asked, 2);
        QCOMPARE(w.controller()->state(), RunController::State::Cancelling);
    }
};

QTEST_MAIN(PagesTest)
#include "pages_test.moc"
