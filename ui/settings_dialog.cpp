#include "settings_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

namespace nat::ui {

namespace {

// Maps one BCP 47 UI language ("de-AT", "zh-Hans-CN", "en-GB") to a shipped code, or "".
QString shippedCodeFor(const QString& uiLanguage) {
    const QLocale locale(uiLanguage);
    switch (locale.language()) {
    case QLocale::English: return QStringLiteral("en");
    case QLocale::German: return QStringLiteral("de");
    case QLocale::Chinese:
        // Only Simplified Chinese is shipped; Taiwan/Hong Kong/Macao resolve to the traditional script.
        return locale.script() == QLocale::TraditionalHanScript ? QString() : QStringLiteral("zh_CN");
    default: return {};
    }
}

}  // namespace

QStringList SettingsDialog::shippedLanguages() {
    return {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("zh_CN")};
}

QString SettingsDialog::storedLanguage() {
    const QString code = QSettings().value(QLatin1String(kLanguageKey)).toString();
    return shippedLanguages().contains(code) ? code : QString();
}

void SettingsDialog::storeLanguage(const QString& code) {
    QSettings settings;
    if (code.isEmpty())
        settings.remove(QLatin1String(kLanguageKey));
    else
        settings.setValue(QLatin1String(kLanguageKey), code);
}

QString SettingsDialog::resolveLanguage(const QString& setting, const QLocale& system) {
    if (shippedLanguages().contains(setting)) return setting;
    for (const QString& ui : system.uiLanguages()) {
        const QString code = shippedCodeFor(ui);
        if (!code.isEmpty()) return code;
    }
    return QStringLiteral("en");
}

SettingsDialog::SettingsDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Settings"));
    setObjectName(QStringLiteral("settingsDialog"));
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    layout->addLayout(form);

    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->addItem(tr("System default"), QString());
    // Language names in their own language, so that one can find one's way back from any of them.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    m_language->setCurrentIndex(qMax(0, m_language->findData(storedLanguage())));
    form->addRow(tr("&Language:"), m_language);

    auto* note = new QLabel(tr("A change of language takes effect when NAT Studio is restarted."), this);
    note->setObjectName(QStringLiteral("restartNote"));
    note->setWordWrap(true);
    layout->addWidget(note);
    layout->addStretch(1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    setMinimumWidth(420);
}

QString SettingsDialog::selectedLanguage() const { return m_language->currentData().toString(); }

void SettingsDialog::accept() {
    storeLanguage(selectedLanguage());
    QDialog::accept();
}

}  // namespace nat::ui
