// Per-minute min/mean/max of readings, kept for long-range charts once the readings are deleted.
#pragma once

#include "util/Result.h"

#include <QSqlDatabase>
#include <QtGlobal>

namespace fs {

/// One row of minute_aggregates: the readings of one channel in one minute.
struct MinuteAggregate
{
    qint64 channel = 0;
    qint64 minuteMs = 0; ///< the minute's start: time_ms floored to the minute
    qint64 n = 0;
    double min = 0.0;
    double mean = 0.0;
    double max = 0.0;
};

/// What the continuous fold has counted: readings with seq <= foldedSeq and time_ms < foldedToMs.
struct MinuteFoldState
{
    qint64 foldedSeq = 0;
    qint64 foldedToMs = 0;
};

class MinuteAggregates
{
public:
    /// Readings per fold transaction while the fold catches up with an older store.
    static constexpr qint64 kFoldChunkRows = 100'000;
    /// A minute is folded once it ended this long ago: readings of it may still be on their way.
    static constexpr qint64 kFoldGraceMs = 60'000;

    /// `timeMs` floored to its minute (also for times before 1970).
    static qint64 minuteOf(qint64 timeMs);

    /// Writer thread only. In one transaction of its own: folds the readings with seq in
    /// [fromSeq, toSeq] and time_ms < beforeMs into their minutes' aggregates, then deletes them.
    /// Returns how many readings went. Folding and deleting commit together, so a reading is
    /// either still in `readings` and not yet counted, or counted and gone: rerunning a chunk,
    /// or a minute whose readings are spread over several chunks, is counted exactly once.
    static Result<qint64> foldAndDelete(QSqlDatabase& db, qint64 fromSeq, qint64 toSeq, qint64 beforeMs);

    /// Writer thread only. One transaction: counts into chart_minutes (the charts' copy, kept while
    /// the readings are; minute_aggregates stays what retention deleted) the readings not counted yet, up to
    /// `chunkRows` more seqs and, once caught up with the newest seq, every closed minute (ended kFoldGraceMs
    /// before `nowMs`); readings stay. Returns true while more seqs wait (call again). Late readings of a
    /// minute already folded are merged into it.
    static Result<bool> foldClosed(QSqlDatabase& db, qint64 nowMs, qint64 chunkRows = kFoldChunkRows);
    static Result<MinuteFoldState> foldState(QSqlDatabase& db);
    /// Writer thread only: drops chart minutes before `beforeMs`'s minute (retention's cutoff: from
    /// there on minute_aggregates holds them). Returns how many went.
    static Result<qint64> pruneChartMinutes(QSqlDatabase& db, qint64 beforeMs);

    /// The aggregates of one channel with minute_ms in [fromMs, toMs), in time order.
    static Result<QList<MinuteAggregate>> read(QSqlDatabase& db, qint64 channel, qint64 fromMs, qint64 toMs);
};

} // namespace fs
