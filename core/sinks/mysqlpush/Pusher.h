// Pusher: one-way, resumable push of the station's readings and node states into Cogent-house
// MySQL/MariaDB servers. Lives in the pusher thread with its own connections; a failing server is
// retried later and does not hold up the others.
#pragma once

#include "config/SecretStore.h"
#include "config/Settings.h"
#include "util/Result.h"

#include <QObject>
#include <QTimer>
#include <memory>

namespace fs {

class Recorder;
class Store;

struct PushStatus
{
    QString server;
    bool ok = false;
    qint64 lastSuccessMs = 0;
    qint64 rowsBehind = -1;
    double rowsPerSecond = 0;
    qint64 pushedReadings = 0; ///< in the last push
    qint64 pushedStates = 0;
    QString lastError;
    qint64 nextAttemptMs = 0;
};

class Pusher : public QObject
{
    Q_OBJECT
public:
    Pusher(Recorder& recorder, QString storePath, PushSettings settings, QString dataDir, SecretStore secrets,
           QObject* parent = nullptr);
    ~Pusher() override;

    /// Pushes one server now, everything after its cursor; the status says what it did.
    PushStatus pushServer(const PushServerSettings& server);
    /// Every enabled server, now.
    QList<PushStatus> pushAll();
    QList<PushStatus> statuses() const { return m_status; }

    static QString cursorName(const QString& server) { return QStringLiteral("push:") + server; }
    static QString stateCursorName(const QString& server) { return QStringLiteral("push-states:") + server; }

public Q_SLOTS:
    void start();
    void stop();

Q_SIGNALS:
    void statusChanged(const QList<fs::PushStatus>& statuses);

private:
    void tick();
    Status pushTo(const PushServerSettings& server, PushStatus& status);
    Result<qint64> startCursor(const PushServerSettings& server);
    PushStatus& statusOf(const QString& server);

    Recorder& m_recorder;
    QString m_storePath;
    PushSettings m_settings;
    QString m_dataDir;
    SecretStore m_secrets;
    std::unique_ptr<Store> m_reader;
    QList<PushStatus> m_status;
    QTimer* m_timer = nullptr;
};

} // namespace fs

Q_DECLARE_METATYPE(fs::PushStatus)
