// IsemsMqtt: ISEMS MQTT telemetry into IsemsIngest (see IsemsMqtt.h).
#include "IsemsMqtt.h"

#include "IsemsDataJson.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QRegularExpression>

namespace fs::isems {

namespace {

Q_LOGGING_CATEGORY(lcIsemsMqtt, "fs.isems.mqtt")

/// The kind of a refusal without the line's own text, so refusals can be counted by kind:
/// "line 3: field 9 batteryVoltage: \"x\" is not a number" → "field 9 batteryVoltage".
QString reasonOf(const QString& error)
{
    static const QRegularExpression linePrefix(QStringLiteral("^line \\d+: "));
    QString reason = error;
    reason.remove(linePrefix);
    const qsizetype quote = reason.indexOf(QLatin1String(": \""));
    if (quote >= 0)
        return reason.left(quote);
    const qsizetype colon = reason.indexOf(QLatin1Char(':'));
    return colon >= 0 ? reason.left(colon) : reason;
}

} // namespace

IsemsMqttOptions mqttOptions(const IsemsMqttSettings& settings, const QString& sourceId,
                             const QString& stationName, const QString& password)
{
    IsemsMqttOptions o;
    o.broker.host = settings.host;
    o.broker.port = settings.port;
    o.broker.tls = settings.tls;
    o.broker.caFile = settings.caFile;
    o.broker.user = settings.user;
    o.broker.password = password;
    o.broker.clientId =
        settings.clientId.isEmpty()
            ? QStringLiteral("fieldstation-%1-%2")
                  .arg(stationName.isEmpty() ? QStringLiteral("fieldstation") : stationName, sourceId)
            : settings.clientId;
    o.csvTopic = settings.csvTopic;
    o.jsonChannel = settings.jsonChannel;
    return o;
}

IsemsMqtt::IsemsMqtt(IsemsMqttOptions options, IsemsIngest& ingest, MqttClient::StatusHandler onStatus)
    : m_options(std::move(options)), m_ingest(ingest)
{
    MqttOptions broker = m_options.broker;
    broker.subscriptions.clear();
    if (!m_options.csvTopic.isEmpty())
        broker.subscriptions.append(m_options.csvTopic);
    if (!m_options.jsonChannel.isEmpty())
        broker.subscriptions.append(dataJsonFilter(m_options.jsonChannel));
    m_client = std::make_unique<MqttClient>(
        broker, [this](const MqttClient::Message& m) { handle(m); }, std::move(onStatus));
}

IsemsMqtt::~IsemsMqtt()
{
    stop();
}

Status IsemsMqtt::start()
{
    return m_client->start();
}

void IsemsMqtt::stop()
{
    m_client->stop();
}

MqttStatus IsemsMqtt::connection() const
{
    return m_client->status();
}

IsemsMqtt::Counts IsemsMqtt::counts() const
{
    std::lock_guard lock(m_mutex);
    return m_counts;
}

QString IsemsMqtt::describe() const
{
    const MqttStatus s = connection();
    const Counts c = counts();
    const QString where = QStringLiteral("%1:%2").arg(m_options.broker.host).arg(m_options.broker.port);
    QString text = s.connected
                       ? QStringLiteral("MQTT connected to %1").arg(where)
                       : QStringLiteral("MQTT not connected to %1 (%2)")
                             .arg(where, s.lastError.isEmpty() ? QStringLiteral("connecting") : s.lastError);
    text += QStringLiteral(", %1 messages, %2 stored, %3 duplicates, %4 refused")
                .arg(c.messages)
                .arg(c.stored)
                .arg(c.duplicates)
                .arg(c.refused);
    if (s.lastMessageMs > 0)
        text += QStringLiteral(", last %1")
                    .arg(QDateTime::fromMSecsSinceEpoch(s.lastMessageMs, Qt::UTC).toString(Qt::ISODate));
    if (s.reconnects > 0)
        text += QStringLiteral(", %1 reconnects").arg(s.reconnects);
    return text;
}

void IsemsMqtt::handle(const MqttClient::Message& message)
{
    const QString topic = QString::fromUtf8(message.topic);
    IsemsIngest::Batch batch;
    const QString node =
        m_options.jsonChannel.isEmpty() ? QString() : dataJsonNode(topic, m_options.jsonChannel);
    if (!node.isEmpty()) {
        Result<Record> r = parseDataJson(message.payload, node, message.arrivalMs);
        if (r)
            batch = m_ingest.ingestRecords({std::move(r).value()});
        else
            batch.errors.append(r.error());
    } else {
        // Each line names its node: the collector took the node from the line, not the topic.
        batch = m_ingest.ingestText(message.payload, message.arrivalMs);
    }
    for (const QString& error : batch.errors)
        refuse(topic, error);
    // Counted last, so whoever sees the message counted also sees what it stored.
    std::lock_guard lock(m_mutex);
    m_counts.stored += batch.stored;
    m_counts.duplicates += batch.duplicates;
    ++m_counts.messages;
}

void IsemsMqtt::refuse(const QString& topic, const QString& error)
{
    const QString reason = reasonOf(error);
    qint64 before = 0;
    {
        std::lock_guard lock(m_mutex);
        ++m_counts.refused;
        before = m_counts.refusedBy[reason]++;
        m_counts.lastRefusal = topic + QStringLiteral(": ") + error;
    }
    // A node repeats its fault every minute: the first of each kind is a warning, the rest are counted.
    if (before == 0)
        qCWarning(lcIsemsMqtt).noquote() << topic << ":" << error;
    else
        qCDebug(lcIsemsMqtt).noquote() << topic << ":" << error;
}

} // namespace fs::isems
