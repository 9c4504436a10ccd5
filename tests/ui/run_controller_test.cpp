#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include "demo_jobs.h"
#include "run_controller.h"

using nat::ui::DemoJobs;
using nat::ui::RunController;
namespace engine = nat::engine;

namespace {

nat::ui::JobsFactory demoFactory(DemoJobs::Options options = {}) {
    return [options](engine::EventSink sink) { return std::make_unique<DemoJobs>(std::move(sink), options); };
}

engine::SearchSettings tinySettings() {
    engine::SearchSettings s = engine::presetSettings("quick");
    s.iterations = 2;
    s.initialArchive = 8;
    s.candidatesPerIteration = 3;
    return s;
}

}  // namespace

class RunControllerTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void signalsArriveOnGuiThreadWithOneTerminalEvent() {
        RunController c(demoFactory({1, 5, {}}));
        int finishedCount = 0, snapshots = 0, curves = 0, wrongThread = 0;
        engine::JobFinished last;
        auto check = [&] { if (QThread::currentThread() != qApp->thread()) ++wrongThread; };
        connect(&c, &RunController::curvePoint, this, [&](const engine::CurvePoint&) { check(); ++curves; });
        connect(&c, &RunController::iteration, this, [&](const engine::IterationSnapshot&) { check(); ++snapshots; });
        connect(&c, &RunController::finished, this, [&](const engine::JobFinished& f, RunController::JobKind) {
            check();
            ++finishedCount;
            last = f;
        });
        QVERIFY(c.startSearch(tinySettings(), "/tmp/nat-demo-run"));
        QCOMPARE(c.state(), RunController::State::Running);
        QTRY_COMPARE_WITH_TIMEOUT(finishedCount, 1, 10000);
        QTest::qWait(50);
        QCOMPARE(finishedCount, 1);
        QCOMPARE(wrongThread, 0);
        QCOMPARE(snapshots, 3);  // initial archive + 2 iterations
        QVERIFY(curves >= 10);
        QCOMPARE(last.status, engine::JobFinished::Status::Succeeded);
        QCOMPARE(c.state(), RunController::State::Idle);
    }

    void cancelEndsWithinOneSecond() {
        RunController c(demoFactory({20, 200, {}}));
        QSignalSpy finished(&c, &RunController::finished);
        QVERIFY(c.startSearch(tinySettings(), "/tmp/nat-demo-run"));
        QTest::qWait(100);
        QElapsedTimer t;
        t.start();
        c.cancel();
        QCOMPARE(c.state(), RunController::State::Cancelling);
        QVERIFY(finished.wait(1000) || finished.count() == 1);
        QVERIFY(t.elapsed() < 1000);
        QCOMPARE(finished.count(), 1);
        const auto f = finished.at(0).at(0).value<engine::JobFinished>();
        QCOMPARE(f.status, engine::JobFinished::Status::Cancelled);
        QCOMPARE(c.state(), RunController::State::Idle);
    }

    void failedJobCarriesItsMessage() {
        RunController c(demoFactory({1, 3, "the dataset folder vanished"}));
        QSignalSpy finished(&c, &RunController::finished);
        QVERIFY(c.startSearch(tinySettings(), "/tmp/nat-demo-run"));
        QVERIFY(finished.wait(10000));
        const auto f = finished.at(0).at(0).value<engine::JobFinished>();
        QCOMPARE(f.status, engine::JobFinished::Status::Failed);
        QCOMPARE(QString::fromStdString(f.message), QStringLiteral("the dataset folder vanished"));
    }

    void invalidSettingsAndBusyAreReported() {
        RunController c(demoFactory({20, 200, {}}));
        QSignalSpy errors(&c, &RunController::errorOccurred);
        engine::SearchSettings bad = tinySettings();
        bad.iterations = -3;
        QVERIFY(!c.startSearch(bad, "/tmp/x"));
        QCOMPARE(errors.count(), 1);
        QVERIFY(errors.at(0).at(0).toString().contains(QStringLiteral("iterations")));
        QVERIFY(c.startSearch(tinySettings(), "/tmp/x"));
        QVERIFY(!c.evaluate("/tmp/x", 0, QStringLiteral("test")));
        QCOMPARE(errors.count(), 2);
        // Destroying a controller with a running job cancels and joins it (no crash, no leak).
    }

    void noEngineIsAnErrorNotACrash() {
        RunController c(nat::ui::JobsFactory{});
        QSignalSpy errors(&c, &RunController::errorOccurred);
        QVERIFY(!c.startSearch(tinySettings(), "/tmp/x"));
        QCOMPARE(errors.count(), 1);
    }
};

QTEST_MAIN(RunControllerTest)
#include "run_controller_test.moc"
