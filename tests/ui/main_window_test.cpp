#include <QAction>
#include <QLabel>
#include <QMenuBar>
#include <QTest>
#include <QTranslator>

#include "about_dialog.h"
#include "main_window.h"

using nat::ui::AboutDialog;
using nat::ui::BuildInfo;
using nat::ui::MainWindow;

class MainWindowTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void hasFileRunViewHelpMenus() {
        MainWindow w(BuildInfo{QStringLiteral("0.1.0"), QStringLiteral("1.13.0"), QStringLiteral("4.6.0")});
        QStringList titles;
        for (QAction* a : w.menuBar()->actions()) titles << a->text();
        QCOMPARE(titles, (QStringList{QStringLiteral("&File"), QStringLiteral("&Run"), QStringLiteral("&View"), QStringLiteral("&Help")}));
        QVERIFY(w.findChild<QAction*>(QStringLiteral("actionAbout")));
        QVERIFY(w.findChild<QAction*>(QStringLiteral("actionQuit")));
    }

    void showsDatasetHint() {
        MainWindow w(BuildInfo{});
        auto* label = w.findChild<QLabel*>(QStringLiteral("welcomeLabel"));
        QVERIFY(label);
        QVERIFY(label->text().contains(QStringLiteral("Fashion-MNIST")));
        w.setDatasetHint(QStringLiteral("/data/<cats>"));
        QVERIFY(label->text().contains(QStringLiteral("/data/&lt;cats&gt;")));
    }

    void aboutListsComponentVersions() {
        const BuildInfo info{QStringLiteral("0.1.0"), QStringLiteral("1.13.0"), QStringLiteral("4.6.0")};
        const QString text = AboutDialog::componentsText(info);
        QVERIFY(text.contains(QStringLiteral("NAT Studio 0.1.0")));
        QVERIFY(text.contains(QStringLiteral("LibTorch 1.13.0")));
        QVERIFY(text.contains(QStringLiteral("OpenCV 4.6.0")));
        QVERIFY(text.contains(QStringLiteral("Qt ") + QString::fromLatin1(qVersion())));
        QVERIFY(AboutDialog::componentsText(BuildInfo{}).contains(QStringLiteral("OpenCV: not built in")));
    }

    void embeddedTranslationsLoad() {
        for (const char* lang : {"de", "zh_CN"}) {
            QTranslator t;
            QVERIFY2(t.load(QStringLiteral(":/i18n/nat-studio_%1.qm").arg(QLatin1String(lang))), lang);
            QVERIFY(!t.isEmpty());
        }
        QTranslator de;
        QVERIFY(de.load(QStringLiteral(":/i18n/nat-studio_de.qm")));
        QCOMPARE(de.translate("nat::ui::MainWindow", "&File"), QStringLiteral("&Datei"));
    }
};

QTEST_MAIN(MainWindowTest)
#include "main_window_test.moc"
