// ChannelReadings: one pass over the (channel_id, time_ms) index in time order. The bucket of each
// row is computed by SQLite; its min and max are folded while stepping. Two GROUP BY passes (one for
// MIN, one for MAX, to learn the time of each) cost twice the table lookups and a sort each: on 1 M
// readings they took three times as long (tests/bench/bench_api).
#include "ChannelReadings.h"

#include "store/MinuteAggregates.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>
#include <iterator>
#include <sqlite3.h>
#include <vector>

namespace fs::api {

namespace {

/// The lowest and highest value of one bucket, with their times.
struct Bucket
{
    qint64 loTime = 0, hiTime = 0;
    double lo = 0, hi = 0;
    bool used = false;

    void add(qint64 loT, double loV, qint64 hiT, double hiV)
    {
        if (!used || loV < lo)
            lo = loV, loTime = loT;
        if (!used || hiV > hi)
            hi = hiV, hiTime = hiT;
        used = true;
    }
};

/// Steps a prepared statement and finalizes it whatever happens.
class Statement
{
public:
    Statement(sqlite3* db, const char* sql) : m_db(db)
    {
        m_ok = sqlite3_prepare_v2(db, sql, -1, &m_s, nullptr) == SQLITE_OK;
    }
    ~Statement() { sqlite3_finalize(m_s); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    bool ok() const { return m_ok; }
    sqlite3_stmt* get() const { return m_s; }
    QString error() const { return QString::fromUtf8(sqlite3_errmsg(m_db)); }

private:
    sqlite3* m_db;
    sqlite3_stmt* m_s = nullptr;
    bool m_ok = false;
};

} // namespace

const char* ChannelReadings::rawRowsSql()
{
    return "SELECT (time_ms - ?1) / ?2, time_ms, value FROM readings "
           "WHERE channel_id = ?3 AND time_ms >= ?1 AND time_ms <= ?4 ORDER BY time_ms";
}

Result<QList<ChannelReadings::Minute>> ChannelReadings::minutes(qint64 channel, qint64 fromMs, qint64 toMs)
{
    // Folding and deleting commit together, so a minute's aggregate never holds a reading that is
    // still in `readings`: both tables are read in full.
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT MAX(minute_ms, ?), MIN(minute_ms + 59999, ?), min, mean, max "
                       "FROM minute_aggregates WHERE channel_id = ? AND minute_ms >= ? AND minute_ms <= ? "
                       "ORDER BY minute_ms"));
    for (const qint64 v : {fromMs, toMs, channel, MinuteAggregates::minuteOf(fromMs), toMs})
        q.addBindValue(v);
    if (!q.exec())
        return Error{QStringLiteral("reading minute aggregates: %1").arg(q.lastError().text())};
    QList<Minute> out;
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toDouble(),
                    q.value(3).toDouble(), q.value(4).toDouble()});
    return out;
}

Result<ReadingSeries> ChannelReadings::read(qint64 channel, qint64 fromMs, qint64 toMs, int maxPoints)
{
    auto folded = minutes(channel, fromMs, toMs);
    if (!folded)
        return Error{folded.error()};
    // Ceiling division: never more than maxPoints buckets over the range.
    const qint64 bucketMs = std::max<qint64>(1, (toMs - fromMs + maxPoints) / maxPoints);
    std::vector<Bucket> buckets(static_cast<size_t>(maxPoints));
    const auto bucketOf = [&](qint64 b) -> Bucket& {
        return buckets[size_t(std::clamp<qint64>(b, 0, maxPoints - 1))];
    };
    // The raw rows are kept as they are only while they may still be the whole answer.
    const qsizetype keepAsIs = maxPoints - folded->size();
    QList<QPair<qint64, double>> raw;
    qint64 rawCount = 0;
    Statement s(m_handle, rawRowsSql());
    if (!s.ok())
        return Error{QStringLiteral("reading readings: %1").arg(s.error())};
    for (const auto& [index, value] : {std::pair{1, fromMs}, {2, bucketMs}, {3, channel}, {4, toMs}})
        sqlite3_bind_int64(s.get(), index, value);
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
        const qint64 t = sqlite3_column_int64(s.get(), 1);
        const double v = sqlite3_column_double(s.get(), 2);
        bucketOf(sqlite3_column_int64(s.get(), 0)).add(t, v, t, v);
        if (++rawCount <= keepAsIs)
            raw.append({t, v});
    }
    if (rc != SQLITE_DONE)
        return Error{QStringLiteral("reading readings: %1").arg(s.error())};
    ReadingSeries out;
    if (rawCount <= keepAsIs) {
        out.points.reserve(folded->size() + raw.size());
        std::transform(folded->begin(), folded->end(), std::back_inserter(out.points),
                       [](const Minute& m) { return qMakePair(m.timeMs, m.mean); });
        out.points.append(raw);
        std::stable_sort(out.points.begin(), out.points.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        return out;
    }
    out.decimated = true;
    for (const Minute& m : folded.value()) {
        // The minute's min at its start and its max at its end, both inside its bucket, so that
        // a bucket of one minute still gives two points and the answer stays in time order.
        const qint64 b = (m.timeMs - fromMs) / bucketMs;
        const qint64 bucketEnd = fromMs + (b + 1) * bucketMs - 1;
        bucketOf(b).add(m.timeMs, m.min, std::min(m.endMs, bucketEnd), m.max);
    }
    for (const Bucket& b : buckets) {
        if (!b.used)
            continue;
        const bool loFirst = b.loTime <= b.hiTime;
        out.points.append(loFirst ? qMakePair(b.loTime, b.lo) : qMakePair(b.hiTime, b.hi));
        if (b.loTime != b.hiTime)
            out.points.append(loFirst ? qMakePair(b.hiTime, b.hi) : qMakePair(b.loTime, b.lo));
    }
    return out;
}

} // namespace fs::api
