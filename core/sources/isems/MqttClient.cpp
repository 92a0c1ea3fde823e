// MqttClient: one libmosquitto connection in a thread of its own (see MqttClient.h).
#include "MqttClient.h"

#include <QDateTime>
#include <QFileInfo>
#include <QHostAddress>
#include <QLoggingCategory>
#include <algorithm>
#include <cstring>
#include <memory>
#include <mosquitto.h>
#include <netdb.h>
#include <optional>

namespace fs {

namespace {

Q_LOGGING_CATEGORY(lcMqtt, "fs.mqtt")

/// How long one mosquitto_loop call may wait for the socket: bounds how late stop() is heard.
constexpr int kLoopWaitMs = 200;

void initLibrary()
{
    // mosquitto_lib_init is not thread-safe and must run once before any client is made.
    static std::once_flag once;
    std::call_once(once, [] { mosquitto_lib_init(); });
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

/// The system resolver's answer for `host`: empty when found, else why not.
QString systemLookUp(const QString& host)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    const int rc = getaddrinfo(host.toUtf8().constData(), nullptr, &hints, &found);
    if (found)
        freeaddrinfo(found);
    return rc == 0 ? QString() : QStringLiteral("%1: %2").arg(host, QString::fromLocal8Bit(gai_strerror(rc)));
}

QString errorText(int rc)
{
    if (rc == MOSQ_ERR_ERRNO)
        return QString::fromLocal8Bit(strerror(errno));
    return QString::fromUtf8(mosquitto_strerror(rc));
}

} // namespace

MqttClient::MqttClient(MqttOptions options, MessageHandler onMessage, StatusHandler onStatus)
    : m_options(std::move(options)), m_onMessage(std::move(onMessage)), m_onStatus(std::move(onStatus))
{}

MqttClient::~MqttClient()
{
    stop();
    if (m_mosq)
        mosquitto_destroy(m_mosq);
}

Status MqttClient::start()
{
    if (m_mosq)
        return Error{QStringLiteral("MQTT client %1 started twice").arg(m_options.clientId)};
    if (m_options.clientId.isEmpty())
        return Error{QStringLiteral("MQTT: client_id is empty")};
    if (m_options.tls && !m_options.caFile.isEmpty() && !QFileInfo(m_options.caFile).isReadable())
        return Error{QStringLiteral("MQTT: ca_file %1 cannot be read").arg(m_options.caFile)};
    initLibrary();
    m_mosq = mosquitto_new(m_options.clientId.toUtf8().constData(), false, this);
    if (!m_mosq)
        return Error{QStringLiteral("MQTT: cannot make a client: %1").arg(errorText(MOSQ_ERR_ERRNO))};
    // Calls from other threads (publish) must only queue and wake our loop, never write themselves.
    mosquitto_threaded_set(m_mosq, true);
    mosquitto_connect_callback_set(m_mosq, &MqttClient::onConnect);
    mosquitto_message_callback_set(m_mosq, &MqttClient::onMessage);
    mosquitto_publish_callback_set(m_mosq, &MqttClient::onPublish);
    mosquitto_max_inflight_messages_set(m_mosq, unsigned(std::max(0, m_options.maxInflight)));
    if (!m_options.user.isEmpty()) {
        const QByteArray user = m_options.user.toUtf8();
        const QByteArray password = m_options.password.toUtf8();
        const int rc = mosquitto_username_pw_set(
            m_mosq, user.constData(), m_options.password.isEmpty() ? nullptr : password.constData());
        if (rc != MOSQ_ERR_SUCCESS)
            return Error{QStringLiteral("MQTT: user: %1").arg(errorText(rc))};
    }
    if (m_options.tls) {
        const QByteArray ca = m_options.caFile.toUtf8();
        const int rc = m_options.caFile.isEmpty()
                           ? mosquitto_tls_set(m_mosq, nullptr, "/etc/ssl/certs", nullptr, nullptr, nullptr)
                           : mosquitto_tls_set(m_mosq, ca.constData(), nullptr, nullptr, nullptr, nullptr);
        if (rc != MOSQ_ERR_SUCCESS)
            return Error{
                QStringLiteral("MQTT: TLS with ca_file '%1': %2").arg(m_options.caFile, errorText(rc))};
    }
    m_thread = std::thread([this] { run(); });
    return Status::success();
}

void MqttClient::stop()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

Status MqttClient::publish(const QString& topic, const QByteArray& payload, int qos, bool retain)
{
    if (!m_mosq)
        return Error{QStringLiteral("MQTT: publish before start")};
    const QByteArray t = topic.toUtf8();
    const int rc = mosquitto_publish(m_mosq, nullptr, t.constData(), int(payload.size()), payload.constData(),
                                     qos, retain);
    // A QoS 1 message refused only for want of a connection stays queued and goes out on reconnect.
    if (rc == MOSQ_ERR_SUCCESS || (rc == MOSQ_ERR_NO_CONN && qos > 0))
        return Status::success();
    return Error{QStringLiteral("MQTT: publish to %1: %2").arg(topic, errorText(rc))};
}

MqttStatus MqttClient::status() const
{
    std::lock_guard lock(m_mutex);
    return m_status;
}

bool MqttClient::waitConnected(int timeoutMs) const
{
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                              [this] { return m_status.connected; });
}

