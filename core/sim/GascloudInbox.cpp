// GascloudInbox: layouts are told apart by their header's first field; only the canonical layout
// has a gadget and an absolute time per row, so only it is checked for duplicate rows.
#include "GascloudInbox.h"

#include "sinks/gascloud/BatchCsv.h"

#include <QList>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>

namespace fs::gascloudinbox {

namespace {

QList<QByteArray> linesOf(const QByteArray& csv)
{
    QList<QByteArray> lines = csv.split('\n');
    for (QByteArray& l : lines) {
        if (l.endsWith('\r'))
            l.chop(1);
    }
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

/// The 1-based number of the first line that ends in CRLF; 0 when none does.
int firstCrlfLine(const QByteArray& csv)
{
    const qsizetype at = csv.indexOf("\r\n");
    return at < 0 ? 0 : int(csv.left(at).count('\n')) + 1;
}

} // namespace

Result<QByteArray> csvInZip(const QString& zipPath, const QString& ref)
{
    QuaZip zip(zipPath);
    QuaZipFile csv(&zip);
    if (!zip.open(QuaZip::mdUnzip) || !zip.setCurrentFile(ref + QStringLiteral(".csv")) ||
        !csv.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("the zip has no %1.csv").arg(ref)};
    return csv.readAll();
}

CsvCount countRows(const QByteArray& csv, bool strict)
{
    CsvCount c;
    const QList<QByteArray> lines = linesOf(csv);
    const QByteArray header = lines.value(0);
    QByteArray canonical = batchcsv::header();
    canonical.chop(1);
    const QByteArray first = header.split(',').value(0).trimmed();
    if (header == canonical)
        c.layout = QStringLiteral("canonical");
    else if (strict)
        c.problem = QStringLiteral("the CSV header is not the canonical one");
    else if (first == "rtype")
        c.layout = QStringLiteral("readings.csv");
    else if (first == "rdg_no")
        c.layout = QStringLiteral("sqlite");
    else if (first == "DateTime")
        c.layout = QStringLiteral("alphasense");
    else if (header.trimmed().isEmpty())
        c.layout = QStringLiteral("headerless");
    else
        c.layout = QStringLiteral("unknown");
    if (!c.problem.isEmpty())
        return c;
    // The canonical CSV is what FieldStation's builder writes: LF only. Python's csv module, which
    // the old clients wrote with, ends lines in CRLF.
    if (const int crlf = firstCrlfLine(csv); crlf > 0) {
        if (strict) {
            c.problem = QStringLiteral("line %1 ends in CRLF; the canonical CSV ends lines in LF").arg(crlf);
            return c;
        }
        c.warnings
            << QStringLiteral("CRLF line ends (first at line %1); the canonical CSV uses LF").arg(crlf);
    }
    const bool known = c.layout == QLatin1String("readings.csv") || c.layout == QLatin1String("sqlite") ||
                       c.layout == QLatin1String("alphasense");
    if (c.layout == QLatin1String("unknown") || c.layout == QLatin1String("headerless"))
        c.warnings << QStringLiteral("CSV header \"%1\" is no known layout; counting every line after it")
                          .arg(QString::fromUtf8(header.left(60)));
    else if (known)
        c.warnings << QStringLiteral("CSV in the old %1 layout (header \"%2\"), not the canonical one; "
                                     "counting its rows")
                          .arg(c.layout, QString::fromUtf8(header.left(60)));
    const int headerWidth = int(header.count(',')) + 1;
    bool widthWarned = false;
    const int width = int(canonical.count(',')) + 1;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray& line = lines[i];
        if (line.trimmed().isEmpty())
            continue;
        const QList<QByteArray> cells = line.split(',');
        if (c.layout == QLatin1String("canonical")) {
            if (cells.size() != width) {
                c.problem = QStringLiteral("row %1 has %2 fields, the header %3")
                                .arg(i + 1)
                                .arg(cells.size())
                                .arg(width);
                return c;
            }
            c.rowKeys << QString::fromUtf8(cells[1] + ' ' + cells[0]);
        } else if (c.layout == QLatin1String("readings.csv") && cells.value(0).trimmed() == "0") {
            continue; // the logger's start marker: the time the `seconds` count from
        } else if (known && !widthWarned && cells.size() != headerWidth) {
            // readings.csv's 5-column header over 7-field rows: the columns can only go by position.
            widthWarned = true;
            c.warnings << QStringLiteral("row %1 has %2 fields, the header %3; its columns are taken by "
                                         "position")
                              .arg(i + 1)
                              .arg(cells.size())
                              .arg(headerWidth);
        }
        ++c.rows;
    }
    return c;
}

} // namespace fs::gascloudinbox
