// Settings: defaults, the shipped example, and every kind of bad input reported with file:line.
#include "TestSupport.h"
#include "config/Settings.h"
#include "sources/SourceTypes.h"
#include "sources/opcn3/OpcN3Settings.h"

#include <QTemporaryDir>
#include <QTest>

using namespace fs;

class TestSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void emptyFileGivesDefaults()
    {
        const auto s = Settings::parse(QByteArray(), QStringLiteral("empty.yaml"));
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QVERIFY(s->sources.isEmpty()); // --demo then runs one of each type; a station runs none
        QVERIFY(s->warnings.isEmpty());
        QCOMPARE(s->recorder.flushIntervalMs, 1000);
    }

    void exampleFileIsValidAndMatchesDefaults()
    {
        const auto s =
            Settings::load(QStringLiteral(FS_TEST_DATA "/../../resources/fieldstation.example.yaml"));
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QVERIFY(s->warnings.isEmpty()); // the example shows the current form
        const Settings d;
        QCOMPARE(s->station.name, d.station.name);
        QCOMPARE(s->sources.size(), 1);
        QCOMPARE(s->sources[0].id, QStringLiteral("opc-1"));
        const OpcN3Settings o;
        const auto& e = s->sources[0].as<OpcN3Settings>();
        QCOMPARE(e.speedHz, o.speedHz);
        QCOMPARE(e.device, o.device);
        QCOMPARE(e.errorBackoffMs, o.errorBackoffMs);
        QCOMPARE(e.fanWaitMs, o.fanWaitMs);
        QCOMPARE(e.readIntervalS, o.readIntervalS);
        QCOMPARE(int(e.chipSelect), int(o.chipSelect));
        QCOMPARE(s->recorder.maxBatch, d.recorder.maxBatch);
    }

    void valuesAreRead()
    {
        const QByteArray yaml = "station:\n  name: roof\nopcn3:\n  read_interval_s: 5\n  chip_select: byte\n"
                                "  enabled: no\nrecorder:\n  flush_interval_ms: 250\n";
        const auto s = Settings::parse(yaml, QStringLiteral("s.yaml"));
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(s->station.name, QStringLiteral("roof"));
        QCOMPARE(s->recorder.flushIntervalMs, 250);
        // The old single section is one source with id "opcn3", and a warning showing the new form.
        QCOMPARE(s->sources.size(), 1);
        const SourceSettings& opc = s->sources[0];
        QCOMPARE(opc.id, QStringLiteral("opcn3"));
        QCOMPARE(opc.type, QStringLiteral("opcn3"));
        QCOMPARE(opc.enabled, false);
        QCOMPARE(opc.where, QStringLiteral("s.yaml:4"));
        QCOMPARE(opc.as<OpcN3Settings>().readIntervalS, 5);
        QCOMPARE(opc.as<OpcN3Settings>().chipSelect, OpcN3Settings::ChipSelect::Byte);
        QCOMPARE(s->warnings.size(), 1);
        QVERIFY2(s->warnings[0].startsWith(QStringLiteral("s.yaml:4: opcn3: ")), qPrintable(s->warnings[0]));
        QVERIFY2(s->warnings[0].contains(QStringLiteral("sources:\n  - id: opcn3\n    type: opcn3")),
                 qPrintable(s->warnings[0]));
        // Written as the warning says, it reads the same, without a warning.
        const auto now = Settings::parse("sources:\n  - id: opcn3\n    type: opcn3\n    read_interval_s: 5\n"
                                         "    chip_select: byte\n    enabled: no\n",
                                         QStringLiteral("new.yaml"));
        QVERIFY2(now.ok(), qPrintable(now.error()));
        QVERIFY(now->warnings.isEmpty());
        QCOMPARE(now->sources.size(), 1);
        QCOMPARE(now->sources[0].id, opc.id);
        QCOMPARE(now->sources[0].enabled, false);
        QCOMPARE(now->sources[0].as<OpcN3Settings>().readIntervalS, 5);
        QCOMPARE(now->sources[0].as<OpcN3Settings>().chipSelect, OpcN3Settings::ChipSelect::Byte);
    }

    void twoSourcesOfOneType()
    {
        const QByteArray yaml =
            "sources:\n"
            "  - id: opc-roof\n    type: opcn3\n    device: /dev/spidev0.0\n"
            "  - id: opc-yard\n    type: opcn3\n    name: Yard\n    device: /dev/spidev0.1\n"
            "    read_interval_s: 2\n";
        const auto s = Settings::parse(yaml, QStringLiteral("two.yaml"));
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QVERIFY(s->warnings.isEmpty());
        QCOMPARE(s->sources.size(), 2);
        QCOMPARE(s->sources[0].id, QStringLiteral("opc-roof"));
        QCOMPARE(s->sources[0].name, QStringLiteral("OPC-N3")); // the type's name when none is given
        QCOMPARE(s->sources[0].where, QStringLiteral("two.yaml:2"));
        QCOMPARE(s->sources[0].as<OpcN3Settings>().readIntervalS, 1);
        QCOMPARE(s->sources[1].id, QStringLiteral("opc-yard"));
        QCOMPARE(s->sources[1].name, QStringLiteral("Yard"));
        QCOMPARE(s->sources[1].where, QStringLiteral("two.yaml:5"));
        QCOMPARE(s->sources[1].as<OpcN3Settings>().device, QStringLiteral("/dev/spidev0.1"));
        QCOMPARE(s->sources[1].as<OpcN3Settings>().readIntervalS, 2);
    }

    void sourceErrors_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing id") << QByteArray("sources:\n  - type: opcn3\n    device: /dev/x\n")
                                    << QStringLiteral("bad.yaml:2: sources[0].id: must be set");
        QTest::newRow("bad id") << QByteArray("sources:\n  - id: opc roof\n    type: opcn3\n")
                                << QStringLiteral("bad.yaml:2: sources.opc roof.id: must be letters, digits");
        QTest::newRow("duplicate id")
            << QByteArray("sources:\n  - id: opc\n    type: opcn3\n  - id: opc\n    type: opcn3\n")
            << QStringLiteral(
                   "bad.yaml:4: sources.opc.id: \"opc\" is already the id of the source at line 2");
        QTest::newRow("unknown type")
            << QByteArray("sources:\n  - id: meter\n    type: egauge9\n    url: x\n")
            << QStringLiteral("bad.yaml:3: sources.meter.type: unknown source type "
                              "\"egauge9\"; known: opcn3");
        QTest::newRow("missing type")
            << QByteArray("sources:\n  - id: meter\n")
            << QStringLiteral("bad.yaml:2: sources.meter.type: must be set, to one of opcn3");
        QTest::newRow("bad key") << QByteArray("sources:\n  - id: a\n    type: opcn3\n    sped_hz: 300000\n")
                                 << QStringLiteral("bad.yaml:4: sources.a.sped_hz: unknown key");
        QTest::newRow("bad value")
            << QByteArray("sources:\n  - id: a\n    type: opcn3\n  - id: b\n    type: opcn3\n"
                          "    error_backoff_ms: 100\n")
            << QStringLiteral("bad.yaml:6: sources.b.error_backoff_ms: must be a whole number from 2001");
        QTest::newRow("not a list") << QByteArray("sources:\n  id: a\n  type: opcn3\n")
                                    << QStringLiteral("bad.yaml:2: sources: must be a list of sections");
        QTest::newRow("item not a section")
            << QByteArray("sources:\n  - opcn3\n")
            << QStringLiteral("bad.yaml:2: sources[0]: must be a section of keys");
        QTest::newRow("both forms") << QByteArray(
                                           "sources:\n  - id: a\n    type: opcn3\nopcn3:\n  device: /dev/x\n")
                                    << QStringLiteral("bad.yaml:5: opcn3: cannot stand beside \"sources:\"");
    }
    void sourceErrors()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, expected);
        const auto s = Settings::parse(yaml, QStringLiteral("bad.yaml"));
        QVERIFY(!s.ok());
        QVERIFY2(s.error().contains(expected), qPrintable(s.error()));
    }

    void unknownTypeReportsOnlyTheType()
    {
        // The keys of a type we do not know cannot be judged: one error, not one per key.
        const auto s =
            Settings::parse("sources:\n  - id: m\n    type: modbus7\n    port: x\n    baud: 9600\n",
                            QStringLiteral("t.yaml"));
        QVERIFY(!s.ok());
        QCOMPARE(s.error().split(QLatin1Char('\n')).size(), 1);
    }

    void theTypeTableKnowsOpcN3()
    {
        const SourceType* t = findSourceType(QStringLiteral("opcn3"));
        QVERIFY(t);
        QCOMPARE(t->displayName, QStringLiteral("OPC-N3"));
        QVERIFY(t->read && t->create);
        QVERIFY(!findSourceType(QStringLiteral("opcn4")));
        const SourceSettings d = defaultSourceSettings(*t);
        QCOMPARE(d.id, QStringLiteral("opcn3"));
        QCOMPARE(d.as<OpcN3Settings>().errorBackoffMs, OpcN3Settings().errorBackoffMs);
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown section") << QByteArray("station:\n  name: x\nopcn4:\n  enabled: true\n")
                                         << QStringLiteral("bad.yaml:3: opcn4: unknown key");
        QTest::newRow("unknown nested key") << QByteArray("opcn3:\n  enabled: true\n  sped_hz: 300000\n")
                                            << QStringLiteral("bad.yaml:3: opcn3.sped_hz: unknown key");
        QTest::newRow("not a number")
            << QByteArray("opcn3:\n  read_interval_s: fast\n")
            << QStringLiteral(
                   "bad.yaml:2: opcn3.read_interval_s: must be a whole number from 1 to 10, not \"fast\"");
        QTest::newRow("out of range")
            << QByteArray("\nopcn3:\n\n  read_interval_s: 11\n")
            << QStringLiteral(
                   "bad.yaml:4: opcn3.read_interval_s: must be a whole number from 1 to 10, not \"11\"");
        QTest::newRow("back-off too short")
            << QByteArray("opcn3:\n  error_backoff_ms: 2000\n")
            << QStringLiteral(
                   "bad.yaml:2: opcn3.error_backoff_ms: must be a whole number from 2001 to 60000");
        QTest::newRow("not a boolean")
            << QByteArray("opcn3:\n  enabled: maybe\n")
            << QStringLiteral("bad.yaml:2: opcn3.enabled: must be true or false, not \"maybe\"");
        QTest::newRow("bad choice")
            << QByteArray("opcn3:\n  chip_select: gpio\n")
            << QStringLiteral("bad.yaml:2: opcn3.chip_select: must be one of message, byte, not \"gpio\"");
        QTest::newRow("empty name") << QByteArray("station:\n  name: \"\"\n")
                                    << QStringLiteral("bad.yaml:2: station.name: must not be empty");
        QTest::newRow("section is a value")
            << QByteArray("opcn3: 5\n") << QStringLiteral("bad.yaml:1: opcn3: must be a section of keys");
        QTest::newRow("list for a value")
            << QByteArray("opcn3:\n  device: [a, b]\n")
            << QStringLiteral("bad.yaml:2: opcn3.device: must be a single value");
        QTest::newRow("given twice") << QByteArray("opcn3:\n  max_polls: 5\n  max_polls: 6\n")
                                     << QStringLiteral("bad.yaml:3: opcn3.max_polls: given twice");
        QTest::newRow("syntax error")
            << QByteArray("opcn3:\n  device: [unclosed\n") << QStringLiteral("bad.yaml:3: ");
        QTest::newRow("room longer than Cogent keeps")
            << QByteArray("push:\n  room: Upstairs back bedroom 2\n")
            << QStringLiteral("bad.yaml:2: push.room: \"Upstairs back bedroom 2\" is 23 characters; "
                              "Cogent-house keeps at most 20");
        QTest::newRow("room type in the rooms map")
            << QByteArray("push:\n  rooms:\n    \"opcn3:1\": \"Garden/Outdoor, under the eaves\"\n")
            << QStringLiteral("bad.yaml:3: push.rooms: opcn3:1: room type \"Outdoor, under the eaves\" is 24 "
                              "characters; Cogent-house keeps at most 20");
        QTest::newRow("not a mapping")
            << QByteArray("- a\n- b\n")
            << QStringLiteral("bad.yaml:1: the settings file must be a mapping of sections");
    }
    void errors()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, expected);
        const auto s = Settings::parse(yaml, QStringLiteral("bad.yaml"));
        QVERIFY(!s.ok());
        QVERIFY2(s.error().contains(expected), qPrintable(s.error()));
    }

    void everyProblemIsReportedOnItsOwnLine()
    {
        const QByteArray yaml = "opcn3:\n  read_interval_s: 0\n  colour: red\nrecorder:\n  max_batch: -1\n";
        const auto s = Settings::parse(yaml, QStringLiteral("multi.yaml"));
        QVERIFY(!s.ok());
        const QStringList lines = s.error().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith(QStringLiteral("multi.yaml:2: opcn3.read_interval_s")));
        QVERIFY(lines[1].startsWith(QStringLiteral("multi.yaml:3: opcn3.colour: unknown key")));
        QVERIFY(lines[2].startsWith(QStringLiteral("multi.yaml:5: recorder.max_batch")));
    }

    void missingFileNamesThePath()
    {
        const auto s = Settings::load(QStringLiteral("/nonexistent/fs.yaml"));
        QVERIFY(!s.ok());
        QVERIFY(s.error().startsWith(QStringLiteral("/nonexistent/fs.yaml: cannot read")));
    }
};

QTEST_APPLESS_MAIN(TestSettings)
#include "tst_settings.moc"
