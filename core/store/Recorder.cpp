// Recorder: batching writer thread over the store's native SQLite handle.
#include "Recorder.h"

#include "Store.h"
#include "util/Logging.h"

#include <QElapsedTimer>
#include <chrono>
#include <future>
#include <optional>
#include <sqlite3.h>

namespace fs {

namespace {

/// A prepared statement that finalizes itself.
class Statement
{
public:
    Statement(sqlite3* db, const char* sql)
    {
        if (sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr) != SQLITE_OK)
            m_stmt = nullptr;
    }
    ~Statement() { sqlite3_finalize(m_stmt); }
    sqlite3_stmt* get() const { return m_stmt; }

private:
    sqlite3_stmt* m_stmt = nullptr;
};

QString sqliteError(sqlite3* db)
{
    return QString::fromUtf8(sqlite3_errmsg(db));
}

} // namespace

Recorder::Recorder(QString storePath, RecorderOptions options, QObject* parent)
    : QObject(parent), m_path(std::move(storePath)), m_opt(options)
{}

Recorder::~Recorder()
{
    stop();
}

qint64 Recorder::monotonicMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

RecorderHealth Recorder::health() const
{
    std::lock_guard lock(m_healthMutex);
    return m_health;
}

Status Recorder::start()
{
    if (m_running.load())
        return {};
    m_stopping = false;
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
    m_thread.join();
    m_running = false;
}

void Recorder::submit(const Sample& sample)
{
    submit(std::span<const Sample>(&sample, 1));
}

void Recorder::submit(std::span<const Sample> samples)
{
    std::unique_lock lock(m_mutex);
    m_spaceFree.wait(lock, [&] { return m_queue.size() < size_t(m_opt.maxQueued) || m_stopping; });
    const bool wasEmpty = m_queue.empty();
    m_queue.insert(m_queue.end(), samples.begin(), samples.end());
    const bool full = m_queue.size() >= size_t(m_opt.maxBatch);
    lock.unlock();
    if (wasEmpty || full)
        m_wake.notify_one();
}

void Recorder::submitState(const NodeState& state)
{
    {
        std::lock_guard lock(m_mutex);
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
        m_jobs.push_back({std::move(job), &done});
    }
    m_wake.notify_one();
    return result.get();
}

Status Recorder::flush()
{
    return run([](Store&) { return Status(); });
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
    auto storeOr = Store::open(m_path);
    if (!storeOr) {
        opened->set_value(Error{storeOr.error()});
        return;
    }
    std::unique_ptr<Store> store = std::move(storeOr).value();
    m_lastSeq = store->maxReadingSeq();
    opened->set_value(Status());
    qCInfo(lcRecorder) << "recording to" << m_path;

    using Clock = std::chrono::steady_clock;
    const auto interval = std::chrono::milliseconds(m_opt.flushIntervalMs);
    std::vector<Sample> batch;
    std::vector<NodeState> states;
    std::deque<Job> jobs;

    for (;;) {
        bool stopping = false;
        m_aliveMs = monotonicMs();
        {
            std::unique_lock lock(m_mutex);
            // Sleep until there is a reason to commit: a job, a full batch, the oldest waiting
            // sample reaching the flush interval, or stop.
            Clock::time_point deadline{};
            bool haveDeadline = false;
            for (;;) {
                if (m_stopping || !m_jobs.empty() || m_queue.size() >= size_t(m_opt.maxBatch))
                    break;
                if (m_queue.empty() && m_states.empty()) {
                    haveDeadline = false;
                    // Wake once a second even when idle, so that liveness shows.
                    m_wake.wait_for(lock, std::chrono::seconds(1));
                    m_aliveMs = monotonicMs();
                    continue;
                }
                if (!haveDeadline) {
                    deadline = Clock::now() + interval;
                    haveDeadline = true;
                }
                if (Clock::now() >= deadline)
                    break;
                m_wake.wait_until(lock, deadline);
                m_aliveMs = monotonicMs();
            }
            stopping = m_stopping;
            // At most maxBatch samples per transaction, so one commit stays bounded.
            const size_t take = std::min(m_queue.size(), size_t(m_opt.maxBatch));
            batch.assign(m_queue.begin(), m_queue.begin() + ptrdiff_t(take));
            m_queue.erase(m_queue.begin(), m_queue.begin() + ptrdiff_t(take));
            states.swap(m_states);
            if (m_queue.empty())
                jobs.swap(m_jobs); // a job runs only after every sample queued before it
        }
        m_spaceFree.notify_all();

        Status s = commit(*store, batch, states);
        if (!s) {
            qCWarning(lcRecorder) << "commit failed, keeping" << batch.size()
                                  << "samples queued:" << s.error();
            Q_EMIT writeFailed(s.error());
            std::unique_lock lock(m_mutex);
            m_queue.insert(m_queue.begin(), batch.begin(), batch.end());
            m_states.insert(m_states.begin(), states.begin(), states.end());
            for (auto it = jobs.rbegin(); it != jobs.rend(); ++it)
                m_jobs.push_front(std::move(*it));
            batch.clear();
            states.clear();
            jobs.clear();
            if (stopping) {
                qCCritical(lcRecorder)
                    << "stopping with" << m_queue.size() << "samples not stored:" << s.error();
                for (Job& j : m_jobs)
                    j.result->set_value(Error{s.error()});
                m_jobs.clear();
                break;
            }
            m_wake.wait_for(lock, std::chrono::milliseconds(m_opt.retryDelayMs), [&] { return m_stopping; });
            continue;
        }
        batch.clear();
        states.clear();
        for (Job& j : jobs)
            j.result->set_value(j.work(*store));
        jobs.clear();

        if (stopping) {
            std::lock_guard lock(m_mutex);
            if (m_queue.empty() && m_states.empty() && m_jobs.empty())
                break;
        }
    }
    qCInfo(lcRecorder) << "closed" << m_path << "at seq" << m_lastSeq.load();
}

