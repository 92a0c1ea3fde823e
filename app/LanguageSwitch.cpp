// LanguageSwitch: loads :/i18n/fieldstation_<lang>.qm and swaps the installed translator.
#include "LanguageSwitch.h"

#include "util/Logging.h"

#include <QCoreApplication>
#include <QLocale>
#include <QQmlEngine>

namespace fs {

namespace {

const QString kBase = QStringLiteral("fieldstation_");

} // namespace

LanguageSwitch::LanguageSwitch(const QString& folder, QObject* parent) : QObject(parent), m_folder(folder) {}

LanguageSwitch::~LanguageSwitch()
{
    if (m_translator)
        QCoreApplication::removeTranslator(m_translator.get());
}

void LanguageSwitch::attach(QQmlEngine* engine)
{
    m_engine = engine;
}

QStringList LanguageSwitch::choices()
{
    return {QStringLiteral("auto"), QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("fr")};
}

QString LanguageSwitch::resolve(const QString& language, const QLocale& system)
{
    if (language != QLatin1String("auto"))
        return language;
    // uiLanguages() is the user's order of preference ("de-CH", "de", …): the first we have wins.
    for (const QString& ui : system.uiLanguages()) {
        const QString code = ui.section(QLatin1Char('-'), 0, 0).toLower();
        if (choices().mid(1).contains(code))
            return code;
    }
    return QStringLiteral("en");
}

bool LanguageSwitch::setLanguage(const QString& language)
{
    const QString code = resolve(language);
    if (code == m_current)
        return true;
    auto next = std::make_unique<QTranslator>();
    if (!next->load(kBase + code, m_folder)) {
        qCWarning(lcApp) << "no translation for language" << code << "in" << m_folder;
        return false;
    }
    if (m_translator)
        QCoreApplication::removeTranslator(m_translator.get());
    m_translator = std::move(next);
    QCoreApplication::installTranslator(m_translator.get());
    m_current = code;
    if (m_engine)
        m_engine->retranslate();
    Q_EMIT languageChanged(code);
    return true;
}

} // namespace fs
