// Recorder: the writer thread's loop, its queue, and what it does when commits fail.
#include "Recorder.h"

#include "BatchWriter.h"
#include "LogTime.h"
#include "Store.h"
#include "util/Logging.h"

#include <QDateTime>
#include <algorithm>
#include <future>
#include <optional>
#include <sqlite3.h>

namespace fs {

namespace {

constexpr auto kAliveEvery = std::chrono::seconds(1);
/// While stopping, a failed commit is tried again this soon: stop has a budget, not a schedule.
constexpr auto kStopRetry = std::chrono::milliseconds(100);
/// The writer is the store's only writer, so a lock is rarely held for long; a short wait keeps
/// jobs and stop() from sitting behind SQLite's busy handler.
constexpr int kBusyTimeoutMs = 1000;

} // namespace

struct Recorder::Turn
{
    std::vector<Sample> batch;
    std::vector<NodeState> states;
    std::deque<Job> jobs;
    bool stopping = false;
    bool failed = false;
};

Recorder::Recorder(QString storePath, RecorderOptions options, QObject* parent)
    : QObject(parent), m_path(std::move(storePath)), m_opt(std::move(options))
{}

Recorder::~Recorder()
{
    stop();
}

qint64 Recorder::monotonicMs()
{
    return steadyMs();
}

RecorderHealth Recorder::health() const
{
    RecorderHealth h = m_health.snapshot();
    h.refusedNonFinite = m_door.refusedTotal();
    return h;
}

Status Recorder::start()
{
    if (m_running.load())
        return {};
    {
        std::lock_guard lock(m_mutex);
        m_stopping = false;
        m_closed = false;
        m_failing = false;
        m_diskFull = false;
    }
    std::promise<Status> opened;
    auto result = opened.get_future();
    m_thread = std::thread([this, &opened] { writerLoop(&opened); });
    Status s = result.get();
    if (!s) {
        m_thread.join();
        return s;
    }
    m_running = true;
    return {};
}

void Recorder::stop()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_spaceFree.notify_all();
    m_thread.join(); // the writer keeps to stopBudgetMs, plus at most one commit attempt
    m_running = false;
}

void Recorder::submit(const Sample& sample)
{
    submit(std::span<const Sample>(&sample, 1));
}

void Recorder::submit(std::span<const Sample> samples)
{
    std::vector<Sample> finite;
    if (m_door.filter(samples, finite) > 0)
        samples = finite;
    if (samples.empty())
        return;
    std::unique_lock lock(m_mutex);
    bool room = true;
    // Back-pressure only while the writer is making progress: a producer faster than the disk is
    // slowed to its pace, but nobody waits on a disk that is failing or full.
    // Once a wait has run out, nobody waits again until the writer has taken a batch: a stuck
    // writer costs a producer one submitWaitMs, not one per call.
    if (!m_failing && !m_stopping && m_queue.size() >= size_t(m_opt.maxQueued)) {
        room =
            !m_writerStuck && m_spaceFree.wait_for(lock, std::chrono::milliseconds(m_opt.submitWaitMs), [&] {
                return m_queue.size() < size_t(m_opt.maxQueued) || m_failing || m_stopping;
            });
        m_writerStuck = !room;
    }
    const bool wasEmpty = m_queue.empty();
    if (wasEmpty && m_states.empty())
        m_queuedSince = Clock::now();
    m_queue.append(samples);
    if (m_failing)
        dropOldest(size_t(m_opt.maxMemorySamples));
    else if (!room)
        dropOldest(size_t(m_opt.maxQueued));
    const bool full = m_queue.size() >= size_t(m_opt.maxBatch);
    lock.unlock();
    if (wasEmpty || full)
        m_wake.notify_one();
}

void Recorder::submitState(const NodeState& state)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_queue.empty() && m_states.empty())
            m_queuedSince = Clock::now();
        m_states.push_back(state);
    }
    m_wake.notify_one();
}

Status Recorder::run(std::function<Status(Store&)> job)
{
    if (!m_running.load())
        return Error{QStringLiteral("the recorder is not running")};
    if (m_thread.get_id() == std::this_thread::get_id())
        return Error{QStringLiteral("Recorder::run called from the writer thread")};
    std::promise<Status> done;
    auto result = done.get_future();
    {
        std::lock_guard lock(m_mutex);
        if (m_closed)
            return Error{QStringLiteral("the recorder has stopped")};
        m_jobs.push_back({std::move(job), &done});
    }
    m_wake.notify_one();
    return result.get();
}