Status Recorder::commit(Store& store, std::vector<Sample>& samples, std::vector<NodeState>& states)
{
    if (samples.empty() && states.empty())
        return {};
    sqlite3* db = store.handle();
    if (!db)
        return Error{QStringLiteral("the SQLite driver gave no native handle")};
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
        return Error{sqliteError(db)};
    const auto rollback = [db](const QString& why) {
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        return Error{why};
    };
    qint64 last = m_lastSeq.load();
    if (!samples.empty()) {
        Statement insert(db, "INSERT INTO readings (time_ms, channel_id, value) VALUES (?, ?, ?)");
        if (!insert.get())
            return rollback(sqliteError(db));
        for (const Sample& s : samples) {
            sqlite3_bind_int64(insert.get(), 1, s.timeMs);
            sqlite3_bind_int64(insert.get(), 2, s.channel);
            sqlite3_bind_double(insert.get(), 3, s.value);
            if (sqlite3_step(insert.get()) != SQLITE_DONE)
                return rollback(sqliteError(db));
            sqlite3_reset(insert.get());
        }
        last = sqlite3_last_insert_rowid(db); // before the node states take over the rowid
    }
    if (!states.empty()) {
        Statement insert(db, "INSERT INTO node_states (node_id, time_ms, state, detail) VALUES (?, ?, ?, ?)");
        if (!insert.get())
            return rollback(sqliteError(db));
        for (const NodeState& st : states) {
            const QByteArray state = st.state.toUtf8();
            const QByteArray detail = st.detail.toUtf8();
            sqlite3_bind_int64(insert.get(), 1, st.node);
            sqlite3_bind_int64(insert.get(), 2, st.timeMs);
            sqlite3_bind_text(insert.get(), 3, state.constData(), int(state.size()), SQLITE_TRANSIENT);
            sqlite3_bind_text(insert.get(), 4, detail.constData(), int(detail.size()), SQLITE_TRANSIENT);
            if (sqlite3_step(insert.get()) != SQLITE_DONE)
                return rollback(sqliteError(db));
            sqlite3_reset(insert.get());
        }
    }
    if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        return rollback(sqliteError(db));
    m_lastSeq = last;
    m_committed += samples.size();
    Q_EMIT committed(last, int(samples.size()));
    return {};
}

} // namespace fs
