// Redact: a small locked list of strings; the message handler wraps Qt's default one.
#include "Redact.h"

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
    if (secret.size() < 6)
        return; // too short to be a secret worth hiding, too likely to mangle ordinary text
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
