// MinuteAggregates: readings folded into per-minute rows with an upsert that merges partial minutes.
#include "MinuteAggregates.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>

namespace fs {

namespace {

constexpr qint64 kMinuteMs = 60'000;

/// Adds the readings `rows` selects (channel_id, time_ms, value) to their minutes in `table`
/// (minute_aggregates or chart_minutes, the same columns): a minute already
/// partly folded in (its other readings came in an earlier chunk, or late) is merged: counts add,
/// extremes combine, means weigh by count. SQLite's integer division truncates towards zero; the
/// CASE floors times before 1970 too.
QString upsertFrom(const char* table, const QString& rows)
{
    return QStringLiteral(
               "INSERT INTO %2 (channel_id, minute_ms, n, min, mean, max) "
               "SELECT channel_id, minute, COUNT(*), MIN(value), AVG(value), MAX(value) FROM ("
               "  SELECT channel_id, value,"
               "   (time_ms / 60000 - CASE WHEN time_ms % 60000 < 0 THEN 1 ELSE 0 END) * 60000 AS minute"
               "  FROM (%1)) "
               "WHERE true GROUP BY channel_id, minute "
               "ON CONFLICT (channel_id, minute_ms) DO UPDATE SET "
               " n = n + excluded.n,"
               " min = MIN(min, excluded.min),"
               " mean = (mean * n + excluded.mean * excluded.n) / (n + excluded.n),"
               " max = MAX(max, excluded.max)")
        .arg(rows, QLatin1String(table));
}

Error failed(QSqlDatabase& db, const QString& what, const QSqlQuery& q)
{
    db.rollback();
    return Error{QStringLiteral("%1: %2").arg(what, q.lastError().text())};
}

} // namespace

qint64 MinuteAggregates::minuteOf(qint64 timeMs)
{
    const qint64 m = timeMs / kMinuteMs - (timeMs % kMinuteMs < 0 ? 1 : 0);
    return m * kMinuteMs;
}

Result<qint64> MinuteAggregates::foldAndDelete(QSqlDatabase& db, qint64 fromSeq, qint64 toSeq,
                                               qint64 beforeMs)
{
    if (!db.transaction())
        return Error{QStringLiteral("begin: %1").arg(db.lastError().text())};
    QSqlQuery q(db);
    q.prepare(
        upsertFrom("minute_aggregates", QStringLiteral("SELECT channel_id, time_ms, value FROM readings "
                                                       "WHERE seq BETWEEN ? AND ? AND time_ms < ?")));
    q.addBindValue(fromSeq);
    q.addBindValue(toSeq);
    q.addBindValue(beforeMs);
    if (!q.exec())
        return failed(db, QStringLiteral("folding readings %1..%2 into minutes").arg(fromSeq).arg(toSeq), q);
    q.prepare(QStringLiteral("DELETE FROM readings WHERE seq BETWEEN ? AND ? AND time_ms < ?"));
    q.addBindValue(fromSeq);
    q.addBindValue(toSeq);
    q.addBindValue(beforeMs);
    if (!q.exec())
        return failed(db, QStringLiteral("deleting readings %1..%2").arg(fromSeq).arg(toSeq), q);
    const qint64 deleted = q.numRowsAffected();
    if (!db.commit()) {
        const QString e = db.lastError().text();
        db.rollback();
        return Error{QStringLiteral("commit of readings %1..%2: %3").arg(fromSeq).arg(toSeq).arg(e)};
    }
    return deleted;
}

Result<MinuteFoldState> MinuteAggregates::foldState(QSqlDatabase& db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT folded_seq, folded_to_ms FROM minute_folds WHERE id = 1")) ||
        !q.next())
        return Error{QStringLiteral("reading minute_folds: %1").arg(q.lastError().text())};
    return MinuteFoldState{q.value(0).toLongLong(), q.value(1).toLongLong()};
}

Result<bool> MinuteAggregates::foldClosed(QSqlDatabase& db, qint64 nowMs, qint64 chunkRows)
{
    if (!db.transaction())
        return Error{QStringLiteral("begin: %1").arg(db.lastError().text())};
    QSqlQuery q(db);
    const auto was = foldState(db);
    if (!was) {
        db.rollback();
        return Error{was.error()};
    }
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM readings")) || !q.next())
        return failed(db, QStringLiteral("finding the newest reading"), q);
    const qint64 newest = q.value(0).toLongLong();
    // Counted is {seq <= W, time < C}; moving to (W', C') with W' >= W, C' >= C adds exactly
    // {W < seq <= W', time < C'} and {seq <= W, C <= time < C'}. The second set is read per
    // channel so that the (channel_id, time_ms) index serves it.
    const qint64 w = was->foldedSeq, c = was->foldedToMs;
    const qint64 w2 = std::min(newest, w + std::max<qint64>(1, chunkRows));
    const qint64 c2 = w2 == newest ? std::max(c, minuteOf(nowMs - kFoldGraceMs)) : c;
    if (w2 == w && c2 == c) {
        db.rollback();
        return false;
    }
    q.prepare(upsertFrom(
        "chart_minutes",
        QStringLiteral(
            "SELECT channel_id, time_ms, value FROM readings WHERE seq > ? AND seq <= ? AND time_ms < ? "
            "UNION ALL SELECT channel_id, time_ms, value FROM readings "
            "WHERE channel_id IN (SELECT id FROM channels) AND time_ms >= ? AND time_ms < ? AND seq <= ?")));
    for (qint64 v : {w, w2, c2, c, c2, w})
        q.addBindValue(v);
    if (!q.exec())
        return failed(db, QStringLiteral("folding minutes before %1").arg(c2), q);
    q.prepare(QStringLiteral("UPDATE minute_folds SET folded_seq = ?, folded_to_ms = ? WHERE id = 1"));
    q.addBindValue(w2);
    q.addBindValue(c2);
    if (!q.exec())
        return failed(db, QStringLiteral("saving the fold state"), q);
    if (!db.commit()) {
        const QString e = db.lastError().text();
        db.rollback();
        return Error{QStringLiteral("commit of the minute fold: %1").arg(e)};
    }
    return w2 < newest;
}

Result<qint64> MinuteAggregates::pruneChartMinutes(QSqlDatabase& db, qint64 beforeMs)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM chart_minutes WHERE minute_ms < ?"));
    q.addBindValue(minuteOf(beforeMs));
    if (!q.exec())
        return Error{QStringLiteral("pruning chart minutes: %1").arg(q.lastError().text())};
    return q.numRowsAffected();
}

Result<QList<MinuteAggregate>> MinuteAggregates::read(QSqlDatabase& db, qint64 channel, qint64 fromMs,
                                                      qint64 toMs)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT minute_ms, n, min, mean, max FROM minute_aggregates "
                             "WHERE channel_id = ? AND minute_ms >= ? AND minute_ms < ? ORDER BY minute_ms"));
    q.addBindValue(channel);
    q.addBindValue(fromMs);
    q.addBindValue(toMs);
    if (!q.exec())
        return Error{QStringLiteral("reading minute aggregates: %1").arg(q.lastError().text())};
    QList<MinuteAggregate> out;
    while (q.next())
        out.append({channel, q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toDouble(),
                    q.value(3).toDouble(), q.value(4).toDouble()});
    return out;
}

} // namespace fs
