// Settings: defaults, the shipped example, and every kind of bad input reported with file:line.
#include "TestSupport.h"
#include "config/Settings.h"

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
        QCOMPARE(s->opcn3.readIntervalS, 1);
        QCOMPARE(s->opcn3.device, QStringLiteral("/dev/spidev0.0"));
        QCOMPARE(s->recorder.flushIntervalMs, 1000);
    }

    void exampleFileIsValidAndMatchesDefaults()
    {
        const auto s =
            Settings::load(QStringLiteral(FS_TEST_DATA "/../../resources/fieldstation.example.yaml"));
        QVERIFY2(s.ok(), qPrintable(s.error()));
        const Settings d;
        QCOMPARE(s->station.name, d.station.name);
        QCOMPARE(s->opcn3.speedHz, d.opcn3.speedHz);
        QCOMPARE(s->opcn3.errorBackoffMs, d.opcn3.errorBackoffMs);
        QCOMPARE(s->opcn3.fanWaitMs, d.opcn3.fanWaitMs);
        QCOMPARE(int(s->opcn3.chipSelect), int(d.opcn3.chipSelect));
        QCOMPARE(s->recorder.maxBatch, d.recorder.maxBatch);
    }

    void valuesAreRead()
    {
        const QByteArray yaml = "station:\n  name: roof\nopcn3:\n  read_interval_s: 5\n  chip_select: byte\n"
                                "  enabled: no\nrecorder:\n  flush_interval_ms: 250\n";
        const auto s = Settings::parse(yaml, QStringLiteral("s.yaml"));
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(s->station.name, QStringLiteral("roof"));
        QCOMPARE(s->opcn3.readIntervalS, 5);
        QCOMPARE(s->opcn3.chipSelect, OpcN3Settings::ChipSelect::Byte);
        QCOMPARE(s->opcn3.enabled, false);
        QCOMPARE(s->recorder.flushIntervalMs, 250);
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
