// CursorSink: the common base of every sink that forwards the store's rows to a far end by cursor:
// read after the cursor in bounded chunks, deliver, move the cursor only once the far end confirmed,
// back off on failure, report status, and stop within 2 s whatever the far end does.
#pragma once

#include "sinks/SinkStop.h"
#include "store/Store.h"
#include "util/Result.h"

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace fs {

class Recorder;

/// What a sink reports about one far end (a server, a bucket) after each pass.
struct SinkStatus
{
    QString server;            ///< the far end's name in the settings
    bool ok = false;           ///< the last pass delivered everything it read
    qint64 lastSuccessMs = 0;  ///< wall clock of the last good pass; 0: never
    qint64 rowsBehind = -1;    ///< readings after the readings cursor; -1: not known yet
    double rowsPerSecond = 0;  ///< readings delivered per second in the last good pass
    qint64 pushedReadings = 0; ///< readings the far end confirmed in the last pass
    qint64 pushedStates = 0;   ///< node states (and heartbeats) the far end confirmed in the last pass
    qint64 mergedReadings =
        0;             ///< readings folded into another in the last pass (far end keeps fewer time digits)
    QString lastError; ///< empty after a good pass
    qint64 nextAttemptMs = 0; ///< wall clock of the next pass
    int failures = 0;         ///< failed passes in a row; drives the back-off
};

/// One row of node_states as the sinks read it.
struct StoredNodeState
{
    qint64 seq = 0;
    NodeId node = 0;
    qint64 timeMs = 0;
    QString state;
    QString detail;
};

class CursorSink : public QObject
{
    Q_OBJECT
public:
    /// `storePath` is opened read-only by the sink's own thread; cursors move through `recorder`.
    CursorSink(Recorder& recorder, QString storePath, QObject* parent = nullptr);
    /// A subclass's destructor must call stop() first: the worker calls its virtuals.
    ~CursorSink() override;

    /// Every cursor this sink keeps in sink_cursors (enabled far ends only). Retention deletes no
    /// reading or node state after the smallest of them.
    virtual QStringList cursorNames() const = 0;

    /// Thread-safe snapshot of every far end's status.
    QList<SinkStatus> statuses() const;
    /// One pass for `server` on the calling thread, now (the command line, tests). Blocks.
    SinkStatus runNow(const QString& server);
    /// One pass for every far end on the calling thread, in order. Blocks.
    QList<SinkStatus> runAllNow();
    /// Any thread, never blocks: the worker serves `server` next, whatever its interval or back-off
    /// (once more after the pass under way, if it is that server's). False when `server` is not one
    /// of this sink's enabled far ends.
    bool requestPass(const QString& server);
    /// Monotonic ms (Recorder::monotonicMs) of the worker's last sign of life: at least once a
    /// second while it waits for the next pass, and after every chunk of a pass. A far end that
    /// holds one chunk for longer than its timeouts shows as silence (the service watchdog's
    /// concern). 0 before start().
    qint64 lastAliveMs() const { return m_aliveMs.load(); }

public Q_SLOTS:
    /// Starts the sink's own worker thread: passes every interval, sooner after a back-off. Any thread.
    void start();
    /// Any thread. Interrupts whatever the worker waits on and joins it: returns within 2 s.
    void stop();

Q_SIGNALS:
    /// After every pass and every chunk of readings (rows behind then), from the thread that ran it.
    void statusChanged(const QList<fs::SinkStatus>& statuses);

protected:
    /// The enabled far ends, in the order they are served.
    virtual QStringList servers() const = 0;
    /// Time between good passes for `server`.
    virtual int intervalMs(const QString& server) const = 0;
    /// The cursor whose distance to the newest reading is reported as rows behind.
    virtual QString readingsCursor(const QString& server) const = 0;
    /// One pass: connect, deliver through forwardReadings() / forwardNodeStates(), disconnect.
    /// Fills the counters of `status`; the base does the rest. Every network wait must end when
    /// stopToken() is requested (register an abort with SinkStop::onStop).
    virtual Status runPass(const QString& server, SinkStatus& status) = 0;

    /// Delivers a chunk; answers the seq of the last row the far end confirmed (the chunk's last,
    /// or less when it stopped early: the rest comes again in the next chunk).
    template <typename Row>
    using Deliver = std::function<Result<qint64>(const QList<Row>& chunk)>;

    /// Readings after `cursor`, `limit` at a time, to `deliver`, until caught up, failed or stopped.
    /// `delivered` counts the rows confirmed.
    Status forwardReadings(const QString& cursor, int limit, const Deliver<StoredReading>& deliver,
                           qint64& delivered);
    /// The same for node states.
    Status forwardNodeStates(const QString& cursor, int limit, const Deliver<StoredNodeState>& deliver,
                             qint64& delivered);
    /// Moves `cursor` through the Recorder (the store's only writer). Blocks until committed.
    Status moveCursor(const QString& cursor, qint64 seq);

    /// The calling thread's read-only store connection, opened on first use.
    Result<Store*> reader();
    Recorder& recorder() { return m_recorder; }
    SinkStop& stopToken() { return m_stop; }

private:
    template <typename Row>
    Status forward(const QString& cursor, int limit,
                   const std::function<Result<QList<Row>>(Store&, qint64, int)>& read,
                   const Deliver<Row>& deliver, qint64& delivered);
    void workerLoop();
    /// Takes `server`'s pending requestPass(), if any (m_statusMutex not held).
    bool takeRequest(const QString& server);
    bool anyRequest() const;
    SinkStatus& statusOf(const QString& server); // m_statusMutex held
    void finishPass(const QString& server, const Status& result, SinkStatus pass, qint64 elapsedNs);
    qint64 countBehind(const QString& server);
    /// During a long catch-up the screen sees rows behind shrink chunk by chunk.
    void reportProgress(const QString& cursor, qint64 at);

    Recorder& m_recorder;
    const QString m_storePath;
    SinkStop m_stop;
    std::thread m_worker;
    std::atomic<qint64> m_aliveMs{0};
    std::mutex m_runMutex; // one pass at a time, whichever thread runs it
    QString m_passServer;  // the far end of the pass under way (m_runMutex held)
    mutable std::mutex m_statusMutex;
    QList<SinkStatus> m_statuses;
    QStringList m_requested; // far ends asked for by requestPass(), served before any other (m_statusMutex)
    std::unique_ptr<Store> m_reader;
    Qt::HANDLE m_readerThread = nullptr;
};

} // namespace fs

Q_DECLARE_METATYPE(fs::SinkStatus)
