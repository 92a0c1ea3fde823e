// The parser's row fast path (EgaugeRowScan) against expat alone: the same answer or the same error
// for the samples, inputs built to trick it (rows in comments and CDATA, entities, attributes) and
// thousands of one-byte damages.
#include "EgaugeAnswers.h"
#include "TestSupport.h"
#include "sources/egauge/EgaugeRowScan.h"
#include "sources/egauge/EgaugeXml.h"

#include <QTest>

#include <random>

using namespace fs;
using namespace fs::egauge;
using namespace fs::test::egauge;

namespace {

// The two ways through the parser must give the same answer or the same error.
QString sameThroughBothPaths(const QByteArray& xml)
{
    const auto fast = parseShow(xml, RowScan::Fast);
    const auto slow = parseShow(xml, RowScan::ExpatOnly);
    if (fast.ok() != slow.ok())
        return QStringLiteral("fast %1, expat %2")
            .arg(fast.ok() ? QStringLiteral("ok") : fast.error(),
                 slow.ok() ? QStringLiteral("ok") : slow.error());
    if (!fast.ok())
        return fast.error() == slow.error() ? QString()
                                            : fast.error() + QStringLiteral(" vs ") + slow.error();
    if (fast->serial != slow->serial || fast->columns.size() != slow->columns.size() ||
        fast->blocks.size() != slow->blocks.size())
        return QStringLiteral("different shape");
    for (int i = 0; i < fast->columns.size(); ++i) {
        if (fast->columns[i].name != slow->columns[i].name || fast->columns[i].type != slow->columns[i].type)
            return QStringLiteral("column %1 differs").arg(i);
    }
    for (int i = 0; i < fast->blocks.size(); ++i) {
        const Block &a = fast->blocks[i], &b = slow->blocks[i];
        if (a.timeStamp != b.timeStamp || a.timeDelta != b.timeDelta || a.epoch != b.epoch ||
            a.rows != b.rows || a.cells != b.cells || a.wasDelta != b.wasDelta)
            return QStringLiteral("block %1 differs (rows %2 vs %3)").arg(i).arg(a.rows).arg(b.rows);
    }
    return {};
}

// An answer as UTF-16LE with a BOM: the row scan cannot start in it, expat reads it alone.
QByteArray utf16Answer(const QByteArray& blocks)
{
    const QString text =
        QString::fromUtf8(group(blocks)).replace(QStringLiteral("UTF-8"), QStringLiteral("UTF-16"));
    QByteArray out("\xff\xfe", 2);
    out.append(reinterpret_cast<const char*>(text.utf16()), text.size() * 2);
    return out;
}

} // namespace

