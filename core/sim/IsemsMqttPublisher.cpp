// IsemsMqttPublisher: ISEMS ESP32 nodes publishing to a broker (see IsemsMqttPublisher.h).
#include "IsemsMqttPublisher.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

namespace fs {

namespace {

/// What a node measures at one instant: a 60 W panel charging a 50 Ah battery over a day.
struct Reading
{
    int timeToShutdown = 0;
    double openCircuitVoltage = 0;
    double mppVoltage = 0;
    double batteryVoltage = 0;
    int chargeEstimate = 0;
    double temperature = 0;
    double latitude = 0;
    double longitude = 0;
    int status = 0;
};

Reading readingAt(const QString& nodeId, qint64 timeS)
{
    const int seed = int(qHash(nodeId) % 7);
    const double hour = double((timeS + 3600) % 86400) / 3600.0; // about Berlin's solar time
    const double sun = hour > 6 && hour < 18 ? std::sin(M_PI * (hour - 6) / 12) : 0.0;
    Reading r;
    // ESP nodes count their auto-reboot timer down once per 15 s tick from 3600.
    r.timeToShutdown = int(3600 - (timeS / 15) % 3600);
    r.openCircuitVoltage = sun > 0 ? 20.5 + sun : 0.0;
    r.mppVoltage = sun > 0 ? 17.0 + sun : 0.0;
    r.batteryVoltage = 12.3 + 1.2 * sun + 0.01 * seed + 0.002 * double(timeS % 5);
    r.chargeEstimate = std::clamp(int((r.batteryVoltage - 11.9) / (13.6 - 11.9) * 100), 0, 100);
    r.temperature = 15 + 8 * sun + seed;
    r.latitude = 52.52 + 0.01 * seed;
    r.longitude = 13.40 + 0.01 * seed;
    // Rounded as the firmware prints them, so a line and a data.json body carry the same values.
    const auto round3 = [](double v) { return std::round(v * 1000) / 1000; };
    r.openCircuitVoltage = round3(r.openCircuitVoltage);
    r.mppVoltage = round3(r.mppVoltage);
    r.batteryVoltage = round3(r.batteryVoltage);
    r.temperature = std::round(r.temperature * 100) / 100;
    r.latitude = std::round(r.latitude * 1e6) / 1e6;
    r.longitude = std::round(r.longitude * 1e6) / 1e6;
    r.status = (sun > 0.05 ? 0x800 : 0x400) | 0x100 | (r.chargeEstimate < 30 ? 0x080 : 0);
    return r;
}

QByteArray fixed(double v, int decimals)
{
    return QByteArray::number(v, 'f', decimals);
}

QByteArray hex3(int status)
{
    return QByteArray::number(status, 16).toUpper().rightJustified(3, '0');
}

} // namespace

IsemsMqttPublisher::IsemsMqttPublisher(Options options) : m_options(std::move(options))
{
    MqttOptions broker = m_options.broker;
    if (broker.clientId.isEmpty())
        broker.clientId = QStringLiteral("isems-sim-%1").arg(QDateTime::currentMSecsSinceEpoch());
    broker.subscriptions.clear();
    m_client = std::make_unique<MqttClient>(broker, MqttClient::MessageHandler{});
}

IsemsMqttPublisher::~IsemsMqttPublisher()
{
    stop();
}

Status IsemsMqttPublisher::start()
{
    if (Status s = m_client->start(); !s)
        return s;
    if (m_options.publishIntervalMs > 0)
        m_thread = std::thread([this] { run(); });
    return Status::success();
}

void IsemsMqttPublisher::stop()
{
    if (m_thread.joinable()) {
        {
            std::lock_guard lock(m_stopMutex);
            m_stop = true;
        }
        m_stopped.notify_all();
        m_thread.join();
    }
    m_client->stop();
}

void IsemsMqttPublisher::run()
{
    std::unique_lock lock(m_stopMutex);
    // A node publishes after it connected; before, its first window would only wait in a queue.
    while (!m_stop && !m_client->status().connected)
        m_stopped.wait_for(lock, std::chrono::milliseconds(100), [this] { return m_stop; });
    while (!m_stop) {
        lock.unlock();
        publishUpTo(QDateTime::currentSecsSinceEpoch());
        lock.lock();
        m_stopped.wait_for(lock, std::chrono::milliseconds(m_options.publishIntervalMs),
                           [this] { return m_stop; });
    }
}

int IsemsMqttPublisher::publishUpTo(qint64 nowS)
{
    int queued = 0;
    std::lock_guard lock(m_nodesMutex);
    for (const QString& id : m_options.nodeIds) {
        Node& node = m_nodes[id];
        const qint64 step = std::max(1, m_options.lineIntervalS);
        qint64 t = node.lastLineS == 0 ? nowS : node.lastLineS + step;
        for (; t <= nowS; t += step) {
            node.lines.append(line(id, t));
            node.lastLineS = t;
        }
        while (node.lines.size() > std::max(1, m_options.windowLines))
            node.lines.removeFirst();
        if (node.lines.isEmpty())
            continue;
        if (!m_options.csvChannel.isEmpty()) {
            if (m_client->publish(m_options.csvChannel + id + QStringLiteral("/csvlog"),
                                  node.lines.join('\n')))
                ++queued;
        }
        if (!m_options.jsonChannel.isEmpty() &&
            m_client->publish(m_options.jsonChannel + id + QStringLiteral("/data.json"),
                              json(id, node.lastLineS)))
            ++queued;
    }
    return queued;
}

Status IsemsMqttPublisher::publishRaw(const QString& topic, const QByteArray& payload)
{
    return m_client->publish(topic, payload);
}

MqttStatus IsemsMqttPublisher::status() const
{
    return m_client->status();
}

bool IsemsMqttPublisher::waitConnected(int timeoutMs) const
{
    return m_client->waitConnected(timeoutMs);
}

QByteArray IsemsMqttPublisher::line(const QString& nodeId, qint64 timeS)
{
    const Reading r = readingAt(nodeId, timeS);
    const QList<QByteArray> fields = {nodeId.toUtf8(),
                                      "1",
                                      QByteArray::number(timeS),
                                      "ESP_2.0",
                                      QByteArray::number(r.timeToShutdown),
                                      "0",
                                      fixed(r.openCircuitVoltage, 3),
                                      fixed(r.mppVoltage, 3),
                                      fixed(r.batteryVoltage, 3),
                                      QByteArray::number(r.chargeEstimate),
                                      "100",
                                      fixed(r.temperature, 2),
                                      "11.9",
                                      "14.216",
                                      "50",
                                      "60",
                                      fixed(r.latitude, 6),
                                      fixed(r.longitude, 6),
                                      hex3(r.status)};
    return fields.join(';');
}

QByteArray IsemsMqttPublisher::json(const QString& nodeId, qint64 timeS)
{
    const Reading r = readingAt(nodeId, timeS);
    const QJsonObject o = {
        {QStringLiteral("timeToShutdown"), r.timeToShutdown},
        {QStringLiteral("isPowerSaveMode"), 0},
        {QStringLiteral("openCircuitVoltage"), r.openCircuitVoltage},
        {QStringLiteral("mppVoltage"), r.mppVoltage},
        {QStringLiteral("batteryVoltage"), r.batteryVoltage},
        {QStringLiteral("batteryChargeEstimate"), r.chargeEstimate},
        {QStringLiteral("batteryHealthEstimate"), 100},
        {QStringLiteral("batteryTemperature"), r.temperature},
        {QStringLiteral("lowVoltageDisconnectVoltage"), 11.9},
        {QStringLiteral("temperatureCorrectedVoltage"), 14.216},
        {QStringLiteral("rateBatteryCapacity"), 50},
        {QStringLiteral("ratedSolarModuleCapacity"), 60},
        {QStringLiteral("latitude"), r.latitude},
        {QStringLiteral("longitude"), r.longitude},
        {QStringLiteral("status"), QString::fromLatin1(hex3(r.status))},
    };
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace fs
