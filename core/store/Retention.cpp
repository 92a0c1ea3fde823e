// Retention: chunked, cursor-aware deletion of old readings and node states, and the free-space guard.
//
// Freed pages are reused in place (SQLite's free list), not returned to the filesystem with
// auto_vacuum=INCREMENTAL. Measured here (4.4 M readings, 198 MB): switching an existing store needs
// a full VACUUM, 1.2 s on this machine's SSD but minutes for a 30-day store of several GB on an SD
// card, and it needs as much free space again, exactly what a station low on disk lacks; the
// incremental mode then costs ~4 % on inserts, and incremental_vacuum moves pages (0.45 s for 98 MB)
// only for tomorrow's readings to grow the file again. Under retention the file settles at
// keep_days' worth and new readings fill the freed pages, so the free-space guard counts the
// store's free pages as room.
#include "Retention.h"

#include "MinuteAggregates.h"
#include "Recorder.h"
#include "Store.h"
#include "util/Logging.h"

#include <QDateTime>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <limits>
#include <optional>
#include <sys/statvfs.h>

namespace fs {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr qint64 kMiB = 1024 * 1024;
constexpr qint64 kNoLimit = std::numeric_limits<qint64>::max();

qint64 statvfsFreeBytes(const QString& dir)
{
    struct statvfs s
    {};
    if (::statvfs(QFile::encodeName(dir).constData(), &s) != 0)
        return -1;
    return qint64(s.f_bavail) * qint64(s.f_frsize);
}

qint64 pragmaValue(Store& store, const char* pragma)
{
    QSqlQuery q(store.db());
    if (!q.exec(QString::fromLatin1(pragma)) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

void addError(RetentionStatus& st, const QString& error)
{
    st.lastError = st.lastError.isEmpty() ? error : st.lastError + QStringLiteral("; ") + error;
}

} // namespace

Retention::Retention(Recorder& recorder, QString storePath, RetentionOptions options, QObject* parent)
    : QObject(parent), m_recorder(recorder), m_path(std::move(storePath)), m_opt(std::move(options))
{}

Retention::~Retention()
{
    stop();
}

void Retention::start()
{
    if (m_worker.joinable())
        return;
    m_cancel.store(false);
    m_worker = std::thread([this] { workerLoop(); });
}

void Retention::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_cancel.store(true);
    }
    m_wake.notify_all();
    if (m_worker.joinable())
        m_worker.join();
}

void Retention::workerLoop()
{
    qint64 nextPass = 0;
    while (!cancelled()) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        if (now >= nextPass) {
            const RetentionStatus st = runOnce(now);
            Q_EMIT statusChanged(st);
            nextPass = now + m_opt.intervalMs;
        } else if (Status s = foldMinutes(now); !s) {
            qCWarning(lcStore) << "minute fold:" << s.error();
        }
        const qint64 wait = std::min<qint64>(m_opt.foldEveryMs, nextPass - now);
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, std::chrono::milliseconds(std::max<qint64>(1, wait)),
                        [this] { return cancelled(); });
    }
}

Status Retention::foldMinutes(qint64 nowMs)
{
    for (bool more = true; more && !cancelled();) {
        std::optional<Result<bool>> folded;
        const Status s = m_recorder.run([&](Store& store) -> Status {
            folded = MinuteAggregates::foldClosed(store.db(), nowMs);
            return folded->ok() ? Status() : Status(Error{folded->error()});
        });
        if (!s)
            return s;
        more = folded->value();
    }
    return {};
}

RetentionStatus Retention::status() const
{
    std::lock_guard lock(m_statusMutex);
    return m_status;
}

