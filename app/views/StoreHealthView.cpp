// StoreHealthView: a snapshot taken in the GUI thread each time the writer reports a change.
#include "StoreHealthView.h"

#include "sources/LiveTap.h"

#include <algorithm>

namespace fs {

StoreHealthView::StoreHealthView(QObject* parent) : QObject(parent) {}

void StoreHealthView::nameChannelsFrom(LiveTap* tap)
{
    connect(
        tap, &LiveTap::nodeRegistered, this,
        [this](const NodeSpec& spec, const NodeChannels& ids) {
            const QString who = spec.source.isEmpty() ? spec.name : spec.source;
            for (qsizetype i = 0; i < ids.channels.size() && i < spec.channels.size(); ++i)
                nameChannel(ids.channels[i], who + QLatin1Char(' ') + spec.channels[i].key);
        },
        Qt::QueuedConnection);
}

void StoreHealthView::attach(Recorder* recorder)
{
    const auto refresh = [this, recorder] {
        setHealth(recorder->health(), recorder->refusedNonFiniteByChannel());
    };
    connect(recorder, &Recorder::healthChanged, this, refresh, Qt::QueuedConnection);
    refresh();
}

void StoreHealthView::setHealth(const RecorderHealth& health,
                                const QHash<ChannelId, quint64>& refusedByChannel)
{
    m_health = health;
    m_refused = refusedByChannel;
    Q_EMIT changed();
}

void StoreHealthView::nameChannel(ChannelId channel, const QString& name)
{
    m_names.insert(channel, name);
    if (m_refused.contains(channel))
        Q_EMIT changed();
}

QString StoreHealthView::refusedChannels() const
{
    QList<std::pair<quint64, QString>> rows;
    for (auto it = m_refused.cbegin(); it != m_refused.cend(); ++it) {
        if (it.value())
            rows.append({it.value(), m_names.value(it.key(), QStringLiteral("channel %1").arg(it.key()))});
    }
    // Most refusals first; a tooltip has room for a few.
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    QStringList lines;
    for (qsizetype i = 0; i < rows.size() && i < 5; ++i)
        lines << QStringLiteral("%1: %2").arg(rows[i].second).arg(rows[i].first);
    if (rows.size() > 5)
        lines << tr("… and %n more channel(s)", nullptr, int(rows.size() - 5));
    return lines.join(QLatin1Char('\n'));
}

bool StoreHealthView::ok() const
{
    return !m_health.diskFull && m_health.refusedNonFinite == 0 && m_health.refusedByStore == 0 &&
           m_health.droppedDiskFull == 0;
}

} // namespace fs
