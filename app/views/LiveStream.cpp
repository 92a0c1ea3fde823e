// LiveStream: channel ids learnt from node registrations, samples sorted into per-channel rings.
#include "LiveStream.h"

#include "sources/LiveTap.h"

#include <QSet>
#include <cmath>

namespace fs {

LiveStream::LiveStream(int pointsPerChannel, QObject* parent) : QObject(parent), m_points(pointsPerChannel) {}

void LiveStream::attach(LiveTap* tap)
{
    connect(tap, &LiveTap::nodeRegistered, this, &LiveStream::onNodeRegistered, Qt::QueuedConnection);
    connect(tap, &LiveTap::samples, this, &LiveStream::onSamples, Qt::QueuedConnection);
}

const LiveSeries* LiveStream::series(const QString& source, const QString& key) const
{
    const auto it = m_byKey.constFind(keyOf(source, key));
    return it == m_byKey.constEnd() ? nullptr : &(*it)->series;
}

double LiveStream::latest(const QString& source, const QString& key) const
{
    const LiveSeries* s = series(source, key);
    return s && !s->isEmpty() ? s->last().y() : std::nan("");
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
    for (qsizetype i = 0; i < spec.channels.size() && i < ids.channels.size(); ++i) {
        // A source that swapped its device keeps one ring per channel key: the page shows the source.
        std::shared_ptr<Channel>& c = m_byKey[keyOf(spec.source, spec.channels[i].key)];
        if (!c)
            c = std::make_shared<Channel>(Channel{spec.source, LiveSeries(m_points)});
        m_byId.insert(ids.channels[i], c);
    }
}

void LiveStream::onSamples(const QList<Sample>& samples)
{
    QSet<QString> sources;
    for (const Sample& s : samples) {
        const auto it = m_byId.constFind(s.channel);
        if (it == m_byId.constEnd())
            continue;
        (*it)->series.append(s.timeMs, s.value);
        qint64& last = m_lastUpdate[(*it)->source];
        last = std::max(last, s.timeMs);
        sources.insert((*it)->source);
    }
    if (sources.isEmpty())
        return;
    ++m_revision;
    Q_EMIT updated();
    for (const QString& source : sources)
        Q_EMIT sourceUpdated(source);
}

} // namespace fs
