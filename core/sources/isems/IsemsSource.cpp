// IsemsSource: builds the poller (and in --demo the emulator) in its own thread at start, so the
// network objects belong to the thread that runs them.
#include "IsemsSource.h"

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
    o.demo = context.demo;
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
}

void IsemsSource::stop()
{
    if (m_poller)
        m_poller->stop();
    m_poller.reset();
    m_emulator.reset();
    if (health() != Health::Stopped)
        setHealth(Health::Stopped);
}

void IsemsSource::updateHealth()
{
    if (!m_poller)
        return;
    bool allOk = true;
    for (const isems::IsemsPoller::NodeStatus& s : m_poller->status())
        allOk = allOk && (s.ok || !s.polled);
    setHealth(allOk ? Health::Ok : Health::Failing, m_poller->summary());
}

} // namespace fs
