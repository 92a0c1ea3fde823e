// Redact: a small locked list of strings; the message handler wraps Qt's default one.
#include "Redact.h"

#include "Logging.h"

#include <QStringList>
#include <mutex>

namespace fs::redact {

namespace {

std::mutex g_mutex;
QStringList g_secrets;
QtMessageHandler g_previous = nullptr;

void handler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    g_previous(type, context, apply(message));
}

} // namespace

void addSecret(const QString& secret)
{
    if (secret.isEmpty())
        return;
    if (secret.size() < kMinSecretLength) {
        // Replacing two or three characters everywhere would mangle ordinary text; say so instead
        // of silently letting a short password reach the log.
        qCWarning(lcConfig) << "a secret shorter than" << kMinSecretLength
                            << "characters cannot be kept out of the logs: use a longer one";
        return;
    }
    std::lock_guard lock(g_mutex);
    if (!g_secrets.contains(secret))
        g_secrets << secret;
}

QString apply(QString text)
{
    std::lock_guard lock(g_mutex);
    for (const QString& s : g_secrets)
        text.replace(s, QStringLiteral("<secret>"));
    return text;
}

void installLogFilter()
{
    static std::once_flag once;
    std::call_once(once, [] { g_previous = qInstallMessageHandler(handler); });
}

} // namespace fs::redact
