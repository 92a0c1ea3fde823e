// fieldstation import peper: Peper's YAML becomes eGauge sources and an influx: section that load,
// with the database password in the secret store and not in the file; bad input names file:line and
// writes nothing; and the imported settings drive the sink to a real influxd in Peper's layout.
#include "CliRun.h"
#include "InfluxStation.h"
#include "config/SecretStore.h"
#include "sinks/influx/InfluxSink.h"
#include "sinks/influx/InfluxSources.h"
#include "sources/egauge/EgaugeSettings.h"
#include "store/Recorder.h"

#include <QTest>

using namespace fs;

namespace {

QByteArray peperYaml(int port)
{
    return QStringLiteral("sensors:\n"
                          "  sensor1:\n"
                          "    name: eGauge12345\n"
                          "    iplocal: 192.168.1.20\n"
                          "    GPS_lat: 48.8566\n"
                          "    GPS_long: 2.3522\n"
                          "    Ville: Paris\n"
                          "    CP: 75001\n"
                          "    Rue: Rue de Rivoli, 12\n"
                          "    Registre: [CT1_Amperage=A, TEST_YK=P, L1_Voltage=V]\n"
                          "  sensor2:\n"
                          "    name: eGauge777\n"
                          "    Registre: \"Grid=P, Solar=W\"\n"
                          "database:\n"
                          "  database:\n"
                          "    name: peper\n"
                          "    port: %1\n"
                          "    ip: 127.0.0.1\n"
                          "    identifiant: %2\n"
                          "    mdp: %3\n")
        .arg(port)
        .arg(QLatin1String(test::InfluxServer::kUser), QLatin1String(test::InfluxServer::kPassword))
        .toUtf8();
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestInfluxImport : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_n = 0;

    /// A settings file with a station section and one OPC-N3 source already in `sources:`.
    QString settingsFile()
    {
        const QString data = m_dir.filePath(QStringLiteral("data%1").arg(++m_n));
        return test::writeFile(m_dir, qPrintable(QStringLiteral("fs%1.yaml").arg(m_n)),
                               QStringLiteral("station:\n  name: roof\n  secrets: file\n  data_dir: %1\n"
                                              "sources:\n  - id: opc-1\n    type: opcn3\n\nlog_rules: \"\"\n")
                                   .arg(data)
                                   .toUtf8());
    }

private Q_SLOTS:
    void importsSourcesInfluxAndPassword()
    {
        const QString config = settingsFile();
        const QString peper = test::writeFile(m_dir, "peper.yaml", peperYaml(8086));
        const test::Run r = test::run(
            {QStringLiteral("--config"), config, QStringLiteral("import"), QStringLiteral("peper"), peper});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.out.contains("iplocal 192.168.1.20 is written as the IP tag"), r.out.constData());
        QVERIFY2(r.out.contains("wrote 2 eGauge sources"), r.out.constData());
        QVERIFY(!r.out.contains(test::InfluxServer::kPassword));
        QVERIFY(!readAll(config).contains(test::InfluxServer::kPassword));

        const auto s = Settings::load(config);
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(s->sources.size(), 3); // the OPC-N3 kept, two meters added
        QCOMPARE(s->sources[0].id, QStringLiteral("opc-1"));
        const SourceSettings& eg = s->sources[1];
        QCOMPARE(eg.id, QStringLiteral("egauge12345"));
        QCOMPARE(eg.type, QStringLiteral("egauge"));
        QCOMPARE(eg.name, QStringLiteral("eGauge12345"));
        const auto& e = eg.as<EgaugeSettings>();
        QCOMPARE(e.url, QStringLiteral("http://egauge12345.egaug.es"));
        QCOMPARE(e.backfillH, 24); // the hours between Peper's last poll and the station's start
        QCOMPARE(e.registers.size(), 3);
        QCOMPARE(e.registers[1], (EgaugeRegister{QStringLiteral("TEST_YK"), QStringLiteral("P")}));
        QCOMPARE(s->sources[2].as<EgaugeSettings>().registers.value(1),
                 (EgaugeRegister{QStringLiteral("Solar"), QStringLiteral("W")}));

        const InfluxSettings& in = s->influx;
        QVERIFY(in.enabled);
        QCOMPARE(in.url, QStringLiteral("http://127.0.0.1:8086"));
        QCOMPARE(in.database, QStringLiteral("peper"));
        QCOMPARE(in.user, QLatin1String(test::InfluxServer::kUser));
        QCOMPARE(in.layout, InfluxSettings::Layout::Peper);
        QCOMPARE(in.measurementFor(QStringLiteral("egauge")), QStringLiteral("measure"));
        QCOMPARE(in.sources, QStringList({QStringLiteral("egauge12345"), QStringLiteral("egauge777")}));
        const QMap<QString, QString> tags = in.tags.value(QStringLiteral("egauge12345"));
        QCOMPARE(tags.value(QStringLiteral("ID")), QStringLiteral("eGauge12345"));
        QCOMPARE(tags.value(QStringLiteral("IP")), QStringLiteral("192.168.1.20"));
        QCOMPARE(tags.value(QStringLiteral("Rue")), QStringLiteral("Rue de Rivoli, 12"));
        QCOMPARE(tags.value(QStringLiteral("CP")), QStringLiteral("75001"));

        const SecretStore secrets(s->station.dataDir, StationSettings::Secrets::File, false);
        const auto pw = secrets.read(InfluxSink::secretName(in.name));
        QVERIFY2(pw.ok(), qPrintable(pw.error()));
        QCOMPARE(pw->value_or(QString()), QLatin1String(test::InfluxServer::kPassword));

        // A second import would replace the influx section: refused, the file left as it was.
        const QByteArray before = readAll(config);
        const test::Run again = test::run(
            {QStringLiteral("--config"), config, QStringLiteral("import"), QStringLiteral("peper"), peper});
        QCOMPARE(again.code, 1);
        QVERIFY2(again.err.contains("already has a influx section"), again.err.constData());
        QCOMPARE(readAll(config), before);
    }

