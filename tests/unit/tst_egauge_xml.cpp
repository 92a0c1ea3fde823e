// The egauge-show parser and the differencing: the composed samples, several blocks, delta rows,
// counters wrapping at 2^63, export, fractional time_delta, continuation across answers, and
// every malformed answer refused with an error naming element and row. The row fast path against
// expat alone: tst_egauge_rowscan.
#include "EgaugeAnswers.h"
#include "TestSupport.h"
#include "sources/egauge/EgaugeRates.h"
#include "sources/egauge/EgaugeXml.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace fs;
using namespace fs::egauge;
using namespace fs::test::egauge;

namespace {

constexpr qint64 kS64Max = std::numeric_limits<qint64>::max();

// The rates the sample's comment gives, newest first: CT1_Amperage A, L1_Voltage V, TEST_YK W.
const double kSampleRates[5][3] = {{4.198, 230.095, 961},
                                   {4.205, 230.110, 965},
                                   {4.230, 230.150, 970},
                                   {4.190, 230.080, 962},
                                   {4.210, 230.120, 966}};
constexpr qint64 kSampleTs = 1562686920; // 2019-07-09T15:42:00Z

void compareToSampleRates(const Rates& r)
{
    QCOMPARE(r.columns.size(), 3);
    QCOMPARE(r.columns[0].name, QStringLiteral("CT1_Amperage"));
    QCOMPARE(r.columns[2].type, QStringLiteral("P"));
    QCOMPARE(r.timesMs.size(), 5);
    for (int k = 0; k < 5; ++k) {
        QCOMPARE(r.timesMs[k], (kSampleTs - k) * 1000);
        for (int c = 0; c < 3; ++c)
            QVERIFY2(
                std::abs(r.value(k, c) - kSampleRates[k][c]) < 1e-9,
                qPrintable(QStringLiteral("row %1 col %2: %3").arg(k).arg(c).arg(r.value(k, c), 0, 'g', 12)));
    }
    QCOMPARE(r.resets, 0);
    QCOMPARE(r.breaks, 0);
}

} // namespace

