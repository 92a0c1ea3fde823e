// The ISEMS line parser: every sample, the collector's test lines, and every way a line is refused.
#include "TestSupport.h"
#include "sources/isems/IsemsLine.h"

#include <QTest>

using namespace fs;
using namespace fs::isems;

namespace {

// 2019-07-10, after every sample line; the future check is relative to this.
constexpr qint64 kNow = 1562716900000LL;

const char* kCollectorLine = "Elektra-Dach;1;1530364575;ATmega8_A_1;711;0;18.614;18.614;14.073;100;"
                             "100;28;11.67;14.086;7;20;52.507309;13.458635";

QList<QByteArray> lines(const QString& fixture)
{
    QList<QByteArray> out = test::readData(fixture).split('\n');
    if (!out.isEmpty() && out.last().isEmpty())
        out.removeLast();
    return out;
}

} // namespace

class TestIsemsLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void collectorLineWithoutStatusParsesEveryField()
    {
        const auto r = parseLine(kCollectorLine, kNow);
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(r->nodeId, QStringLiteral("Elektra-Dach"));
        QCOMPARE(r->isemsRevision, QStringLiteral("1"));
        // 1530364575 is 2018-06-30 13:16:15 UTC (the collector printed 15:16:15 Berlin).
        QCOMPARE(r->timeMs, 1530364575000LL);
        QCOMPARE(r->openMPPTFirmwareVersion, QStringLiteral("ATmega8_A_1"));
        QCOMPARE(r->timeToShutdown, 711.0);
        QCOMPARE(r->isPowerSaveMode, 0);
        QCOMPARE(r->openCircuitVoltage, 18.614);
        QCOMPARE(r->mppVoltage, 18.614);
        QCOMPARE(r->batteryVoltage, 14.073);
        QCOMPARE(r->batteryChargeEstimate, 100.0);
        QCOMPARE(r->batteryHealthEstimate, 100.0);
        QCOMPARE(r->batteryTemperature, 28.0);
        QCOMPARE(r->lowVoltageDisconnectVoltage, 11.67);
        QCOMPARE(r->temperatureCorrectedVoltage, 14.086);
        QCOMPARE(r->rateBatteryCapacity, 7.0);
        QCOMPARE(r->ratedSolarModuleCapacity, 20.0);
        QCOMPARE(r->latitude, 52.507309);
        QCOMPARE(r->longitude, 13.458635);
        QVERIFY(!r->status.has_value());
        QVERIFY(!r->timeFromArrival);
    }

    void collectorLineWithStatusGivesItsBits()
    {
        const auto r = parseLine(QByteArray(kCollectorLine) + ";300", kNow);
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(r->status, std::optional<int>(0x300));
        QCOMPARE(flagNames(*r->status), (QStringList{"fully_charged", "healthy"}));
    }

    void statusHex_data()
    {
        QTest::addColumn<QByteArray>("hex");
        QTest::addColumn<int>("value");
        QTest::addColumn<QStringList>("flags");
        QTest::newRow("charging+healthy") << QByteArray("900") << 0x900 << QStringList{"charging", "healthy"};
        // 0xABC = 1010 1011 1100, bits 0, 2, 4, 6, 7, 8, 9 from the most significant.
        const QStringList abc = {"charging",
                                 "fully_charged",
                                 "battery_level_low",
                                 "temp_sensor_not_connected",
                                 "no_solar_communication",
                                 "battery_overheating",
                                 "low_battery_temperature"};
        QTest::newRow("upper case") << QByteArray("ABC") << 0xABC << abc;
        QTest::newRow("lower case") << QByteArray("abc") << 0xABC << abc;
        QTest::newRow("overheating, spelt right")
            << QByteArray("008") << 0x008 << QStringList{"battery_overheating"};
        QTest::newRow("last two bits")
            << QByteArray("003") << 0x003 << QStringList{"firmware_upgrade_unsafe", "unused_bit11"};
        QTest::newRow("one digit") << QByteArray("0") << 0 << QStringList{};
    }

    void statusHex()
    {
        QFETCH(QByteArray, hex);
        QFETCH(int, value);
        QFETCH(QStringList, flags);
        const auto r = parseLine(QByteArray(kCollectorLine) + ";" + hex, kNow);
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(*r->status, value);
        QCOMPARE(flagNames(*r->status), flags);
    }

    void everyFlagHasItsOwnBit()
    {
        QCOMPARE(allFlagNames().size(), 12);
        for (int bit = 0; bit < 12; ++bit)
            QCOMPARE(flagNames(0x800 >> bit), QStringList{allFlagNames().at(bit)});
        QCOMPARE(flagNames(0xFFF), allFlagNames());
    }

    void routerLogParsesEveryLine()
    {
        const QList<QByteArray> log = lines(QStringLiteral("isems_router_ffopenmppt.log"));
        QCOMPARE(log.size(), 5);
        qint64 previous = 0;
        for (const QByteArray& l : log) {
            const auto r = parseLine(l, kNow);
            QVERIFY2(r.ok(), qPrintable(r.error()));
            QCOMPARE(r->nodeId, QStringLiteral("Solar-Dach-01"));
            QCOMPARE(*r->status, 0x900);
            QCOMPARE(r->timeMs - previous > 0, true);
            previous = r->timeMs;
        }
        const auto last = parseLine(log.last(), kNow);
        QCOMPARE(last->timeMs, 1562687040000LL);
        QCOMPARE(last->batteryVoltage, 13.651);
        QCOMPARE(last->batteryChargeEstimate, 88.0);
        QCOMPARE(last->timeToShutdown, 707.0);
        QCOMPARE(last->rateBatteryCapacity, 18.0);
    }

    void mqttCsvPayloadParsesEveryLine()
    {
        const QList<QByteArray> log = lines(QStringLiteral("isems_mqtt_csvlog_payload.txt"));
        QCOMPARE(log.size(), 5);
        for (int i = 0; i < log.size(); ++i) {
            const auto r = parseLine(log[i], kNow);
            QVERIFY2(r.ok(), qPrintable(r.error()));
            QCOMPARE(r->nodeId, QStringLiteral("ESP-Hof-Nord"));
            QCOMPARE(r->timeMs, (1562716800LL + 15 * i) * 1000);
            QCOMPARE(r->openMPPTFirmwareVersion, QStringLiteral("ESP_2.0"));
            QCOMPARE(flagNames(*r->status), (QStringList{"discharging", "healthy"}));
        }
    }

    void edgeCasesAreRefusedWithTheirReason()
    {
        const QList<QByteArray> log = lines(QStringLiteral("isems_edge_cases.log"));
        QCOMPARE(log.size(), 5);
        QVERIFY(parseLine(log[0], kNow).ok());
        QVERIFY(parseLine(log[1], kNow).error().contains("placeholder"));
        const auto preNtp = parseLine(log[2], kNow);
        QVERIFY(preNtp.error().contains("timestamp"));
        QVERIFY(preNtp.error().contains("before 2015"));
        QCOMPARE(parseLine(log[3], kNow).error(), QStringLiteral("8 fields, expected 18 or 19"));
        QCOMPARE(parseLine(log[4], kNow).error(), QStringLiteral("empty line"));
    }

    void badLines_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("reason");
        const QByteArray good(kCollectorLine);
        auto with = [&](int index, const QByteArray& text) {
            QList<QByteArray> f = good.split(';');
            f[index] = text;
            return f.join(';');
        };
        QTest::newRow("blank") << QByteArray("   \r") << "empty line";
        QTest::newRow("20 fields") << good + ";900;1"
                                   << "20 fields, expected 18 or 19";
        QTest::newRow("17 fields") << with(17, "").chopped(1) << "17 fields, expected 18 or 19";
        QTest::newRow("html") << QByteArray("<html><body>404</body></html>") << "1 fields, expected 18 or 19";
        QTest::newRow("no node id") << with(0, "") << "field 1 nodeId: \"\" is empty";
        QTest::newRow("text time") << with(2, "soon") << "field 3 timestamp: \"soon\" is not whole seconds";
        QTest::newRow("1970") << with(2, "734") << "before 2015";
        QTest::newRow("2014-12-31") << with(2, "1420070399") << "before 2015";
        QTest::newRow("2040") << with(2, "2208988800") << "more than a day ahead";
        QTest::newRow("placeholder") << with(2, "0") << "placeholder";
        // Times 1000 wraps past 2^64 to 2019-07-09T15:40:00.384Z: a garbled run of digits must
        // not land inside the accepted range.
        QTest::newRow("wraps") << with(2, "18446745636396352") << "field 3 timestamp";
        QTest::newRow("bad voltage") << with(8, "14,07")
                                     << "field 9 batteryVoltage: \"14,07\" is not a number";
        QTest::newRow("nan") << with(11, "nan") << "field 12 batteryTemperature: \"nan\" is not a number";
        QTest::newRow("empty latitude") << with(16, "") << "field 17 latitude: \"\" is not a number";
        QTest::newRow("level text") << with(5, "true") << "field 6 isPowerSaveMode";
        QTest::newRow("negative level") << with(5, "-1") << "field 6 isPowerSaveMode";
        QTest::newRow("status 0x") << good + ";0x9"
                                   << "field 19 status: \"0x9\" is not 1 to 3 hex digits";
        QTest::newRow("status 4 digits") << good + ";1000"
                                         << "field 19 status";
        QTest::newRow("status empty") << good + ";"
                                      << "field 19 status";
        QTest::newRow("status sign") << good + ";-1"
                                     << "field 19 status";
    }

    void badLines()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, reason);
        const auto r = parseLine(line, kNow);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().contains(reason), qPrintable(r.error()));
    }

    void aDayAheadIsAcceptedAndOneSecondMoreIsNot()
    {
        const qint64 limitS = (kNow + kMaxFutureMs) / 1000;
        QList<QByteArray> f = QByteArray(kCollectorLine).split(';');
        f[2] = QByteArray::number(limitS);
        QVERIFY(parseLine(f.join(';'), kNow).ok());
        f[2] = QByteArray::number(limitS + 1);
        QVERIFY(!parseLine(f.join(';'), kNow).ok());
    }

    void powerSaveIsALevelAndWindowsLineEndsAreTrimmed()
    {
        QList<QByteArray> f = QByteArray(kCollectorLine).split(';');
        f[5] = "2";
        const auto r = parseLine(f.join(';') + "\r\n", kNow);
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(r->isPowerSaveMode, 2);
        QCOMPARE(r->longitude, 13.458635);
    }
};

QTEST_GUILESS_MAIN(TestIsemsLine)
#include "tst_isems_line.moc"
