// IsemsMqttPublisher: ISEMS ESP32 nodes as a broker sees them, for --demo and tests: each node logs a
// line every lineIntervalS and publishes its last five on <channel><nodeid>/csvlog at QoS 1 (and,
// when a JSON channel is set, its newest values on <channel><nodeid>/data.json), like telemetry.lua.
#pragma once

#include "sources/isems/MqttClient.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace fs {

class IsemsMqttPublisher
{
public:
    struct Options
    {
        MqttOptions broker; ///< host, port, TLS, login, client id
        QStringList nodeIds = {QStringLiteral("ESP-Demo-1")};
        QString csvChannel = QStringLiteral("/isems/"); ///< empty: no csvlog messages
        QString jsonChannel;                            ///< e.g. "isems/testdrive/foobar/"; empty: none
        int windowLines = 5;                            ///< lines a node keeps in RAM and sends
        int lineIntervalS = 15;                         ///< node time between two log lines
        int publishIntervalMs = 65000;                  ///< 0: only publishUpTo() publishes
    };

    explicit IsemsMqttPublisher(Options options);
    ~IsemsMqttPublisher();
    IsemsMqttPublisher(const IsemsMqttPublisher&) = delete;
    IsemsMqttPublisher& operator=(const IsemsMqttPublisher&) = delete;

    /// Connects (in the client's thread) and, with a publish interval, starts publishing on it.
    Status start();
    /// Stops publishing and disconnects within about a second.
    void stop();

    /// Thread-safe. Every node logs its lines up to `nowS` (the first call: one line at nowS) and
    /// publishes its window; returns the number of messages queued.
    int publishUpTo(qint64 nowS);
    /// Thread-safe. Publishes any payload at QoS 1 (tests: broken lines, foreign topics).
    Status publishRaw(const QString& topic, const QByteArray& payload);
    /// Messages the broker acknowledged, reconnects, last error.
    MqttStatus status() const;
    bool waitConnected(int timeoutMs) const;

    /// The log line node `nodeId` writes at `timeS` (19 fields, status in upper-case hex).
    static QByteArray line(const QString& nodeId, qint64 timeS);
    /// The data.json body the node sends at `timeS`: no nodeId, no timestamp, status as hex text.
    static QByteArray json(const QString& nodeId, qint64 timeS);

private:
    struct Node
    {
        qint64 lastLineS = 0; ///< 0: nothing logged yet
        QList<QByteArray> lines;
    };
    void run();

    const Options m_options;
    std::unique_ptr<MqttClient> m_client;
    std::mutex m_nodesMutex;
    QHash<QString, Node> m_nodes;
    std::thread m_thread;
    std::mutex m_stopMutex;
    std::condition_variable m_stopped;
    bool m_stop = false;
};

} // namespace fs
