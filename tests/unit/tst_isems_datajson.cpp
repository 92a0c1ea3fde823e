// The data.json message of ISEMS ESP32 telemetry: node from the topic, time of arrival, numbers as
// numbers or text, status as hex text, errors that name the field; and the publisher's own lines
// and bodies read back by the parsers the station uses.
#include "TestSupport.h"
#include "sim/IsemsMqttPublisher.h"
#include "sources/isems/IsemsDataJson.h"

#include <QTest>

using namespace fs;
using namespace fs::isems;

class TestIsemsDataJson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theSampleBodyParses()
    {
        const QByteArray body = test::readData(QStringLiteral("isems_mqtt_data_json_payload.json"));
        const Result<Record> r = parseDataJson(body, QStringLiteral("ESP-Hof-Nord"), 1700000000123LL);
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(r->nodeId, QStringLiteral("ESP-Hof-Nord"));
        QCOMPARE(r->timeMs, 1700000000123LL);
        QVERIFY(r->timeFromArrival);
        QCOMPARE(r->timeToShutdown, 3408.0);
        QCOMPARE(r->isPowerSaveMode, 0);
        QCOMPARE(r->batteryVoltage, 12.737);
        QCOMPARE(r->batteryChargeEstimate, 74.0);
        QCOMPARE(r->batteryTemperature, 20.9);
        QCOMPARE(r->temperatureCorrectedVoltage, 14.216);
        QCOMPARE(r->latitude, 52.52);
        QCOMPARE(r->longitude, 13.4);
        QCOMPARE(r->status, std::optional<int>(0x500));
        QVERIFY(r->isemsRevision.isEmpty());
    }

    void numbersMayComeAsTextAndStatusMayBeAbsent()
    {
        QByteArray body = test::readData(QStringLiteral("isems_mqtt_data_json_payload.json"));
        body.replace("\"batteryVoltage\": 12.737", "\"batteryVoltage\": \"12.5\"");
        body.replace("\"isPowerSaveMode\": 0", "\"isPowerSaveMode\": \"2\"");
        body.replace(",\n \"status\": \"500\"", "");
        const Result<Record> r = parseDataJson(body, QStringLiteral("n"), 1);
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(r->batteryVoltage, 12.5);
        QCOMPARE(r->isPowerSaveMode, 2);
        QVERIFY(!r->status.has_value());
    }

    void badBodiesNameTheirFault_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("error");
        QTest::newRow("broken json") << QByteArray("\"latitude\": 52.52,")
                                     << QByteArray("\"latitude\": 52.52")
                                     << QStringLiteral("data.json: byte ");
        QTest::newRow("text not a number")
            << QByteArray("\"mppVoltage\": 0.0") << QByteArray("\"mppVoltage\": \"night\"")
            << QStringLiteral("data.json mppVoltage: \"night\" is not a number");
        QTest::newRow("missing field") << QByteArray("\"longitude\": 13.4,") << QByteArray()
                                       << QStringLiteral("data.json longitude: absent is not a number");
        // isems-app calls toFixed on batteryChargeEstimate: a body without it is refused whole, so no
        // API row can carry a null there (sjson leaves out a nil field; a null is the same gap).
        QTest::newRow("charge estimate absent")
            << QByteArray("\"batteryChargeEstimate\": 74,") << QByteArray()
            << QStringLiteral("data.json batteryChargeEstimate: absent is not a number");
        QTest::newRow("charge estimate null")
            << QByteArray("\"batteryChargeEstimate\": 74") << QByteArray("\"batteryChargeEstimate\": null")
            << QStringLiteral("data.json batteryChargeEstimate: null is not a number");
        QTest::newRow("status not hex")
            << QByteArray("\"status\": \"500\"") << QByteArray("\"status\": \"5G0\"")
            << QStringLiteral("data.json status: \"5G0\" is not 1 to 3 hex digits");
        QTest::newRow("status a number") << QByteArray("\"status\": \"500\"") << QByteArray("\"status\": 500")
                                         << QStringLiteral("data.json status: 500 is not 1 to 3 hex digits");
        QTest::newRow("level negative")
            << QByteArray("\"isPowerSaveMode\": 0") << QByteArray("\"isPowerSaveMode\": -1")
            << QStringLiteral("data.json isPowerSaveMode: -1 is not a level");
    }

    void badBodiesNameTheirFault()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, error);
        QByteArray body = test::readData(QStringLiteral("isems_mqtt_data_json_payload.json"));
        QVERIFY(body.contains(from));
        body.replace(from, to);
        const Result<Record> r = parseDataJson(body, QStringLiteral("n"), 1);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().startsWith(error), qPrintable(r.error()));
    }

    void theNodeIsTheTopicsLevelAfterTheChannel()
    {
        const QString channel = QStringLiteral("isems/testdrive/foobar/");
        QCOMPARE(dataJsonFilter(channel), QStringLiteral("isems/testdrive/foobar/+/data.json"));
        QCOMPARE(dataJsonFilter(QStringLiteral("isems/x")), QStringLiteral("isems/x/+/data.json"));
        QCOMPARE(dataJsonNode(QStringLiteral("isems/testdrive/foobar/ESP-1/data.json"), channel),
                 QStringLiteral("ESP-1"));
        QCOMPARE(dataJsonNode(QStringLiteral("isems/testdrive/foobar/a/b/data.json"), channel), QString());
        QCOMPARE(dataJsonNode(QStringLiteral("/isems/ESP-1/csvlog"), channel), QString());
        QCOMPARE(dataJsonNode(QStringLiteral("isems/testdrive/foobar//data.json"), channel), QString());
        QVERIFY(!parseDataJson("{}", QString(), 1).ok());
        QCOMPARE(parseDataJson("[1]", QStringLiteral("n"), 1).error(),
                 QStringLiteral("data.json: not an object"));
    }

    void thePublishersLinesAndBodiesParse()
    {
        const qint64 t = 1700000000;
        for (qint64 at : {t, t + 6 * 3600, t + 12 * 3600}) {
            const QByteArray line = IsemsMqttPublisher::line(QStringLiteral("ESP-Demo-1"), at);
            const Result<Record> r = parseLine(line, at * 1000);
            QVERIFY2(r.ok(), qPrintable(r.error() + QLatin1String(": ") + QString::fromUtf8(line)));
            QCOMPARE(r->nodeId, QStringLiteral("ESP-Demo-1"));
            QCOMPARE(r->timeMs, at * 1000);
            QVERIFY(r->status.has_value());
            QVERIFY(r->batteryVoltage > 11.9 && r->batteryVoltage < 14.5);
            const Result<Record> j = parseDataJson(IsemsMqttPublisher::json(QStringLiteral("ESP-Demo-1"), at),
                                                   QStringLiteral("x"), 5);
            QVERIFY2(j.ok(), qPrintable(j.error()));
            QCOMPARE(j->batteryVoltage, r->batteryVoltage);
            QCOMPARE(j->status, r->status);
        }
    }
};

QTEST_GUILESS_MAIN(TestIsemsDataJson)
#include "tst_isems_datajson.moc"
