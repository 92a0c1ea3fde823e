// ChannelReadings: counts first (index only), then either the rows as they are or two GROUP BY passes
// (SQLite's bare column beside a single MIN or MAX is the row that held the extreme).
#include "ChannelReadings.h"

#include "store/MinuteAggregates.h"

#include <QMap>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>
#include <iterator>

namespace fs::api {

namespace {

Error failed(const QString& what, const QSqlQuery& q)
{
    return Error{QStringLiteral("%1: %2").arg(what, q.lastError().text())};
}

} // namespace

Result<qint64> ChannelReadings::count(const QString& sql, qint64 channel, qint64 fromMs, qint64 toMs)
{
    QSqlQuery q(m_db);
    q.prepare(sql);
    q.addBindValue(channel);
    q.addBindValue(fromMs);
    q.addBindValue(toMs);
    if (!q.exec() || !q.next())
        return failed(QStringLiteral("counting readings"), q);
    return q.value(0).toLongLong();
}

Status ChannelReadings::addAsIs(ReadingSeries& out, qint64 channel, qint64 fromMs, qint64 toMs)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT MAX(minute_ms, ?), mean FROM minute_aggregates WHERE channel_id = ? "
                             "AND minute_ms >= ? AND minute_ms <= ? ORDER BY minute_ms"));
    for (const qint64 v : {fromMs, channel, MinuteAggregates::minuteOf(fromMs), toMs})
        q.addBindValue(v);
    if (!q.exec())
        return failed(QStringLiteral("reading minute aggregates"), q);
    QList<QPair<qint64, double>> minutes;
    while (q.next())
        minutes.append({q.value(0).toLongLong(), q.value(1).toDouble()});
    q.prepare(QStringLiteral("SELECT time_ms, value FROM readings WHERE channel_id = ? "
                             "AND time_ms >= ? AND time_ms <= ? ORDER BY time_ms"));
    for (const qint64 v : {channel, fromMs, toMs})
        q.addBindValue(v);
    if (!q.exec())
        return failed(QStringLiteral("reading readings"), q);
    QList<QPair<qint64, double>> raw;
    while (q.next())
        raw.append({q.value(0).toLongLong(), q.value(1).toDouble()});
    out.points.reserve(minutes.size() + raw.size());
    std::merge(minutes.begin(), minutes.end(), raw.begin(), raw.end(), std::back_inserter(out.points),
               [](const auto& a, const auto& b) { return a.first < b.first; });
    return {};
}

Status ChannelReadings::addExtremes(QMap<qint64, QList<Extreme>>& buckets, const char* aggregate,
                                    qint64 channel, qint64 fromMs, qint64 toMs, qint64 bucketMs)
{
    const QString fn = QString::fromLatin1(aggregate);
    // A minute's own min and max stand for its deleted readings; a minute that began before the
    // range is placed at the range's start.
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT (t - ?) / ? AS b, t, %1(v) FROM (SELECT MAX(minute_ms, ?) AS t, %2 AS v "
                       "FROM minute_aggregates WHERE channel_id = ? AND minute_ms >= ? AND minute_ms <= ?) "
                       "GROUP BY b")
            .arg(fn, fn == QLatin1String("MIN") ? QStringLiteral("min") : QStringLiteral("max")));
    for (const qint64 v : {fromMs, bucketMs, fromMs, channel, MinuteAggregates::minuteOf(fromMs), toMs})
        q.addBindValue(v);
    if (!q.exec())
        return failed(QStringLiteral("decimating minute aggregates"), q);
    while (q.next())
        buckets[q.value(0).toLongLong()].append({q.value(1).toLongLong(), q.value(2).toDouble()});
    q.prepare(QStringLiteral("SELECT (time_ms - ?) / ? AS b, time_ms, %1(value) FROM readings "
                             "WHERE channel_id = ? AND time_ms >= ? AND time_ms <= ? GROUP BY b")
                  .arg(fn));
    for (const qint64 v : {fromMs, bucketMs, channel, fromMs, toMs})
        q.addBindValue(v);
    if (!q.exec())
        return failed(QStringLiteral("decimating readings"), q);
    while (q.next())
        buckets[q.value(0).toLongLong()].append({q.value(1).toLongLong(), q.value(2).toDouble()});
    return {};
}

Result<ReadingSeries> ChannelReadings::read(qint64 channel, qint64 fromMs, qint64 toMs, int maxPoints)
{
    // Retention folds readings into their minute and deletes them in one transaction, so a minute's
    // aggregate and the raw readings still stored never hold the same reading: both are read.
    ReadingSeries out;
    auto minutes = count(QStringLiteral("SELECT COUNT(*) FROM minute_aggregates WHERE channel_id = ? "
                                        "AND minute_ms >= ? AND minute_ms <= ?"),
                         channel, MinuteAggregates::minuteOf(fromMs), toMs);
    auto raw = count(QStringLiteral("SELECT COUNT(*) FROM readings WHERE channel_id = ? AND time_ms >= ? "
                                    "AND time_ms <= ?"),
                     channel, fromMs, toMs);
    if (!minutes || !raw)
        return Error{minutes ? raw.error() : minutes.error()};
    if (minutes.value() + raw.value() <= maxPoints) {
        if (Status s = addAsIs(out, channel, fromMs, toMs); !s)
            return Error{s.error()};
        return out;
    }
    out.decimated = true;
    // Ceiling division: never more than maxPoints buckets over the range.
    const qint64 bucketMs = std::max<qint64>(1, (toMs - fromMs + maxPoints) / maxPoints);
    QMap<qint64, QList<Extreme>> buckets;
    for (const char* aggregate : {"MIN", "MAX"}) {
        if (Status s = addExtremes(buckets, aggregate, channel, fromMs, toMs, bucketMs); !s)
            return Error{s.error()};
    }
    for (const QList<Extreme>& found : std::as_const(buckets)) {
        // A bucket holds both the aggregates' and the raw rows' extremes; keep the lowest and highest.
        const auto [lo, hi] = std::minmax_element(
            found.begin(), found.end(), [](const Extreme& a, const Extreme& b) { return a.value < b.value; });
        const Extreme first = lo->timeMs <= hi->timeMs ? *lo : *hi;
        const Extreme second = lo->timeMs <= hi->timeMs ? *hi : *lo;
        out.points.append({first.timeMs, first.value});
        if (second.timeMs != first.timeMs)
            out.points.append({second.timeMs, second.value});
    }
    return out;
}

} // namespace fs::api
