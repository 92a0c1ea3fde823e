// EgaugeXml: egauge-show answers through expat (the parser Python's xml.etree uses), cells straight
// into int64s; runs of plain rows go through EgaugeRowScan, which is 2-3× faster than expat there.
#include "sources/egauge/EgaugeXml.h"

#include "sources/egauge/EgaugeNumbers.h"
#include "sources/egauge/EgaugeRowScan.h"

#include <expat.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <numeric>
#include <string>

namespace fs::egauge {

qint64 Block::rowTimeMs(int row) const
{
    return qint64(timeStamp) * 1000 - std::llround(double(row) * timeDelta * 1000.0);
}

int ShowAnswer::rowCount() const
{
    return std::accumulate(blocks.begin(), blocks.end(), 0, [](int n, const Block& b) { return n + b.rows; });
}

namespace {

class Parser
{
public:
    explicit Parser(ShowAnswer& out) : m_out(out) {}

    void start(const char* name, const char** atts)
    {
        noteEvent();
        if (failed())
            return;
        ++m_depth;
        if (m_depth == 1) {
            if (std::strcmp(name, "group") != 0)
                return fail(
                    QStringLiteral("root element <%1>, expected <group>").arg(QString::fromUtf8(name)));
            m_inGroup = true;
            const char* serial = attr(atts, "serial");
            if (!serial)
                return fail(QStringLiteral("group: attribute serial missing"));
            const auto v = parseHex(serial);
            if (!v)
                return fail(QStringLiteral("group: serial %1 is not hex").arg(quoted(serial)));
            m_out.serial = quint64(*v);
            return;
        }
        if (m_depth == 2 && std::strcmp(name, "data") == 0)
            return startData(atts);
        if (m_depth == 3 && m_inData) {
            if (std::strcmp(name, "cname") == 0)
                return startCname(atts);
            if (std::strcmp(name, "r") == 0) {
                m_inRow = true;
                m_rowCells = 0;
                ++m_rowNo;
                return;
            }
        }
        if (m_depth == 4 && m_inRow && std::strcmp(name, "c") == 0) {
            m_inCell = true;
            m_text.clear();
            return;
        }
        // Elements the format does not define (newer firmware may add some) are skipped, but a
        // row or cell out of place means the answer is not what we think it is.
        if (std::strcmp(name, "r") == 0 || std::strcmp(name, "c") == 0 || std::strcmp(name, "cname") == 0 ||
            std::strcmp(name, "data") == 0)
            return fail(QStringLiteral("%1<%2> out of place").arg(where(), QString::fromUtf8(name)));
    }

    void end(const char* name)
    {
        noteEvent();
        if (failed())
            return;
        --m_depth;
        if (m_inCell && std::strcmp(name, "c") == 0)
            return endCell();
        if (m_inRow && std::strcmp(name, "r") == 0)
            return endRow();
        if (m_inCname && std::strcmp(name, "cname") == 0)
            return endCname();
        if (m_inData && std::strcmp(name, "data") == 0)
            return endData();
    }

    void text(const char* s, int len)
    {
        noteEvent();
        if (m_inCell || m_inCname)
            m_text.append(s, size_t(len));
    }

    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }
    void fail(const QString& message)
    {
        if (m_error.isEmpty())
            m_error = message;
        if (m_xml)
            XML_StopParser(m_xml, XML_FALSE);
    }
    void setParser(XML_Parser p) { m_xml = p; }
    /// Where expat stopped on bad XML: in a row, or in a block after a row, so the error names it.
    QString xmlErrorPlace() const
    {
        if (m_inData && !m_inRow && m_rowNo > 0)
            return QStringLiteral("data %1, after row %2: ").arg(m_blockNo).arg(m_rowNo);
        return m_inData ? where() : QString();
    }
    // CDATA looks like content to the offsets, but rows in it are text: the row scan must not start there.
    void cdata(bool open)
    {
        noteEvent();
        m_inCdata = open;
    }
    void noteEvent() { m_lastEventEnd = XML_GetCurrentByteIndex(m_xml) + XML_GetCurrentByteCount(m_xml); }

