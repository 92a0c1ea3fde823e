// Recorder: the store's only writer. Sources submit samples from any thread; a writer thread
// commits them in one prepared-statement transaction per flush.
#pragma once

#include "model/Sample.h"
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

class Recorder : public QObject
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
    void submit(std::span<const Sample> samples);
    void submitState(const NodeState& state);

    /// Blocks until the writer thread has registered the node; safe from any thread but the writer.
    Result<NodeChannels> registerNode(const NodeSpec& spec);
    /// Runs `job` on the writer thread after the samples queued before it; blocks for its result.
    Status run(std::function<Status(Store&)> job);
    /// Blocks until every sample submitted before the call is committed.
    Status flush();

    qint64 lastCommittedSeq() const { return m_lastSeq.load(); }
    quint64 committedCount() const { return m_committed.load(); }
    QString storePath() const { return m_path; }

Q_SIGNALS:
    /// Emitted from the writer thread after each commit.
    void committed(qint64 lastSeq, int samples);
    /// Emitted from the writer thread when a commit failed; the samples stay queued.
    void writeFailed(const QString& error);

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

    std::mutex m_mutex;
    std::condition_variable m_wake;      // to the writer: work is waiting
    std::condition_variable m_spaceFree; // to producers: the queue shrank
    std::deque<Sample> m_queue;
    std::vector<NodeState> m_states;
    std::deque<Job> m_jobs;
    bool m_stopping = false;
};

} // namespace fs
