// MinuteAggregates: readings folded into per-minute rows with an upsert that merges partial minutes.
#include "MinuteAggregates.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace fs {

namespace {

constexpr qint64 kMinuteMs = 60'000;

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
    // A minute already partly folded in (its other readings were in an earlier chunk, or were held
    // back by a lagging sink) is merged: counts add, extremes combine, means weigh by count.
    // SQLite's integer division truncates towards zero; the CASE floors times before 1970 too.
    q.prepare(QStringLiteral(
        "INSERT INTO minute_aggregates (channel_id, minute_ms, n, min, mean, max) "
        "SELECT channel_id, minute, COUNT(*), MIN(value), AVG(value), MAX(value) FROM ("
        "  SELECT channel_id, value,"
        "   (time_ms / 60000 - CASE WHEN time_ms % 60000 < 0 THEN 1 ELSE 0 END) * 60000 AS minute"
        "  FROM readings WHERE seq BETWEEN ? AND ? AND time_ms < ?) "
        "WHERE true GROUP BY channel_id, minute "
        "ON CONFLICT (channel_id, minute_ms) DO UPDATE SET "
        " n = n + excluded.n,"
        " min = MIN(min, excluded.min),"
        " mean = (mean * n + excluded.mean * excluded.n) / (n + excluded.n),"
        " max = MAX(max, excluded.max)"));
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
