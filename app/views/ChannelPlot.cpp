// ChannelPlot: reloads history when its setup changes; follows the stream for its source only.
#include "ChannelPlot.h"

#include "LiveStream.h"
#include "store/HistoryReader.h"

#include <QtCharts/QXYSeries>
#include <algorithm>
#include <cmath>
#include <limits>

namespace fs {

ChannelPlot::ChannelPlot(QObject* parent) : QObject(parent) {}

void ChannelPlot::setStream(LiveStream* stream)
{
    if (stream == m_stream)
        return;
    disconnect(m_liveConnection);
    disconnect(m_historyConnection);
    m_stream = stream;
    if (m_stream) {
        m_liveConnection = connect(m_stream, &LiveStream::sourceUpdated, this, &ChannelPlot::onLive);
        if (HistoryReader* h = m_stream->history())
            m_historyConnection = connect(h, &HistoryReader::loaded, this,
                                          [this](quint64 t, const HistoryRequest& r, const QList<QPointF>& p,
                                                 const QString&) { onLoaded(t, r, p); });
    }
    reload();
}

void ChannelPlot::setSource(const QString& source)
{
    if (source == m_source)
        return;
    m_source = source;
    reload();
}

void ChannelPlot::setNode(const QString& node)
{
    if (node == m_node)
        return;
    m_node = node;
    reload();
}

void ChannelPlot::setChannels(const QStringList& channels)
{
    if (channels == m_channels)
        return;
    m_channels = channels;
    reload();
}

void ChannelPlot::setSpanMinutes(int minutes)
{
    if (minutes == m_spanMinutes || minutes < 1)
        return;
    m_spanMinutes = minutes;
    reload();
}

void ChannelPlot::setColumns(int columns)
{
    columns = std::max(10, columns);
    // Reloading for a few pixels more is not worth a store read: only when the width changes a lot.
    if (std::abs(columns - m_columns) * 4 < m_columns)
        return;
    m_columns = columns;
    reload();
}

void ChannelPlot::reload()
{
    m_history = QList<QList<QPointF>>(m_channels.size());
    m_tickets = QList<quint64>(m_channels.size(), 0);
    Q_EMIT setupChanged();
    requestHistory();
    changed();
}

void ChannelPlot::requestHistory()
{
    HistoryReader* reader = m_stream ? m_stream->history() : nullptr;
    if (!reader || m_source.isEmpty())
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // A device clock ahead of ours must not make every new sample look newer than the load.
    m_loadedTo = std::max(now, newestMs());
    for (int i = 0; i < m_channels.size(); ++i)
        m_tickets[i] =
            reader->request({m_source, m_channels[i], now - m_spanMinutes * 60000LL, now, m_columns, m_node});
}

void ChannelPlot::onLive(const QString& source)
{
    if (source != m_source)
        return;
    // Once the ring has dropped points newer than the loaded history, the store has them and the
    // chart would show a gap: load again (about once per ring length). The old history stays
    // on screen until the new one arrives.
    for (const QString& key : std::as_const(m_channels)) {
        const LiveSeries* live = m_stream->series(m_source, key, m_node);
        if (m_loadedTo && live && live->hasDropped() && live->firstTime() > m_loadedTo) {
            requestHistory();
            break;
        }
    }
    changed();
}

void ChannelPlot::onLoaded(quint64 ticket, const HistoryRequest&, const QList<QPointF>& points)
{
    const qsizetype i = m_tickets.indexOf(ticket);
    if (i < 0)
        return; // an older setup's load
    m_history[i] = points;
    changed();
}

qint64 ChannelPlot::newestMs() const
{
    qint64 newest = 0;
    for (int i = 0; i < m_channels.size(); ++i) {
        const LiveSeries* live = m_stream ? m_stream->series(m_source, m_channels[i], m_node) : nullptr;
        if (live && !live->isEmpty())
            newest = std::max(newest, live->lastTime());
        else if (!m_history.value(i).isEmpty())
            newest = std::max(newest, qint64(m_history[i].last().x()));
    }
    return newest;
}

QList<QPointF> ChannelPlot::points(int index) const
{
    if (index < 0 || index >= m_channels.size())
        return {};
    const LiveSeries* live = m_stream ? m_stream->series(m_source, m_channels[index], m_node) : nullptr;
    const qint64 from = newestMs() - m_spanMinutes * 60000LL;
    const double liveFrom = live && !live->isEmpty() ? double(live->firstTime()) : 1e300;
    QList<QPointF> out;
    for (const QPointF& p : m_history.value(index)) {
        if (p.x() >= double(from) && p.x() < liveFrom)
            out.append(p);
    }
    if (live)
        out.append(live->since(from, m_columns));
    return out;
}

void ChannelPlot::fill(int index, QAbstractSeries* series) const
{
    if (auto* xy = qobject_cast<QXYSeries*>(series))
        xy->replace(points(index));
}

QDateTime ChannelPlot::timeMax() const
{
    const qint64 newest = newestMs();
    return QDateTime::fromMSecsSinceEpoch(newest ? newest : QDateTime::currentMSecsSinceEpoch());
}

QDateTime ChannelPlot::timeMin() const
{
    // From the oldest point shown, but at least a minute, so the first points do not stretch.
    const qint64 last = timeMax().toMSecsSinceEpoch();
    qint64 first = last;
    for (int i = 0; i < m_channels.size(); ++i) {
        const QList<QPointF> p = points(i);
        if (!p.isEmpty())
            first = std::min(first, qint64(p.first().x()));
    }
    return QDateTime::fromMSecsSinceEpoch(std::min(first, last - 60000));
}

void ChannelPlot::setFitValues(bool fit)
{
    if (fit == m_fitValues)
        return;
    m_fitValues = fit;
    Q_EMIT setupChanged();
    changed();
}

void ChannelPlot::changed()
{
    m_range.reset();
    Q_EMIT updated();
}

std::pair<double, double> ChannelPlot::valueRange() const
{
    // The axis asks for its minimum and maximum one after the other on every update: compute once.
    if (!m_range)
        m_range = computeValueRange();
    return *m_range;
}

std::pair<double, double> ChannelPlot::computeValueRange() const
{
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    for (int i = 0; i < m_channels.size(); ++i) {
        for (const QPointF& p : points(i)) {
            low = std::min(low, p.y());
            high = std::max(high, p.y());
        }
    }
    if (low > high)
        return {0.0, 5.0};
    if (m_fitValues) {
        // A tenth of the swing either side; a flat line gets a band around it.
        const double pad = high > low ? (high - low) * 0.1 : std::max(1e-3, std::abs(high) * 0.05);
        return {low - pad, high + pad};
    }
    return {low < 0 ? low * 1.2 : 0.0, std::max(5.0, high * 1.2)};
}

double ChannelPlot::valueMax() const
{
    return valueRange().second;
}

double ChannelPlot::valueMin() const
{
    return valueRange().first;
}

bool ChannelPlot::hasHistory() const
{
    return std::any_of(m_history.begin(), m_history.end(),
                       [](const QList<QPointF>& h) { return !h.isEmpty(); });
}

} // namespace fs