    /// Whether expat stands in the content of a <data> block, between rows, and has reported every
    /// byte up to `expatOffset`: only there may rows be taken past it.
    bool atRowBoundary(qint64 expatOffset) const
    {
        return !failed() && m_inData && !m_inRow && !m_inCname && !m_inCdata && m_depth == 2 &&
               m_lastEventEnd == expatOffset && !(m_blockNo == 1 && m_out.columns.size() != m_columns);
    }
    /// Takes the rows at `p` with EgaugeRowScan; returns the end of what it took.
    const char* takeRows(const char* p, const char* end)
    {
        Block& b = m_out.blocks.last();
        const int before = b.rows;
        const char* q = scanRows(p, end, m_columns, b);
        m_rowNo += b.rows - before;
        return q;
    }

private:
    static const char* attr(const char** atts, const char* key)
    {
        for (int i = 0; atts[i]; i += 2) {
            if (std::strcmp(atts[i], key) == 0)
                return atts[i + 1];
        }
        return nullptr;
    }

    QString where() const
    {
        if (!m_inData)
            return QStringLiteral("group: ");
        if (m_rowNo == 0)
            return QStringLiteral("data %1: ").arg(m_blockNo);
        return QStringLiteral("data %1, row %2: ").arg(m_blockNo).arg(m_rowNo);
    }

    void startData(const char** atts)
    {
        m_inData = true;
        ++m_blockNo;
        m_rowNo = 0;
        Block b;
        const char* ts = attr(atts, "time_stamp");
        if (!ts)
            return fail(where() + QStringLiteral("attribute time_stamp missing"));
        const auto tsv = parseHex(ts);
        if (!tsv || *tsv < 0 || *tsv > 0xffffffffLL)
            return fail(where() + QStringLiteral("time_stamp %1 is not a hex U32").arg(quoted(ts)));
        b.timeStamp = *tsv;
        const char* td = attr(atts, "time_delta");
        if (!td)
            return fail(where() + QStringLiteral("attribute time_delta missing"));
        bool ok = false;
        b.timeDelta = QByteArray(td).toDouble(&ok);
        if (!ok || !std::isfinite(b.timeDelta) || b.timeDelta <= 0)
            return fail(where() + QStringLiteral("time_delta %1 is not a positive number").arg(quoted(td)));
        if (const char* ep = attr(atts, "epoch")) {
            const auto v = parseHex(ep);
            if (!v)
                return fail(where() + QStringLiteral("epoch %1 is not hex").arg(quoted(ep)));
            b.epoch = *v;
        } else if (!m_out.blocks.isEmpty()) {
            b.epoch = m_out.blocks.constLast().epoch;
        }
        if (const char* d = attr(atts, "delta"))
            b.wasDelta = std::strcmp(d, "true") == 0;
        const char* cols = attr(atts, "columns");
        if (m_blockNo == 1 && !cols)
            return fail(where() + QStringLiteral("attribute columns missing"));
        if (cols) {
            const auto v = parseInt(cols, 10);
            if (!v || *v < 0 || *v > 100000)
                return fail(where() + QStringLiteral("columns %1 is not a count").arg(quoted(cols)));
            if (m_blockNo == 1)
                m_columns = int(*v);
            else if (*v != m_columns)
                return fail(where() +
                            QStringLiteral("columns %1, the first block has %2").arg(*v).arg(m_columns));
        }
        m_cnamesHere = 0;
        m_out.blocks.append(std::move(b));
    }

    void startCname(const char** atts)
    {
        ++m_cnamesHere;
        if (m_rowNo > 0)
            return fail(where() + QStringLiteral("<cname> after the first row"));
        m_inCname = true;
        m_text.clear();
        const char* t = attr(atts, "t");
        if (!t)
            return fail(where() + QStringLiteral("cname %1: attribute t missing").arg(m_cnamesHere));
        m_cname = Column{};
        m_cname.type = QString::fromUtf8(t);
        if (const char* did = attr(atts, "did")) {
            const auto v = parseInt(did, 10);
            if (!v || *v < 0 || *v > std::numeric_limits<int>::max())
                return fail(
                    where() +
                    QStringLiteral("cname %1: did %2 is not a number").arg(m_cnamesHere).arg(quoted(did)));
            m_cname.did = int(*v);
        }
    }