class TestEgaugeRowScan : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fastPathAgrees_data()
    {
        QTest::addColumn<QByteArray>("xml");
        const QByteArray rows = block(1700000000, "1", {{3, -3}, {2, 9223372036854775807LL}, {1, 1}}, kPV);
        QTest::newRow("n6 sample") << test::readData(QStringLiteral("egauge-show_S_s0_n6.xml"));
        QTest::newRow("delta sample") << test::readData(QStringLiteral("egauge-show_S_C_delta.xml"));
        QTest::newRow("plain") << group(rows);
        QTest::newRow("CRLF and spaces in cells")
            << group(rows).replace("\n", "\r\n").replace("<c>2</c>", "<c> \r\n 2\t</c>");
        QTest::newRow("rows in a comment")
            << group(QByteArray(rows).replace("<r>", "<!-- <r><c>7</c><c>7</c></r> --><r>"));
        QTest::newRow("comment hides the rows")
            << group(QByteArray(rows)
                         .replace("<cname t=\"V\" did=\"0\">L1_Voltage</cname>",
                                  "<cname t=\"V\">L1_Voltage</cname><!--")
                         .replace("</data>", "--></data>"));
        QTest::newRow("CDATA rows") << group(QByteArray(rows)
                                                 .replace("</cname>\n<r>", "</cname>\n<![CDATA[<r>")
                                                 .replace("</data>", "]]></data>"));
        QTest::newRow("row tag in attribute")
            << group(QByteArray(rows).replace("time_delta=\"1\"", "time_delta=\"1\" x=\"<r>\""));
        QTest::newRow("char reference in cell")
            << group(QByteArray(rows).replace("<c>3</c>", "<c>&#51;</c>"));
        QTest::newRow("attribute on r") << group(QByteArray(rows).replace("<r><c>2", "<r a=\"1\"><c>2"));
        QTest::newRow("empty row element")
            << group(QByteArray(rows).replace("<r><c>2</c><c>9223372036854775807</c></r>", "<r/>"));
        QTest::newRow("-2^63") << group(QByteArray(rows).replace("<c>-3</c>", "<c>-9223372036854775808</c>"));
        QTest::newRow("below -2^63") << group(
            QByteArray(rows).replace("<c>-3</c>", "<c>-9223372036854775809</c>"));
        QTest::newRow("plus sign") << group(QByteArray(rows).replace("<c>3</c>", "<c>+3</c>"));
        QTest::newRow("unclosed after rows") << group(rows).replace("</data>", "");
        QTest::newRow("cname after rows")
            << group(QByteArray(rows).replace("</data>", "<cname t=\"P\">x</cname></data>"));
        QTest::newRow("two blocks, delta")
            << group(block(1700000000, "1", {{10, 10}, {-1, -1}}, kPV, " delta=\"true\"") +
                     block(1699990000, "60", {{5, 5}, {-1, -2}}, {}, " delta=\"true\""));
        QTest::newRow("UTF-16") << utf16Answer(rows);
        QTest::newRow("cname count mismatch")
            << group("<data columns=\"3\" time_stamp=\"0x10\" time_delta=\"1\"><cname "
                     "t=\"P\">a</cname><r><c>1</c><c>1</c><c>1</c></r></data>");
    }
    void fastPathAgrees()
    {
        QFETCH(QByteArray, xml);
        const QString diff = sameThroughBothPaths(xml);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    void utf16AnswerParses()
    {
        const auto a = parseShow(utf16Answer(block(1700000000, "1", {{3, 3}, {2, 2}}, kPV)));
        QVERIFY2(a.ok(), qPrintable(a.error()));
        QCOMPARE(a->blocks[0].cells, (QList<qint64>{3, 3, 2, 2}));
    }

    // The scanner itself: the comparisons above would pass if it never took a row.
    void scannerTakesWholeRowsOnly()
    {
        const QByteArray text = " <r><c>10</c><c> -5 </c></r>\n<r><c>-1</c><c>2</c></r>"
                                "<r><c>7</c><c>8</c></r><r><c>1</c><!-- x --><c>1</c></r>";
        const char* begin = text.constData();
        Block plain;
        const char* end = scanRows(begin, begin + text.size(), 2, plain);
        QCOMPARE(plain.rows, 3);
        QCOMPARE(plain.cells, (QList<qint64>{10, -5, -1, 2, 7, 8}));
        QCOMPARE(QByteArray(end, 4), QByteArray("<r><"));
        QCOMPARE(end - begin, text.indexOf("<r><c>1</c><!--"));

        Block delta;
        delta.wasDelta = true;
        QCOMPARE(scanRows(begin, begin + text.size(), 2, delta), end);
        QCOMPARE(delta.cells, (QList<qint64>{10, -5, 9, -3, 16, 5}));

        Block wrongCount;
        QCOMPARE(scanRows(begin, begin + text.size(), 3, wrongCount), begin);
        QCOMPARE(wrongCount.rows, 0);
        QVERIFY(wrongCount.cells.isEmpty());
    }

    void fastPathAgreesUnderMutation()
    {
        // Thousands of one-byte damages to a two-block answer with comments: both paths must agree.
        const QByteArray base =
            group(block(1700000000, "1", {{30, 3}, {20, 2}, {10, 1}, {0, 0}}, kPV) + "<!-- gap -->\n" +
                  block(1699990000, "60", {{-5, -1}, {-6, -2}}, {}, " delta=\"true\""));
        QVERIFY(sameThroughBothPaths(base).isEmpty());
        std::mt19937 gen(7);
        const QByteArray alphabet = "<>/ rc0129-\n\r&#;!x\"=[]";
        int ok = 0;
        for (int i = 0; i < 4000; ++i) {
            QByteArray m = base;
            const int at = int(gen() % unsigned(m.size()));
            const char c = alphabet[int(gen() % unsigned(alphabet.size()))];
            switch (gen() % 3) {
            case 0:
                m.remove(at, 1);
                break;
            case 1:
                m.insert(at, c);
                break;
            default:
                m[at] = c;
                break;
            }
            const QString diff = sameThroughBothPaths(m);
            QVERIFY2(
                diff.isEmpty(),
                qPrintable(QStringLiteral("mutation %1: %2\n%3").arg(i).arg(diff, QString::fromUtf8(m))));
            ok += parseShow(m).ok();
        }
        QVERIFY(ok > 100); // many mutations (in cells, whitespace) still parse: the rows path is exercised
    }
};

QTEST_APPLESS_MAIN(TestEgaugeRowScan)
#include "tst_egauge_rowscan.moc"
