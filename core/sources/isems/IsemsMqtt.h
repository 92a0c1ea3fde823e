// IsemsMqtt: the ISEMS nodes' MQTT telemetry (csvlog windows and data.json) subscribed on a broker
// and handed to IsemsIngest, which dedupes on (node, time) and records.
#pragma once

#include "IsemsIngest.h"
#include "IsemsSettings.h"
#include "MqttClient.h"

#include <QMap>
#include <QString>
#include <functional>
#include <memory>
#include <mutex>

namespace fs::isems {

struct IsemsMqttOptions
{
    /// Broker, TLS, login and client id; the subscriptions are made from the two topics below.
    MqttOptions broker;
    /// Payload: up to five newline-joined log lines; the node id is taken from each line (the
    /// collector's rule). Empty: not subscribed.
    QString csvTopic = QStringLiteral("/isems/+/csvlog");
    /// Subscribes <jsonChannel>+/data.json; the node is the topic's '+' and the time the arrival.
    /// Empty: not subscribed.
    QString jsonChannel;
};

/// The options of a source's `mqtt:` settings. The client id defaults to
/// fieldstation-<station name>-<source id>: stable, so the broker keeps the session across restarts.
IsemsMqttOptions mqttOptions(const IsemsMqttSettings& settings, const QString& sourceId,
                             const QString& stationName, const QString& password);

class IsemsMqtt
{
public:
    /// What arrived so far, for the screen, the log and tests.
    struct Counts
    {
        qint64 messages = 0;   ///< messages received on either topic
        qint64 stored = 0;     ///< lines (or data.json messages) recorded
        qint64 duplicates = 0; ///< lines already recorded (the 5-line windows overlap)
        qint64 refused = 0;    ///< lines or messages refused
        /// Refusals by reason ("19 fields, expected 18 or 19", "field 9 batteryVoltage", …).
        QMap<QString, qint64> refusedBy;
        QString lastRefusal; ///< "topic: line N: why" of the newest refusal
    };

    /// `ingest` must outlive this object. `onStatus` (may be empty) is called in the MQTT thread
    /// whenever the connection comes or goes.
    IsemsMqtt(IsemsMqttOptions options, IsemsIngest& ingest, MqttClient::StatusHandler onStatus = {});
    ~IsemsMqtt();

    /// Starts the client's thread; errors name a bad option. Never waits for the broker.
    Status start();
    /// Returns within about a second.
    void stop();

    /// Thread-safe snapshots.
    MqttStatus connection() const;
    Counts counts() const;
    /// One line for a health detail: "connected to host:port, N messages, …".
    QString describe() const;

private:
    void handle(const MqttClient::Message& message);
    void refuse(const QString& topic, const QString& error);

    const IsemsMqttOptions m_options;
    IsemsIngest& m_ingest;
    std::unique_ptr<MqttClient> m_client;
    mutable std::mutex m_mutex;
    Counts m_counts;
};

} // namespace fs::isems