    void endCname()
    {
        m_inCname = false;
        m_cname.name = QString::fromUtf8(m_text.data(), qsizetype(m_text.size())).trimmed();
        if (m_cname.name.isEmpty())
            return fail(where() + QStringLiteral("cname %1 has no name").arg(m_cnamesHere));
        if (m_blockNo == 1) {
            m_out.columns.append(m_cname);
            return;
        }
        // Later blocks normally carry no cnames; if one does, it must name the same columns.
        const int i = m_cnamesHere - 1;
        if (i >= m_out.columns.size() || m_out.columns[i].name != m_cname.name)
            return fail(where() + QStringLiteral("cname %1 %2 differs from the first block's columns")
                                      .arg(m_cnamesHere)
                                      .arg(quoted(m_cname.name.toStdString())));
    }

    void endCell()
    {
        m_inCell = false;
        ++m_rowCells;
        if (m_rowCells == 1 && m_rowNo == 1 && m_blockNo == 1 && m_out.columns.size() != m_columns)
            return fail(QStringLiteral("data 1: %1 cname elements, columns=%2")
                            .arg(m_out.columns.size())
                            .arg(m_columns));
        if (m_rowCells > m_columns)
            return; // counted; endRow names the fault with the full count
        // Cells are plain decimals; trim the whitespace a pretty-printer might add.
        const std::string_view s = trimmed(m_text);
        const auto v = parseInt(s, 10);
        if (!v)
            return fail(where() + QStringLiteral("cell %1 (%2): %3 is not an S64 integer")
                                      .arg(m_rowCells)
                                      .arg(m_rowCells <= m_out.columns.size()
                                               ? m_out.columns[m_rowCells - 1].name
                                               : QStringLiteral("?"))
                                      .arg(quoted(s)));
        Block& b = m_out.blocks.last();
        if (b.wasDelta && b.rows > 0) {
            const qsizetype prev = qsizetype(b.rows - 1) * m_columns + (m_rowCells - 1);
            b.cells.append(wrapAdd(b.cells[prev], *v));
        } else {
            b.cells.append(*v);
        }
    }

    void endRow()
    {
        m_inRow = false;
        if (m_rowCells != m_columns)
            return fail(where() + QStringLiteral("%1 cells, expected %2").arg(m_rowCells).arg(m_columns));
        ++m_out.blocks.last().rows;
    }

    void endData()
    {
        m_inData = false;
        if (m_blockNo == 1 && m_out.columns.size() != m_columns)
            return fail(QStringLiteral("data 1: %1 cname elements, columns=%2")
                            .arg(m_out.columns.size())
                            .arg(m_columns));
        m_rowNo = 0;
    }

