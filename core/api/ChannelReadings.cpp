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

namespace fs::api {

namespace {

constexpr qint64 kMinuteMs = 60'000;

Error failed(const QString& what, const QSqlQuery& q)
{
    return Error{QStringLiteral("%1: %2").arg(what, q.lastError().text())};
}

} // namespace

Result<qint64> ChannelReadings::rawStart(qint64 channel, qint64 fromMs, qint64 toMs)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT MAX(minute_ms) FROM minute_aggregates WHERE channel_id = ? "
                             "AND minute_ms >= ? AND minute_ms <= ?"));
    q.addBindValue(channel);
    q.addBindValue(MinuteAggregates::minuteOf(fromMs));
    q.addBindValue(toMs);
    if (!q.exec() || !q.next())
        return failed(QStringLiteral("reading minute aggregates"), q);
    if (q.value(0).isNull())
        return fromMs;
    return std::max(fromMs, q.value(0).toLongLong() + kMinuteMs);
}

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

Status ChannelReadings::addAsIs(ReadingSeries& out, qint64 channel, qint64 fromMs, qint64 rawFromMs,
                                qint64 toMs)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT minute_ms, mean FROM minute_aggregates WHERE channel_id = ? "
                             "AND minute_ms >= ? AND minute_ms < ? ORDER BY minute_ms"));
    q.addBindValue(channel);
    q.addBindValue(MinuteAggregates::minuteOf(fromMs));
    q.addBindValue(rawFromMs);
    if (!q.exec())
        return failed(QStringLiteral("reading minute aggregates"), q);
    while (q.next())
        out.points.append({std::max(fromMs, q.value(0).toLongLong()), q.value(1).toDouble()});
    q.prepare(QStringLiteral("SELECT time_ms, value FROM readings WHERE channel_id = ? "
                             "AND time_ms >= ? AND time_ms <= ? ORDER BY time_ms"));
    q.addBindValue(channel);
    q.addBindValue(rawFromMs);
    q.addBindValue(toMs);
    if (!q.exec())
        return failed(QStringLiteral("reading readings"), q);
    while (q.next())
        out.points.append({q.value(0).toLongLong(), q.value(1).toDouble()});
    return {};
}

Status ChannelReadings::addExtremes(QMap<qint64, QList<Extreme>>& buckets, const char* aggregate,
                                    qint64 channel, qint64 fromMs, qint64 rawFromMs, qint64 toMs,
                                    qint64 bucketMs)
{
    const QString fn = QString::fromLatin1(aggregate);
    // A minute's own min and max stand for its deleted readings; a minute that began before the
    // range counts from its start.
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT (t - ?) / ? AS b, t, %1(v) FROM (SELECT MAX(minute_ms, ?) AS t, %2 AS v "
                       "FROM minute_aggregates WHERE channel_id = ? AND minute_ms >= ? AND minute_ms < ?) "
                       "GROUP BY b")
            .arg(fn, fn == QLatin1String("MIN") ? QStringLiteral("min") : QStringLiteral("max")));
    for (const qint64 v : {fromMs, bucketMs, fromMs, channel, MinuteAggregates::minuteOf(fromMs), rawFromMs})
        q.addBindValue(v);
    if (!q.exec())
        return failed(QStringLiteral("decimating minute aggregates"), q);
    while (q.next())
        buckets[q.value(0).toLongLong()].append({q.value(1).toLongLong(), q.value(2).toDouble()});
    q.prepare(QStringLiteral("SELECT (time_ms - ?) / ? AS b, time_ms, %1(value) FROM readings "
                             "WHERE channel_id = ? AND time_ms >= ? AND time_ms <= ? GROUP BY b")
                  .arg(fn));
    for (const qint64 v : {fromMs, bucketMs, channel, rawFromMs, toMs})
        q.addBindValue(v);
    if (!q.exec())
        return failed(QStringLiteral("decimating readings"), q);
    while (q.next())
        buckets[q.value(0).toLongLong()].append({q.value(1).toLongLong(), q.value(2).toDouble()});
    return {};
}

Result<ReadingSeries> ChannelReadings::read(qint64 channel, qint64 fromMs, qint64 toMs, int maxPoints)
{
    ReadingSeries out;
    auto rawFrom = rawStart(channel, fromMs, toMs);
    if (!rawFrom)
        return Error{rawFrom.error()};
    auto minutes = count(QStringLiteral("SELECT COUNT(*) FROM minute_aggregates WHERE channel_id = ? "
                                        "AND minute_ms >= ? AND minute_ms < ?"),
                         channel, MinuteAggregates::minuteOf(fromMs), rawFrom.value());
    auto raw = count(QStringLiteral("SELECT COUNT(*) FROM readings WHERE channel_id = ? AND time_ms >= ? "
                                    "AND time_ms <= ?"),
                     channel, rawFrom.value(), toMs);
    if (!minutes || !raw)
        return Error{minutes ? raw.error() : minutes.error()};
    if (minutes.value() + raw.value() <= maxPoints) {
        if (Status s = addAsIs(out, channel, fromMs, rawFrom.value(), toMs); !s)
            return Error{s.error()};
        return out;
    }
    out.decimated = true;
    // Ceiling division: never more than maxPoints buckets over the range.
    const qint64 bucketMs = std::max<qint64>(1, (toMs - fromMs + maxPoints) / maxPoints);
    QMap<qint64, QList<Extreme>> buckets;
    for (const char* aggregate : {"MIN", "MAX"}) {
        if (Status s = addExtremes(buckets, aggregate, channel, fromMs, rawFrom.value(), toMs, bucketMs); !s)
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
