// MqttClient: one libmosquitto connection in a thread of its own: connects, subscribes, reconnects
// with back-off, hands each message to a callback and tells its state, and stops within a second.
#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

struct mosquitto;
struct mosquitto_message;

namespace fs {

struct MqttOptions
{
    QString host = QStringLiteral("127.0.0.1");
    int port = 1883;
    bool tls = false; ///< verify the broker against caFile (or the system's CAs when it is empty)
    QString caFile;
    QString user; ///< empty: anonymous
    QString password;
    /// Non-empty and stable: the broker keeps this client's session, so QoS 1 messages published
    /// while it was away are delivered when it comes back.
    QString clientId;
    QStringList subscriptions; ///< topic filters, subscribed again on every connect
    int qos = 1;               ///< of the subscriptions
    int keepAliveS = 60;
    int reconnectMinMs = 500;   ///< first wait after a failed attempt or a lost connection, doubled…
    int reconnectMaxMs = 30000; ///< …up to this
    int maxInflight = 20;       ///< unacknowledged QoS 1 messages this client may have out at once
    /// Looks `host` up (blocking) and returns an empty text or why it cannot be found. Empty: the
    /// system's resolver. Runs in a thread that is never waited for, so it must own what it uses.
    std::function<QString(const QString& host)> lookUp;
};

struct MqttStatus
{
    bool connected = false;
    qint64 connectedSinceMs = 0; ///< UTC ms of the last accepted CONNACK
    qint64 lastMessageMs = 0;    ///< UTC ms of the last message received; 0: none yet
    qint64 messages = 0;         ///< messages received
    qint64 published = 0;        ///< messages the broker acknowledged (QoS 0: sent)
    int connects = 0;            ///< connections the broker accepted
    int reconnects = 0;          ///< of those, the ones after an earlier connection was lost
    int failedAttempts = 0;      ///< attempts refused, unreachable or not accepted
    QString lastError;           ///< why the last attempt failed or the last connection dropped
};

class MqttClient
{
public:
    struct Message
    {
        QByteArray topic;
        QByteArray payload;
        qint64 arrivalMs = 0; ///< UTC ms when the message reached this client
    };
    /// Called in the client's thread for every message; must not call stop().
    using MessageHandler = std::function<void(const Message&)>;
    /// Called in the client's thread whenever the connection comes or goes.
    using StatusHandler = std::function<void(const MqttStatus&)>;

    MqttClient(MqttOptions options, MessageHandler onMessage, StatusHandler onStatus = {});
    ~MqttClient();
    MqttClient(const MqttClient&) = delete;
    MqttClient& operator=(const MqttClient&) = delete;

    /// Starts the client's thread, which connects and keeps reconnecting; never blocks on the
    /// network. An error names what is wrong with the options (unreadable CA file, …). Call once.
    Status start();
    /// Disconnects and joins the thread. Returns within about a second: a host name is first looked
    /// up in a thread of its own that is not waited for, so a resolver that hangs (a router whose
    /// uplink is down) does not hold stop() up; only a resolver that answers, but slowly, still
    /// delays libmosquitto's own lookup that follows. Any thread but the client's.
    void stop();

    /// Thread-safe. Queues a message; QoS 1 messages wait for a reconnect when the link is down.
    Status publish(const QString& topic, const QByteArray& payload, int qos = 1, bool retain = false);
    /// Thread-safe snapshot.
    MqttStatus status() const;
    /// Blocks the caller until the broker accepted a connection, or `timeoutMs` passed.
    bool waitConnected(int timeoutMs) const;

private:
    void run();
    bool pause(int ms);
    /// Waits for a lookup of the broker's name, or for stop(); an empty text when it was found.
    QString hostFound();
    void connectionLost(const QString& why, bool attemptFailed);
    void reportStatus();
    static void onConnect(mosquitto* m, void* self, int rc);
    static void onMessage(mosquitto* m, void* self, const mosquitto_message* message);
    static void onPublish(mosquitto* m, void* self, int mid);

    const MqttOptions m_options;
    const MessageHandler m_onMessage;
    const StatusHandler m_onStatus;
    mosquitto* m_mosq = nullptr;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    // Only touched in the client's thread.
    bool m_backoffReset = false; ///< set by onConnect: the next wait starts from the minimum again
    QString m_refusal;           ///< why the broker refused the last CONNECT, until it is reported
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_changed;
    MqttStatus m_status;
};

} // namespace fs
