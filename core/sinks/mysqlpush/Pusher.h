// Pusher: the MySQL sink. Forwards the station's readings and node states into Cogent-house
// MySQL/MariaDB servers, each with its own cursors, on the CursorSink base: a failing or jammed
// server is backed off and does not hold up the others or stop.
#pragma once

#include "CogentRemote.h"
#include "config/SecretStore.h"
#include "config/Settings.h"
#include "sinks/CursorSink.h"
#include "util/Result.h"

namespace fs {

using PushStatus = SinkStatus;

class Pusher : public CursorSink
{
    Q_OBJECT
public:
    Pusher(Recorder& recorder, QString storePath, PushSettings settings, QString dataDir, SecretStore secrets,
           QObject* parent = nullptr);
    ~Pusher() override;

    /// One pass to `server` now, on the calling thread: everything after its cursors.
    PushStatus pushServer(const PushServerSettings& server) { return runNow(server.name); }
    /// Every enabled server, now, on the calling thread.
    QList<PushStatus> pushAll() { return runAllNow(); }

    static QString cursorName(const QString& server) { return QStringLiteral("push:") + server; }
    static QString stateCursorName(const QString& server) { return QStringLiteral("push-states:") + server; }
    /// The secret holding `server`'s MySQL password (push --set-password, the screen).
    static QString passwordSecret(const QString& server)
    {
        return QStringLiteral("push/%1/password").arg(server);
    }
    /// push:<server> (readings) and push-states:<server> (node states) of every enabled server.
    QStringList cursorNames() const override;

Q_SIGNALS:
    /// Emitted on the pushing thread each time the station's nodes and channels have been mapped
    /// onto `server` (at the start of a pass, and again when a channel newer than that shows up).
    void mapped(const QString& server);

protected:
    QStringList servers() const override;
    int intervalMs(const QString& server) const override;
    QString readingsCursor(const QString& server) const override { return cursorName(server); }
    Status runPass(const QString& server, SinkStatus& status) override;

private:
    /// The mapping and how far it reaches: channels and nodes above these ids were not there yet.
    struct Mapping
    {
        CogentTargets targets;
        ChannelId channels = 0;
        NodeId nodes = 0;
    };
    Result<Mapping> map(QSqlDatabase& db, const PushServerSettings& server);
    Status applyStartFrom(const PushServerSettings& server);
    const PushServerSettings* settingsOf(const QString& server) const;

    PushSettings m_settings;
    QString m_dataDir;
    SecretStore m_secrets;
    QString m_storePath;
};

} // namespace fs
