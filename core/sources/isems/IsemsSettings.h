// IsemsSettings: the keys of one `type: isems` entry of `sources:` (contracts.md), and their reader.
#pragma once

#include "config/Settings.h"

#include <QStringList>
#include <QUrl>

namespace fs {

class YamlReader;

/// The optional `mqtt:` part; isems-mqtt's client reads it. Password: secret "isems/<id>/mqtt".
struct IsemsMqttSettings
{
    bool enabled = false; ///< true when the entry has an `mqtt:` section
    QString host = QStringLiteral("127.0.0.1");
    int port = 1883;
    bool tls = false;
    QString caFile;
    QString user;
    QString csvTopic = QStringLiteral("/isems/+/csvlog");
    QString jsonChannel; ///< e.g. "isems/testdrive/foobar/": subscribe to <channel>+/data.json
    QString clientId;    ///< empty: fieldstation-<station name>-<source id>
};

struct IsemsSettings : SourceOptions
{
    QList<QUrl> nodes;      ///< log URLs, from `nodes:` (IP/host or full URL)
    bool useEnv = true;     ///< also the nodes in ISEMS_ROUTER_IPS, like the old collector
    int pollIntervalS = 60; ///< an ESP32 keeps 5 lines of 15 s: 60 s loses none
    int timeoutS = 10;
    IsemsMqttSettings mqtt;

    /// How far back an ESP32 node's log reaches (5 lines, one every 15 s): the longest loss-free poll.
    static constexpr int kEsp32WindowS = 75;
    /// The secret that holds the MQTT broker's password of source `sourceId`.
    static QString mqttPasswordSecret(const QString& sourceId)
    {
        return QStringLiteral("isems/%1/mqtt").arg(sourceId);
    }

    static std::shared_ptr<const SourceOptions> read(YamlReader& r);

    /// The log URL of a node given as an IP, a host[:port] or a full URL; an error says why not.
    static Result<QUrl> nodeUrl(const QString& text);
    /// `nodes` plus, with use_env, the comma-separated ISEMS_ROUTER_IPS value `env`, each URL once.
    /// Bad entries in `env` are skipped and named in `warnings`, and so is a poll_interval_s over
    /// kEsp32WindowS when there is a node to poll.
    QList<QUrl> allNodes(const QString& env, QStringList* warnings) const;
};

} // namespace fs
