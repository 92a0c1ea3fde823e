// The `type: egauge` entry of sources: (contracts.md): every key read, defaults, and file:line
// errors naming the key or the register item.
#include "config/Settings.h"
#include "sources/egauge/EgaugeSettings.h"

#include <QTest>

using namespace fs;

class TestEgaugeSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theContractsExampleReadsAsWritten()
    {
        const auto s = Settings::parse("sources:\n"
                                       "  - id: egauge12345\n"
                                       "    type: egauge\n"
                                       "    name: eGauge12345\n"
                                       "    url: http://egauge12345.egaug.es\n"
                                       "    user: owner\n"
                                       "    interval_s: 300\n"
                                       "    timeout_s: 30\n"
                                       "    max_rows: 3600\n"
                                       "    registers: [CT1_Amperage=A, TEST_YK=P, L1_Voltage=V]\n",
                                       QStringLiteral("e.yaml"));
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(s->sources.size(), 1);
        const SourceSettings& src = s->sources[0];
        QCOMPARE(src.type, QStringLiteral("egauge"));
        QCOMPARE(src.name, QStringLiteral("eGauge12345"));
        const auto& e = src.as<EgaugeSettings>();
        QCOMPARE(e.url, QStringLiteral("http://egauge12345.egaug.es"));
        QCOMPARE(e.user, QStringLiteral("owner"));
        QCOMPARE(e.intervalS, 300);
        QCOMPARE(e.timeoutS, 30);
        QCOMPARE(e.maxRows, 3600);
        const QList<EgaugeRegister> expected = {{QStringLiteral("CT1_Amperage"), QStringLiteral("A")},
                                                {QStringLiteral("TEST_YK"), QStringLiteral("P")},
                                                {QStringLiteral("L1_Voltage"), QStringLiteral("V")}};
        QCOMPARE(e.registers, expected);
        QCOMPARE(EgaugeSettings::passwordSecret(src.id), QStringLiteral("egauge/egauge12345"));
    }

    void defaultsAreFiveMinutesAndNoUser()
    {
        const auto s = Settings::parse("sources:\n  - id: m\n    type: egauge\n    url: http://10.0.0.5\n"
                                       "    registers:\n      - Grid=W\n",
                                       QStringLiteral("d.yaml"));
        QVERIFY2(s.ok(), qPrintable(s.error()));
        const auto& e = s->sources[0].as<EgaugeSettings>();
        QCOMPARE(e.intervalS, 300);
        QCOMPARE(e.timeoutS, 30);
        QCOMPARE(e.maxRows, 3600);
        QCOMPARE(e.backfillH, 0);
        QVERIFY(e.user.isEmpty());
        QCOMPARE(e.registers.size(), 1);
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("expected");
        const QByteArray head = "sources:\n  - id: m\n    type: egauge\n";
        QTest::newRow("register without unit")
            << head + "    url: http://x\n    registers:\n      - Grid=W\n      - L1_Voltage=V\n"
                      "      - CT1_Amperage\n"
            << QStringLiteral("b.yaml:8: sources.m.registers[2]: \"CT1_Amperage\" needs =UNIT");
        QTest::newRow("register without name")
            << head + "    url: http://x\n    registers: [=W]\n"
            << QStringLiteral("b.yaml:5: sources.m.registers[0]: \"=W\" has no register name");
        QTest::newRow("register twice")
            << head + "    url: http://x\n    registers:\n      - Grid=W\n      - Grid=P\n"
            << QStringLiteral("b.yaml:7: sources.m.registers[1]: \"Grid\" is listed twice");
        QTest::newRow("no registers") << head + "    url: http://x\n"
                                      << QStringLiteral("sources.m.registers: lists no register");
        QTest::newRow("interval too short")
            << head + "    url: http://x\n    interval_s: 5\n    registers: [Grid=W]\n"
            << QStringLiteral("b.yaml:5: sources.m.interval_s: must be a whole number from 10 to 86400");
        QTest::newRow("interval too long")
            << head + "    url: http://x\n    interval_s: 86401\n    registers: [Grid=W]\n"
            << QStringLiteral("b.yaml:5: sources.m.interval_s: must be a whole number from 10 to 86400");
        QTest::newRow("no url") << head + "    registers: [Grid=W]\n"
                                << QStringLiteral("sources.m.url: must name the meter");
        QTest::newRow("not http") << head + "    url: ftp://meter\n    registers: [Grid=W]\n"
                                  << QStringLiteral(
                                         "b.yaml:4: sources.m.url: must be an http:// or https://");
        QTest::newRow("too many rows")
            << head + "    url: http://x\n    max_rows: 50000\n    registers: [Grid=W]\n"
            << QStringLiteral("b.yaml:5: sources.m.max_rows: must be a whole number from 2 to 40000");
        QTest::newRow("backfill beyond a year")
            << head + "    url: http://x\n    backfill_h: 9000\n    registers: [Grid=W]\n"
            << QStringLiteral("b.yaml:5: sources.m.backfill_h: must be a whole number from 0 to 8760");
        QTest::newRow("unknown key") << head + "    url: http://x\n    pasword: x\n    registers: [Grid=W]\n"
                                     << QStringLiteral("b.yaml:5: sources.m.pasword: unknown key");
    }
    void errors()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, expected);
        const auto s = Settings::parse(yaml, QStringLiteral("b.yaml"));
        QVERIFY(!s.ok());
        QVERIFY2(s.error().contains(expected), qPrintable(s.error()));
    }
};

QTEST_GUILESS_MAIN(TestEgaugeSettings)
#include "tst_egauge_settings.moc"
