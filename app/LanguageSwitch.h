// LanguageSwitch: which translation the screen shows, from the settings or the system locale.
#pragma once

#include <QLocale>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTranslator>
#include <memory>

class QQmlEngine;

namespace fs {

/// Installs the app's translator for a language ("auto" = the system locale, or "en", "de", "fr")
/// and re-evaluates every qsTr() of an attached engine, so a switch needs no restart.
class LanguageSwitch : public QObject
{
    Q_OBJECT

public:
    /// `folder` holds fieldstation_<lang>.qm (the app's resource by default; tests use lrelease's output).
    explicit LanguageSwitch(const QString& folder = QStringLiteral(":/i18n"), QObject* parent = nullptr);
    ~LanguageSwitch() override;

    /// The languages the settings accept, "auto" first.
    static QStringList choices();
    /// The language "auto" stands for: the system locale's if there is a translation, else "en".
    static QString resolve(const QString& language, const QLocale& system = QLocale());

    /// The engine whose bindings are re-translated on a switch (may be null).
    void attach(QQmlEngine* engine);
    /// Switches to `language`; false (and the old language kept) if it has no translation.
    bool setLanguage(const QString& language);
    /// The language shown now ("en", "de", "fr").
    QString current() const { return m_current; }

Q_SIGNALS:
    void languageChanged(const QString& language);

private:
    std::unique_ptr<QTranslator> m_translator;
    QString m_folder;
    QPointer<QQmlEngine> m_engine;
    QString m_current;
};

} // namespace fs
