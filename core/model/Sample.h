// Plain value types that flow from sources to the Recorder and the live views.
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <cstdint>

namespace fs {

/// Store id of a channel: one measured quantity of one node.
using ChannelId = qint64;
using NodeId = qint64;

/// One reading: a value of one channel at one UTC instant (ms since the epoch).
struct Sample
{
    qint64 timeMs = 0;
    ChannelId channel = 0;
    double value = 0.0;
};

/// What a source declares about one of its quantities before it records any.
struct ChannelSpec
{
    QString key;        ///< stable within the node, e.g. "pm2_5"
    QString sensorType; ///< code of the sensor type, e.g. "pm2_5"
    QString name;       ///< human name of the sensor type, e.g. "PM2.5"
    QString unit;       ///< e.g. "µg/m³"
};

/// A device (node) and the channels it records.
struct NodeSpec
{
    QString key;  ///< stable identity, e.g. "opcn3:177940203"
    QString kind; ///< "opcn3", "egauge", …
    QString name; ///< what a person calls it
    QList<ChannelSpec> channels;
    QString source; ///< id of the configured source instance that reads it, e.g. "opc-roof"
};

/// The ids the store gave a node and its channels, in the order of NodeSpec::channels.
struct NodeChannels
{
    NodeId node = 0;
    QList<ChannelId> channels;
    /// Per channel, the time of its newest stored reading (0: none), so that a source can catch
    /// up from where it left off and skip what it already recorded.
    QList<qint64> lastTimeMs = {};
};

/// A change in a node's health: "ok", "error", "starting", … with detail text.
struct NodeState
{
    NodeId node = 0;
    qint64 timeMs = 0;
    QString state;
    QString detail;
};

} // namespace fs

Q_DECLARE_METATYPE(fs::Sample)
Q_DECLARE_METATYPE(fs::NodeState)
