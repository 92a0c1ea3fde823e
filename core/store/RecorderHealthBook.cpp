// RecorderHealthBook: counters under one mutex, and what the log says of them.
#include "RecorderHealthBook.h"

#include "LogTime.h"
#include "util/Logging.h"

#include <QDateTime>
#include <chrono>

namespace fs {

namespace {

constexpr qint64 kDropLogEveryMs = 10'000;

} // namespace

RecorderHealth RecorderHealthBook::snapshot() const
{
    std::lock_guard lock(m_mutex);
    return m_health;
}

quint64 RecorderHealthBook::version() const
{
    std::lock_guard lock(m_mutex);
    return m_version;
}

void RecorderHealthBook::commitFailed(const BatchOutcome& out, int memoryBound)
{
    const bool full = out.failure == CommitFailure::DiskFull;
    std::lock_guard lock(m_mutex);
    m_health.failing = true;
    m_health.diskFull = full;
    m_health.lastError = out.error;
    ++m_version;
    if (out.error == m_loggedError)
        return; // one line per kind of failure, not one per attempt
    m_loggedError = out.error;
    if (full)
        qCCritical(lcRecorder).noquote() << "the disk is full:" << out.error << "- keeping up to"
                                         << memoryBound << "of the newest samples in memory and trying again";
    else
        qCWarning(lcRecorder).noquote() << "commit failed:" << out.error << "- trying again";
}

void RecorderHealthBook::commitsResumed(int failedAttempts)
{
    std::lock_guard lock(m_mutex);
    qCInfo(lcRecorder) << "commits go through again after" << failedAttempts << "failed attempts"
                       << (m_health.diskFull ? "(the disk has space again)" : "");
    m_health.failing = false;
    m_health.diskFull = false;
    m_health.lastError.clear();
    m_loggedError.clear();
    ++m_version;
}

void RecorderHealthBook::refused(const std::vector<RefusedRow>& rows)
{
    if (rows.empty())
        return;
    quint64 samples = 0;
    for (const RefusedRow& row : rows) {
        if (row.isState) {
            qCWarning(lcRecorder).noquote() << "the store refused a node state of node" << row.state.node
                                            << "at" << utcText(row.state.timeMs) << ":" << row.why;
        } else {
            ++samples;
            qCWarning(lcRecorder).noquote()
                << "the store refused the sample" << row.sample.value << "of channel" << row.sample.channel
                << "at" << utcText(row.sample.timeMs) << ":" << row.why;
        }
    }
    std::lock_guard lock(m_mutex);
    m_health.refusedByStore += samples;
    ++m_version;
}

void RecorderHealthBook::dropped(const SampleQueue::Dropped& d, bool diskFull, const QString& why)
{
    if (d.count == 0)
        return;
    std::lock_guard lock(m_mutex);
    quint64& counter = diskFull ? m_health.droppedDiskFull : m_health.droppedBacklog;
    counter += d.count;
    ++m_version;
    const qint64 now = steadyMs();
    if (m_lastDropLogMs >= 0 && now - m_lastDropLogMs < kDropLogEveryMs)
        return;
    m_lastDropLogMs = now;
    qCCritical(lcRecorder).noquote() << "dropped" << d.count << "of the oldest queued samples ("
                                     << utcText(d.firstMs) << "to" << utcText(d.lastMs) << "):" << why << ";"
                                     << counter << "dropped so far";
}

} // namespace fs
