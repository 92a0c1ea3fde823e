// SampleQueue: the samples waiting for the Recorder's writer, numbered by position so that a
// flush() can wait for "everything before position P" even while the oldest are dropped.
#pragma once

#include "model/Sample.h"
#include "util/Result.h"

#include <deque>
#include <future>
#include <span>
#include <vector>

namespace fs {

/// Not thread-safe: the Recorder guards it with its mutex.
class SampleQueue
{
public:
    struct Dropped
    {
        size_t count = 0;
        qint64 firstMs = 0; ///< time of the oldest dropped sample
        qint64 lastMs = 0;  ///< time of the newest dropped sample
    };

    size_t size() const { return m_samples.size(); }
    bool empty() const { return m_samples.empty(); }
    const std::deque<Sample>& samples() const { return m_samples; }

    void append(std::span<const Sample> samples)
    {
        m_samples.insert(m_samples.end(), samples.begin(), samples.end());
    }
    /// Takes up to `n` of the oldest samples out, for a commit.
    std::vector<Sample> takeFront(size_t n);
    /// Puts samples taken out (and not committed) back in front, in order.
    void putBack(const std::vector<Sample>& samples);
    /// Drops the oldest samples beyond `bound`; a flush waiting for any of them learns `why`.
    Dropped dropOldest(size_t bound, const QString& why);
    /// Forgets every sample (stop gave up on them).
    void clear() { m_samples.clear(); }

    /// A flush() waiting for every sample queued so far to leave the queue.
    void addBarrier(std::promise<Status>* result);
    bool hasBarriers() const { return !m_barriers.empty(); }
    /// Answers the flushes whose samples have all left the queue; while `failing`, answers the rest
    /// with `error` instead of letting them wait.
    void answerBarriers(bool failing, const QString& error);
    void answerAllBarriers(const Error& error);

private:
    struct Barrier
    {
        qint64 target;
        std::promise<Status>* result;
        QString lost; ///< why some of its samples will never be stored
    };
    std::deque<Sample> m_samples;
    qint64 m_frontPos = 0; ///< position of m_samples.front(); grows for ever
    std::vector<Barrier> m_barriers;
};

} // namespace fs
