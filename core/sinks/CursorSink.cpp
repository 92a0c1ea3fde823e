// CursorSink: one pass at a time per sink; the worker sleeps on the stop token, so stop() never
// waits for more than the far end's abort (a shut socket) and a local cursor write.
#include "CursorSink.h"

#include "store/Recorder.h"
#include "util/Logging.h"
#include "util/Redact.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

namespace fs {

namespace {

/// The first retry comes this soon after a failure; each further failure doubles it, up to the interval.
constexpr qint64 kFirstRetryMs = 5000;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

Result<QList<StoredReading>> readReadings(Store& store, qint64 after, int limit)
{
    return store.readingsAfter(after, limit);
}

Result<QList<StoredNodeState>> readNodeStates(Store& store, qint64 after, int limit)
{
    QSqlQuery q(store.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT seq, node_id, time_ms, state, detail FROM node_states "
                             "WHERE seq > ? ORDER BY seq LIMIT ?"));
    q.addBindValue(after);
    q.addBindValue(limit);
    if (!q.exec())
        return Error{QStringLiteral("reading node states: %1").arg(q.lastError().text())};
    QList<StoredNodeState> out;
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                    q.value(3).toString(), q.value(4).toString()});
    return out;
}

} // namespace

CursorSink::CursorSink(Recorder& recorder, QString storePath, QObject* parent)
    : QObject(parent), m_recorder(recorder), m_storePath(std::move(storePath))
{}

CursorSink::~CursorSink()
{
    stop();
}

QList<SinkStatus> CursorSink::statuses() const
{
    std::lock_guard lock(m_statusMutex);
    return m_statuses;
}

SinkStatus& CursorSink::statusOf(const QString& server)
{
    for (SinkStatus& s : m_statuses) {
        if (s.server == server)
            return s;
    }
    SinkStatus s;
    s.server = server;
    m_statuses.append(s);
    return m_statuses.last();
}

void CursorSink::start()
{
    if (m_worker.joinable())
        return;
    m_stop.reset();
    m_worker = std::thread([this] { workerLoop(); });
}

void CursorSink::stop()
{
    m_stop.request();
    if (m_worker.joinable())
        m_worker.join();
}

bool CursorSink::requestPass(const QString& server)
{
    if (!servers().contains(server))
        return false;
    {
        std::lock_guard lock(m_statusMutex);
        if (!m_requested.contains(server))
            m_requested.append(server);
    }
    m_stop.wake();
    return true;
}

bool CursorSink::takeRequest(const QString& server)
{
    std::lock_guard lock(m_statusMutex);
    return m_requested.removeAll(server) > 0;
}

bool CursorSink::anyRequest() const
{
    std::lock_guard lock(m_statusMutex);
    return !m_requested.isEmpty();
}

void CursorSink::workerLoop()
{
    {
        // The screen lists every far end at once, not only after its first pass has ended.
        std::lock_guard lock(m_statusMutex);
        for (const QString& server : servers())
            statusOf(server);
    }
    Q_EMIT statusChanged(statuses());
    while (!m_stop.requested()) {
        m_aliveMs = Recorder::monotonicMs();
        qint64 next = nowMs() + 60'000;
        for (const QString& server : servers()) {
            if (m_stop.requested())
                break;
            qint64 due = 0;
            {
                std::lock_guard lock(m_statusMutex);
                due = statusOf(server).nextAttemptMs;
            }
            if (takeRequest(server) || due <= nowMs())
                due = runNow(server).nextAttemptMs;
            next = std::min(next, due);
        }
        if (anyRequest())
            continue; // asked for during this round: served at once, not after the interval
        // In slices of a second, so that the liveness clock moves while the sink is idle; a
        // requestPass() wakes it early.
        while (!m_stop.requested() && nowMs() < next && !anyRequest()) {
            m_aliveMs = Recorder::monotonicMs();
            m_stop.waitFor(std::min<qint64>(1000, next - nowMs()));
        }
    }
    // Qt SQL: a connection is closed by the thread that opened it.
    m_reader.reset();
    m_readerThread = nullptr;
}

QList<SinkStatus> CursorSink::runAllNow()
{
    QList<SinkStatus> out;
    for (const QString& server : servers())
        out.append(runNow(server));
    return out;
}

SinkStatus CursorSink::runNow(const QString& server)
{
    std::lock_guard run(m_runMutex);
    m_passServer = server;
    SinkStatus pass;
    pass.server = server;
    QElapsedTimer t;
    t.start();
    const Status result =
        m_stop.requested() ? Status(Error{QStringLiteral("stopped")}) : runPass(server, pass);
    finishPass(server, result, pass, t.nsecsElapsed());
    const QList<SinkStatus> all = statuses();
    Q_EMIT statusChanged(all);
    for (const SinkStatus& s : all) {
        if (s.server == server)
            return s;
    }
    return pass;
}

