// End to end as Peper ran it: a Station polls an emulated eGauge (the source of egauge-source) and
// writes its rates to a real influxd in Peper's layout: =P registers in kW, =W in W, volts as
// measured, each at its row's UTC second, tagged with the meter's ID and its unit letter.
#include "EgaugeRig.h"
#include "InfluxServer.h"
#include "Station.h"
#include "config/SecretStore.h"
#include "sinks/influx/InfluxSink.h"

#include <QTest>

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
};

QTEST_GUILESS_MAIN(TestInfluxEgauge)
#include "tst_influx_egauge.moc"
