// The `type: isems` settings: the contract's example, node addresses, ISEMS_ROUTER_IPS, and errors
// that name file:line.
#include "TestSupport.h"
#include "config/Settings.h"
#include "sources/isems/IsemsSettings.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace fs;

namespace {

Result<Settings> load(const QTemporaryDir& dir, const QByteArray& yaml)
{
    const QString path = dir.filePath(QStringLiteral("s.yaml"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(yaml) != yaml.size())
        qFatal("cannot write %s", qPrintable(path));
    f.close();
    return Settings::load(path);
}

} // namespace

class TestIsemsSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theContractsExampleReads()
    {
        QTemporaryDir dir;
        const auto s = load(dir, "sources:\n"
                                 "  - id: isems\n"
                                 "    type: isems\n"
                                 "    nodes: [10.36.158.33, \"http://node2.local/ISEMS/ffopenmppt.log\", "
                                 "\"esp.local:8080\"]\n"
                                 "    use_env: true\n"
                                 "    poll_interval_s: 60\n"
                                 "    timeout_s: 10\n"
                                 "    mqtt:\n"
                                 "      host: 127.0.0.1\n"
                                 "      port: 1883\n"
                                 "      tls: false\n"
                                 "      ca_file: \"\"\n"
                                 "      user: \"\"\n"
                                 "      csv_topic: /isems/+/csvlog\n"
                                 "      json_channel: \"isems/testdrive/foobar/\"\n"
                                 "      client_id: \"\"\n");
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(s->sources.size(), 1);
        const auto& o = s->sources[0].as<IsemsSettings>();
        QCOMPARE(o.nodes, (QList<QUrl>{QUrl("http://10.36.158.33/ISEMS/ffopenmppt.log"),
                                       QUrl("http://node2.local/ISEMS/ffopenmppt.log"),
                                       QUrl("http://esp.local:8080/ISEMS/ffopenmppt.log")}));
        QVERIFY(o.useEnv);
        QCOMPARE(o.pollIntervalS, 60);
        QCOMPARE(o.timeoutS, 10);
        QVERIFY(o.mqtt.enabled);
        QCOMPARE(o.mqtt.port, 1883);
        QCOMPARE(o.mqtt.csvTopic, QStringLiteral("/isems/+/csvlog"));
        QCOMPARE(o.mqtt.jsonChannel, QStringLiteral("isems/testdrive/foobar/"));
    }

    void withoutMqttSectionMqttIsOff()
    {
        QTemporaryDir dir;
        const auto s = load(dir, "sources:\n  - id: net\n    type: isems\n    nodes: 10.0.0.1\n");
        QVERIFY2(s.ok(), qPrintable(s.error()));
        const auto& o = s->sources[0].as<IsemsSettings>();
        QVERIFY(!o.mqtt.enabled);
        QCOMPARE(o.pollIntervalS, 60);
        QCOMPARE(o.nodes.size(), 1);
    }

