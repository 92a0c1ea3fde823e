// ChannelPlot: reloads history when its setup changes; follows the stream for its source only.
#include "ChannelPlot.h"

#include "LiveStream.h"
#include "store/HistoryReader.h"

#include <QtCharts/QXYSeries>
#include <algorithm>
#include <cmath>
#include <limits>

namespace fs {

namespace {
constexpr int kSettleMs = 150; // a pinch reports every frame; read the store once it rests
}

ChannelPlot::ChannelPlot(QObject* parent) : QObject(parent)
{
    m_window.setRange(m_spanMinutes * 60000LL);
    m_settle.setSingleShot(true);
    m_settle.setInterval(kSettleMs);
    connect(&m_settle, &QTimer::timeout, this, [this] {
        requestHistory();
        changed();
    });
}

ChannelPlot::~ChannelPlot()
{
    dropLoads();
}

void ChannelPlot::setStream(LiveStream* stream)
{
    if (stream == m_stream)
        return;
    disconnect(m_liveConnection);
    disconnect(m_historyConnection);
    dropLoads();
    m_stream = stream;
    if (m_stream) {
        if (m_active)
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
    m_window.setRange(minutes * 60000LL);
    Q_EMIT windowChanged();
    reload();
}

void ChannelPlot::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    disconnect(m_liveConnection);
    if (m_active && m_stream)
        m_liveConnection = connect(m_stream, &LiveStream::sourceUpdated, this, &ChannelPlot::onLive);
    if (!m_active) {
        m_settle.stop();
        dropLoads();
        Q_EMIT setupChanged();
        return;
    }
    reload();
}

void ChannelPlot::zoomBy(double factor, double anchor)
{
    m_window.zoomBy(factor, anchor, newestMs());
    windowMoved();
}

void ChannelPlot::panBy(double fraction)
{
    m_window.panBy(fraction, newestMs());
    windowMoved();
}

void ChannelPlot::resetZoom()
{
    m_window.reset();
    windowMoved();
}

void ChannelPlot::windowMoved()
{
    Q_EMIT windowChanged();
    changed(); // what is loaded already shows at once, clipped to the new window
    if (m_active)
        m_settle.start();
}

void ChannelPlot::dropLoads()
{
    HistoryReader* reader = m_stream ? m_stream->history() : nullptr;
    for (quint64& t : m_tickets) {
        if (reader && t)
            reader->cancel(t);
        t = 0;
    }
    if (m_pending) {
        m_pending = 0;
        Q_EMIT loadingChanged();
    }
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
    dropLoads();
    m_history = QList<QList<QPointF>>(m_channels.size());
    m_tickets = QList<quint64>(m_channels.size(), 0);
    Q_EMIT setupChanged();
    requestHistory();
    changed();
}

void ChannelPlot::requestHistory()
{
    HistoryReader* reader = m_stream ? m_stream->history() : nullptr;
    if (!reader || m_source.isEmpty() || !m_active)
        return;
    dropLoads();
    // A device clock ahead of ours must not make every new sample look newer than the load.
    const qint64 newest = std::max(QDateTime::currentMSecsSinceEpoch(), newestMs());
    const qint64 to = m_window.end(newest), from = to - m_window.spanMs();
    m_loadedTo = to;
    m_loadClock.start();
    for (int i = 0; i < m_channels.size(); ++i)
        m_tickets[i] = reader->request({m_source, m_channels[i], from, to, m_columns, m_node});
    m_pending = int(m_channels.size());
    if (m_pending)
        Q_EMIT loadingChanged();
}

void ChannelPlot::onLive(const QString& source)
{
    if (source != m_source)
        return;
    // Once the ring has dropped points newer than the loaded history, the store has them and the
    // chart would show a gap: load again (about once per ring length). The old history stays
    // on screen until the new one arrives. A window fixed in the past has nothing new to show.
    if (!m_window.following())
        return;
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
    const qsizetype i = ticket ? m_tickets.indexOf(ticket) : -1;
    if (i < 0)
        return; // an older setup's or window's load
    m_tickets[i] = 0;
    m_history[i] = points;
    if (--m_pending == 0) {
        m_lastLoadMs = double(m_loadClock.nsecsElapsed()) / 1e6;
        Q_EMIT loadingChanged();
    }
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
    const qint64 newest = newestMs();
    const qint64 to = m_window.end(newest), from = to - m_window.spanMs();
    const qint64 liveFrom = live && !live->isEmpty() ? std::max(from, live->firstTime()) : to + 1;
    QList<QPointF> out;
    for (const QPointF& p : m_history.value(index)) {
        if (p.x() >= double(from) && p.x() <= double(to) && p.x() < double(liveFrom))
            out.append(p);
    }
    if (live && liveFrom <= to) {
        // The ring gets the columns of its share of the window, so both parts together keep to
        // about two points a column.
        const double share = double(to - liveFrom) / double(std::max<qint64>(1, to - from));
        out.append(live->between(liveFrom, to, std::max(1, int(std::ceil(share * m_columns)))));
    }
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
    return QDateTime::fromMSecsSinceEpoch(
        m_window.end(newest ? newest : QDateTime::currentMSecsSinceEpoch()));
}

QDateTime ChannelPlot::timeMin() const
{
    // The whole window, data or not: a pinch's anchor is a fraction of the axis.
    return QDateTime::fromMSecsSinceEpoch(timeMax().toMSecsSinceEpoch() - m_window.spanMs());
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
