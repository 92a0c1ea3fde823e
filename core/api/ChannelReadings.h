// ChannelReadings: one channel's readings over a time range, min/max-decimated to a number of buckets,
// with the per-minute aggregates standing in where retention deleted the raw readings.
#pragma once

#include "util/Result.h"

#include <QList>
#include <QPair>

class QSqlDatabase;
struct sqlite3;

namespace fs::api {

struct ReadingSeries
{
    bool decimated = false;
    QList<QPair<qint64, double>> points; ///< [time_ms, value] in time order
};

class ChannelReadings
{
public:
    /// `handle` is the native handle of `db` (Store::handle()): the raw rows are stepped through it.
    ChannelReadings(QSqlDatabase& db, sqlite3* handle) : m_db(db), m_handle(handle) {}

    /// Readings of `channel` with time_ms in [fromMs, toMs]. At most `maxPoints` come back as they
    /// are (an aggregated minute as its mean, at its start or fromMs); above that the range is cut
    /// into at most `maxPoints` equal buckets and each gives its min and its max, at the times they
    /// were recorded (at most 2 × maxPoints points).
    Result<ReadingSeries> read(qint64 channel, qint64 fromMs, qint64 toMs, int maxPoints);

    /// The SQL that steps the raw rows: bucket (bound: fromMs, bucket width), time_ms, value, in
    /// time order (bound: channel, fromMs, toMs). The benchmark runs it directly as its baseline.
    static const char* rawRowsSql();

private:
    struct Minute
    {
        qint64 timeMs = 0; ///< the minute's start, or fromMs for the minute the range starts in
        qint64 endMs = 0;  ///< the minute's last millisecond, or toMs
        double min = 0, mean = 0, max = 0;
    };
    Result<QList<Minute>> minutes(qint64 channel, qint64 fromMs, qint64 toMs);

    QSqlDatabase& m_db;
    sqlite3* m_handle;
};

} // namespace fs::api