    void badInputNamesFileAndLineAndWritesNothing()
    {
        const QString config = settingsFile();
        const QByteArray before = readAll(config);
        const QString bad =
            test::writeFile(m_dir, "bad.yaml",
                            "sensors:\n  sensor1:\n    name: \"bad name\"\n    Registre: [A=A]\n"
                            "  sensor2:\n    name: eg2\n    Registre: [CT1, =V]\n"
                            "database:\n  database:\n    name: peper\n    port: abc\n    mdp: hidden-pw\n");
        const test::Run r = test::run(
            {QStringLiteral("--config"), config, QStringLiteral("import"), QStringLiteral("peper"), bad});
        QCOMPARE(r.code, 1);
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.contains(QStringLiteral("bad.yaml:3: sensors.sensor1.name: must be the meter's name")),
                 qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("bad.yaml:7: sensors.sensor2.Registre[0]: \"CT1\" needs =UNIT")),
                 qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("bad.yaml:7: sensors.sensor2.Registre[1]")), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("bad.yaml:10: database.database.ip: must be the InfluxDB host")),
                 qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("bad.yaml:11: database.database.port: must be a port number")),
                 qPrintable(err));
        QCOMPARE(readAll(config), before);
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("data%1/secrets").arg(m_n))));

        const QString broken = test::writeFile(m_dir, "broken.yaml", "sensors:\n  sensor1: [a\n");
        const test::Run y = test::run(
            {QStringLiteral("--config"), config, QStringLiteral("import"), QStringLiteral("peper"), broken});
        QCOMPARE(y.code, 1);
        QVERIFY2(y.err.contains("broken.yaml:"), y.err.constData());
        QCOMPARE(readAll(config), before);
    }

    void tagValuesKeepTheTextPeperWrote()
    {
        // Peper's script wrote str() of what PyYAML (YAML 1.1) read: a plain 48.85660 went out as
        // 48.8566 and a plain 06000 as 3072 (octal). Quoted values stay text. Checked with python3-yaml.
        const QString config = settingsFile();
        const QString peper = test::writeFile(m_dir, "typed.yaml",
                                              "sensors:\n  sensor1:\n    name: eGauge42\n"
                                              "    GPS_lat: 48.85660\n    GPS_long: 1_000.0\n"
                                              "    CP: 06000\n    Ville: \"06000\"\n    Rue: 0.00001\n"
                                              "    Registre: [Grid=P]\n"
                                              "database:\n  database: {name: peper, ip: 127.0.0.1}\n");
        const test::Run r = test::run(
            {QStringLiteral("--config"), config, QStringLiteral("import"), QStringLiteral("peper"), peper});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.out.contains("sensors.sensor1.CP: 06000 is written as 3072"), r.out.constData());
        const auto s = Settings::load(config);
        QVERIFY2(s.ok(), qPrintable(s.error()));
        const QMap<QString, QString> tags = s->influx.tags.value(QStringLiteral("egauge42"));
        QCOMPARE(tags.value(QStringLiteral("GPS_lat")), QStringLiteral("48.8566"));
        QCOMPARE(tags.value(QStringLiteral("GPS_long")), QStringLiteral("1000.0"));
        QCOMPARE(tags.value(QStringLiteral("CP")), QStringLiteral("3072"));
        QCOMPARE(tags.value(QStringLiteral("Ville")), QStringLiteral("06000"));
        QCOMPARE(tags.value(QStringLiteral("Rue")), QStringLiteral("1e-05"));
    }

    void influxSetPasswordStoresTheSecret()
    {
        // A site configured by hand (or whose InfluxDB password changed) sets it without re-importing.
        const QString cfg = test::writeFile(m_dir, "byhand.yaml",
                                            "station:\n  secrets: file\n"
                                            "influx:\n  enabled: true\n  url: http://127.0.0.1:8086\n"
                                            "  database: peper\n  user: writer\n");
        const QString data = m_dir.filePath(QStringLiteral("byhand"));
        const test::Run r = test::runWith(QProcessEnvironment::systemEnvironment(),
                                          {QStringLiteral("--config"), cfg, QStringLiteral("--data-dir"),
                                           data, QStringLiteral("influx"), QStringLiteral("--set-password")},
                                          "n3w-pass\n");
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(!r.out.contains("n3w-pass") && !r.err.contains("n3w-pass"), "the password is never printed");
        const auto pw = SecretStore(data, StationSettings::Secrets::File, false)
                            .read(InfluxSink::secretName(QStringLiteral("influx")));
        QVERIFY2(pw.ok(), qPrintable(pw.error()));
        QCOMPARE(pw->value_or(QString()), QStringLiteral("n3w-pass"));
        const test::Run help = test::run({QStringLiteral("influx"), QStringLiteral("--help")});
        QCOMPARE(help.code, 0);
        QVERIFY2(help.out.contains("influx --set-password"), help.out.constData());
    }

    void helpExitsZero()
    {
        const test::Run r =
            test::run({QStringLiteral("import"), QStringLiteral("peper"), QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("import peper config.yaml"), r.out.constData());
    }

    void importedSettingsWritePeperPointsToInfluxd()
    {
        test::InfluxServer influxd;
        QVERIFY2(influxd.ok(), qPrintable(influxd.error()));
        const QString config = settingsFile();
        const QString peper = test::writeFile(m_dir, "peper-live.yaml", peperYaml(influxd.port()));
        const test::Run r = test::run(
            {QStringLiteral("--config"), config, QStringLiteral("import"), QStringLiteral("peper"), peper});
        QVERIFY2(r.code == 0, r.err.constData());
        const auto s = Settings::load(config);
        QVERIFY2(s.ok(), qPrintable(s.error()));

        // Readings as the eGauge source stores them: one node per register, values in W.
        Recorder recorder(m_dir.filePath(QStringLiteral("import-store.db")));
        QVERIFY(recorder.start());
        const NodeChannels p = recorder
                                   .registerNode(test::egaugeNode(
                                       QStringLiteral("egauge777"), QStringLiteral("eGauge777"),
                                       QStringLiteral("Grid"), QStringLiteral("POW"), QStringLiteral("W")))
                                   .value();
        const NodeChannels w = recorder
                                   .registerNode(test::egaugeNode(
                                       QStringLiteral("egauge777"), QStringLiteral("eGauge777"),
                                       QStringLiteral("Solar"), QStringLiteral("POW"), QStringLiteral("W")))
                                   .value();
        const qint64 t0 = 1562686920000;
        recorder.submit(Sample{t0, p.channels[0], 2500.0});
        recorder.submit(Sample{t0, w.channels[0], 750.0});
        QVERIFY(recorder.flush());
        InfluxSink sink(recorder, recorder.storePath(), s->influx, influx::sourceCatalog(s.value()),
                        SecretStore(s->station.dataDir, StationSettings::Secrets::File, false));
        const SinkStatus st = sink.runNow(s->influx.name);
        QVERIFY2(st.ok, qPrintable(st.lastError));
        QCOMPARE(st.pushedReadings, qint64(2));
        // =P in kW, =W in W, each with its unit letter and the meter's ID.
        const QJsonArray grid = influxd.rows(
            QStringLiteral("SELECT \"Grid\", \"Unit\", \"ID\" FROM measure WHERE \"Unit\" = 'P'"),
            QStringLiteral("peper"));
        QCOMPARE(grid.size(), 1);
        QCOMPARE(qint64(grid.at(0).toArray().at(0).toDouble()), t0);
        QCOMPARE(grid.at(0).toArray().at(1).toDouble(), 2.5);
        QCOMPARE(grid.at(0).toArray().at(3).toString(), QStringLiteral("eGauge777"));
        const QJsonArray solar = influxd.rows(
            QStringLiteral("SELECT \"Solar\" FROM measure WHERE \"Unit\" = 'W'"), QStringLiteral("peper"));
        QCOMPARE(solar.size(), 1);
        QCOMPARE(solar.at(0).toArray().at(1).toDouble(), 750.0);
        sink.stop();
        recorder.stop();
    }
};

QTEST_GUILESS_MAIN(TestInfluxImport)
#include "tst_influx_import.moc"
