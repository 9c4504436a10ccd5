// "Fine-tune first" in the evaluation view and the export dialog (issue: fine-tune a subnet before
// evaluating or exporting it), driven through the main window with the scripted demo engine.
#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include "dashboard_page.h"
#include "demo_jobs.h"
#include "evaluation_view.h"
#include "export_dialog.h"
#include "front_chart.h"
#include "inspector_page.h"
#include "main_window.h"
#include "run_controller.h"
#include "search_page.h"

using namespace nat::ui;
namespace engine = nat::engine;

namespace {
JobsFactory fastDemo() {
    return [](engine::EventSink sink) { return std::make_unique<DemoJobs>(std::move(sink), DemoJobs::Options{1, 8, {}}); };
}
}  // namespace

class FineTuneUiTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void evaluateWithFineTuneShowsAccuracyBeforeAndAfter() {
        MainWindow w(BuildInfo{}, fastDemo());
        QTemporaryDir dir;
        w.show();
        QSignalSpy finished(w.controller(), &RunController::finished);
        w.searchPage()->setOutputFolder(dir.path());
        QVERIFY(w.startSearch());
        QVERIFY(finished.wait(15000));
        const int id = w.dashboard()->front()->frontIds().back();
        const engine::ArchiveEntry* e = w.dashboard()->entry(id);
        QVERIFY(e);
        w.inspector()->showEntry(*e);

        EvaluationView* view = w.inspector()->evaluation();
        auto* check = view->findChild<QCheckBox*>(QStringLiteral("finetuneCheck"));
        auto* epochs = view->findChild<QSpinBox*>(QStringLiteral("finetuneEpochs"));
        auto* summary = view->findChild<QLabel*>(QStringLiteral("finetuneSummary"));
        QVERIFY(check && epochs && summary);
        QVERIFY(!epochs->isEnabled());  // off by default
        QCOMPARE(view->finetuneEpochs(), 0);
        check->click();
        QVERIFY(epochs->isEnabled());
        epochs->setValue(2);
        QCOMPARE(view->finetuneEpochs(), 2);
        QCOMPARE(epochs->maximum(), engine::kMaxFineTuneEpochs);

        auto* evaluate = w.inspector()->findChild<QPushButton*>(QStringLiteral("evaluateButton"));
        QVERIFY(evaluate && evaluate->isEnabled());
        evaluate->click();
        QCOMPARE(w.controller()->jobKind(), RunController::JobKind::Evaluation);
        QVERIFY(finished.wait(15000));
        QVERIFY(summary->isVisibleTo(view));
        // "2 epoch(s)": the view's setting reached the job.
        QVERIFY2(summary->text().contains(QStringLiteral("Fine-tuned for 2 epoch(s)")), qPrintable(summary->text()));
        QVERIFY(summary->text().contains(QStringLiteral("Test top-1: ")));
        QVERIFY(summary->text().contains(QStringLiteral("→")));
        auto* top = view->findChild<QLabel*>(QStringLiteral("evaluationSummary"));
        QVERIFY(top->text().contains(QStringLiteral("after fine-tuning")));

        // A plain evaluation afterwards hides the before/after block again.
        check->click();
        QCOMPARE(view->finetuneEpochs(), 0);
        evaluate->click();
        QVERIFY(finished.wait(15000));
        QVERIFY(!summary->isVisibleTo(view));
        QVERIFY(!top->text().contains(QStringLiteral("after fine-tuning")));
    }

    void badEpochCountIsAReadableErrorAndNoJobStarts() {
        MainWindow w(BuildInfo{}, fastDemo());
        QSignalSpy errors(w.controller(), &RunController::errorOccurred);
        QVERIFY(!w.controller()->evaluate("/tmp/run", 0, QStringLiteral("test"), -1));
        QCOMPARE(errors.count(), 1);
        QVERIFY2(errors.at(0).at(0).toString().contains(QStringLiteral("fine-tuning epochs must be 0..100")),
                 qPrintable(errors.at(0).at(0).toString()));
        QVERIFY(!w.controller()->busy());
    }

    void exportDialogCarriesTheFineTuneOption() {
        ExportDialog dialog(3, QStringLiteral("/tmp/out"));
        QCOMPARE(dialog.request().finetune.epochs, 0);
        auto* check = dialog.findChild<QCheckBox*>(QStringLiteral("exportFinetuneCheck"));
        auto* epochs = dialog.findChild<QSpinBox*>(QStringLiteral("exportFinetuneEpochs"));
        QVERIFY(check && epochs);
        QVERIFY(!epochs->isEnabled());
        check->click();
        epochs->setValue(4);
        QCOMPARE(dialog.request().finetune.epochs, 4);
        dialog.setFinetuneEpochs(0);
        QCOMPARE(dialog.request().finetune.epochs, 0);
        QVERIFY(!epochs->isEnabled());
    }
};

QTEST_MAIN(FineTuneUiTest)
#include "finetune_ui_test.moc"
