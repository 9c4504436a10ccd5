// End to end with the real engine: a tiny dataset written by the test, a real search started from
// the Search page's button, a click on a front point, and an export through the export dialog whose
// files and verification result are checked. About a minute on 2 shared cores.
#include <QApplication>
#include <QChartView>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <filesystem>
#include <fstream>

#include "base/json_util.h"
#include "dashboard_page.h"
#include "dataset_page.h"
#include "engine/job_runner.h"
#include "export_dialog.h"
#include "front_chart.h"
#include "inspector_page.h"
#include "main_window.h"
#include "search_page.h"
#include "tiny_dataset.h"

using namespace nat::ui;
namespace engine = nat::engine;
namespace fs = std::filesystem;

namespace {

template <class W>
W* byAccessibleName(QWidget* root, const QString& name) {
    for (W* w : root->findChildren<W*>())
        if (w->accessibleName() == name) return w;
    return nullptr;
}

}  // namespace

class EndToEndTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tinyRealSearchThenClickAndExport() {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const fs::path data = fs::path(tmp.path().toStdString()) / "data";
        nat::test::writeTinyIdxDataset(data, 400, 100, 4);

        MainWindow w(BuildInfo{}, [](engine::EventSink sink) { return std::make_unique<engine::JobRunner>(std::move(sink)); });
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));

        // Dataset page: open the folder, hold out 60 images for validation, use the rest.
        QSignalSpy ready(w.datasetPage(), &DatasetPage::datasetReady);
        w.datasetPage()->load(QString::fromStdString(data.string()));
        QVERIFY(ready.wait(20000));
        byAccessibleName<QSpinBox>(w.datasetPage(), QStringLiteral("Validation images"))->setValue(60);
        byAccessibleName<QSpinBox>(w.datasetPage(), QStringLiteral("Training images to use"))->setValue(0);

        // Search page: the quick preset cut down to one short iteration.
        SearchPage* sp = w.searchPage();
        // A mnemonic "&" shows literally unless the label has a buddy (QFormLayout sets none for a
        // row whose field is a layout).
        for (const QLabel* label : sp->findChildren<QLabel*>())
            if (label->text().remove(QStringLiteral("&&")).contains(QLatin1Char('&')) && !label->text().startsWith(QLatin1Char('<')))
                QVERIFY2(label->buddy() != nullptr, qPrintable(label->text()));
        // The duration estimate follows the settings (its figures: settings_test).
        const QLabel* estimate = sp->findChild<QLabel*>(QStringLiteral("estimateLabel"));
        const QString fullEstimate = estimate->text();
        QVERIFY(fullEstimate.startsWith(QStringLiteral("about ")));
        sp->findChild<QSpinBox*>(QStringLiteral("iterationsSpin"))->setValue(1);
        QVERIFY(estimate->text() != fullEstimate);
        byAccessibleName<QDoubleSpinBox>(sp, QStringLiteral("Warm-up epochs on sampled subnets"))->setValue(0.5);
        byAccessibleName<QDoubleSpinBox>(sp, QStringLiteral("Adaptation epochs per iteration"))->setValue(0.25);
        const QString runDir = tmp.filePath(QStringLiteral("run"));
        sp->setOutputFolder(runDir);
        QSignalSpy finished(w.controller(), &RunController::finished);
        QElapsedTimer clock;
        clock.start();
        sp->findChild<QPushButton*>(QStringLiteral("startSearchButton"))->click();
        QCOMPARE(w.currentPage(), MainWindow::Page::Dashboard);
        QVERIFY(w.controller()->busy());
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 180000);
        const auto done = finished.takeFirst();
        QCOMPARE(done.at(0).value<engine::JobFinished>().status, engine::JobFinished::Status::Succeeded);
        qInfo("search finished in %.1f s", clock.elapsed() / 1000.0);
        QVERIFY(w.dashboard()->iterationCount() >= 2);  // initial archive + 1 iteration
        QVERIFY(fs::exists(fs::path(runDir.toStdString()) / "state.json"));

        // Click the most accurate front point.
        FrontChart* front = w.dashboard()->front();
        const std::vector<int> ids = front->frontIds();
        QVERIFY(!ids.empty());
        const int id = ids.back();
        QTest::mouseClick(front->view()->viewport(), Qt::LeftButton, {}, front->positionOf(id).toPoint());
        QCOMPARE(w.inspector()->archId(), id);
        QVERIFY(w.inspector()->layerTable()->rowCount() > 5);

        // Export through the dialog: TorchScript and the JSON descriptions into a folder of ours.
        const QString out = tmp.filePath(QStringLiteral("export"));
        bool sawDialog = false;
        QTimer::singleShot(0, this, [&] {
            auto* dialog = qobject_cast<ExportDialog*>(QApplication::activeModalWidget());
            if (!dialog) return;
            sawDialog = true;
            dialog->setFormatChecked(QStringLiteral("onnx"), false);
            dialog->setFormatChecked(QStringLiteral("weights"), false);
            dialog->findChild<QLineEdit*>(QStringLiteral("exportFolder"))->setText(out);
            dialog->findChild<QPushButton*>(QStringLiteral("exportOk"))->click();
        });
        w.showPage(MainWindow::Page::Inspector);
        w.inspector()->findChild<QPushButton*>(QStringLiteral("exportButton"))->click();
        QVERIFY(sawDialog);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 120000);
        QCOMPARE(finished.takeFirst().at(0).value<engine::JobFinished>().status, engine::JobFinished::Status::Succeeded);
        const fs::path dir = out.toStdString();
        for (const char* name : {"model.pt", "net.subnet", "net.config", "architecture.json", "model.pt.verify.json"})
            QVERIFY2(fs::exists(dir / name), name);
        QVERIFY(!fs::exists(dir / "model.onnx"));
        const nat::Json report = nat::readJsonFile(dir / "model.pt.verify.json");
        QVERIFY(report.at("passed").get<bool>());
        QVERIFY(!report.at("skipped").get<bool>());
        const nat::Json arch = nat::readJsonFile(dir / "architecture.json");
        QCOMPARE(arch.at("provenance").at("arch_id").get<int>(), id);
        // The result dialog names the verification.
        QVERIFY2(w.lastDialogText().contains(QStringLiteral("verified")), qPrintable(w.lastDialogText()));
        QVERIFY(w.lastDialogText().contains(QStringLiteral("passed")));
    }
};

QTEST_MAIN(EndToEndTest)
#include "e2e_search_test.moc"