void MqttClient::run()
{
    const QByteArray host = m_options.host.toUtf8();
    int delayMs = std::max(1, m_options.reconnectMinMs);
    bool linked = false; // a socket exists (connecting or connected)
    while (!m_stop) {
        if (!linked) {
            // connect_async resolves the name in this thread; a lookup that hangs would keep
            // stop() waiting, so the name must first be found by a lookup stop() does not wait for.
            if (const QString missing = hostFound(); !missing.isEmpty() || m_stop) {
                if (m_stop)
                    break;
                connectionLost(missing, true);
                pause(delayMs);
                delayMs = std::min(2 * delayMs, std::max(delayMs, m_options.reconnectMaxMs));
                continue;
            }
            // connect_async never waits for the TCP or TLS handshake: mosquitto_loop finishes
            // them, so stop() is heard while a broker is slow to answer.
            const int rc =
                mosquitto_connect_async(m_mosq, host.constData(), m_options.port, m_options.keepAliveS);
            if (rc != MOSQ_ERR_SUCCESS) {
                connectionLost(errorText(rc), true);
                pause(delayMs);
                delayMs = std::min(2 * delayMs, std::max(delayMs, m_options.reconnectMaxMs));
                continue;
            }
            linked = true;
        }
        const int rc = mosquitto_loop(m_mosq, kLoopWaitMs, 1);
        if (m_backoffReset) {
            m_backoffReset = false;
            delayMs = std::max(1, m_options.reconnectMinMs);
        }
        if (rc != MOSQ_ERR_SUCCESS && !m_stop) {
            const bool wasConnected = status().connected;
            connectionLost(errorText(rc), !wasConnected);
            linked = false;
            pause(delayMs);
            delayMs = std::min(2 * delayMs, std::max(delayMs, m_options.reconnectMaxMs));
        }
    }
    if (linked) {
        mosquitto_disconnect(m_mosq);
        // One turn of the loop writes the DISCONNECT, so the broker drops the session cleanly.
        mosquitto_loop(m_mosq, 50, 1);
    }
    bool was = false;
    {
        std::lock_guard lock(m_mutex);
        was = m_status.connected;
        m_status.connected = false;
    }
    if (was)
        reportStatus();
}

QString MqttClient::hostFound()
{
    if (!QHostAddress(m_options.host).isNull())
        return {}; // an address: nothing to look up
    struct Lookup
    {
        std::mutex mutex;
        std::condition_variable done;
        std::optional<QString> error;
    };
    // Shared with the lookup's thread, which may outlive this client when stop() gives up on it.
    auto lookup = std::make_shared<Lookup>();
    std::thread([lookup, host = m_options.host, lookUp = m_options.lookUp] {
        const QString error = lookUp ? lookUp(host) : systemLookUp(host);
        std::lock_guard lock(lookup->mutex);
        lookup->error = error;
        lookup->done.notify_all();
    }).detach();
    std::unique_lock lock(lookup->mutex);
    while (!lookup->error) {
        if (m_stop)
            return QStringLiteral("stopped while looking up %1").arg(m_options.host);
        lookup->done.wait_for(lock, std::chrono::milliseconds(kLoopWaitMs));
    }
    return *lookup->error;
}

bool MqttClient::pause(int ms)
{
    std::unique_lock lock(m_mutex);
    return !m_changed.wait_for(lock, std::chrono::milliseconds(ms), [this] { return m_stop.load(); });
}

void MqttClient::connectionLost(const QString& why, bool attemptFailed)
{
    {
        std::lock_guard lock(m_mutex);
        m_status.connected = false;
        if (attemptFailed)
            ++m_status.failedAttempts;
        // A refused CONNACK says why more precisely than the dropped socket that follows it.
        m_status.lastError = m_refusal.isEmpty() ? why : m_refusal;
    }
    qCInfo(lcMqtt).noquote() << m_options.clientId << "to" << m_options.host << m_options.port << ":"
                             << (m_refusal.isEmpty() ? why : m_refusal);
    m_refusal.clear();
    reportStatus();
}

void MqttClient::reportStatus()
{
    if (m_onStatus)
        m_onStatus(status());
    m_changed.notify_all();
}

void MqttClient::onConnect(mosquitto* m, void* self, int rc)
{
    auto* c = static_cast<MqttClient*>(self);
    if (rc != 0) {
        c->m_refusal =
            QStringLiteral("refused by the broker: %1").arg(QString::fromUtf8(mosquitto_connack_string(rc)));
        qCWarning(lcMqtt).noquote() << c->m_options.clientId << "refused by" << c->m_options.host << ":"
                                    << mosquitto_connack_string(rc);
        return;
    }
    for (const QString& topic : c->m_options.subscriptions) {
        const int s = mosquitto_subscribe(m, nullptr, topic.toUtf8().constData(), c->m_options.qos);
        if (s != MOSQ_ERR_SUCCESS)
            qCWarning(lcMqtt).noquote() << "cannot subscribe to" << topic << ":" << errorText(s);
    }
    {
        std::lock_guard lock(c->m_mutex);
        if (c->m_status.connects > 0)
            ++c->m_status.reconnects;
        ++c->m_status.connects;
        c->m_status.connected = true;
        c->m_status.connectedSinceMs = nowMs();
        c->m_status.lastError.clear();
    }
    c->m_backoffReset = true;
    c->reportStatus();
}

void MqttClient::onMessage(mosquitto*, void* self, const mosquitto_message* message)
{
    auto* c = static_cast<MqttClient*>(self);
    Message m;
    m.topic = QByteArray(message->topic);
    m.payload = QByteArray(static_cast<const char*>(message->payload), message->payloadlen);
    m.arrivalMs = nowMs();
    {
        std::lock_guard lock(c->m_mutex);
        ++c->m_status.messages;
        c->m_status.lastMessageMs = m.arrivalMs;
    }
    if (c->m_onMessage)
        c->m_onMessage(m);
}

void MqttClient::onPublish(mosquitto*, void* self, int)
{
    auto* c = static_cast<MqttClient*>(self);
    std::lock_guard lock(c->m_mutex);
    ++c->m_status.published;
}

} // namespace fs
