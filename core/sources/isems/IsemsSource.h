// IsemsSource: a network of ISEMS solar nodes (type `isems`): polls their logs over HTTP and takes
// records from the MQTT client through the same IsemsIngest. Lives in the source's own thread.
#pragma once

#include "IsemsIngest.h"
#include "IsemsMqtt.h"
#include "IsemsPoller.h"
#include "IsemsSettings.h"
#include "sim/IsemsMqttPublisher.h"
#include "sim/IsemsNodeEmulator.h"
#include "sources/Source.h"

#include <memory>

namespace fs {

struct SourceType;

class IsemsSource : public Source
{
    Q_OBJECT
public:
    struct Options
    {
        QString name = QStringLiteral("ISEMS solar nodes");
        QList<QUrl> nodes; ///< log URLs polled over HTTP
        isems::IsemsPoller::Options poll;
        IsemsMqttSettings mqtt; ///< for the MQTT client (isems-mqtt); enabled = configured
        QString mqttPassword;   ///< from the secret store, "isems/<source id>/mqtt"
        QString stationName;    ///< for the MQTT client id's default
        bool demo = false;      ///< start an IsemsNodeEmulator and poll its nodes instead
        IsemsNodeEmulator::Options emulator;
    };

    IsemsSource(QString id, Options options, SampleSink* sink, QObject* parent = nullptr);
    ~IsemsSource() override;

    /// The entry of the source-type table: settings reader and factory (nodes or emulator).
    static SourceType sourceType();

    /// The one door for records, thread-safe: the MQTT client hands its payloads in here.
    isems::IsemsIngest& ingest() { return m_ingest; }
    const Options& options() const { return m_opt; }
    /// Null before start(). In the source's thread.
    isems::IsemsPoller* poller() const { return m_poller.get(); }
    IsemsNodeEmulator* emulator() const { return m_emulator.get(); }
    /// Null before start() and without `mqtt:`; its snapshots are thread-safe.
    isems::IsemsMqtt* mqtt() const { return m_mqtt.get(); }

    /// Polled nodes answer every poll; MQTT-only nodes publish at their own pace (unknown: 0).
    int expectedIntervalMs() const override
    {
        return m_opt.nodes.isEmpty() && !m_opt.demo ? 0 : m_opt.poll.intervalMs;
    }

public Q_SLOTS:
    void start() override;
    void stop() override;

private:
    void updateHealth();
    void startMqtt();
    void startDemoNodes();

    Options m_opt;
    isems::IsemsIngest m_ingest;
    std::unique_ptr<IsemsNodeEmulator> m_emulator;
    std::unique_ptr<isems::IsemsPoller> m_poller;
    std::unique_ptr<IsemsMqttPublisher> m_mqttNodes; ///< --demo with a broker: nodes that publish to it
    std::unique_ptr<isems::IsemsMqtt> m_mqtt;
};

} // namespace fs
