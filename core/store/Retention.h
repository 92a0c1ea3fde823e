// Retention: deletes readings that are old and forwarded, in small chunks after folding them into
// per-minute aggregates, and keeps room on the disk. Runs on a worker thread of its own.
#pragma once

#include "util/Result.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace fs {

class Recorder;
class Store;

struct RetentionOptions
{
    int keepDays = 30;      ///< readings older than this, and forwarded by every sink, are deleted
    qint64 minFreeMb = 200; ///< below this much room, forwarded readings go first whatever their age
    /// Cursor names of every enabled sink that forwards readings (e.g. "push:central",
    /// "gascloud-batch"); nothing after the lowest is deleted for age. Empty: age alone.
    QStringList readingCursors;
    /// The same for node states (e.g. "push-states:central"); node states have their own seq.
    QStringList stateCursors;
    int chunkRows = 4000;           ///< readings per writer job, one transaction each: keeps jobs short
    int intervalMs = 5 * 60 * 1000; ///< between passes of the worker; the first runs at start()
    /// Between continuous folds of closed minutes into chart_minutes (long chart ranges read them).
    int foldEveryMs = 60 * 1000;
    /// Bytes free on the filesystem holding `dir`, or -1 when unknown. Empty: statvfs. Tests inject
    /// a low disk here.
    std::function<qint64(const QString& dir)> freeBytes;
};

/// What a pass did; the counters are of that pass unless they say "since start".
struct RetentionStatus
{
    qint64 lastRunMs = 0;              ///< the `nowMs` of the last finished pass, 0 before the first
    qint64 agedDeleted = 0;            ///< readings older than keepDays and forwarded by every sink
    qint64 forcedForwarded = 0;        ///< forwarded readings deleted young for want of room
    qint64 forcedUnforwarded = 0;      ///< readings no sink had forwarded, deleted as the last resort
    qint64 statesDeleted = 0;          ///< node states (the newest of each node is always kept)
    qint64 totalDeleted = 0;           ///< readings, since start
    qint64 totalForcedUnforwarded = 0; ///< since start: what the station lost unforwarded
    qint64 freeMb = -1;                ///< room for the store after the pass: free disk plus free pages
    bool cancelled = false;            ///< stop() cut the pass short
    QString lastError;                 ///< empty after a good pass
};

class Retention : public QObject
{
    Q_OBJECT
public:
    /// `storePath` is the store the Recorder writes; Retention reads it through a read-only
    /// connection of its own and writes only through `recorder.run()`.
    Retention(Recorder& recorder, QString storePath, RetentionOptions options, QObject* parent = nullptr);
    /// Stops the worker if it runs.
    ~Retention() override;

    /// One pass now, on the calling thread (any but the Recorder's writer), blocking until done;
    /// `nowMs` is the wall-clock time the ages are measured from. For tests and the benchmark; not
    /// while the worker runs.
    RetentionStatus runOnce(qint64 nowMs);
    /// Folds every closed minute not yet counted into chart_minutes, in writer jobs of at most
    /// MinuteAggregates::kFoldChunkRows readings; on the calling thread (not the writer), blocking.
    /// runOnce() does it first; the worker also every foldEveryMs.
    Status foldMinutes(qint64 nowMs);
    /// Thread-safe: the status after the last pass.
    RetentionStatus status() const;

    /// The lowest of the named sink cursors (a cursor never written counts as 0); with no names, no
    /// limit (the largest qint64). What every one of those sinks has passed is at or below it.
    static Result<qint64> lowestCursor(Store& store, const QStringList& cursors);

public Q_SLOTS:
    /// Starts the worker thread: a pass at once, then one every intervalMs. Never blocks.
    void start();
    /// Cancels a running pass between two chunks and joins the worker: returns within 2 s while
    /// the Recorder is not jammed. Safe to call twice.
    void stop();

Q_SIGNALS:
    /// Emitted from the worker thread after each pass.
    void statusChanged(const fs::RetentionStatus& status);

private:
    struct Span
    {
        qint64 rows = 0;
        qint64 firstSeq = 0;
        qint64 lastSeq = 0;
    };
    void workerLoop();
    Result<Span> deleteReadings(Store& reader, qint64 afterSeq, qint64 limitSeq, qint64 beforeMs,
                                const std::function<bool()>& enough);
    Result<qint64> deleteStates(Store& reader, qint64 beforeMs);
    Status keepRoom(Store& reader, qint64 readLimit, RetentionStatus& st);
    qint64 roomBytes(Store& reader);
    bool cancelled() const { return m_cancel.load(); }

    Recorder& m_recorder;
    const QString m_path;
    RetentionOptions m_opt;
    std::atomic<bool> m_cancel{false};
    std::thread m_worker;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    mutable std::mutex m_statusMutex;
    RetentionStatus m_status;
};

} // namespace fs

Q_DECLARE_METATYPE(fs::RetentionStatus)