Status Recorder::flush()
{
    if (!m_running.load())
        return Error{QStringLiteral("the recorder is not running")};
    if (m_thread.get_id() == std::this_thread::get_id())
        return Error{QStringLiteral("Recorder::flush called from the writer thread")};
    std::promise<Status> done;
    auto result = done.get_future();
    {
        std::lock_guard lock(m_mutex);
        if (m_closed)
            return Error{QStringLiteral("the recorder has stopped")};
        m_queue.addBarrier(&done);
    }
    m_wake.notify_one();
    return result.get();
}

Result<NodeChannels> Recorder::registerNode(const NodeSpec& spec)
{
    std::optional<Result<NodeChannels>> out;
    Status s = run([&](Store& store) -> Status {
        out = store.ensureNode(spec);
        return out->ok() ? Status() : Status(Error{out->error()});
    });
    if (!s)
        return Error{QStringLiteral("registering %1: %2").arg(spec.key, s.error())};
    return std::move(*out);
}

void Recorder::writerLoop(std::promise<Status>* opened)
{
    auto storeOr = Store::open(m_path, Store::Mode::ReadWrite, m_opt.vfs);
    if (!storeOr) {
        opened->set_value(Error{storeOr.error()});
        return;
    }
    std::unique_ptr<Store> store = std::move(storeOr).value();
    sqlite3* db = store->handle();
    if (!db) {
        opened->set_value(Error{QStringLiteral("%1: the SQLite driver gave no native handle").arg(m_path)});
        return;
    }
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    m_lastSeq = store->maxReadingSeq();
    m_failures = 0;
    {
        // Declared after the store, so its statements are finalized before the store closes.
        BatchWriter writer(db, [this](qint64 last, int samples) {
            if (samples > 0) {
                m_lastSeq = last;
                m_committed += quint64(samples);
            }
            Q_EMIT committed(m_lastSeq.load(), samples);
        });
        opened->set_value(Status());
        qCInfo(lcRecorder) << "recording to" << m_path;

        Clock::time_point retryAt{};
        Clock::time_point stopDeadline = Clock::time_point::max();
        for (;;) {
            Turn turn;
            {
                std::unique_lock lock(m_mutex);
                const bool due = waitForWork(lock, retryAt, stopDeadline);
                takeWork(turn, due && Clock::now() >= retryAt);
            }
            m_spaceFree.notify_all();

            commitTurn(writer, turn);
            if (turn.failed) {
                auto delay = std::chrono::milliseconds(
                    std::min(qint64(m_opt.retryDelayMs) << std::min(m_failures - 1, 16),
                             qint64(m_opt.maxRetryDelayMs)));
                if (turn.stopping)
                    delay = std::min<std::chrono::milliseconds>(delay, kStopRetry);
                retryAt = Clock::now() + delay;
            }
            // Jobs get their own answer at every turn, whether the commit went through or not.
            for (Job& j : turn.jobs)
                j.result->set_value(j.work(*store));
            m_aliveMs = monotonicMs();
            emitHealthIfChanged();

            const QString lastError = health().lastError;
            std::lock_guard lock(m_mutex);
            m_queue.answerBarriers(turn.failed || Clock::now() < retryAt, lastError);
            if (turn.stopping) {
                const bool drained = m_queue.empty() && m_states.empty() && m_jobs.empty();
                if (drained || Clock::now() >= stopDeadline) {
                    closeDown();
                    break;
                }
            }
        }
    }
    emitHealthIfChanged();
    qCInfo(lcRecorder) << "closed" << m_path << "at seq" << m_lastSeq.load();
}

