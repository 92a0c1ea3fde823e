// EgaugeRates: cumulative eGauge counters differenced into rates (W, V, A …), wrap-safe, each block
// timed on its own, and able to continue from a row of an earlier answer.
#pragma once

#include "sources/egauge/EgaugeXml.h"

#include <QList>
#include <QStringList>
#include <optional>

namespace fs::egauge {

/// One row's absolute counters, kept so that differencing can go on across answers: the poller keeps
/// the oldest or newest row of its last answer and hands it to the next differences() call.
struct Anchor
{
    quint64 serial = 0;
    std::optional<qint64> epoch;
    qint64 timeMs = 0;
    QStringList names; ///< column names, in the order of `counters`
    QList<qint64> counters;
};

/// The newest (first) and the oldest (last) row of an answer; nullopt when it has no row.
std::optional<Anchor> newestRow(const ShowAnswer& answer);
std::optional<Anchor> oldestRow(const ShowAnswer& answer);

/// Rows of an earlier answer to pair with this one's ends. `older` is a row older than this
/// answer's oldest row (a later answer asked from the last stored row on), `newer` a row newer
/// than this answer's newest (answers fetched backwards). A row at or inside the answer's time
/// span adds nothing; columns are matched by name.
struct Continuation
{
    std::optional<Anchor> older;
    std::optional<Anchor> newer;
};

/// Rates, newest first. A rate is (newer − older counter, as two's-complement S64, so a counter
/// wrapping past 2^63 gives the right difference) × quantum / Δt, and carries the newer row's time:
/// the meter's average over the interval that ends there.
struct Rates
{
    QList<Column> columns;
    QList<const TypeCode*> types; ///< per column; nullptr for a code not in typeCodes()
    QList<qint64> timesMs;        ///< per rate row, newest first
    /// timesMs.size() × columns.size(), row-major. NaN where there is no value: an unknown type
    /// code, a column missing from an anchor, or a one-way counter that fell (a reset).
    QList<double> values;
    int resets = 0;       ///< cells dropped because a one-way counter fell
    int breaks = 0;       ///< row pairs dropped: serial or epoch changed, or time did not decrease
    QStringList warnings; ///< one line per distinct problem (unknown type code, break …)

    double value(int row, int column) const { return values[qsizetype(row) * columns.size() + column]; }
};

Rates differences(const ShowAnswer& answer, const Continuation& continuation = {});

} // namespace fs::egauge
