// nat-studio: the GUI. Parses a few options, installs translations, shows the main window.
#include <torch/version.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>

#include "base/allocator.h"
#include "base/error.h"
#include "base/json_util.h"
#include "bench.h"
#include "dashboard_page.h"
#include "dataset_page.h"
#include "demo_jobs.h"
#include "front_chart.h"
#include "search_page.h"
#include "engine/devices.h"
#include "engine/job_runner.h"
#include "main_window.h"
#include "settings_dialog.h"
#include "nat_version.h"

#ifdef NAT_WITH_OPENCV
#include <opencv2/core/version.hpp>
#endif

namespace {

nat::ui::BuildInfo buildInfo() {
    nat::ui::BuildInfo info;
    info.appVersion = QStringLiteral(NAT_VERSION_STRING);
    info.torchVersion = QStringLiteral(TORCH_VERSION);
#ifdef NAT_WITH_OPENCV
    info.opencvVersion = QStringLiteral(CV_VERSION);
#endif
    return info;
}

// The job-runner factory: the real NAT engine, or (with --demo) the scripted DemoJobs that replays a
// plausible search quickly, for screenshots and trying the interface.
std::unique_ptr<nat::engine::Jobs> makeJobs(nat::engine::EventSink sink, bool demo) {
    if (!demo) return std::make_unique<nat::engine::JobRunner>(std::move(sink));
    nat::ui::DemoJobs::Options options;
    options.stepMs = 25;
    options.curvePointsPerPhase = 80;
    return std::make_unique<nat::ui::DemoJobs>(std::move(sink), options);
}

// --start-search FILE: the settings of a search to start, as a run's settings.json ({"settings": {...}})
// or the settings object alone. Bad files are refused with one line before any window appears.
std::optional<nat::engine::SearchSettings> settingsFromFile(const QString& file) {
    try {
        const nat::Json j = nat::readJsonFile(file.toStdString());
        nat::engine::SearchSettings s = nat::engine::SearchSettings::fromJson(j.contains("settings") ? j["settings"] : j);
        s.validate();
        return s;
    } catch (const nat::Error& e) {
        std::fprintf(stderr, "nat-studio: error: %s\n", e.what());
        return std::nullopt;
    }
}

bool hasArg(int argc, char** argv, const char* name) {
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], name) == 0) return true;
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    if (!nat::setUpAllocator("nat-studio")) return 2;  // before any thread starts
    // --version must work without a display (packaging smoke tests run headless).
    if (hasArg(argc, argv, "--version") || hasArg(argc, argv, "-v")) {
        const auto info = buildInfo();
        std::printf("nat-studio %s\nLibTorch %s\nOpenCV %s\n", NAT_VERSION_STRING, TORCH_VERSION,
                    info.opencvVersion.isEmpty() ? "(not built in)" : info.opencvVersion.toUtf8().constData());
        return 0;
    }
    // A screenshot needs no screen: fall back to the offscreen platform when there is none.
    if (hasArg(argc, argv, "--screenshot") && !std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY") &&
        !std::getenv("QT_QPA_PLATFORM"))
        setenv("QT_QPA_PLATFORM", "offscreen", 1);

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("NAT Studio"));
    QApplication::setOrganizationName(QStringLiteral("NAT Studio"));
    QApplication::setApplicationVersion(QStringLiteral(NAT_VERSION_STRING));
    QApplication::setDesktopFileName(QStringLiteral("nat-studio"));

    // The language chosen in File > Settings, else the first shipped one of the system's preferred
    // languages. English is the source language and has no .qm. Applied here only: a change needs a restart.
    const QString storedLanguage = nat::ui::SettingsDialog::storedLanguage();
    const QString language = nat::ui::SettingsDialog::resolveLanguage(storedLanguage, QLocale::system());
    if (!storedLanguage.isEmpty()) QLocale::setDefault(QLocale(language));
    QTranslator qtTranslator, appTranslator;
    if (language != QLatin1String("en")) {
        if (qtTranslator.load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
                              QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QApplication::installTranslator(&qtTranslator);
        if (appTranslator.load(QStringLiteral(":/i18n/nat-studio_%1.qm").arg(language)))
            QApplication::installTranslator(&appTranslator);
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("NAT Studio - Neural Architecture Transfer for your own images"));
    parser.addHelpOption();
    QCommandLineOption datasetOpt(QStringLiteral("dataset"),
                                  QStringLiteral("Dataset to open: a folder or file, or 'fashion-mnist' (default)."),
                                  QStringLiteral("path"), QStringLiteral("fashion-mnist"));
    QCommandLineOption screenshotOpt(QStringLiteral("screenshot"),
                                     QStringLiteral("Save a PNG of the window after start-up and quit."),
                                     QStringLiteral("file"));
    QCommandLineOption pageOpt(QStringLiteral("page"), QStringLiteral("Page to show: start, dataset, search, dashboard, inspector, compare."),
                               QStringLiteral("name"), QStringLiteral("start"));
    QCommandLineOption demoOpt(QStringLiteral("demo"), QStringLiteral("Run a scripted demo search (synthetic results) on start-up."));
    QCommandLineOption runOpt(QStringLiteral("run"), QStringLiteral("Open a run folder on start-up."), QStringLiteral("dir"));
    QCommandLineOption latencyOpt(QStringLiteral("measure-latency"),
                                  QStringLiteral("Start a search and print the event-loop latency after SECONDS."),
                                  QStringLiteral("seconds"));
    QCommandLineOption benchOpt(QStringLiteral("bench-front"), QStringLiteral("Time hover and click on a front of N points."),
                                QStringLiteral("n"));
    QCommandLineOption resumeOpt(QStringLiteral("resume"), QStringLiteral("Resume the search of the run given with --run."));
    QCommandLineOption startOpt(QStringLiteral("start-search"),
                                QStringLiteral("Start a search on start-up with the settings in FILE (a run's settings.json) into --out."),
                                QStringLiteral("file"));
    QCommandLineOption outOpt(QStringLiteral("out"), QStringLiteral("Run folder for --start-search (new or empty)."), QStringLiteral("dir"));
    for (const auto* o : {&datasetOpt, &screenshotOpt, &pageOpt, &demoOpt, &runOpt, &latencyOpt, &benchOpt, &resumeOpt, &startOpt, &outOpt})
        parser.addOption(*o);
    parser.process(app);

    std::optional<nat::engine::SearchSettings> startSettings;
    if (parser.isSet(startOpt)) {
        if (!parser.isSet(outOpt)) {
            std::fprintf(stderr, "nat-studio: error: --start-search needs --out DIR\n");
            return 2;
        }
        startSettings = settingsFromFile(parser.value(startOpt));
        if (!startSettings) return 2;
    }
    if (parser.isSet(resumeOpt) && !parser.isSet(runOpt)) {
        std::fprintf(stderr, "nat-studio: error: --resume needs --run DIR\n");
        return 2;
    }

    if (parser.isSet(benchOpt)) return nat::studio::benchFront(parser.value(benchOpt).toInt());

    const bool demo = parser.isSet(demoOpt);
    nat::ui::MainWindow window(buildInfo(), [demo](nat::engine::EventSink sink) { return makeJobs(std::move(sink), demo); });
    if (demo) window.setWindowTitle(window.windowTitle() + QStringLiteral(" — ") + QObject::tr("demo engine"));
    window.setDatasetHint(parser.value(datasetOpt));
    if (!demo) {  // the real engine offers the GPUs its LibTorch can see
        QStringList cuda;
        for (const std::string& d : nat::engine::cudaDevices()) cuda << QString::fromStdString(d);
        window.searchPage()->setExtraDevices(cuda);
    }
    window.show();

    const QStringList pages = {QStringLiteral("start"), QStringLiteral("dataset"), QStringLiteral("search"),
                               QStringLiteral("dashboard"), QStringLiteral("inspector")};
    // "compare": the inspector's side-by-side view of three front points (after a --demo search).
    const bool compare = parser.value(pageOpt) == QLatin1String("compare");
    const int page = compare ? 4 : std::max(0, static_cast<int>(pages.indexOf(parser.value(pageOpt))));
    window.showPage(nat::ui::MainWindow::Page(page));
    if (parser.isSet(runOpt)) window.openRun(parser.value(runOpt));
    // Failures (a folder that is not empty, a finished run) show the usual message box.
    if (parser.isSet(resumeOpt)) window.resumeSearch();
    if (startSettings) window.startSearch(*startSettings, parser.value(outOpt));
    if (page == 1 || page == 2) window.datasetPage()->load(parser.value(datasetOpt));
    if (demo || parser.isSet(latencyOpt)) {
        window.searchPage()->setOutputFolder(QDir::temp().filePath(QStringLiteral("nat-studio-demo-run")));
        window.startSearch();
    }
    if (parser.isSet(latencyOpt)) nat::studio::startLatencyProbe(parser.value(latencyOpt).toDouble());

    if (parser.isSet(screenshotOpt)) {
        const QString file = parser.value(screenshotOpt);
        auto shoot = [&window, file] {
            const bool ok = window.grab().save(file, "PNG");
            if (!ok) std::fprintf(stderr, "nat-studio: error: cannot write screenshot '%s'\n", qPrintable(file));
            QApplication::exit(ok ? 0 : 1);
        };
        if (!demo) {
            QTimer::singleShot(2500, &window, [&window, page, shoot] {
                window.showPage(nat::ui::MainWindow::Page(page));
                shoot();
            });
        } else {
            // Demo: wait for the search, then pick the preferred point (and evaluate it for the inspector).
            auto* c = window.controller();
            QObject::connect(c, &nat::ui::RunController::finished, &window,
                             [&window, page, compare, shoot](const nat::engine::JobFinished&, nat::ui::RunController::JobKind kind) {
                                 if (kind == nat::ui::RunController::JobKind::Search) {
                                     const int id = window.dashboard()->front()->preferredId();
                                     Q_EMIT window.dashboard()->archSelected(id);
                                     // Three front points selected together: linked views, comparison.
                                     const std::vector<int> front = window.dashboard()->front()->frontIds();
                                     QList<int> several;
                                     for (std::size_t k = 0; k < front.size() && several.size() < 3; k += std::max<std::size_t>(1, front.size() / 3))
                                         several << front[k];
                                     window.dashboard()->setSelection(several);
                                     window.showPage(nat::ui::MainWindow::Page(page));
                                     if (compare) {
                                         Q_EMIT window.dashboard()->compareRequested(several);
                                         QTimer::singleShot(300, &window, shoot);
                                         return;
                                     }
                                     if (page == 4) {
                                         window.controller()->evaluate(window.controller()->runDir(), id, QStringLiteral("test"));
                                         return;
                                     }
                                 }
                                 QTimer::singleShot(300, &window, shoot);
                             });
        }
    }
    return app.exec();
}
