// NonFiniteDoor: the Recorder's first check on a sample, before it is queued.
#include "NonFiniteDoor.h"

#include "LogTime.h"
#include "util/Logging.h"

#include <QDateTime>
#include <chrono>
#include <cmath>

namespace fs {

namespace {

constexpr qint64 kSummaryEveryMs = 60'000;

} // namespace

qint64 NonFiniteDoor::filter(std::span<const Sample> in, std::vector<Sample>& out)
{
    qint64 bad = 0;
    for (const Sample& s : in)
        bad += std::isfinite(s.value) ? 0 : 1;
    if (bad == 0)
        return 0;
    const qint64 now = steadyMs();
    std::lock_guard lock(m_mutex);
    out.reserve(out.size() + in.size() - size_t(bad));
    for (const Sample& s : in) {
        if (std::isfinite(s.value))
            out.push_back(s);
        else
            note(s, now);
    }
    return bad;
}

void NonFiniteDoor::note(const Sample& s, qint64 nowMs)
{
    Channel& c = m_channels[s.channel];
    ++c.refused;
    ++m_total;
    if (c.refused == 1) {
        qCWarning(lcRecorder).noquote()
            << "refused a non-finite value" << s.value << "on channel" << s.channel << "at"
            << utcText(s.timeMs) << "(further ones on it are counted)";
        c.lastLogMs = nowMs;
        c.refusedAtLastLog = 1;
    } else if (nowMs - c.lastLogMs >= kSummaryEveryMs) {
        qCWarning(lcRecorder).noquote()
            << "refused" << c.refused - c.refusedAtLastLog << "more non-finite values on channel" << s.channel
            << ", the last at" << utcText(s.timeMs) << "; " << c.refused << "in all";
        c.lastLogMs = nowMs;
        c.refusedAtLastLog = c.refused;
    }
}

quint64 NonFiniteDoor::refused(ChannelId channel) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_channels.constFind(channel);
    return it == m_channels.cend() ? 0 : it->refused;
}

QHash<ChannelId, quint64> NonFiniteDoor::refusedByChannel() const
{
    std::lock_guard lock(m_mutex);
    QHash<ChannelId, quint64> out;
    for (auto it = m_channels.cbegin(); it != m_channels.cend(); ++it)
        out.insert(it.key(), it->refused);
    return out;
}

quint64 NonFiniteDoor::refusedTotal() const
{
    std::lock_guard lock(m_mutex);
    return m_total;
}

} // namespace fs
