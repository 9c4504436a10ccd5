// About box, Settings dialog, embedded translations and icons (offscreen, no display needed).
#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QSettings>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeWidget>

#include "about_dialog.h"
#include "main_window.h"
#include "settings_dialog.h"

using nat::ui::AboutDialog;
using nat::ui::BuildInfo;
using nat::ui::MainWindow;
using nat::ui::SettingsDialog;

class AboutSettingsTest : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_config;
    const BuildInfo m_info{QStringLiteral("0.1.0"), QStringLiteral("1.13.0"), QStringLiteral("4.6.0")};

private Q_SLOTS:
    void initTestCase() {
        // Keep the user's settings out of the test.
        QVERIFY(m_config.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_config.path());
        QCoreApplication::setOrganizationName(QStringLiteral("NAT Studio Test"));
        QCoreApplication::setApplicationName(QStringLiteral("about_settings_test"));
    }

    void aboutListsVersionsAndLicencesOfEveryComponent() {
        const auto components = AboutDialog::components(m_info);
        QStringList names;
        for (const auto& c : components) {
            names << c.name;
            QVERIFY2(!c.licence.isEmpty(), qPrintable(c.name));
        }
        QCOMPARE(names, (QStringList{"NAT Studio", "Qt", "Qt Charts", "LibTorch", "OpenCV", "ONNX", "Protocol Buffers",
                                     "nlohmann/json", "CLI11", "Eigen", "zlib"}));
        const QString text = AboutDialog::componentsText(m_info);
        QVERIFY(text.contains(QStringLiteral("NAT Studio 0.1.0 (MIT)")));
        QVERIFY(text.contains(QStringLiteral("Qt %1 (LGPL-3.0)").arg(QString::fromLatin1(qVersion()))));
        QVERIFY(text.contains(QStringLiteral("Qt Charts %1 (GPL-3.0)").arg(QString::fromLatin1(qVersion()))));
        QVERIFY(text.contains(QStringLiteral("LibTorch 1.13.0 (BSD-3-Clause)")));
        QVERIFY(text.contains(QStringLiteral("OpenCV 4.6.0 (Apache-2.0)")));
        QVERIFY(text.contains(QStringLiteral("(MPL-2.0)")));
        // The header-only libraries' versions come from the packages found at configure time.
        for (const auto& c : components)
            if (c.name == QLatin1String("Eigen") || c.name == QLatin1String("CLI11") || c.name == QLatin1String("nlohmann/json"))
                QVERIFY2(c.version.contains(QLatin1Char('.')), qPrintable(c.name + QLatin1Char(' ') + c.version));
        QVERIFY(AboutDialog::componentsText(BuildInfo{}).contains(QStringLiteral("OpenCV: not built in")));
    }

    void aboutDialogShowsTheComponentTable() {
        AboutDialog dialog(m_info);
        auto* table = dialog.findChild<QTreeWidget*>(QStringLiteral("aboutComponents"));
        QVERIFY(table);
        QCOMPARE(table->topLevelItemCount(), AboutDialog::components(m_info).size());
        QCOMPARE(table->topLevelItem(2)->text(0), QStringLiteral("Qt Charts"));
        QCOMPARE(table->topLevelItem(2)->text(2), QStringLiteral("GPL-3.0"));
        auto* licence = dialog.findChild<QLabel*>(QStringLiteral("aboutLicence"));
        QVERIFY(licence && licence->text().contains(QStringLiteral("MIT")));
    }

    void resolvesTheLanguage() {
        const QLocale us(QStringLiteral("en_US")), de(QStringLiteral("de_AT")), cn(QStringLiteral("zh_CN")),
            sg(QStringLiteral("zh_SG")), tw(QStringLiteral("zh_TW")), fr(QStringLiteral("fr_FR"));
        QCOMPARE(SettingsDialog::resolveLanguage(QString(), us), QStringLiteral("en"));
        QCOMPARE(SettingsDialog::resolveLanguage(QString(), de), QStringLiteral("de"));
        QCOMPARE(SettingsDialog::resolveLanguage(QString(), cn), QStringLiteral("zh_CN"));
        QCOMPARE(SettingsDialog::resolveLanguage(QString(), sg), QStringLiteral("zh_CN"));
        QCOMPARE(SettingsDialog::resolveLanguage(QString(), tw), QStringLiteral("en"));  // no Traditional Chinese
        QCOMPARE(SettingsDialog::resolveLanguage(QString(), fr), QStringLiteral("en"));
        QCOMPARE(SettingsDialog::resolveLanguage(QStringLiteral("de"), us), QStringLiteral("de"));
        QCOMPARE(SettingsDialog::resolveLanguage(QStringLiteral("en"), de), QStringLiteral("en"));
        QCOMPARE(SettingsDialog::resolveLanguage(QStringLiteral("klingon"), cn), QStringLiteral("zh_CN"));
    }

    void settingsDialogStoresTheLanguage() {
        SettingsDialog::storeLanguage(QString());
        QCOMPARE(SettingsDialog::storedLanguage(), QString());
        {
            SettingsDialog dialog;
            auto* combo = dialog.findChild<QComboBox*>(QStringLiteral("languageCombo"));
            QVERIFY(combo);
            QCOMPARE(combo->count(), 4);
            QCOMPARE(combo->currentIndex(), 0);  // System default
            QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("restartNote")));
            combo->setCurrentIndex(combo->findData(QStringLiteral("zh_CN")));
            QCOMPARE(combo->currentText(), QStringLiteral("简体中文"));
            dialog.accept();
        }
        QCOMPARE(SettingsDialog::storedLanguage(), QStringLiteral("zh_CN"));
        {
            SettingsDialog dialog;  // shows what is stored; Cancel keeps it
            auto* combo = dialog.findChild<QComboBox*>(QStringLiteral("languageCombo"));
            QCOMPARE(combo->currentData().toString(), QStringLiteral("zh_CN"));
            combo->setCurrentIndex(1);
            dialog.reject();
        }
        QCOMPARE(SettingsDialog::storedLanguage(), QStringLiteral("zh_CN"));
        QSettings().setValue(QLatin1String(SettingsDialog::kLanguageKey), QStringLiteral("xx"));
        QCOMPARE(SettingsDialog::storedLanguage(), QString());  // unknown codes mean "system"
        SettingsDialog::storeLanguage(QString());
        QVERIFY(!QSettings().contains(QLatin1String(SettingsDialog::kLanguageKey)));
    }

    void settingsAreReachableFromTheFileMenu() {
        MainWindow w(m_info);
        auto* action = w.findChild<QAction*>(QStringLiteral("actionSettings"));
        QVERIFY(action);
        const auto preferences = QKeySequence::keyBindings(QKeySequence::Preferences);
        QCOMPARE(action->shortcut(), preferences.isEmpty() ? QKeySequence(Qt::CTRL | Qt::Key_Comma) : preferences.first());
        QVERIFY(!action->shortcut().isEmpty());
    }

    void translationsCoverTheNewStrings() {
        QTranslator de, zh;
        QVERIFY(de.load(QStringLiteral(":/i18n/nat-studio_de.qm")));
        QVERIFY(zh.load(QStringLiteral(":/i18n/nat-studio_zh_CN.qm")));
        QCOMPARE(de.translate("nat::ui::SettingsDialog", "Settings"), QStringLiteral("Einstellungen"));
        QCOMPARE(zh.translate("nat::ui::SettingsDialog", "Settings"), QStringLiteral("设置"));
        QCOMPARE(de.translate("nat::ui::AboutDialog", "Licence"), QStringLiteral("Lizenz"));
        QCOMPARE(zh.translate("nat::ui::AboutDialog", "%1: not built in"), QStringLiteral("%1：未内置"));
    }

    // With NAT_SCREENSHOT_DIR set, saves about.png and settings.png there (docs/screenshots).
    void screenshotsWhenAsked() {
        const QString dir = qEnvironmentVariable("NAT_SCREENSHOT_DIR");
        if (dir.isEmpty()) QSKIP("NAT_SCREENSHOT_DIR not set");
        AboutDialog about(m_info);
        about.show();
        QVERIFY(QTest::qWaitForWindowExposed(&about));
        QVERIFY(about.grab().save(dir + QStringLiteral("/about.png")));
        SettingsDialog settings;
        settings.show();
        QVERIFY(QTest::qWaitForWindowExposed(&settings));
        QVERIFY(settings.grab().save(dir + QStringLiteral("/settings.png")));
    }

    void iconsLoadFromTheResources() {
        const QStringList names{"nat-studio", "open-dataset", "new-search", "open-run", "start", "pause", "cancel", "export",
                                "import", "evaluate", "pick", "zoom-in", "zoom-out", "zoom-reset", "settings"};
        for (const QString& name : names) {
            QSvgRenderer svg(QStringLiteral(":/icons/%1.svg").arg(name));
            QVERIFY2(svg.isValid(), qPrintable(name));
            QVERIFY2(!QIcon(QStringLiteral(":/icons/%1.svg").arg(name)).pixmap(24, 24).isNull(), qPrintable(name));
        }
    }
};

QTEST_MAIN(AboutSettingsTest)
#include "about_settings_test.moc"
