// LiveStream: the newest readings of every channel of every source, one ring each, for any page.
#pragma once

#include "LiveSeries.h"
#include "model/Sample.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>
#include <memory>

namespace fs {

class HistoryReader;
class LiveTap;

class LiveStream : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("LiveStream is provided by the application")

    /// Grows with every batch of samples; read it in a binding to re-evaluate with new data.
    Q_PROPERTY(int revision READ revision NOTIFY updated)

public:
    explicit LiveStream(int pointsPerChannel = 3600, QObject* parent = nullptr);

    /// Follows every source's samples through the Station's tap (queued: sources run in their threads).
    void attach(LiveTap* tap);
    /// Where charts load the past from; may be null (no history, e.g. in tests of the live part).
    void setHistory(HistoryReader* history) { m_history = history; }
    HistoryReader* history() const { return m_history; }

    int revision() const { return m_revision; }
    /// The ring of one channel of one source, or null before its node was registered. Without
    /// `node`, the channel of that key of the source's first node (a source of one device); with
    /// it, that node's (a network such as ISEMS, where every node has the same keys).
    const LiveSeries* series(const QString& source, const QString& key, const QString& node = {}) const;

    /// The newest value of a channel, or NaN when there is none yet.
    Q_INVOKABLE double latest(const QString& source, const QString& key) const;
    /// The same for one node of the source.
    Q_INVOKABLE double latestOfNode(const QString& source, const QString& node, const QString& key) const;
    /// The nodes the source registered, in order: [{key, name, kind, lastUpdate, channels: [{key,
    /// name, unit, sensorType}]}], for pages that show any type of source.
    Q_INVOKABLE QVariantList nodes(const QString& source) const;
    /// The newest values of several channels, 0 where there is none (e.g. a histogram's bins).
    Q_INVOKABLE QList<qreal> latestValues(const QString& source, const QStringList& keys) const;
    /// When the source's newest sample was taken; invalid before the first.
    Q_INVOKABLE QDateTime lastUpdate(const QString& source) const;

public Q_SLOTS:
    void onNodeRegistered(const fs::NodeSpec& spec, const fs::NodeChannels& ids);
    void onSamples(const QList<fs::Sample>& samples);

Q_SIGNALS:
    void updated();
    /// After `updated`, once for each source that had samples in the batch.
    void sourceUpdated(const QString& source);

private:
    struct Channel
    {
        QString source;
        LiveSeries series;
    };
    struct Node
    {
        NodeSpec spec;
        QList<ChannelId> ids;
        qint64 lastUpdate = 0;
    };
    /// Where a channel's samples go: the source-wide ring of its key and the node's own ring (the
    /// same one while the source has had a single node).
    struct Target
    {
        std::shared_ptr<Channel> shared, own;
    };
    void giveOwnRings(const QString& source, Node& node);
    static QString keyOf(const QString& source, const QString& key)
    {
        return source + QLatin1Char('/') + key;
    }
    static QString keyOf(const QString& source, const QString& node, const QString& key)
    {
        return source + QLatin1Char('/') + node + QLatin1Char('/') + key;
    }

    const int m_points;
    QHash<ChannelId, Target> m_byId;
    QHash<QString, std::shared_ptr<Channel>> m_byKey;     // "source/key": the source's first node
    QHash<QString, std::shared_ptr<Channel>> m_byNodeKey; // "source/node/key"
    QHash<QString, QList<Node>> m_nodes;                  // source → its nodes, in order
    QHash<ChannelId, QPair<QString, qsizetype>> m_nodeOf; // channel → (source, index in m_nodes)
    QHash<QString, qint64> m_lastUpdate;                  // source → ms
    HistoryReader* m_history = nullptr;
    int m_revision = 0;
};

} // namespace fs
