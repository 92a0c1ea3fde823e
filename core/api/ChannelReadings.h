// ChannelReadings: one channel's readings over a time range, min/max-decimated in SQL to a number of
// buckets, with the per-minute aggregates standing in where retention deleted the raw readings.
#pragma once

#include "util/Result.h"

#include <QList>
#include <QPair>

class QSqlDatabase;

namespace fs::api {

struct ReadingSeries
{
    bool decimated = false;
    QList<QPair<qint64, double>> points; ///< [time_ms, value] in time order
};

class ChannelReadings
{
public:
    explicit ChannelReadings(QSqlDatabase& db) : m_db(db) {}

    /// Readings of `channel` with time_ms in [fromMs, toMs]. At most `maxPoints` come back as they
    /// are (an aggregated minute as its mean); above that the range is cut into at most `maxPoints`
    /// equal buckets and each gives its min and its max (at most 2 × maxPoints points).
    Result<ReadingSeries> read(qint64 channel, qint64 fromMs, qint64 toMs, int maxPoints);

private:
    struct Extreme
    {
        qint64 timeMs = 0;
        double value = 0.0;
    };
    Result<qint64> count(const QString& sql, qint64 channel, qint64 fromMs, qint64 toMs);
    /// The minutes (mean, at the minute's start or fromMs) and raw readings merged in time order.
    Status addAsIs(ReadingSeries& out, qint64 channel, qint64 fromMs, qint64 toMs);
    /// Per bucket the extreme `aggregate` (MIN or MAX) picks, with the time of the row it picked.
    Status addExtremes(QMap<qint64, QList<Extreme>>& buckets, const char* aggregate, qint64 channel,
                       qint64 fromMs, qint64 toMs, qint64 bucketMs);

    QSqlDatabase& m_db;
};

} // namespace fs::api
