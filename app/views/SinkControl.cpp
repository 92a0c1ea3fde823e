// SinkControl: passwords are written on a thread of its own and the result comes back queued, so a
// slow keychain holds up the dialog's spinner, never the screen.
#include "SinkControl.h"

#include "sinks/influx/InfluxSink.h"
#include "sinks/mysqlpush/Pusher.h"

namespace fs {

SinkControl::SinkControl(SecretStore secrets, QObject* parent)
    : QObject(parent), m_secrets(std::move(secrets))
{
    m_worker.setObjectName(QStringLiteral("secret-writer"));
    m_context = new QObject;
    m_context->moveToThread(&m_worker);
    connect(&m_worker, &QThread::finished, m_context, &QObject::deleteLater);
    m_worker.start();
}

SinkControl::~SinkControl()
{
    m_worker.quit();
    m_worker.wait();
}

void SinkControl::attach(const QString& kind, CursorSink* sink)
{
    if (sink)
        m_sinks.insert(kind, sink);
}

QString SinkControl::secretName(const QString& kind, const QString& server)
{
    if (kind == QLatin1String("push"))
        return Pusher::passwordSecret(server);
    if (kind == QLatin1String("influx"))
        return InfluxSink::secretName(server);
    return {};
}

bool SinkControl::pushNow(const QString& kind, const QString& server)
{
    const QPointer<CursorSink> sink = m_sinks.value(kind);
    const bool accepted = sink && sink->requestPass(server);
    Q_EMIT passRequested(kind, server, accepted);
    return accepted;
}

void SinkControl::setPassword(const QString& kind, const QString& server, const QString& text)
{
    const QString name = secretName(kind, server);
    if (name.isEmpty() || server.isEmpty()) {
        Q_EMIT passwordStored(false, tr("no sink \"%1\" of kind \"%2\"").arg(server, kind));
        return;
    }
    ++m_storing;
    Q_EMIT storingChanged();
    const SecretStore secrets = m_secrets;
    QMetaObject::invokeMethod(m_context, [this, secrets, name, kind, server, text] {
        const Status s = secrets.write(name, text);
        const QString where = s ? secrets.describe(name) : s.error();
        QMetaObject::invokeMethod(
            this, [this, kind, server, ok = s.ok(), where] { stored(kind, server, ok, where); },
            Qt::QueuedConnection);
    });
}

void SinkControl::stored(const QString& kind, const QString& server, bool ok, const QString& where)
{
    --m_storing;
    Q_EMIT storingChanged();
    Q_EMIT passwordStored(ok, where);
    if (ok)
        pushNow(kind, server); // try the new password at once
}

} // namespace fs