    ShowAnswer& m_out;
    XML_Parser m_xml = nullptr;
    qint64 m_lastEventEnd = -1;
    QString m_error;
    int m_depth = 0;
    bool m_inCdata = false;
    bool m_inGroup = false, m_inData = false, m_inRow = false, m_inCell = false, m_inCname = false;
    int m_blockNo = 0, m_rowNo = 0, m_rowCells = 0, m_columns = 0, m_cnamesHere = 0;
    Column m_cname;
    std::string m_text;
};

Result<ShowAnswer> parseWith(QByteArrayView xml, RowScan scan)
{
    ShowAnswer answer;
    Parser parser(answer);
    // nullptr: the declared encoding (UTF-8 when none), as xml.etree reads it. The row scan matches
    // ASCII bytes: UTF-8 and Latin-1 tags are those; UTF-16 tags hold zero bytes, so it never starts.
    XML_Parser p = XML_ParserCreate(nullptr);
    if (!p)
        return Error{QStringLiteral("egauge-show: out of memory for the XML parser")};
    parser.setParser(p);
    XML_SetUserData(p, &parser);
    XML_SetElementHandler(
        p, [](void* u, const XML_Char* n, const XML_Char** a) { static_cast<Parser*>(u)->start(n, a); },
        [](void* u, const XML_Char* n) { static_cast<Parser*>(u)->end(n); });
    XML_SetCharacterDataHandler(
        p, [](void* u, const XML_Char* s, int len) { static_cast<Parser*>(u)->text(s, len); });
    XML_SetCdataSectionHandler(
        p, [](void* u) { static_cast<Parser*>(u)->cdata(true); },
        [](void* u) { static_cast<Parser*>(u)->cdata(false); });
    XML_SetCommentHandler(p, [](void* u, const XML_Char*) { static_cast<Parser*>(u)->noteEvent(); });
    XML_SetProcessingInstructionHandler(
        p, [](void* u, const XML_Char*, const XML_Char*) { static_cast<Parser*>(u)->noteEvent(); });
    // The meter's DOCTYPE names an external DTD; it is never fetched, and an internal entity
    // declaration has no place in an answer, so refuse one (no entity expansion games).
    XML_SetEntityDeclHandler(p, [](void* u, const XML_Char* name, int, const XML_Char*, int, const XML_Char*,
                                   const XML_Char*, const XML_Char*, const XML_Char*) {
        static_cast<Parser*>(u)->fail(
            QStringLiteral("entity declaration \"%1\" refused").arg(QString::fromUtf8(name)));
    });

    const char* data = xml.data();
    const qsizetype size = xml.size();
    qsizetype fed = 0;     // bytes of `xml` handed to expat or taken by the row scan
    qsizetype skipped = 0; // bytes taken by the row scan: expat's offsets lag ours by this much
    qsizetype searchFrom = 0;
    XML_Status st = XML_STATUS_OK;
    // XML_Parse takes an int length: big answers go in slices.
    const auto feed = [&](qsizetype to, bool last) {
        constexpr qsizetype slice = 1 << 30;
        do {
            const qsizetype n = std::min(to - fed, slice);
            st = XML_Parse(p, data + fed, int(n), last && fed + n == to ? XML_TRUE : XML_FALSE);
            fed += n;
        } while (st == XML_STATUS_OK && fed < to);
    };
    const QByteArrayView rowTag("<r>");
    while (st == XML_STATUS_OK) {
        const qsizetype x = scan == RowScan::Fast ? xml.indexOf(rowTag, searchFrom) : -1;
        if (x < 0) {
            feed(size, true);
            break;
        }
        feed(x, false);
        if (st != XML_STATUS_OK)
            break;
        const qsizetype q =
            parser.atRowBoundary(x - skipped) ? parser.takeRows(data + x, data + size) - data : x;
        skipped += q - x;
        fed = q;
        searchFrom = q > x ? q : x + rowTag.size();
    }
    QString err;
    if (parser.failed()) {
        err = parser.error() + QStringLiteral(" (line %1)").arg(XML_GetCurrentLineNumber(p));
    } else if (st != XML_STATUS_OK) {
        err = parser.xmlErrorPlace() + QStringLiteral("bad XML at line %1, column %2: %3")
                                           .arg(XML_GetCurrentLineNumber(p))
                                           .arg(XML_GetCurrentColumnNumber(p) + 1)
                                           .arg(QString::fromUtf8(XML_ErrorString(XML_GetErrorCode(p))));
    } else if (answer.blocks.isEmpty()) {
        err = QStringLiteral("group: no <data> block");
    }
    XML_ParserFree(p);
    if (!err.isEmpty())
        return Error{QStringLiteral("egauge-show: ") + err};
    return answer;
}

} // namespace

Result<ShowAnswer> parseShow(QByteArrayView xml, RowScan scan)
{
    auto answer = parseWith(xml, scan);
    // Errors come from expat alone, so that line numbers count every line of the answer.
    if (!answer.ok() && scan == RowScan::Fast)
        return parseWith(xml, RowScan::ExpatOnly);
    return answer;
}

} // namespace fs::egauge