bool Recorder::waitForWork(std::unique_lock<std::mutex>& lock, Clock::time_point& retryAt,
                           Clock::time_point& stopDeadline)
{
    const auto interval = std::chrono::milliseconds(m_opt.flushIntervalMs);
    // Turn at least once a second even when idle, so that liveness and health changes show.
    const auto tick = Clock::now() + kAliveEvery;
    for (;;) {
        const auto now = Clock::now();
        m_aliveMs = monotonicMs();
        if (m_stopping && stopDeadline == Clock::time_point::max()) {
            stopDeadline = now + std::chrono::milliseconds(m_opt.stopBudgetMs);
            retryAt = now; // what failed may go through now; stop does not wait out a back-off
        }
        const bool backingOff = now < retryAt;
        const bool waiting = !m_queue.empty() || !m_states.empty();
        if (!m_jobs.empty() || m_queue.hasBarriers())
            return true;
        if (m_stopping && (!backingOff || now >= stopDeadline))
            return true;
        if (!backingOff && waiting &&
            (m_queue.size() >= size_t(m_opt.maxBatch) || now >= m_queuedSince + interval))
            return true;
        if (now >= tick)
            return false;
        auto wake = tick;
        if (backingOff)
            wake = std::min(wake, retryAt);
        else if (waiting)
            wake = std::min(wake, m_queuedSince + interval);
        if (m_stopping)
            wake = std::min(wake, stopDeadline);
        m_wake.wait_until(lock, wake);
    }
}

void Recorder::takeWork(Turn& turn, bool commitNow)
{
    turn.stopping = m_stopping;
    turn.jobs.swap(m_jobs);
    if (!commitNow)
        return;
    // At most maxBatch samples per transaction, so one commit stays bounded.
    turn.batch = m_queue.takeFront(size_t(m_opt.maxBatch));
    m_writerStuck = false;
    turn.states.swap(m_states);
    // What stays queued is older than anything submitted from now on: it keeps its arrival time,
    // so it is due at once.
}

void Recorder::commitTurn(BatchWriter& writer, Turn& turn)
{
    if (turn.batch.empty() && turn.states.empty())
        return;
    const BatchOutcome out = writer.write(turn.batch, turn.states);
    m_health.refused(out.refused);
    if (out.failure != CommitFailure::None) {
        noteFailure(out, turn);
        return;
    }
    if (m_failures > 0) {
        m_health.commitsResumed(m_failures);
        m_failures = 0;
        std::lock_guard lock(m_mutex);
        m_failing = false;
        m_diskFull = false;
    }
}

void Recorder::noteFailure(const BatchOutcome& out, Turn& turn)
{
    turn.failed = true;
    ++m_failures;
    {
        std::lock_guard lock(m_mutex);
        // The batch goes back to the front of the queue, in order, to be tried again.
        m_queue.putBack(turn.batch);
        m_states.insert(m_states.begin(), turn.states.begin(), turn.states.end());
        m_failing = true;
        m_diskFull = out.failure == CommitFailure::DiskFull;
        dropOldest(size_t(m_opt.maxMemorySamples));
    }
    // After the drops are counted, so that whoever sees the failure sees what it cost.
    m_health.commitFailed(out, m_opt.maxMemorySamples);
    m_spaceFree.notify_all(); // producers waiting on back-pressure stop waiting: the disk is failing
    Q_EMIT writeFailed(out.error);
}

void Recorder::dropOldest(size_t bound)
{
    const QString why =
        m_diskFull ? QStringLiteral("the disk is full") : QStringLiteral("the writer is behind");
    m_health.dropped(m_queue.dropOldest(bound, why), m_diskFull, why);
}

void Recorder::closeDown()
{
    if (!m_queue.empty()) {
        qCCritical(lcRecorder).noquote()
            << "stopping with" << m_queue.size() << "samples not stored, from"
            << utcText(m_queue.samples().front().timeMs) << "to" << utcText(m_queue.samples().back().timeMs)
            << ":" << health().lastError;
    }
    if (!m_states.empty())
        qCCritical(lcRecorder) << "stopping with" << m_states.size() << "node states not stored";
    const Error stopped{QStringLiteral("the recorder stopped before it could answer")};
    for (Job& j : m_jobs)
        j.result->set_value(stopped);
    m_jobs.clear();
    m_queue.answerAllBarriers(stopped);
    m_queue.clear();
    m_states.clear();
    m_closed = true;
}

void Recorder::emitHealthIfChanged()
{
    const quint64 version = m_health.version();
    const quint64 door = m_door.refusedTotal();
    if (version == m_healthEmitted && door == m_doorEmitted)
        return;
    m_healthEmitted = version;
    m_doorEmitted = door;
    Q_EMIT healthChanged();
}

} // namespace fs
