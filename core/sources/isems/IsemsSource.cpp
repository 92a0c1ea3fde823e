// IsemsSource: builds the poller (and in --demo the emulator) in its own thread at start, so the
// network objects belong to the thread that runs them.
#include "IsemsSource.h"

#include "config/SecretStore.h"
#include "sources/SourceTypes.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcIsems, "fs.isems")

namespace fs {

namespace {

Result<std::unique_ptr<Source>> create(const SourceSettings& settings, const SourceContext& context)
{
    const auto& s = settings.as<IsemsSettings>();
    IsemsSource::Options o;
    if (!settings.name.isEmpty())
        o.name = settings.name;
    o.poll.intervalMs = s.pollIntervalS * 1000;
    o.poll.timeoutMs = s.timeoutS * 1000;
    o.mqtt = s.mqtt;
    o.stationName = context.stationName;
    if (s.mqtt.enabled && !s.mqtt.user.isEmpty() && context.secrets) {
        const QString name = IsemsSettings::mqttPasswordSecret(settings.id);
        auto password = context.secrets->read(name);
        if (!password)
            return Error{QStringLiteral("%1 (%2): secret %3: %4")
                             .arg(settings.id, settings.where, name, password.error())};
        o.mqttPassword = password->value_or(QString());
    }
    o.demo = context.demo;
    o.emulator.espUptimeS = 300; // the demo shows both nodes from the first poll
    if (!context.demo) {
        QStringList warnings;
        o.nodes = s.allNodes(qEnvironmentVariable("ISEMS_ROUTER_IPS"), &warnings);
        for (const QString& w : warnings)
            qCWarning(lcIsems).noquote() << settings.where << w;
        if (o.nodes.isEmpty() && !s.mqtt.enabled) {
            return Error{
                QStringLiteral("%1 (%2): no ISEMS nodes: nodes: is empty and ISEMS_ROUTER_IPS is unset")
                    .arg(settings.id, settings.where)};
        }
    }
    return std::unique_ptr<Source>(std::make_unique<IsemsSource>(settings.id, o, context.sink));
}

} // namespace

IsemsSource::IsemsSource(QString id, Options options, SampleSink* sink, QObject* parent)
    : Source(id, QStringLiteral("isems"), options.name, sink, parent), m_opt(std::move(options)),
      m_ingest(id, sink, [this](const NodeSpec& spec) { return declareNode(spec); })
{}

IsemsSource::~IsemsSource()
{
    stop();
}

SourceType IsemsSource::sourceType()
{
    return {QStringLiteral("isems"), QStringLiteral("ISEMS solar nodes"), &IsemsSettings::read, &create};
}

void IsemsSource::start()
{
    setHealth(Health::Starting);
    QList<QUrl> urls = m_opt.nodes;
    if (m_opt.demo) {
        m_emulator = std::make_unique<IsemsNodeEmulator>(m_opt.emulator);
        if (Status s = m_emulator->start(); !s) {
            setHealth(Health::Failing, s.error());
            return;
        }
        urls = m_emulator->urls();
    }
    m_poller = std::make_unique<isems::IsemsPoller>(urls, m_opt.poll, &m_ingest);
    connect(m_poller.get(), &isems::IsemsPoller::polled, this, &IsemsSource::updateHealth);
    m_poller->start();
    if (urls.isEmpty())
        setHealth(Health::Ok, QStringLiteral("no HTTP nodes; records come over MQTT"));
    if (m_opt.mqtt.enabled)
        startMqtt();
}

void IsemsSource::startMqtt()
{
    // The client calls back in its own thread: health (and the demo nodes) are handled in ours.
    m_mqtt = std::make_unique<isems::IsemsMqtt>(
        isems::mqttOptions(m_opt.mqtt, id(), m_opt.stationName, m_opt.mqttPassword), m_ingest,
        [this](const MqttStatus& status) {
            QMetaObject::invokeMethod(
                this,
                [this, connected = status.connected] {
                    // After stop() a late call finds no client and starts nothing.
                    if (connected && m_opt.demo && m_mqtt)
                        startDemoNodes();
                    updateHealth();
                },
                Qt::QueuedConnection);
        });
    if (Status s = m_mqtt->start(); !s) {
        setHealth(Health::Failing, s.error());
        m_mqtt.reset();
    }
}

void IsemsSource::startDemoNodes()
{
    // Started once the station is subscribed, so the nodes' first windows are not published to no one.
    if (m_mqttNodes)
        return;
    const isems::IsemsMqttOptions o =
        isems::mqttOptions(m_opt.mqtt, id(), m_opt.stationName, m_opt.mqttPassword);
    IsemsMqttPublisher::Options nodes;
    nodes.broker = o.broker;
    nodes.broker.clientId = o.broker.clientId + QStringLiteral("-demo-nodes");
    nodes.nodeIds = {QStringLiteral("ESP-Demo-MQTT")};
    // The default filter /isems/+/csvlog is <channel>+/csvlog; another filter gets the default channel.
    const QString suffix = QStringLiteral("+/csvlog");
    nodes.csvChannel = o.csvTopic.isEmpty()          ? QString()
                       : o.csvTopic.endsWith(suffix) ? o.csvTopic.chopped(suffix.size())
                                                     : QStringLiteral("/isems/");
    nodes.jsonChannel = o.jsonChannel;
    nodes.publishIntervalMs = 15000;
    m_mqttNodes = std::make_unique<IsemsMqttPublisher>(nodes);
    if (Status s = m_mqttNodes->start(); !s)
        qCWarning(lcIsems).noquote() << id() << "demo MQTT nodes:" << s.error();
}

void IsemsSource::stop()
{
    if (m_mqtt)
        m_mqtt->stop();
    m_mqtt.reset();
    m_mqttNodes.reset();
    if (m_poller)
        m_poller->stop();
    m_poller.reset();
    m_emulator.reset();
    if (health() != Health::Stopped)
        setHealth(Health::Stopped);
}

void IsemsSource::updateHealth()
{
    if (!m_poller && !m_mqtt)
        return;
    bool allOk = true;
    QStringList detail;
    if (m_poller) {
        for (const isems::IsemsPoller::NodeStatus& s : m_poller->status())
            allOk = allOk && (s.ok || !s.polled);
        detail << m_poller->summary();
    }
    if (m_mqtt) {
        allOk = allOk && m_mqtt->connection().connected;
        detail << m_mqtt->describe();
    }
    setHealth(allOk ? Health::Ok : Health::Failing, detail.join(QStringLiteral("; ")));
}

} // namespace fs
