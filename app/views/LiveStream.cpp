// LiveStream: channel ids learnt from node registrations, samples sorted into per-channel rings.
#include "LiveStream.h"

#include "sources/LiveTap.h"

#include <QSet>
#include <algorithm>
#include <cmath>

namespace fs {

LiveStream::LiveStream(int pointsPerChannel, QObject* parent) : QObject(parent), m_points(pointsPerChannel) {}

void LiveStream::attach(LiveTap* tap)
{
    connect(tap, &LiveTap::nodeRegistered, this, &LiveStream::onNodeRegistered, Qt::QueuedConnection);
    connect(tap, &LiveTap::samples, this, &LiveStream::onSamples, Qt::QueuedConnection);
}

const LiveSeries* LiveStream::series(const QString& source, const QString& key, const QString& node) const
{
    const auto& index = node.isEmpty() ? m_byKey : m_byNodeKey;
    const auto it = index.constFind(node.isEmpty() ? keyOf(source, key) : keyOf(source, node, key));
    return it == index.constEnd() ? nullptr : &(*it)->series;
}

double LiveStream::latest(const QString& source, const QString& key) const
{
    return latestOfNode(source, QString(), key);
}

double LiveStream::latestOfNode(const QString& source, const QString& node, const QString& key) const
{
    const LiveSeries* s = series(source, key, node);
    return s && !s->isEmpty() ? s->last().y() : std::nan("");
}

QVariantList LiveStream::nodes(const QString& source) const
{
    QVariantList out;
    for (const Node& n : m_nodes.value(source)) {
        QVariantList channels;
        for (const ChannelSpec& c : n.spec.channels)
            channels.append(QVariantMap{{QStringLiteral("key"), c.key},
                                        {QStringLiteral("name"), c.name},
                                        {QStringLiteral("unit"), c.unit},
                                        {QStringLiteral("sensorType"), c.sensorType}});
        const QDateTime last = n.lastUpdate ? QDateTime::fromMSecsSinceEpoch(n.lastUpdate) : QDateTime();
        out.append(QVariantMap{{QStringLiteral("key"), n.spec.key},
                               {QStringLiteral("name"), n.spec.name},
                               {QStringLiteral("kind"), n.spec.kind},
                               {QStringLiteral("lastUpdate"), last},
                               {QStringLiteral("channels"), channels}});
    }
    return out;
}

QList<qreal> LiveStream::latestValues(const QString& source, const QStringList& keys) const
{
    QList<qreal> out;
    out.reserve(keys.size());
    for (const QString& k : keys) {
        const double v = latest(source, k);
        out.append(std::isfinite(v) ? v : 0.0);
    }
    return out;
}

QDateTime LiveStream::lastUpdate(const QString& source) const
{
    const auto it = m_lastUpdate.constFind(source);
    return it == m_lastUpdate.constEnd() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(*it);
}

void LiveStream::onNodeRegistered(const NodeSpec& spec, const NodeChannels& ids)
{
    // A source that swapped its device keeps one ring per channel key, so its page goes on
    // across the swap: that is the source-wide ring. A node has a ring of its own once its source
    // has more than one node (a network such as ISEMS); until then the two are the same ring.
    QList<Node>& nodes = m_nodes[spec.source];
    qsizetype at = 0;
    while (at < nodes.size() && nodes[at].spec.key != spec.key)
        ++at;
    if (at == nodes.size())
        nodes.append(Node{spec, ids.channels, 0});
    else
        nodes[at] = Node{spec, ids.channels, nodes[at].lastUpdate};
    for (qsizetype i = 0; i < spec.channels.size() && i < ids.channels.size(); ++i) {
        std::shared_ptr<Channel>& shared = m_byKey[keyOf(spec.source, spec.channels[i].key)];
        if (!shared)
            shared = std::make_shared<Channel>(Channel{spec.source, LiveSeries(m_points)});
        std::shared_ptr<Channel>& own = m_byNodeKey[keyOf(spec.source, spec.key, spec.channels[i].key)];
        if (!own)
            own = nodes.size() == 1 ? shared
                                    : std::make_shared<Channel>(Channel{spec.source, LiveSeries(m_points)});
        m_byId.insert(ids.channels[i], Target{shared, own});
        m_nodeOf.insert(ids.channels[i], {spec.source, at});
    }
    if (nodes.size() > 1) {
        for (Node& n : nodes)
            giveOwnRings(spec.source, n);
    }
}

void LiveStream::giveOwnRings(const QString& source, Node& node)
{
    for (qsizetype i = 0; i < node.spec.channels.size() && i < node.ids.size(); ++i) {
        Target& t = m_byId[node.ids[i]];
        if (t.own != t.shared)
            continue;
        // Until now only this node wrote the shared ring: what it holds is this node's.
        t.own = std::make_shared<Channel>(*t.shared);
        m_byNodeKey[keyOf(source, node.spec.key, node.spec.channels[i].key)] = t.own;
    }
}

void LiveStream::onSamples(const QList<Sample>& batch)
{
    // A ring is drawn in its order: a meter's catch-up comes newest first, so take each batch in
    // time order, and leave a sample older than a ring's newest to the store (the chart's history
    // shows it), instead of drawing a line back in time.
    const auto earlier = [](const Sample& a, const Sample& b) { return a.timeMs < b.timeMs; };
    QList<Sample> samples = batch; // shared, not copied, unless it has to be sorted
    if (!std::is_sorted(samples.cbegin(), samples.cend(), earlier))
        std::stable_sort(samples.begin(), samples.end(), earlier);
    QSet<QString> sources;
    const auto take = [](LiveSeries& s, const Sample& x) {
        if (s.isEmpty() || x.timeMs >= s.lastTime())
            s.append(x.timeMs, x.value);
    };
    for (const Sample& s : samples) {
        const auto it = m_byId.constFind(s.channel);
        if (it == m_byId.constEnd())
            continue;
        take(it->shared->series, s);
        if (it->own != it->shared)
            take(it->own->series, s);
        qint64& last = m_lastUpdate[it->shared->source];
        last = std::max(last, s.timeMs);
        const auto node = m_nodeOf.constFind(s.channel);
        if (node != m_nodeOf.constEnd()) {
            qint64& nodeLast = m_nodes[node->first][node->second].lastUpdate;
            nodeLast = std::max(nodeLast, s.timeMs);
        }
        sources.insert(it->shared->source);
    }
    if (sources.isEmpty())
        return;
    ++m_revision;
    Q_EMIT updated();
    for (const QString& source : sources)
        Q_EMIT sourceUpdated(source);
}

} // namespace fs
