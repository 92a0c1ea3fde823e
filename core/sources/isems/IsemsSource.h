// IsemsSource: a network of ISEMS solar nodes (type `isems`): polls their logs over HTTP and takes
// records from the MQTT client through the same IsemsIngest. Lives in the source's own thread.
#pragma once

#include "IsemsIngest.h"
#include "IsemsPoller.h"
#include "IsemsSettings.h"
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

public Q_SLOTS:
    void start() override;
    void stop() override;

private:
    void updateHealth();

    Options m_opt;
    isems::IsemsIngest m_ingest;
    std::unique_ptr<IsemsNodeEmulator> m_emulator;
    std::unique_ptr<isems::IsemsPoller> m_poller;
};

} // namespace fs
