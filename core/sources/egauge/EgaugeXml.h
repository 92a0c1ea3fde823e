// EgaugeXml: the eGauge `egauge-show` stored-data answer (XML API) parsed into blocks of absolute
// S64 counters, and the register type-code table. Pure functions; differencing is EgaugeRates.h.
#pragma once

#include "util/Result.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringView>
#include <optional>

namespace fs::egauge {

/// One register type code of the eGauge XML API (§2.2.1; egauge-async type_codes.py).
struct TypeCode
{
    QString code;   ///< as in cname@t: "P", "V", "var", "#3" …
    QString unit;   ///< unit of the rate: "W", "V", "Hz", "°C", "" for plain numbers
    double quantum; ///< counter units per (rate unit × second): the rate is Δcounter × quantum / Δt
    /// The rate may be negative (power exported, a temperature below zero), so a falling counter is
    /// a value, not a reset. A falling counter of any other type is a reset and its pair is dropped.
    bool bidirectional;
};

/// Every type code the note lists; the table is fixed.
const QList<TypeCode>& typeCodes();
/// The entry for a cname@t code, or nullptr when the code is unknown.
const TypeCode* typeCode(QStringView code);

/// One register column, in column order (the cnames of the first data block).
struct Column
{
    QString name; ///< the register's name on the meter
    QString type; ///< cname@t
    int did = -1; ///< cname@did, -1 when absent (older firmware, virtual registers)
};

/// One <data> block with its rows made absolute (delta="true" undone), newest row first.
struct Block
{
    qint64 timeStamp = 0; ///< Unix seconds of the first (newest) row
    double timeDelta = 0; ///< seconds between rows; may be fractional
    /// Recording start on the meter (hex in the answer); absent blocks inherit the previous
    /// block's, and nullopt when no block of the answer has one.
    std::optional<qint64> epoch;
    bool wasDelta = false; ///< the answer had delta="true" (C): rows were made absolute here
    int rows = 0;
    QList<qint64> cells; ///< rows × columns, row-major, newest row first

    qint64 cell(int row, int column, int columns) const { return cells[qsizetype(row) * columns + column]; }
    /// Row time in ms: timeStamp − row·timeDelta (fractional deltas rounded to the ms).
    qint64 rowTimeMs(int row) const;
};

/// A whole `egauge-show` answer.
struct ShowAnswer
{
    quint64 serial = 0; ///< group@serial (hex)
    QList<Column> columns;
    QList<Block> blocks; ///< in answer order (newest block first, as the meter sends them)

    int rowCount() const;
};

/// Parses an egauge-show XML answer. Any fault (bad XML, a missing or malformed attribute, a row
/// with the wrong number of cells, a cell that is not an S64 integer, no <data> block) gives an
/// error naming the element and row ("data 2, row 17: 3 cells, expected 4") and no answer at all.
/// Fast: runs of plain rows are scanned directly (EgaugeRowScan), the rest by expat, with the same
/// result. ExpatOnly: everything through expat, for the tests that compare the two.
enum class RowScan { Fast, ExpatOnly };
Result<ShowAnswer> parseShow(QByteArrayView xml, RowScan scan = RowScan::Fast);

} // namespace fs::egauge
