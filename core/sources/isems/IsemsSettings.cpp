// IsemsSettings: node addresses are checked when the file is read, so a typo names its file:line
// instead of surfacing as a node that never answers.
#include "IsemsSettings.h"

#include "config/YamlReader.h"

#include <QHostAddress>
#include <mosquitto.h>

namespace fs {

namespace {

const QString kLogPath = QStringLiteral("/ISEMS/ffopenmppt.log");

void readMqtt(YamlReader& r, IsemsMqttSettings& m)
{
    m.enabled = true;
    r.text("host", m.host, false);
    r.integer("port", m.port, 1, 65535);
    r.boolean("tls", m.tls);
    r.text("ca_file", m.caFile);
    r.text("user", m.user);
    r.text("csv_topic", m.csvTopic);
    r.text("json_channel", m.jsonChannel);
    r.text("client_id", m.clientId);
    // A filter the broker refuses would leave the source connected and hearing nothing.
    if (!m.csvTopic.isEmpty() &&
        mosquitto_sub_topic_check(m.csvTopic.toUtf8().constData()) != MOSQ_ERR_SUCCESS) {
        r.fail(r.at("csv_topic"), "csv_topic",
               QStringLiteral("\"%1\" is not an MQTT topic filter ('+' and '#' stand alone between "
                              "slashes, '#' only last)")
                   .arg(m.csvTopic));
    }
    // The channel is a prefix the node id follows: "<channel>+/data.json" is subscribed.
    if (m.jsonChannel.contains(QLatin1Char('+')) || m.jsonChannel.contains(QLatin1Char('#'))) {
        r.fail(
            r.at("json_channel"), "json_channel",
            QStringLiteral("\"%1\" holds a wildcard; give the nodes' channel, e.g. isems/testdrive/foobar/")
                .arg(m.jsonChannel));
    }
    if (m.csvTopic.isEmpty() && m.jsonChannel.isEmpty())
        r.fail(r.at("csv_topic"), "csv_topic", QStringLiteral("csv_topic and json_channel are both empty"));
}

} // namespace

Result<QUrl> IsemsSettings::nodeUrl(const QString& text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return Error{QStringLiteral("empty node address")};
    // A bare IP or host is what the old collector's ISEMS_ROUTER_IPS held: the router's log path.
    const bool full = t.contains(QStringLiteral("://"));
    // A bare IPv6 address (Freifunk meshes use them) needs brackets, or its last group reads as a port.
    const QString host =
        QHostAddress(t).protocol() == QAbstractSocket::IPv6Protocol ? QStringLiteral("[%1]").arg(t) : t;
    const QUrl url = QUrl(full ? t : QStringLiteral("http://") + host + kLogPath, QUrl::StrictMode);
    if (!url.isValid())
        return Error{QStringLiteral("\"%1\" is not a URL: %2").arg(t, url.errorString())};
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        return Error{QStringLiteral("\"%1\": only http and https are polled").arg(t)};
    if (url.host().isEmpty())
        return Error{QStringLiteral("\"%1\" has no host").arg(t)};
    if (full && url.path().isEmpty())
        return Error{QStringLiteral("\"%1\" has no path (e.g. %2)").arg(t, kLogPath)};
    return url;
}

std::shared_ptr<const SourceOptions> IsemsSettings::read(YamlReader& r)
{
    auto s = std::make_shared<IsemsSettings>();
    QStringList nodes;
    r.textList("nodes", nodes);
    const YAML::Node list = r.at("nodes");
    for (int i = 0; i < nodes.size(); ++i) {
        Result<QUrl> url = nodeUrl(nodes[i]);
        if (!url)
            r.fail(list.IsSequence() ? list[i] : list, "nodes", url.error());
        else if (!s->nodes.contains(url.value()))
            s->nodes.append(url.value());
    }
    r.boolean("use_env", s->useEnv);
    r.integer("poll_interval_s", s->pollIntervalS, 5, 86400);
    r.integer("timeout_s", s->timeoutS, 1, 300);
    if (s->timeoutS >= s->pollIntervalS) {
        r.fail(r.at("timeout_s"), "timeout_s",
               QStringLiteral("%1 s is not shorter than poll_interval_s (%2 s)")
                   .arg(s->timeoutS)
                   .arg(s->pollIntervalS));
    }
    r.section("mqtt", [&](YamlReader& m) { readMqtt(m, s->mqtt); });
    if (s->nodes.isEmpty() && !s->useEnv && !s->mqtt.enabled) {
        r.fail(r.at("nodes"), "nodes",
               QStringLiteral("no nodes: list some, set use_env: true or configure mqtt"));
    }
    return s;
}

QList<QUrl> IsemsSettings::allNodes(const QString& env, QStringList* warnings) const
{
    QList<QUrl> out = nodes;
    if (useEnv) {
        for (const QString& item : env.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            Result<QUrl> url = nodeUrl(item);
            if (!url) {
                warnings->append(QStringLiteral("ISEMS_ROUTER_IPS: %1").arg(url.error()));
                continue;
            }
            if (!out.contains(url.value()))
                out.append(url.value());
        }
    }
    // An ESP32 node keeps its newest 5 lines, one every 15 s: a slower poll misses the lines between.
    if (!out.isEmpty() && pollIntervalS > kEsp32WindowS) {
        warnings->append(QStringLiteral("poll_interval_s %1 s is longer than %2 s: ESP32 nodes keep only "
                                        "5 lines of 15 s, so lines in between are lost")
                             .arg(pollIntervalS)
                             .arg(kEsp32WindowS));
    }
    return out;
}

} // namespace fs
