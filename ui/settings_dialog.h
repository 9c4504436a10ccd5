#pragma once

#include <QDialog>
#include <QLocale>
#include <QString>
#include <QStringList>

class QComboBox;

namespace nat::ui {

/// File ▸ Settings: application settings kept with QSettings. For now only the user-interface
/// language; it is applied at start-up (app/nat-studio/main.cpp), so a change needs a restart.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    /// QSettings key of the language: "" follows the system, else a code from shippedLanguages().
    static constexpr const char* kLanguageKey = "ui/language";

    explicit SettingsDialog(QWidget* parent = nullptr);

    /// The language code chosen in the combo box ("" = system).
    QString selectedLanguage() const;

    /// Stores the chosen language and closes the dialog (OK).
    void accept() override;

    /// Languages the UI is translated into, as locale codes: "en" (the source language), "de",
    /// "zh_CN". Each but "en" has an embedded :/i18n/nat-studio_<code>.qm.
    static QStringList shippedLanguages();

    /// The stored language setting ("" when unset or not a shipped language).
    static QString storedLanguage();
    static void storeLanguage(const QString& code);

    /// The language to show: `setting` when it names a shipped language, otherwise the first of the
    /// system's preferred UI languages that is shipped (English counts, so an English desktop with
    /// German as second choice stays English), otherwise "en".
    static QString resolveLanguage(const QString& setting, const QLocale& system);

private:
    QComboBox* m_language = nullptr;
};

}  // namespace nat::ui
