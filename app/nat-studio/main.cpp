// nat-studio: the GUI. Parses a few options, installs translations, shows the main window.
#include <torch/version.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>
#include <cstdio>
#include <cstdlib>
#include <cstring>

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

bool hasArg(int argc, char** argv, const char* name) {
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], name) == 0) return true;
    return false;
}

}  // namespace

int main(int argc, char** argv) {
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
    parser.addOption(datasetOpt);
    parser.addOption(screenshotOpt);
    parser.process(app);

    nat::ui::MainWindow window(buildInfo());
    window.setDatasetHint(parser.value(datasetOpt));
    window.show();

    if (parser.isSet(screenshotOpt)) {
        const QString file = parser.value(screenshotOpt);
        QTimer::singleShot(1500, &window, [&window, file] {
            const bool ok = window.grab().save(file, "PNG");
            if (!ok) std::fprintf(stderr, "nat-studio: error: cannot write screenshot '%s'\n", qPrintable(file));
            QApplication::exit(ok ? 0 : 1);
        });
    }
    return app.exec();
}
