// Recorder: the store's only writer. Sources submit samples from any thread; a writer thread
// commits them in one prepared-statement transaction per flush.
#pragma once

#include "model/Sample.h"
#include "model/SampleSink.h"
#include "util/Result.h"

#include <QObject>
#include <QString>
#include <atomic>
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
    int maxBatch = 4096;        ///< flush as soon as this many samples wait
    int maxQueued = 262144;     ///< submit() blocks above this (back-pressure, bounded memory)
    int retryDelayMs = 1000;    ///< after a failed commit, wait this long before trying again
};

/// What the screen, the log and the service watchdog learn of the Recorder's health.
struct RecorderHealth
{
    quint64 refusedNonFinite = 0; ///< samples refused at the door (NaN, ±inf); never reach SQL
    quint64 refusedByStore = 0;   ///< samples the database refused, isolated and logged
    quint64 droppedDiskFull = 0;  ///< samples dropped while the disk was full, over the memory bound
    bool diskFull = false;        ///< the last commit failed for want of space
    QString lastError;            ///< the last failed commit's error, empty after a good commit
};

class Recorder : public QObject, public SampleSink
{
    Q_OBJECT
public:
    explicit Recorder(QString storePath, RecorderOptions options = {}, QObject* parent = nullptr);
    ~Recorder() override;

    /// Opens and migrates the store on the writer thread; an error if that fails.
    Status start();
    /// Commits everything submitted so far, closes the store and joins the writer thread.
    void stop();
    bool isRunning() const { return m_running.load(); }

    /// Thread-safe. Blocks only while more than maxQueued samples wait (the disk is behind).
    void submit(const Sample& sample);
    void submit(std::span<const Sample> samples) override;
    void submitState(const NodeState& state) override;

    /// Blocks until the writer thread has registered the node; safe from any thread but the writer.
    Result<NodeChannels> registerNode(const NodeSpec& spec) override;
    /// Runs `job` on the writer thread after the samples queued before it; blocks for its result.
    Status run(std::function<Status(Store&)> job);
    /// Blocks until every sample submitted before the call is committed.
    Status flush();

    /// Thread-safe snapshot of the counters above.
    RecorderHealth health() const;
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
    /// Emitted from the writer thread when a counter or the disk-full state of health() changed.
    void healthChanged();

private:
    struct Job
    {
        std::function<Status(Store&)> work;
        std::promise<Status>* result;
    };
    void writerLoop(std::promise<Status>* opened);
    Status commit(Store& store, std::vector<Sample>& samples, std::vector<NodeState>& states);

    const QString m_path;
    const RecorderOptions m_opt;
    std::thread m_thread;
    std::atomic<bool> m_running{false};
    std::atomic<qint64> m_lastSeq{0};
    std::atomic<quint64> m_committed{0};
    std::atomic<qint64> m_aliveMs{0};
    mutable std::mutex m_healthMutex;
    RecorderHealth m_health;

    std::mutex m_mutex;
    std::condition_variable m_wake;      // to the writer: work is waiting
    std::condition_variable m_spaceFree; // to producers: the queue shrank
    std::deque<Sample> m_queue;
    std::vector<NodeState> m_states;
    std::deque<Job> m_jobs;
    bool m_stopping = false;
};

} // namespace fs
