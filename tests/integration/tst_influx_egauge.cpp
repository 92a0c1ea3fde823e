// End to end as Peper ran it: a Station polls an emulated eGauge (the source of egauge-source) and
// writes its rates to a real influxd in Peper's layout: =P registers in kW, =W in W, volts as
// measured, each at its row's UTC second, tagged with the meter's ID and its unit letter; the same
// UTC seconds when the station's local zone is Paris.
#include "CannedMeter.h"
#include "EgaugeRig.h"
#include "InfluxServer.h"
#include "Station.h"
#include "config/SecretStore.h"
#include "sinks/influx/InfluxSink.h"

#include <QTest>
#include <ctime>

using namespace fs;

class TestInfluxEgauge : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aPolledMeterReachesInfluxInPeperLayout()
    {
        test::InfluxServer influxd;
        QVERIFY2(influxd.ok(), qPrintable(influxd.error()));
        test::EmulatedHouse house;
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        const auto settings = Settings::parse(
            QStringLiteral("station:\n  secrets: file\nrecorder:\n  flush_interval_ms: 100\n"
                           "sources:\n  - id: house\n    type: egauge\n    name: eGauge12345\n    url: %1\n"
                           "    registers: [CT1_Power=P, Grid=W, L1_Voltage=V]\n"
                           "influx:\n  enabled: true\n  url: %2\n  database: peper\n  user: writer\n"
                           "  interval_s: 1\n  tags:\n    house: {IP: 192.168.1.20, Ville: Paris}\n")
                .arg(house.emulator->baseUrl(), influxd.url())
                .toUtf8(),
            QStringLiteral("st.yaml"));
        QVERIFY2(settings.ok(), qPrintable(settings.error()));
        SecretStore(data, StationSettings::Secrets::File, false)
            .write(InfluxSink::secretName(QStringLiteral("influx")),
                   QLatin1String(test::InfluxServer::kPassword));
        Station station(settings.value(), {false, data, false});
        QVERIFY(station.start().ok());
        // The first poll catches up 341 rows (Peper's n=341): 340 rates per register.
        const auto count = [&](const char* reg) {
            return influxd.number(QStringLiteral("SELECT COUNT(\"%1\") FROM measure").arg(QLatin1String(reg)),
                                  QStringLiteral("peper"));
        };
        QTRY_COMPARE_WITH_TIMEOUT(count("CT1_Power"), qint64(340), test::timeoutMs(20000));
        QTRY_COMPARE_WITH_TIMEOUT(count("Grid"), qint64(340), test::timeoutMs(5000));
        QTRY_COMPARE_WITH_TIMEOUT(count("L1_Voltage"), qint64(340), test::timeoutMs(5000));

        // Every value and time against what the station stored.
        struct Check
        {
            const char* reg;
            const char* unit;
            double scale;
        };
        for (const Check& c :
             {Check{"CT1_Power", "P", 0.001}, Check{"Grid", "W", 1.0}, Check{"L1_Voltage", "V", 1.0}}) {
            const auto stored =
                test::readings(*station.recorder(), QStringLiteral("house"), QLatin1String(c.reg));
            QVERIFY(stored.size() >= 340);
            const QJsonArray rows = influxd.rows(
                QStringLiteral(
                    "SELECT \"%1\" FROM measure WHERE \"Unit\" = '%2' AND \"ID\" = 'eGauge12345' AND "
                    "\"IP\" = '192.168.1.20' AND \"Ville\" = 'Paris' ORDER BY time ASC")
                    .arg(QLatin1String(c.reg), QLatin1String(c.unit)),
                QStringLiteral("peper"));
            QCOMPARE(rows.size(), 340);
            for (int i = 0; i < rows.size(); ++i) {
                const QJsonArray row = rows.at(i).toArray();
                QCOMPARE(qint64(row.at(0).toDouble()), stored[i].first);
                QCOMPARE(row.at(1).toDouble(), stored[i].second * c.scale);
            }
        }
        station.stop();
    }

    void rowTimesReachInfluxInUtcWhateverTheLocalZone()
    {
        // Peper wrote naive local times that InfluxDB took as UTC: every point an hour off in Paris
        // in winter. Here the station runs in Paris time and each point must carry its row's UTC second.
        qputenv("TZ", "Europe/Paris");
        tzset();
        QVERIFY2(QDateTime::fromSecsSinceEpoch(1562686920).offsetFromUtc() == 7200, "TZ did not take");
        test::InfluxServer influxd;
        QVERIFY2(influxd.ok(), qPrintable(influxd.error()));
        const qint64 t = 1562686920; // 2019-07-09T15:42:00Z, the kb sample's newest row
        QList<QList<qint64>> rows;   // newest first; 1500 W·s and 230.125 V·s a second
        for (int k = 0; k < 4; ++k)
            rows.append({9'000'000 + 1500 * (3 - k), 70'000'000 + 230'125 * (3 - k)});
        test::CannedMeter meter({test::showXml(0x4e842294,
                                               {{QStringLiteral("CT1_Power"), QStringLiteral("P")},
                                                {QStringLiteral("L1_Voltage"), QStringLiteral("V")}},
                                               t, rows)});
        QTemporaryDir dir;
        const auto settings = Settings::parse(
            QStringLiteral("station:\n  secrets: file\nrecorder:\n  flush_interval_ms: 100\n"
                           "sources:\n  - id: paris\n    type: egauge\n    name: eGauge12345\n    url: %1\n"
                           "    registers: [CT1_Power=P, L1_Voltage=V]\n"
                           "influx:\n  enabled: true\n  url: %2\n  database: paris\n  user: writer\n"
                           "  interval_s: 1\n")
                .arg(meter.url(), influxd.url())
                .toUtf8(),
            QStringLiteral("st.yaml"));
        QVERIFY2(settings.ok(), qPrintable(settings.error()));
        const QString data = dir.filePath(QStringLiteral("data"));
        SecretStore(data, StationSettings::Secrets::File, false)
            .write(InfluxSink::secretName(QStringLiteral("influx")),
                   QLatin1String(test::InfluxServer::kPassword));
        Station station(settings.value(), {false, data, false});
        QVERIFY(station.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(influxd.number(QStringLiteral("SELECT COUNT(\"L1_Voltage\") FROM measure"),
                                                 QStringLiteral("paris")),
                                  qint64(3), test::timeoutMs(20000));
        QTRY_COMPARE_WITH_TIMEOUT(influxd.number(QStringLiteral("SELECT COUNT(\"CT1_Power\") FROM measure"),
                                                 QStringLiteral("paris")),
                                  qint64(3), test::timeoutMs(5000));
        station.stop();
        const QJsonArray power = influxd.rows(
            QStringLiteral("SELECT \"CT1_Power\" FROM measure WHERE \"Unit\" = 'P' ORDER BY time ASC"),
            QStringLiteral("paris"));
        QCOMPARE(power.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(qint64(power.at(i).toArray().at(0).toDouble()), (t - 2 + i) * 1000);
            QCOMPARE(power.at(i).toArray().at(1).toDouble(), 1.5); // kW, as Peper wrote =P
        }
        const QJsonArray volts = influxd.rows(
            QStringLiteral(
                "SELECT \"L1_Voltage\" FROM measure WHERE \"Unit\" = 'V' ORDER BY time DESC LIMIT 1"),
            QStringLiteral("paris"));
        QCOMPARE(qint64(volts.at(0).toArray().at(0).toDouble()), t * 1000);
        QCOMPARE(volts.at(0).toArray().at(1).toDouble(), 230.125);
    }
};

QTEST_GUILESS_MAIN(TestInfluxEgauge)
#include "tst_influx_egauge.moc"
