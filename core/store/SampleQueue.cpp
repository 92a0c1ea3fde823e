// SampleQueue: positions, flush barriers and counted drops of the oldest.
#include "SampleQueue.h"

namespace fs {

std::vector<Sample> SampleQueue::takeFront(size_t n)
{
    n = std::min(n, m_samples.size());
    std::vector<Sample> out(m_samples.begin(), m_samples.begin() + ptrdiff_t(n));
    m_samples.erase(m_samples.begin(), m_samples.begin() + ptrdiff_t(n));
    m_frontPos += qint64(n);
    return out;
}

void SampleQueue::putBack(const std::vector<Sample>& samples)
{
    m_samples.insert(m_samples.begin(), samples.begin(), samples.end());
    m_frontPos -= qint64(samples.size());
}

SampleQueue::Dropped SampleQueue::dropOldest(size_t bound, const QString& why)
{
    if (m_samples.size() <= bound)
        return {};
    const size_t n = m_samples.size() - bound;
    const Dropped d{n, m_samples.front().timeMs, m_samples[n - 1].timeMs};
    for (Barrier& b : m_barriers) {
        if (b.target > m_frontPos)
            b.lost = QStringLiteral("%1 samples before the flush were dropped (%2)").arg(n).arg(why);
    }
    m_samples.erase(m_samples.begin(), m_samples.begin() + ptrdiff_t(n));
    m_frontPos += qint64(n);
    return d;
}

void SampleQueue::addBarrier(std::promise<Status>* result)
{
    m_barriers.push_back({m_frontPos + qint64(m_samples.size()), result, {}});
}

void SampleQueue::answerBarriers(bool failing, const QString& error)
{
    for (auto it = m_barriers.begin(); it != m_barriers.end();) {
        if (m_frontPos >= it->target) {
            it->result->set_value(it->lost.isEmpty() ? Status() : Status(Error{it->lost}));
        } else if (failing) {
            it->result->set_value(Error{QStringLiteral("not committed: %1").arg(error)});
        } else {
            ++it;
            continue;
        }
        it = m_barriers.erase(it);
    }
}

void SampleQueue::answerAllBarriers(const Error& error)
{
    for (Barrier& b : m_barriers)
        b.result->set_value(error);
    m_barriers.clear();
}

} // namespace fs
