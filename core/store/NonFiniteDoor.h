// NonFiniteDoor: keeps NaN and ±inf out of the store, counting them per channel and logging the
// first of each channel (then a summary at most once a minute), never a line per sample.
#pragma once

#include "model/Sample.h"

#include <QHash>
#include <mutex>
#include <span>
#include <vector>

namespace fs {

class NonFiniteDoor
{
public:
    /// Thread-safe. The finite samples of `in`, in order, appended to `out`; the number refused.
    /// When every sample is finite (the common case) `out` is left alone and `in` is to be used.
    qint64 filter(std::span<const Sample> in, std::vector<Sample>& out);

    /// Thread-safe. Non-finite values refused so far on one channel, and on all of them.
    quint64 refused(ChannelId channel) const;
    QHash<ChannelId, quint64> refusedByChannel() const;
    quint64 refusedTotal() const;

private:
    struct Channel
    {
        quint64 refused = 0;
        quint64 refusedAtLastLog = 0;
        qint64 lastLogMs = 0;
    };
    void note(const Sample& s, qint64 nowMs);

    mutable std::mutex m_mutex;
    QHash<ChannelId, Channel> m_channels;
    quint64 m_total = 0;
};

} // namespace fs
