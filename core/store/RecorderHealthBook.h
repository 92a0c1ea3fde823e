// RecorderHealthBook: the Recorder's counters and failure state, and the log lines that go with
// them, rate-limited where a failing disk would otherwise write one line per attempt.
#pragma once

#include "store/BatchWriter.h"
#include "store/SampleQueue.h"

#include <QString>
#include <mutex>

namespace fs {

/// What the screen, the log and the service watchdog learn of the Recorder's health.
struct RecorderHealth
{
    quint64 refusedNonFinite = 0; ///< samples refused at the door (NaN, ±inf); never reach SQL
    quint64 refusedByStore = 0;   ///< samples the database refused, isolated and logged
    quint64 droppedDiskFull = 0;  ///< samples dropped while the disk was full, over the memory bound
    quint64 droppedBacklog = 0;   ///< samples dropped over the bound while commits failed otherwise,
                                  ///< or while the disk stayed behind for longer than submit() waits
    bool diskFull = false;        ///< the last commit failed for want of space
    bool failing = false;         ///< the last commit failed (for whatever reason)
    QString lastError;            ///< the last failed commit's error, empty after a good commit
};

/// Thread-safe.
class RecorderHealthBook
{
public:
    /// Everything but refusedNonFinite, which the door counts.
    RecorderHealth snapshot() const;
    /// Grows with every change, so the writer knows when to emit healthChanged().
    quint64 version() const;

    void commitFailed(const BatchOutcome& outcome, int memoryBound);
    void commitsResumed(int failedAttempts);
    void refused(const std::vector<RefusedRow>& rows);
    void dropped(const SampleQueue::Dropped& dropped, bool diskFull, const QString& why);

private:
    mutable std::mutex m_mutex;
    RecorderHealth m_health;
    quint64 m_version = 0;
    QString m_loggedError;
    qint64 m_lastDropLogMs = -1;
};

} // namespace fs
