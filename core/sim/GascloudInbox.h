// GascloudInbox: what the gascloud emulator reads from a received zip: the batch CSV, its rows
// counted in any layout the old and new clients wrote (protocol note, part C).
#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace fs::gascloudinbox {

struct CsvCount
{
    int rows = 0;
    QString layout;      ///< "canonical", "readings.csv", "sqlite", "alphasense", "headerless", "unknown"
    QString problem;     ///< set when the file is refused
    QStringList rowKeys; ///< "gadget timestamp" of each row (canonical layout only), for duplicates
    QStringList warnings;
};

/// The `<ref>.csv` inside the zip at `zipPath`.
Result<QByteArray> csvInZip(const QString& zipPath, const QString& ref);

/// Counts data rows. Strict: only the canonical header with rows of its width. Lenient, as the real
/// service evidently is: also the readings.csv era (header `rtype,seconds,value1,value2,value3`, a
/// start marker row `0,<time>,,,` that is not a reading, 7-field rows), the SQLite era (`rdg_no,…`
/// or a blank header), the Alphasense layout (`DateTime,…`) and any other, CRLF line ends and rows
/// wider or narrower than their header, each with a warning. Strict refuses CRLF (the canonical CSV is
/// LF only).
CsvCount countRows(const QByteArray& csv, bool strict);

} // namespace fs::gascloudinbox
