// EgaugeRates: pairs of consecutive rows (across blocks and, via anchors, across answers) become
// rates; the S64 subtraction is done in two's complement before anything turns into a double.
#include "sources/egauge/EgaugeRates.h"

#include <QSet>

#include <cmath>
#include <limits>

namespace fs::egauge {

namespace {

// A row to pair: its time, epoch, and where its counters live. `map[c]` is the index in `counters`
// of the answer's column c, or -1 when that row has no such column (an anchor naming others).
struct RowRef
{
    qint64 timeMs;
    std::optional<qint64> epoch;
    quint64 serial;
    const qint64* counters;
    const QList<int>* map; ///< nullptr: the answer's own column order
};

Anchor anchorAt(const ShowAnswer& a, int blockIndex, int row)
{
    const Block& b = a.blocks[blockIndex];
    Anchor out;
    out.serial = a.serial;
    out.epoch = b.epoch;
    out.timeMs = b.rowTimeMs(row);
    const int n = int(a.columns.size());
    out.names.reserve(n);
    for (const Column& c : a.columns)
        out.names.append(c.name);
    out.counters = b.cells.mid(qsizetype(row) * n, n);
    return out;
}

QList<int> columnMap(const ShowAnswer& a, const Anchor& anchor)
{
    QList<int> map;
    map.reserve(a.columns.size());
    for (const Column& c : a.columns)
        map.append(int(anchor.names.indexOf(c.name)));
    return map;
}

} // namespace

std::optional<Anchor> newestRow(const ShowAnswer& answer)
{
    for (int i = 0; i < answer.blocks.size(); ++i) {
        if (answer.blocks[i].rows > 0)
            return anchorAt(answer, i, 0);
    }
    return std::nullopt;
}

std::optional<Anchor> oldestRow(const ShowAnswer& answer)
{
    for (int i = int(answer.blocks.size()) - 1; i >= 0; --i) {
        if (answer.blocks[i].rows > 0)
            return anchorAt(answer, i, answer.blocks[i].rows - 1);
    }
    return std::nullopt;
}

Rates differences(const ShowAnswer& answer, const Continuation& continuation)
{
    Rates out;
    out.columns = answer.columns;
    const int n = int(answer.columns.size());
    QSet<QString> warned;
    for (const Column& c : answer.columns) {
        const TypeCode* t = typeCode(c.type);
        out.types.append(t);
        if (!t)
            out.warnings.append(
                QStringLiteral("register %1: unknown type code \"%2\", no values").arg(c.name, c.type));
    }

    QList<double> divisors; // 1/quantum where that is a whole number (1000, 1e9), else 0
    for (const TypeCode* t : out.types) {
        const double inv = t ? 1.0 / t->quantum : 0;
        divisors.append(t && t->quantum < 1 && inv == std::round(inv) ? inv : 0);
    }

    if (answer.rowCount() == 0)
        return out; // anchors alone are not this answer's to pair

    std::vector<RowRef> rows;
    rows.reserve(size_t(answer.rowCount()) + 2);
    QList<int> newerMap, olderMap;
    if (continuation.newer) {
        newerMap = columnMap(answer, *continuation.newer);
        rows.push_back({continuation.newer->timeMs, continuation.newer->epoch, continuation.newer->serial,
                        continuation.newer->counters.constData(), &newerMap});
    }
    for (const Block& b : answer.blocks) {
        for (int r = 0; r < b.rows; ++r)
            rows.push_back(
                {b.rowTimeMs(r), b.epoch, answer.serial, b.cells.constData() + qsizetype(r) * n, nullptr});
    }
    if (continuation.older) {
        olderMap = columnMap(answer, *continuation.older);
        rows.push_back({continuation.older->timeMs, continuation.older->epoch, continuation.older->serial,
                        continuation.older->counters.constData(), &olderMap});
    }
    const size_t firstOwn = continuation.newer ? 1 : 0;
    const size_t lastOwn = rows.size() - (continuation.older ? 2 : 1); // index of the answer's oldest row

    out.timesMs.reserve(qsizetype(rows.size()));
    out.values.reserve(qsizetype(rows.size()) * n);
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    for (size_t i = 0; i + 1 < rows.size(); ++i) {
        const RowRef& newer = rows[i];
        const RowRef& older = rows[i + 1];
        const bool anchorPair = i < firstOwn || i + 1 > lastOwn;
        if (newer.timeMs <= older.timeMs) {
            // An anchor inside the answer's span only repeats a pair the answer has itself.
            if (!anchorPair) {
                ++out.breaks;
                out.warnings.append(
                    QStringLiteral("rows at %1 ms and %2 ms: time does not decrease, pair dropped")
                        .arg(newer.timeMs)
                        .arg(older.timeMs));
            }
            continue;
        }
        if (newer.serial != older.serial || newer.epoch != older.epoch) {
            ++out.breaks;
            const QString w = newer.serial != older.serial
                                  ? QStringLiteral("meter serial changed")
                                  : QStringLiteral("meter epoch changed (counters restarted)");
            if (!warned.contains(w)) {
                warned.insert(w);
                out.warnings.append(w + QStringLiteral(": the pair across it is dropped"));
            }
            continue;
        }
        const double dt = double(newer.timeMs - older.timeMs) / 1000.0;
        out.timesMs.append(newer.timeMs);
        for (int c = 0; c < n; ++c) {
            const TypeCode* t = out.types[c];
            const int ni = newer.map ? (*newer.map)[c] : c;
            const int oi = older.map ? (*older.map)[c] : c;
            if (!t || ni < 0 || oi < 0) {
                out.values.append(nan);
                continue;
            }
            const qint64 d = qint64(quint64(newer.counters[ni]) - quint64(older.counters[oi]));
            if (d < 0 && !t->bidirectional) {
                ++out.resets;
                out.values.append(nan);
                continue;
            }
            // 1 mV·s as d / 1000 rather than d · 0.001: correctly rounded, so 230095 gives 230.095.
            out.values.append(divisors[c] > 0 ? double(d) / divisors[c] / dt : double(d) * t->quantum / dt);
        }
    }
    return out;
}

} // namespace fs::egauge