void CursorSink::finishPass(const QString& server, const Status& result, SinkStatus pass, qint64 elapsedNs)
{
    const qint64 behind = countBehind(server);
    const qint64 interval = intervalMs(server);
    const qint64 now = nowMs();
    std::lock_guard lock(m_statusMutex);
    SinkStatus& st = statusOf(server);
    st.pushedReadings = pass.pushedReadings;
    st.pushedStates = pass.pushedStates;
    st.mergedReadings = pass.mergedReadings;
    st.rowsBehind = behind;
    st.ok = result.ok();
    if (result) {
        st.lastSuccessMs = now;
        st.lastError.clear();
        st.failures = 0;
        st.rowsPerSecond = pass.pushedReadings / std::max(0.001, elapsedNs / 1e9);
        st.nextAttemptMs = now + interval;
        qCInfo(lcPush) << server << ": delivered" << st.pushedReadings << "readings and" << st.pushedStates
                       << "node states at" << qRound(st.rowsPerSecond) << "rows/s;" << behind << "behind";
        return;
    }
    st.lastError = redact::apply(result.error());
    if (m_stop.requested()) {
        qCInfo(lcPush).noquote() << server << ": stopped during a pass:" << st.lastError;
        return;
    }
    ++st.failures;
    const qint64 backoff = std::min<qint64>(interval, kFirstRetryMs << std::min(st.failures - 1, 16));
    st.nextAttemptMs = now + backoff;
    qCWarning(lcPush).noquote() << server << ": pass failed (" << st.failures << "in a row), next try in"
                                << backoff / 1000 << "s:" << st.lastError;
}

qint64 CursorSink::countBehind(const QString& server)
{
    auto store = reader();
    if (!store)
        return -1;
    auto cursor = (*store)->cursor(readingsCursor(server));
    // One index step, as in reportProgress: COUNT(*) would walk a backlog of millions of rows
    // (seconds on an SD card) inside the pass, where it could hold stop past its 2 s. Sequence
    // numbers after a cursor have gaps only where retention had to delete unforwarded readings.
    const qint64 newest = (*store)->maxReadingSeq();
    return newest < 0 ? -1 : std::max<qint64>(0, newest - (cursor ? cursor.value() : 0));
}

void CursorSink::reportProgress(const QString& cursor, qint64 at)
{
    m_aliveMs = Recorder::monotonicMs();
    if (cursor != readingsCursor(m_passServer))
        return;
    auto store = reader();
    if (!store)
        return;
    // MAX(seq) is one index step where COUNT(*) would walk the backlog; sequence numbers after a
    // cursor have no gaps, so the difference is the count.
    const qint64 behind = std::max<qint64>(0, (*store)->maxReadingSeq() - at);
    {
        std::lock_guard lock(m_statusMutex);
        statusOf(m_passServer).rowsBehind = behind;
    }
    Q_EMIT statusChanged(statuses());
}

Result<Store*> CursorSink::reader()
{
    if (m_reader && m_readerThread != QThread::currentThreadId())
        m_reader.reset();
    if (!m_reader) {
        auto r = Store::open(m_storePath, Store::Mode::ReadOnly);
        if (!r)
            return Error{r.error()};
        m_reader = std::move(r).value();
        m_readerThread = QThread::currentThreadId();
    }
    return m_reader.get();
}

Status CursorSink::moveCursor(const QString& cursor, qint64 seq)
{
    return m_recorder.run([&](Store& store) { return store.setCursor(cursor, seq); });
}

template <typename Row>
Status CursorSink::forward(const QString& cursor, int limit,
                           const std::function<Result<QList<Row>>(Store&, qint64, int)>& read,
                           const Deliver<Row>& deliver, qint64& delivered)
{
    auto store = reader();
    if (!store)
        return Error{store.error()};
    auto start = (*store)->cursor(cursor);
    if (!start)
        return Error{start.error()};
    qint64 at = start.value();
    for (;;) {
        if (m_stop.requested())
            return Error{QStringLiteral("stopped")};
        auto chunk = read(**store, at, limit);
        if (!chunk)
            return Error{chunk.error()};
        if (chunk->isEmpty())
            return {};
        auto upto = deliver(*chunk);
        if (!upto)
            return Error{upto.error()};
        if (upto.value() <= at)
            return Error{QStringLiteral("%1: the far end took nothing after seq %2").arg(cursor).arg(at)};
        // The far end has confirmed: only now does the cursor move.
        if (Status s = moveCursor(cursor, upto.value()); !s)
            return s;
        for (const Row& r : *chunk)
            delivered += r.seq <= upto.value() ? 1 : 0;
        at = upto.value();
        reportProgress(cursor, at);
    }
}

Status CursorSink::forwardReadings(const QString& cursor, int limit, const Deliver<StoredReading>& deliver,
                                   qint64& delivered)
{
    return forward<StoredReading>(cursor, limit, readReadings, deliver, delivered);
}

Status CursorSink::forwardNodeStates(const QString& cursor, int limit,
                                     const Deliver<StoredNodeState>& deliver, qint64& delivered)
{
    return forward<StoredNodeState>(cursor, limit, readNodeStates, deliver, delivered);
}

} // namespace fs
