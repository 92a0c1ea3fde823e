// Recorder: the store's only writer. Sources submit samples from any thread; a writer thread
// commits them in one prepared-statement transaction per flush, and survives bad samples, a
// failing or full disk, and a stop at any moment.
#pragma once

#include "model/Sample.h"
#include "model/SampleSink.h"
#include "store/NonFiniteDoor.h"
#include "store/RecorderHealthBook.h"
#include "store/SampleQueue.h"
#include "util/Result.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

namespace fs {

class Store;

struct RecorderOptions
{
    int flushIntervalMs = 1000; ///< a sample waits at most this long before it is committed
    int maxBatch = 4096;        ///< flush as soon as this many samples wait; the most one commit holds
    /// While commits go through, submit() waits (up to submitWaitMs) above this many queued samples:
    /// back-pressure for a producer faster than the disk.
    int maxQueued = 262144;
    int submitWaitMs = 1000; ///< the longest submit() waits; then the oldest queued samples are dropped
    /// While commits fail (full disk, I/O errors) submit() never waits: at most this many of the newest
    /// samples are kept in memory, the oldest are dropped and counted. The Station fills it from
    /// StoreSettings::maxMemorySamples.
    int maxMemorySamples = 1000000;
    int retryDelayMs = 1000;     ///< after a failed commit, wait this long before trying again…
    int maxRetryDelayMs = 10000; ///< …doubling per failure up to this
    int stopBudgetMs = 3500;     ///< stop() stops writing after this long; the rest is logged as lost
    QString vfs;                 ///< SQLite VFS to open the store with; empty: the default one
};

class Recorder : public QObject, public SampleSink
{
    Q_OBJECT
public:
    explicit Recorder(QString storePath, RecorderOptions options = {}, QObject* parent = nullptr);
    ~Recorder() override;

    /// Opens and migrates the store on the writer thread; an error if that fails.
    Status start();
    /// Commits everything submitted so far, closes the store and joins the writer thread. Gives up
    /// writing after stopBudgetMs (a failing or full disk) and logs what it could not store, so it
    /// returns within 5 s, unless a job run() handed in blocks the writer thread.
    void stop();
    bool isRunning() const { return m_running.load(); }

    /// Thread-safe. Refuses non-finite values; waits at most submitWaitMs, and only while commits
    /// go through but more than maxQueued samples wait; otherwise drops the oldest queued samples.
    void submit(const Sample& sample);
    void submit(std::span<const Sample> samples) override;
    void submitState(const NodeState& state) override;

    /// Blocks until the writer thread has registered the node; safe from any thread but the writer.
    Result<NodeChannels> registerNode(const NodeSpec& spec) override;
    /// Runs `job` on the writer thread at its next turn and blocks for its result. The turn commits
    /// at most one batch first (none while commits are failing), so a job never waits behind a
    /// backlog or a failing disk; its answer is its own success or failure.
    Status run(std::function<Status(Store&)> job);
    /// Blocks until every sample submitted before the call is committed (or refused by the store
    /// and logged); an error as soon as a commit fails or one of those samples is dropped while it
    /// waits. Samples dropped before the call are told by health(), not by flush().
    Status flush();

    /// Thread-safe snapshot of the counters above.
    RecorderHealth health() const;
    /// Thread-safe. Non-finite values refused on one channel, and per channel.
    quint64 refusedNonFinite(ChannelId channel) const { return m_door.refused(channel); }
    QHash<ChannelId, quint64> refusedNonFiniteByChannel() const { return m_door.refusedByChannel(); }
    /// Monotonic ms (steady clock) of the writer loop's last turn. The loop turns at least once a
    /// second while it is not jammed; the service watchdog stops pinging when this stops moving.
    qint64 lastAliveMs() const { return m_aliveMs.load(); }
    static qint64 monotonicMs();

    qint64 lastCommittedSeq() const { return m_lastSeq.load(); }
    quint64 committedCount() const { return m_committed.load(); }
    QString storePath() const { return m_path; }

Q_SIGNALS:
    /// Emitted from the writer thread after each commit.
    void committed(qint64 lastSeq, int samples);
    /// Emitted from the writer thread when a commit failed; the samples stay queued.
    void writeFailed(const QString& error);
    /// Emitted from the writer thread (within a second) when a counter or state of health() changed.
    void healthChanged();

private:
    using Clock = std::chrono::steady_clock;
    struct Job
    {
        std::function<Status(Store&)> work;
        std::promise<Status>* result;
    };
    struct Turn;
    void writerLoop(std::promise<Status>* opened);
    bool waitForWork(std::unique_lock<std::mutex>& lock, Clock::time_point& retryAt,
                     Clock::time_point& stopDeadline);
    void takeWork(Turn& turn, bool commitNow);
    void commitTurn(BatchWriter& writer, Turn& turn);
    void noteFailure(const BatchOutcome& outcome, Turn& turn);
    void dropOldest(size_t bound);
    void closeDown();
    void emitHealthIfChanged();

    const QString m_path;
    const RecorderOptions m_opt;
    std::thread m_thread;
    std::atomic<bool> m_running{false};
    std::atomic<qint64> m_lastSeq{0};
    std::atomic<quint64> m_committed{0};
    std::atomic<qint64> m_aliveMs{0};
    NonFiniteDoor m_door;
    RecorderHealthBook m_health;
    quint64 m_healthEmitted = 0; // writer thread only
    quint64 m_doorEmitted = 0;   // writer thread only
    int m_failures = 0;          // writer thread only: failed commits in a row

    std::mutex m_mutex;
    std::condition_variable m_wake;      // to the writer: work is waiting
    std::condition_variable m_spaceFree; // to producers: the queue shrank
    SampleQueue m_queue;
    Clock::time_point m_queuedSince{}; // when the oldest queued sample (or state) arrived
    std::vector<NodeState> m_states;
    std::deque<Job> m_jobs;
    bool m_failing = false;     // mirrors health().failing for submit(), under m_mutex
    bool m_diskFull = false;    // mirrors health().diskFull
    bool m_writerStuck = false; // a submit() waited submitWaitMs in vain; cleared when a batch is taken
    bool m_stopping = false;
    bool m_closed = false; // the writer has answered its last job and will take no more
};

} // namespace fs