    void envNodesJoinTheListLikeTheCollector()
    {
        IsemsSettings s;
        s.nodes = {QUrl("http://10.0.0.1/ISEMS/ffopenmppt.log")};
        QStringList warnings;
        // The collector's own test value, plus a repeat and a bad entry.
        const QList<QUrl> all =
            s.allNodes(QStringLiteral("1.1.1.1,1.2.2.2,10.0.0.1,,ftp://x/y.log"), &warnings);
        QCOMPARE(all, (QList<QUrl>{QUrl("http://10.0.0.1/ISEMS/ffopenmppt.log"),
                                   QUrl("http://1.1.1.1/ISEMS/ffopenmppt.log"),
                                   QUrl("http://1.2.2.2/ISEMS/ffopenmppt.log")}));
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings[0].contains("only http and https"), qPrintable(warnings[0]));
        s.useEnv = false;
        QCOMPARE(s.allNodes(QStringLiteral("1.1.1.1"), &warnings).size(), 1);
    }

    void aPollLongerThanAnEsp32WindowWarns()
    {
        // An ESP32 keeps 5 lines of 15 s: polled less often than every 75 s, lines fall out unseen.
        IsemsSettings s;
        s.nodes = {QUrl("http://10.0.0.1/ISEMS/ffopenmppt.log")};
        s.pollIntervalS = 75;
        QStringList warnings;
        s.allNodes(QString(), &warnings);
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join('\n')));
        s.pollIntervalS = 90;
        s.allNodes(QString(), &warnings);
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings[0].contains("poll_interval_s 90 s is longer than 75 s"), qPrintable(warnings[0]));
        // Over MQTT only nothing is polled, so nothing is lost either.
        warnings.clear();
        s.nodes.clear();
        s.allNodes(QString(), &warnings);
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join('\n')));
    }

    void aBareIpv6AddressIsPolledInBrackets()
    {
        // Freifunk meshes address their routers over IPv6 too: a bare address is a host, not host:port.
        auto url = IsemsSettings::nodeUrl(QStringLiteral("fdc0:1234::33"));
        QVERIFY2(url.ok(), qPrintable(url.error()));
        QCOMPARE(url->host(), QStringLiteral("fdc0:1234::33"));
        QCOMPARE(url->toString(), QStringLiteral("http://[fdc0:1234::33]/ISEMS/ffopenmppt.log"));
        QCOMPARE(IsemsSettings::nodeUrl(QStringLiteral("[fdc0:1234::33]"))->toString(),
                 QStringLiteral("http://[fdc0:1234::33]/ISEMS/ffopenmppt.log"));
        QCOMPARE(IsemsSettings::nodeUrl(QStringLiteral("10.36.158.33:8080"))->toString(),
                 QStringLiteral("http://10.36.158.33:8080/ISEMS/ffopenmppt.log"));
    }

    void errorsNameFileAndLine_data()
    {
        QTest::addColumn<QByteArray>("entry");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bad scheme") << QByteArray("    nodes:\n      - 10.0.0.1\n      - ftp://a/b.log\n")
                                    << "s.yaml:6: sources.net.nodes: \"ftp://a/b.log\": only http and https";
        QTest::newRow("no path") << QByteArray("    nodes: [\"http://a.local\"]\n")
                                 << "s.yaml:4: sources.net.nodes: ";
        QTest::newRow("interval") << QByteArray("    nodes: a\n    poll_interval_s: 1\n")
                                  << "s.yaml:5: sources.net.poll_interval_s";
        QTest::newRow("timeout too long")
            << QByteArray("    nodes: a\n    poll_interval_s: 30\n    timeout_s: 30\n")
            << "s.yaml:6: sources.net.timeout_s: 30 s is not shorter";
        QTest::newRow("nothing to poll")
            << QByteArray("    use_env: false\n") << "sources.net.nodes: no nodes";
        QTest::newRow("mqtt port") << QByteArray("    nodes: a\n    mqtt:\n      port: 0\n")
                                   << "s.yaml:6: sources.net.mqtt.port";
        // A filter the broker cannot take would leave the station connected and hearing nothing.
        QTest::newRow("csv_topic wildcard")
            << QByteArray("    nodes: a\n    mqtt:\n      csv_topic: /isems/#/csvlog\n")
            << "s.yaml:6: sources.net.mqtt.csv_topic: \"/isems/#/csvlog\" is not an MQTT topic filter";
        QTest::newRow("json_channel wildcard")
            << QByteArray("    nodes: a\n    mqtt:\n      json_channel: isems/+/\n")
            << "s.yaml:6: sources.net.mqtt.json_channel: \"isems/+/\" holds a wildcard";
        QTest::newRow("unknown key") << QByteArray("    nodes: a\n    nodez: b\n")
                                     << "s.yaml:5: sources.net.nodez";
    }

    void errorsNameFileAndLine()
    {
        QFETCH(QByteArray, entry);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const auto s = load(dir, "sources:\n  - id: net\n    type: isems\n" + entry);
        QVERIFY(!s.ok());
        QVERIFY2(s.error().contains(expected), qPrintable(s.error()));
    }
};

QTEST_GUILESS_MAIN(TestIsemsSettings)
#include "tst_isems_settings.moc"