RetentionStatus Retention::runOnce(qint64 nowMs)
{
    RetentionStatus st;
    {
        const RetentionStatus before = status();
        st.totalDeleted = before.totalDeleted;
        st.totalForcedUnforwarded = before.totalForcedUnforwarded;
    }
    st.lastRunMs = nowMs;
    // First, so that the charts' minutes are complete up to now before old ones are pruned.
    if (Status s = foldMinutes(nowMs); !s)
        addError(st, QStringLiteral("minute fold: %1").arg(s.error()));
    auto reader = Store::open(m_path, Store::Mode::ReadOnly);
    if (!reader) {
        addError(st, reader.error());
    } else {
        Store& r = *reader.value();
        const auto readLimit = lowestCursor(r, m_opt.readingCursors);
        if (!readLimit) {
            addError(st, readLimit.error());
        } else {
            const auto aged =
                deleteReadings(r, 0, readLimit.value(), nowMs - qint64(m_opt.keepDays) * kDayMs, {});
            if (aged)
                st.agedDeleted = aged->rows;
            else
                addError(st, aged.error());
            // Past the cutoff minute_aggregates holds the minutes: the charts' copy can go.
            if (Status s = m_recorder.run([&](Store& store) -> Status {
                    const auto pruned = MinuteAggregates::pruneChartMinutes(
                        store.db(), nowMs - qint64(m_opt.keepDays) * kDayMs);
                    return pruned ? Status() : Status(Error{pruned.error()});
                });
                !s)
                addError(st, s.error());
            const auto states = deleteStates(r, nowMs - qint64(m_opt.keepDays) * kDayMs);
            if (states)
                st.statesDeleted = states.value();
            else
                addError(st, states.error());
            // Even when the aged pass failed: a full disk is exactly when the room matters most.
            if (Status s = keepRoom(r, readLimit.value(), st); !s)
                addError(st, s.error());
        }
        const qint64 room = roomBytes(r);
        st.freeMb = room < 0 ? -1 : room / kMiB;
    }
    st.cancelled = cancelled();
    st.totalDeleted += st.agedDeleted + st.forcedForwarded + st.forcedUnforwarded;
    st.totalForcedUnforwarded += st.forcedUnforwarded;
    if (!st.lastError.isEmpty())
        qCWarning(lcStore) << "retention:" << st.lastError;
    else if (st.agedDeleted + st.forcedForwarded + st.statesDeleted > 0)
        qCInfo(lcStore) << "retention deleted" << st.agedDeleted << "old and" << st.forcedForwarded
                        << "young forwarded readings," << st.statesDeleted << "node states;" << st.freeMb
                        << "MB free";
    std::lock_guard lock(m_statusMutex);
    m_status = st;
    return st;
}

Result<qint64> Retention::lowestCursor(Store& store, const QStringList& cursors)
{
    qint64 lowest = kNoLimit;
    for (const QString& name : cursors) {
        const auto c = store.cursor(name);
        if (!c)
            return Error{QStringLiteral("reading cursor %1: %2").arg(name, c.error())};
        lowest = std::min(lowest, c.value());
    }
    return lowest;
}

qint64 Retention::roomBytes(Store& reader)
{
    const qint64 disk = m_opt.freeBytes ? m_opt.freeBytes(QFileInfo(m_path).absolutePath())
                                        : statvfsFreeBytes(QFileInfo(m_path).absolutePath());
    const qint64 freePages = pragmaValue(reader, "PRAGMA freelist_count");
    const qint64 pageSize = pragmaValue(reader, "PRAGMA page_size");
    if (disk < 0 || freePages < 0 || pageSize < 0)
        return -1;
    return disk + freePages * pageSize;
}

Result<Retention::Span> Retention::deleteReadings(Store& reader, qint64 afterSeq, qint64 limitSeq,
                                                  qint64 beforeMs, const std::function<bool()>& enough)
{
    // Chunks follow seq, the table's own order: a chunk's rows sit on a few neighbouring pages, so
    // each transaction writes little and frees whole pages. Seq follows time, so the first chunk
    // with nothing old enough marks the frontier; a reading that arrived late with an old time
    // stamp waits until its neighbours age, at most keep_days after it was stored.
    Span span;
    qint64 after = afterSeq;
    while (!cancelled() && !(enough && enough())) {
        qint64 lo = 0, hi = 0;
        {
            QSqlQuery q(reader.db());
            q.prepare(QStringLiteral("SELECT MIN(seq), MAX(seq) FROM (SELECT seq FROM readings "
                                     "WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?)"));
            q.addBindValue(after);
            q.addBindValue(limitSeq);
            q.addBindValue(m_opt.chunkRows);
            if (!q.exec() || !q.next())
                return Error{
                    QStringLiteral("finding readings after seq %1: %2").arg(after).arg(q.lastError().text())};
            if (q.value(0).isNull())
                break;
            lo = q.value(0).toLongLong();
            hi = q.value(1).toLongLong();
        }
        std::optional<Result<qint64>> deleted;
        const Status s = m_recorder.run([&](Store& store) -> Status {
            deleted = MinuteAggregates::foldAndDelete(store.db(), lo, hi, beforeMs);
            return deleted->ok() ? Status() : Status(Error{deleted->error()});
        });
        if (!s)
            return Error{s.error()};
        if (deleted->value() == 0)
            break;
        if (span.rows == 0)
            span.firstSeq = lo;
        span.rows += deleted->value();
        span.lastSeq = hi;
        after = hi;
    }
    return span;
}