class TestEgaugeXml : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void typeTable()
    {
        QCOMPARE(typeCodes().size(), 25);
        QCOMPARE(typeCode(u"V")->quantum, 0.001);
        QCOMPARE(typeCode(u"P")->unit, QStringLiteral("W"));
        QVERIFY(typeCode(u"P")->bidirectional);
        QVERIFY(typeCode(u"var")->bidirectional);
        QVERIFY(!typeCode(u"I")->bidirectional);
        QCOMPARE(typeCode(u"Qv")->quantum, 1e-9);
        QCOMPARE(typeCode(u"$")->quantum, 1.0 / 536870912.0);
        QVERIFY(typeCode(u"XYZ") == nullptr);
    }

    void sampleN6()
    {
        const auto a = parseShow(test::readData(QStringLiteral("egauge-show_S_s0_n6.xml")));
        QVERIFY2(a.ok(), qPrintable(a.error()));
        QCOMPARE(a->serial, quint64(0x4e842294));
        QCOMPARE(a->blocks.size(), 1);
        QCOMPARE(a->blocks[0].rows, 6);
        QCOMPARE(a->blocks[0].epoch, std::optional<qint64>(0x5c2aad80));
        QCOMPARE(a->columns[1].did, 1);
        QCOMPARE(a->blocks[0].cell(5, 1, 3), Q_INT64_C(4511319123106));
        compareToSampleRates(differences(*a));
    }

    // kb "Interpreting XML data": a power counter 55357243343 -> 55357226851 over 60 s is -274.86 W
    // (the article cuts the -274.8667 to two places), and a voltage counter 4511319123106 ->
    // 4511385868513 over 600 s is 111242 mV = 111.24 V. Rows newest first, so the later value leads.
    void kbWorkedExamples()
    {
        const qint64 t0 = 1562686920;
        const auto power = parseShow(
            group(block(t0, "60", {{Q_INT64_C(55357226851)}, {Q_INT64_C(55357243343)}}, {{"P", "Grid"}})));
        QVERIFY2(power.ok(), qPrintable(power.error()));
        const Rates p = differences(*power);
        QCOMPARE(p.timesMs, QList<qint64>{t0 * 1000});
        QVERIFY2(std::abs(p.value(0, 0) - (-16492.0 / 60.0)) < 1e-9,
                 qPrintable(QString::number(p.value(0, 0))));
        QCOMPARE(std::trunc(p.value(0, 0) * 100) / 100, -274.86);
        const auto volts = parseShow(
            group(block(t0, "600", {{Q_INT64_C(4511385868513)}, {Q_INT64_C(4511319123106)}}, {{"V", "L1"}})));
        QVERIFY2(volts.ok(), qPrintable(volts.error()));
        const Rates v = differences(*volts);
        QVERIFY2(std::abs(v.value(0, 0) - 66745407.0 / 600.0 / 1000.0) < 1e-9,
                 qPrintable(QString::number(v.value(0, 0))));
        QCOMPARE(std::round(v.value(0, 0) * 100) / 100, 111.24);
        QCOMPARE(p.resets + v.resets, 0);
    }

    void sampleDelta()
    {
        const auto d = parseShow(test::readData(QStringLiteral("egauge-show_S_C_delta.xml")));
        QVERIFY2(d.ok(), qPrintable(d.error()));
        QVERIFY(d->blocks[0].wasDelta);
        const auto a = parseShow(test::readData(QStringLiteral("egauge-show_S_s0_n6.xml")));
        QCOMPARE(d->blocks[0].cells, a->blocks[0].cells);
        compareToSampleRates(differences(*d));
    }

    void multiBlockTimedSeparately()
    {
        // Second rows (1 s), then older minute rows (60 s), as when a range crosses storage kinds.
        const qint64 t0 = 1700000000;
        const QByteArray xml = group(
            block(t0, "1", {{3000, 230000 * 2}, {2000, 230000}, {1000, 0}}, kPV, " epoch=\"0x5c2aad80\"") +
            block(t0 - 62, "60", {{-59000, -60 * 230000}, {-119000, -120 * 229000}}));
        const auto a = parseShow(xml);
        QVERIFY2(a.ok(), qPrintable(a.error()));
        QCOMPARE(a->blocks.size(), 2);
        QCOMPARE(a->blocks[1].epoch, a->blocks[0].epoch); // inherited
        QCOMPARE(a->blocks[1].rowTimeMs(1), (t0 - 122) * 1000);
        const Rates r = differences(*a);
        QCOMPARE(r.timesMs, (QList<qint64>{t0 * 1000, (t0 - 1) * 1000, (t0 - 2) * 1000, (t0 - 62) * 1000}));
        QCOMPARE(r.value(0, 0), 1000.0);
        QCOMPARE(r.value(1, 1), 230.0);
        // Across the blocks: 60 s between the oldest second row and the newest minute row.
        QCOMPARE(r.value(2, 0), 1000.0);
        QCOMPARE(r.value(2, 1), 230.0);
        QCOMPARE(r.value(3, 0), 1000.0);
        QCOMPARE(r.value(3, 1), (120.0 * 229 - 60.0 * 230) / 60);
    }

    void epochChangeDropsPair()
    {
        const qint64 t0 = 1700000000;
        const QByteArray xml = group(block(t0, "1", {{3000, 2}, {2000, 1}}, kPV, " epoch=\"0x10\"") +
                                     block(t0 - 10, "1", {{900000, 5}, {899000, 4}}, {}, " epoch=\"0x20\""));
        const auto a = parseShow(xml);
        QVERIFY2(a.ok(), qPrintable(a.error()));
        const Rates r = differences(*a);
        QCOMPARE(r.timesMs, (QList<qint64>{t0 * 1000, (t0 - 10) * 1000}));
        QCOMPARE(r.breaks, 1);
        QVERIFY(r.warnings.join(u'\n').contains(QStringLiteral("epoch changed")));
    }

    void wrapNear2to63()
    {
        // P goes 1000 W through the S64 maximum; V 230 V through it too; both exact.
        const qint64 t0 = 1700000000;
        const qint64 p0 = kS64Max - 1500, v0 = kS64Max - 300000;
        const qint64 p1 = qint64(quint64(p0) + 1000), p2 = qint64(quint64(p1) + 1000);
        const qint64 v1 = qint64(quint64(v0) + 230000), v2 = qint64(quint64(v1) + 230000);
        QVERIFY(p2 < 0 && v2 < 0); // wrapped to the negative side
        const auto a = parseShow(group(block(t0, "1", {{p2, v2}, {p1, v1}, {p0, v0}}, kPV)));
        QVERIFY2(a.ok(), qPrintable(a.error()));
        QCOMPARE(a->blocks[0].cell(0, 0, 2), p2);
        const Rates r = differences(*a);
        QCOMPARE(r.timesMs.size(), 2);
        for (int k = 0; k < 2; ++k) {
            QCOMPARE(r.value(k, 0), 1000.0);
            QCOMPARE(r.value(k, 1), 230.0);
        }
        QCOMPARE(r.resets, 0);
    }

    void s64Extremes()
    {
        const auto a =
            parseShow(group(block(1700000000, "1", {{std::numeric_limits<qint64>::min(), kS64Max}}, kPV)));
        QVERIFY2(a.ok(), qPrintable(a.error()));
        QCOMPARE(a->blocks[0].cell(0, 0, 2), std::numeric_limits<qint64>::min());
        QCOMPARE(a->blocks[0].cell(0, 1, 2), kS64Max);
    }

    void deltaWraps()
    {
        // C rows near the maximum: abs[k] = abs[k-1] + c[k] wraps as the meter's counters do.
        const qint64 top = qint64(quint64(kS64Max) + 1000); // = S64 min + 999
        const auto a = parseShow(group(
            block(1700000000, "1", {{top, 5000}, {-1000, -230}, {-1000, -230}}, kPV, " delta=\"true\"")));
        QVERIFY2(a.ok(), qPrintable(a.error()));
        QCOMPARE(a->blocks[0].cell(1, 0, 2), kS64Max);
        QCOMPARE(a->blocks[0].cell(2, 0, 2), kS64Max - 1000);
        const Rates r = differences(*a);
        QCOMPARE(r.value(0, 0), 1000.0);
        QCOMPARE(r.value(1, 1), 0.23);
    }

    void exportIsNegativeResetIsDropped()
    {
        // Grid falls by 500 W·s per second: export. The voltage counter falls: a reset, not a value.
        const auto a =
            parseShow(group(block(1700000000, "1", {{10000, 100}, {10500, 230100}, {11000, 100}}, kPV)));
        QVERIFY2(a.ok(), qPrintable(a.error()));
        const Rates r = differences(*a);
        QCOMPARE(r.value(0, 0), -500.0);
        QCOMPARE(r.value(1, 0), -500.0);
        QVERIFY(std::isnan(r.value(0, 1)));
        QCOMPARE(r.value(1, 1), 230.0);
        QCOMPARE(r.resets, 1);
    }

    void fractionalTimeDelta()
    {
        const qint64 t0 = 1700000000;
        const auto a = parseShow(group(block(t0, "0.1", {{300, 69000}, {200, 46000}, {100, 23000}}, kPV)));
        QVERIFY2(a.ok(), qPrintable(a.error()));
        QCOMPARE(a->blocks[0].timeDelta, 0.1);
        const Rates r = differences(*a);
        QCOMPARE(r.timesMs, (QList<qint64>{t0 * 1000, t0 * 1000 - 100}));
        QVERIFY(std::abs(r.value(0, 0) - 1000.0) < 1e-9);
        QVERIFY(std::abs(r.value(1, 1) - 230.0) < 1e-9);
    }

    void unknownTypeCode()
    {
        const auto a =
            parseShow(group(block(1700000000, "1", {{20, 2}, {10, 1}}, {{"P", "Grid"}, {"Zz", "Odd"}})));
        QVERIFY2(a.ok(), qPrintable(a.error()));
        const Rates r = differences(*a);
        QCOMPARE(r.value(0, 0), 10.0);
        QVERIFY(std::isnan(r.value(0, 1)));
        QVERIFY(r.types[1] == nullptr);
        QVERIFY(r.warnings.join(u'\n').contains(QStringLiteral("Odd")));
    }

    void continuesFromEarlierAnswer()
    {
        // The whole answer's rates equal those of its two halves, the older half's newest row
        // anchoring the newer half (the poller asking again from the last stored row).
        const auto whole = parseShow(test::readData(QStringLiteral("egauge-show_S_s0_n6.xml")));
        const Block& b = whole->blocks[0];
        const auto half = [&](int from, int to) {
            QList<QList<qint64>> rows;
            for (int k = from; k < to; ++k)
                rows.append(b.cells.mid(k * 3, 3));
            return group(block(b.timeStamp - from, "1", rows,
                               {{"I", "CT1_Amperage"}, {"V", "L1_Voltage"}, {"P", "TEST_YK"}},
                               " epoch=\"0x5c2aad80\""));
        };
        const auto newerHalf = parseShow(half(0, 3));
        const auto olderHalf = parseShow(half(3, 6));
        QVERIFY(newerHalf.ok() && olderHalf.ok());
        const Rates older = differences(*olderHalf);
        const Rates newer = differences(*newerHalf, {newestRow(*olderHalf), std::nullopt});
        QCOMPARE(newer.timesMs.size() + older.timesMs.size(), 5);
        Rates joined = newer;
        joined.timesMs += older.timesMs;
        joined.values += older.values;
        compareToSampleRates(joined);
        // Fetched backwards: the newer half's oldest row anchors the older half from above.
        const Rates back = differences(*olderHalf, {std::nullopt, oldestRow(*newerHalf)});
        QCOMPARE(back.timesMs.first(), (kSampleTs - 2) * 1000);
        QVERIFY(std::abs(back.value(0, 0) - 4.230) < 1e-9);
        // An anchor inside the answer's own span adds nothing.
        const Rates same = differences(*whole, {newestRow(*whole), std::nullopt});
        QCOMPARE(same.timesMs.size(), 5);
        QCOMPARE(same.breaks, 0);
        // A different meter (serial) is never paired.
        auto foreign = newestRow(*olderHalf);
        foreign->serial = 1;
        const Rates broken = differences(*newerHalf, {foreign, std::nullopt});
        QCOMPARE(broken.timesMs.size(), 2);
        QCOMPARE(broken.breaks, 1);
    }

    void anchorColumnsByName()
    {
        // The anchor lists the registers in another order and lacks one: matched by name.
        const qint64 t0 = 1700000000;
        const auto a = parseShow(group(block(t0, "1", {{2000, 460000}}, kPV)));
        Anchor older;
        older.serial = a->serial;
        older.timeMs = (t0 - 2) * 1000;
        older.names = {QStringLiteral("L1_Voltage")};
        older.counters = {0};
        const Rates r = differences(*a, {older, std::nullopt});
        QCOMPARE(r.timesMs, QList<qint64>{t0 * 1000});
        QVERIFY(std::isnan(r.value(0, 0)));
        QCOMPARE(r.value(0, 1), 230.0);
    }

    // The declared encoding is honoured, as xml.etree (Peper) does: a Latin-1 register name.
    void declaredEncoding()
    {
        QByteArray xml = group(block(1700000000, "1", {{2, 2}, {1, 1}},
                                     {{"P", "K\xfc"
                                            "che"},
                                      {"V", "L1"}}));
        xml.replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"");
        const auto a = parseShow(xml);
        QVERIFY2(a.ok(), qPrintable(a.error()));
        QCOMPARE(a->columns[0].name, QStringLiteral("K\u00fcche"));
        QCOMPARE(a->blocks[0].rows, 2);
    }

    void emptyBlockIsNotAnError()
    {
        const auto a = parseShow(group(block(1700000000, "1", {}, kPV)));
        QVERIFY2(a.ok(), qPrintable(a.error()));
        QCOMPARE(a->rowCount(), 0);
        QVERIFY(!newestRow(*a).has_value());
        QCOMPARE(differences(*a).timesMs.size(), 0);
        // Two anchors around an empty answer are not paired with each other.
        const auto other = parseShow(group(block(1700000010, "1", {{9, 9}, {1, 1}}, kPV)));
        QCOMPARE(differences(*a, {oldestRow(*other), newestRow(*other)}).timesMs.size(), 0);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("xml");
        QTest::addColumn<QString>("expected");
        const QByteArray good = block(1700000000, "1", {{2, 2}, {1, 1}}, kPV);
        QTest::newRow("empty") << QByteArray() << "bad XML at line 1";
        QTest::newRow("not XML") << QByteArray("<html><body>Login") << "root element <html>";
        QTest::newRow("truncated") << group(good).left(200) << "bad XML";
        // Bad XML inside a block names the block and the row where expat stopped.
        QByteArray badTag = group(good);
        badTag.replace(badTag.lastIndexOf("</r>"), 4, "</x>");
        QTest::newRow("bad XML in a row") << badTag << "data 1, row 2: bad XML at line";
        QTest::newRow("bad XML at the start of a row")
            << group(good).replace("</r>\n<r>", "</r>\n<r>junk</z>") << "data 1, row 2: bad XML at line";
        QTest::newRow("bad XML after a row")
            << group(good).replace("</r>\n<r>", "</r>\n</z><r>") << "data 1, after row 1: bad XML at line";
        QTest::newRow("truncated in a row")
            << group(good).left(group(good).lastIndexOf("</c>")) << "data 1, row 2: bad XML at line";
        QTest::newRow("no serial") << ("<group>" + good + "</group>") << "group: attribute serial missing";
        QTest::newRow("serial not hex") << group(good, "0xZZ") << "serial \"0xZZ\" is not hex";
        QTest::newRow("no data") << group({}) << "no <data> block";
        QTest::newRow("no time_stamp")
            << group("<data columns=\"1\" time_delta=\"1\"><cname t=\"P\">a</cname></data>")
            << "data 1: attribute time_stamp missing";
        QTest::newRow("no time_delta")
            << group("<data columns=\"1\" time_stamp=\"0x10\"><cname t=\"P\">a</cname></data>")
            << "data 1: attribute time_delta missing";
        QTest::newRow("zero time_delta")
            << group(block(1700000000, "0", {{1, 1}}, kPV)) << "time_delta \"0\"";
        QTest::newRow("no columns")
            << group("<data time_stamp=\"0x10\" time_delta=\"1\"><cname t=\"P\">a</cname></data>")
            << "data 1: attribute columns missing";
        QTest::newRow("time_stamp not hex")
            << group(
                   "<data columns=\"1\" time_stamp=\"0xg\" time_delta=\"1\"><cname t=\"P\">a</cname></data>")
            << "time_stamp \"0xg\" is not a hex U32";
        QTest::newRow("cname count") << group(
                                            "<data columns=\"3\" time_stamp=\"0x10\" time_delta=\"1\">"
                                            "<cname t=\"P\">a</cname><r><c>1</c><c>1</c><c>1</c></r></data>")
                                     << "data 1: 1 cname elements, columns=3";
        QTest::newRow("cname without t") << group("<data columns=\"1\" time_stamp=\"0x10\" time_delta=\"1\">"
                                                  "<cname>a</cname></data>")
                                         << "data 1: cname 1: attribute t missing";
        QTest::newRow("short row") << group(block(1700000000, "1", {{2, 2}, {1}}, kPV))
                                   << "data 1, row 2: 1 cells, expected 2";
        QList<QList<qint64>> many(16, {5, 5});
        many.append({1, 1, 1});
        QTest::newRow("long row in block 2")
            << group(good + block(1699990000, "60", many)) << "data 2, row 17: 3 cells, expected 2";
        QTest::newRow("non-numeric cell") << group(good).replace("<c>1</c>", "<c>1.5</c>")
                                          << "data 1, row 2: cell 1 (Grid): \"1.5\" is not an S64 integer";
        QTest::newRow("cell with a line break") << group(good).replace("<c>1</c>", "<c>1\n2</c>")
                                                << "data 1, row 2: cell 1 (Grid): \"1\\n2\" is not";
        QTest::newRow("empty cell") << group(good).replace("<c>1</c>", "<c></c>")
                                    << "data 1, row 2: cell 1 (Grid)";
        QTest::newRow("S64 overflow") << group(good).replace("<c>1</c>", "<c>9223372036854775808</c>")
                                      << "9223372036854775808\" is not an S64 integer";
        QTest::newRow("row outside data") << group(good + "<r><c>1</c></r>") << "group: <r> out of place";
        QTest::newRow("block 2 with other columns")
            << group(good + "<data columns=\"3\" time_stamp=\"0x10\" time_delta=\"1\"/>")
            << "data 2: columns 3, the first block has 2";
        QTest::newRow("entity")
            << QByteArray("<!DOCTYPE group [<!ENTITY a \"aaaa\">]><group serial=\"0x1\">" + good + "</group>")
            << "entity declaration \"a\" refused";
    }
    void malformed()
    {
        QFETCH(QByteArray, xml);
        QFETCH(QString, expected);
        const auto a = parseShow(xml);
        QVERIFY(!a.ok());
        QVERIFY2(a.error().contains(expected), qPrintable(a.error()));
        QVERIFY2(a.error().startsWith(QStringLiteral("egauge-show: ")), qPrintable(a.error()));
        // decode prints the error as its one line on stderr.
        QVERIFY2(!a.error().contains(u'\n') && !a.error().contains(u'\r'), qPrintable(a.error()));
    }
};

QTEST_APPLESS_MAIN(TestEgaugeXml)
#include "tst_egauge_xml.moc"
