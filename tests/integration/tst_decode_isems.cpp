// `fieldstation decode isems FILE` from the outside: the samples as collector records, refused
// lines as {"line", "error"}, the exit code, and its --help.
#include "CliRun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace fs::test;

namespace {

QJsonArray decode(const QString& path, Run* r)
{
    *r = run({QStringLiteral("decode"), QStringLiteral("isems"), path});
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(r->out, &e);
    if (e.error != QJsonParseError::NoError)
        qWarning("not JSON (%s): %s", qPrintable(e.errorString()), r->out.constData());
    return doc.array();
}

} // namespace

class TestDecodeIsems : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void routerLogGivesCollectorRecords()
    {
        Run r;
        const QJsonArray a = decode(dataPath(QStringLiteral("isems_router_ffopenmppt.log")), &r);
        QCOMPARE(r.code, 0);
        QCOMPARE(a.size(), 5);
        const QJsonObject last = a.last().toObject();
        const QStringList keys = {"nodeId",
                                  "isemsRevision",
                                  "timestamp",
                                  "openMPPTFirmwareVersion",
                                  "timeToShutdown",
                                  "isPowerSaveMode",
                                  "openCircuitVoltage",
                                  "mppVoltage",
                                  "batteryVoltage",
                                  "batteryChargeEstimate",
                                  "batteryHealthEstimate",
                                  "batteryTemperature",
                                  "lowVoltageDisconnectVoltage",
                                  "temperatureCorrectedVoltage",
                                  "rateBatteryCapacity",
                                  "ratedSolarModuleCapacity",
                                  "latitude",
                                  "longitude",
                                  "status",
                                  "flags"};
        QStringList sortedKeys = keys;
        sortedKeys.sort();
        QCOMPARE(last.keys(), sortedKeys);
        QCOMPARE(last["nodeId"].toString(), QStringLiteral("Solar-Dach-01"));
        // 1562687040 s: 2019-07-09 15:44:00 UTC (the collector served 17:44:00 Berlin, no offset).
        QCOMPARE(last["timestamp"].toString(), QStringLiteral("2019-07-09T15:44:00Z"));
        QCOMPARE(last["batteryVoltage"].toDouble(), 13.651);
        QCOMPARE(last["latitude"].toDouble(), 52.507309);
        QCOMPARE(last["status"].toInt(), 0x900);
        QCOMPARE(last["flags"].toArray(), (QJsonArray{"charging", "healthy"}));
        // Keys in the collector's column order in the text itself.
        const qsizetype first = r.out.indexOf("\"nodeId\"");
        QVERIFY(first < r.out.indexOf("\"isemsRevision\"") &&
                r.out.indexOf("\"status\"") < r.out.indexOf("\"flags\""));
    }

    void edgeCasesGiveOneEntryPerLine()
    {
        Run r;
        const QJsonArray a = decode(dataPath(QStringLiteral("isems_edge_cases.log")), &r);
        QCOMPARE(r.code, 0); // line 1 parses
        QCOMPARE(a.size(), 5);
        QCOMPARE(a[0].toObject()["nodeId"].toString(), QStringLiteral("Elektra-Dach"));
        QCOMPARE(a[0].toObject()["timestamp"].toString(), QStringLiteral("2018-06-30T13:16:15Z"));
        QVERIFY(a[0].toObject()["status"].isNull());
        QCOMPARE(a[0].toObject()["flags"].toArray(), QJsonArray());
        for (int i = 1; i < 5; ++i) {
            const QJsonObject e = a[i].toObject();
            QCOMPARE(e.keys(), (QStringList{"error", "line"}));
            QCOMPARE(e["line"].toInt(), i + 1);
        }
        QVERIFY(a[1].toObject()["error"].toString().contains("placeholder"));
        QVERIFY(a[2].toObject()["error"].toString().contains("before 2015"));
        QCOMPARE(a[3].toObject()["error"].toString(), QStringLiteral("8 fields, expected 18 or 19"));
        QCOMPARE(a[4].toObject()["error"].toString(), QStringLiteral("empty line"));
    }

    void noParsedLineExitsOne()
    {
        QTemporaryDir dir;
        Run r;
        const QJsonArray a = decode(writeFile(dir, "bad.log", "<html>\n;;;\n"), &r);
        QCOMPARE(r.code, 1);
        QCOMPARE(a.size(), 2);
        QCOMPARE(a[1].toObject()["error"].toString(), QStringLiteral("4 fields, expected 18 or 19"));
        QVERIFY(r.err.contains("no line could be parsed"));
    }

    void missingFileIsOneLineOnStderr()
    {
        const Run r =
            run({QStringLiteral("decode"), QStringLiteral("isems"), QStringLiteral("/nonexistent.log")});
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(r.err.contains("/nonexistent.log"));
    }

    void helpExitsZero()
    {
        const Run r = run({QStringLiteral("decode"), QStringLiteral("isems"), QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("fieldstation decode isems FILE"), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestDecodeIsems)
#include "tst_decode_isems.moc"