Result<qint64> Retention::deleteStates(Store& reader, qint64 beforeMs)
{
    const auto limit = lowestCursor(reader, m_opt.stateCursors);
    if (!limit)
        return Error{limit.error()};
    qint64 total = 0;
    for (qint64 deleted = m_opt.chunkRows; deleted == m_opt.chunkRows && !cancelled();) {
        const Status s = m_recorder.run([&](Store& store) -> Status {
            // The newest state of each node stays whatever its age: it is what the node is now.
            // (SQLite gives a bare column beside MAX() from the row holding the maximum.)
            QSqlQuery q(store.db());
            q.prepare(QStringLiteral(
                "DELETE FROM node_states WHERE seq IN (SELECT seq FROM node_states "
                "WHERE time_ms < ? AND seq <= ? AND seq NOT IN "
                "(SELECT seq FROM (SELECT seq, MAX(time_ms) FROM node_states GROUP BY node_id)) "
                "ORDER BY seq LIMIT ?)"));
            q.addBindValue(beforeMs);
            q.addBindValue(limit.value());
            q.addBindValue(m_opt.chunkRows);
            if (!q.exec())
                return Error{QStringLiteral("deleting node states: %1").arg(q.lastError().text())};
            deleted = q.numRowsAffected();
            return Status();
        });
        if (!s)
            return Error{s.error()};
        total += deleted;
    }
    return total;
}

Status Retention::keepRoom(Store& reader, qint64 readLimit, RetentionStatus& st)
{
    const qint64 want = m_opt.minFreeMb * kMiB;
    const qint64 room = roomBytes(reader);
    if (want <= 0 || room < 0 || room >= want)
        return {};
    const auto enough = [&] { return roomBytes(reader) >= want; };
    // Forwarded readings first, oldest first, whatever their age: nothing is lost but history.
    const auto forwarded = deleteReadings(reader, 0, readLimit, kNoLimit, enough);
    if (!forwarded)
        return Error{forwarded.error()};
    st.forcedForwarded = forwarded->rows;
    if (cancelled() || enough())
        return {};
    // The last resort loses data no sink has, so it runs only when it can restore the room: a disk
    // filled by something else would otherwise cost every reading for nothing.
    const qint64 deficit = want - roomBytes(reader);
    const qint64 inUse =
        (pragmaValue(reader, "PRAGMA page_count") - pragmaValue(reader, "PRAGMA freelist_count")) *
        pragmaValue(reader, "PRAGMA page_size");
    if (deficit > inUse) {
        qCWarning(lcStore) << "retention: the disk is short of" << deficit / kMiB
                           << "MB but the store holds only" << inUse / kMiB
                           << "MB; something else fills it, unforwarded readings are kept";
        return {};
    }
    const auto unforwarded = deleteReadings(reader, readLimit, kNoLimit, kNoLimit, enough);
    if (!unforwarded)
        return Error{unforwarded.error()};
    st.forcedUnforwarded = unforwarded->rows;
    if (unforwarded->rows > 0)
        qCWarning(lcStore).nospace() << "retention: deleted " << unforwarded->rows
                                     << " readings no sink had forwarded (seq " << unforwarded->firstSeq
                                     << ".." << unforwarded->lastSeq << ") to keep " << m_opt.minFreeMb
                                     << " MB free";
    return {};
}

} // namespace fs
