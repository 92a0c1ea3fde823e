// ISEMS over MQTT against a real mosquitto: csvlog windows and data.json into the store, overlaps
// stored once, bad lines counted, a broker restart survived, login and TLS, and a prompt stop.
#include "IsemsMqttRig.h"
#include "MosquittoServer.h"
#include "TestSupport.h"
#include "sim/IsemsMqttPublisher.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTcpServer>
#include <QTest>
#include <atomic>
#include <memory>
#include <thread>

using namespace fs;
using fs::test::IsemsMqttRig;
using fs::test::MosquittoServer;

namespace {

const char* kWindow =
    "ESP-Hof-Nord;1;1562716800;ESP_2.0;3412;0;0.0;0.0;12.741;74;100;21.1;11.9;14.216;50;60;52.52;13.4;500\n"
    "ESP-Hof-Nord;1;1562716815;ESP_2.0;3411;0;0.0;0.0;12.74;74;100;21.05;11.9;14.216;50;60;52.52;13.4;500\n"
    "ESP-Hof-Nord;1;1562716830;ESP_2.0;3410;0;0.0;0.0;12.739;74;100;21.0;11.9;14.216;50;60;52.52;13.4;500\n"
    "ESP-Hof-Nord;1;1562716845;ESP_2.0;3409;0;0.0;0.0;12.738;74;100;20.95;11.9;14.216;50;60;52.52;13.4;500\n"
    "ESP-Hof-Nord;1;1562716860;ESP_2.0;3408;0;0.0;0.0;12.737;74;100;20.9;11.9;14.216;50;60;52.52;13.4;500";

/// Starts the rig's subscriber and waits until the broker has accepted it.
bool startConnected(IsemsMqttRig& rig, const isems::IsemsMqttOptions& options)
{
    return rig.start(options) &&
           QTest::qWaitFor([&] { return rig.mqtt().connection().connected; }, test::timeoutMs(10000));
}

IsemsMqttPublisher::Options publisherOptions(int port, const QStringList& nodes)
{
    IsemsMqttPublisher::Options o;
    o.broker.host = QStringLiteral("127.0.0.1");
    o.broker.port = port;
    o.broker.clientId = QStringLiteral("isems-test-publisher");
    o.broker.reconnectMinMs = 200;
    o.nodeIds = nodes;
    o.publishIntervalMs = 0; // the test says when
    return o;
}

} // namespace

class TestIsemsMqtt : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aCsvlogFromMosquittoPubIsStoredWithTheLinesNode()
    {
        MosquittoServer broker;
        QVERIFY2(broker.ok(), qPrintable(broker.error()));
        IsemsMqttRig rig;
        QVERIFY(startConnected(rig, IsemsMqttRig::options(broker.port())));

        // The topic names another node: the collector takes the node from the line, and so do we.
        QVERIFY(broker.publish(QStringLiteral("/isems/some-other-id/csvlog"), kWindow));
        QTRY_COMPARE_WITH_TIMEOUT(rig.mqtt().counts().stored, 5, test::timeoutMs(10000));
        const auto rows = rig.rows(QStringLiteral("ESP-Hof-Nord"));
        QCOMPARE(rows.size(), 5);
        QVERIFY(rig.rows(QStringLiteral("some-other-id")).isEmpty());
        const auto last = rows.value(1562716860000LL);
        QCOMPARE(last.value(QStringLiteral("batteryVoltage")), 12.737);
        QCOMPARE(last.value(QStringLiteral("batteryTemperature")), 20.9);
        QCOMPARE(last.value(QStringLiteral("status")), double(0x500));
        QCOMPARE(last.value(QStringLiteral("timeToShutdown")), 3408.0);
        const QStringList states = rig.states(QStringLiteral("ESP-Hof-Nord"));
        QCOMPARE(states.size(), 1);
        QVERIFY2(states[0].startsWith(QLatin1String("reported ")), qPrintable(states[0]));
        QVERIFY2(states[0].contains(QLatin1String("\"timeSource\":\"node\"")), qPrintable(states[0]));
        QCOMPARE(rig.mqtt().connection().messages, 1);
    }

    void overlappingWindowsFromThePublisherAreStoredOnce()
    {
        MosquittoServer broker;
        QVERIFY2(broker.ok(), qPrintable(broker.error()));
        IsemsMqttRig rig;
        QVERIFY(startConnected(rig, IsemsMqttRig::options(broker.port())));
        const QStringList nodes = {QStringLiteral("ESP-Ost"), QStringLiteral("ESP-West")};
        IsemsMqttPublisher publisher(publisherOptions(broker.port(), nodes));
        QVERIFY(publisher.start());
        QVERIFY(publisher.waitConnected(test::timeoutMs(10000)));

        // Lines every 15 s, a publish every 60 s: each 5-line window repeats the previous one's
        // newest line, as an ESP32 publishing every 65 s does.
        const qint64 t0 = QDateTime::currentSecsSinceEpoch() - 3600;
        for (qint64 t : {t0, t0 + 60, t0 + 120})
            QCOMPARE(publisher.publishUpTo(t), 2);
        QTRY_COMPARE_WITH_TIMEOUT(rig.mqtt().counts().messages, 6, test::timeoutMs(10000));
        const auto counts = rig.mqtt().counts();
        QCOMPARE(counts.stored, 2 * 9);
        QCOMPARE(counts.duplicates, 2 * 2);
        QCOMPARE(counts.refused, 0);
        for (const QString& node : nodes) {
            const auto rows = rig.rows(node);
            QCOMPARE(rows.size(), 9);
            QCOMPARE(rows.firstKey(), t0 * 1000);
            QCOMPARE(rows.lastKey(), (t0 + 120) * 1000);
            QCOMPARE(rig.copies(node, (t0 + 60) * 1000, QStringLiteral("batteryVoltage")), 1);
        }
        QCOMPARE(rig.readings(), 2 * 9 * 13);
    }

    void badLinesAreCountedByReasonWhileGoodOnesAreStored()
    {
        MosquittoServer broker;
        QVERIFY2(broker.ok(), qPrintable(broker.error()));
        IsemsMqttRig rig;
        QVERIFY(startConnected(rig, IsemsMqttRig::options(broker.port())));

        const QByteArray payload =
            "Solar-Dach-01;1;1562686800;ATmega8_A_1;711;0;21.312;17.904;13.581;86;100;24.7;11.67;14.086;18;"
            "20;"
            "52.507309;13.458635;900\n"
            "Solar-Dach-01;1;1562686860;ATmega8_A_1;711;0;21.3;17.9\n"
            "FF-ESP-Unconfigured-9876543;1;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0\n"
            "Solar-Dach-01;1;1562686920;ATmega8_A_1;709;0;21.305;17.887;n/a;87;100;24.8;11.67;14.086;18;20;"
            "52.507309;13.458635;900\n"
            "Solar-Dach-01;1;1562686980;ATmega8_A_1;708;0;21.288;17.893;13.634;88;100;24.9;11.67;14.086;18;"
            "20;"
            "52.507309;13.458635;900";
        QVERIFY(broker.publish(QStringLiteral("/isems/Solar-Dach-01/csvlog"), payload));
        QTRY_COMPARE_WITH_TIMEOUT(rig.mqtt().counts().messages, 1, test::timeoutMs(10000));
        const auto counts = rig.mqtt().counts();
        QCOMPARE(counts.stored, 2);
        QCOMPARE(counts.refused, 3);
        QCOMPARE(counts.refusedBy.value(QStringLiteral("8 fields, expected 18 or 19")), 1);
        QCOMPARE(counts.refusedBy.value(QStringLiteral("placeholder line (timestamp 0)")), 1);
        QCOMPARE(counts.refusedBy.value(QStringLiteral("field 9 batteryVoltage")), 1);
        QVERIFY2(counts.lastRefusal.contains(QLatin1String("line 4")), qPrintable(counts.lastRefusal));
        const auto rows = rig.rows(QStringLiteral("Solar-Dach-01"));
        QCOMPARE(rows.keys(), (QList<qint64>{1562686800000LL, 1562686980000LL}));
        QVERIFY(rig.rows(QStringLiteral("FF-ESP-Unconfigured-9876543")).isEmpty());
    }

    void dataJsonIsStoredWithTheTopicsNodeAndTheTimeOfArrival()
    {
        MosquittoServer broker;
        QVERIFY2(broker.ok(), qPrintable(broker.error()));
        IsemsMqttRig rig;
        auto options = IsemsMqttRig::options(broker.port());
        options.jsonChannel = QStringLiteral("isems/testdrive/foobar/");
        QVERIFY(startConnected(rig, options));

        const QByteArray json = fs::test::readData(QStringLiteral("isems_mqtt_data_json_payload.json"));
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(broker.publish(QStringLiteral("isems/testdrive/foobar/ESP-Json-1/data.json"), json));
        QTRY_COMPARE_WITH_TIMEOUT(rig.mqtt().counts().stored, 1, test::timeoutMs(10000));
        const qint64 after = QDateTime::currentMSecsSinceEpoch();
        const auto rows = rig.rows(QStringLiteral("ESP-Json-1"));
        QCOMPARE(rows.size(), 1);
        QVERIFY2(
            rows.firstKey() >= before && rows.firstKey() <= after,
            qPrintable(QStringLiteral("%1 not in [%2, %3]").arg(rows.firstKey()).arg(before).arg(after)));
        QCOMPARE(rows.first().value(QStringLiteral("batteryVoltage")), 12.737);
        QCOMPARE(rows.first().value(QStringLiteral("status")), double(0x500));
        QCOMPARE(rows.first().value(QStringLiteral("ratedSolarModuleCapacity")), 60.0);
        const QStringList states = rig.states(QStringLiteral("ESP-Json-1"));
        QCOMPARE(states.size(), 1);
        QVERIFY2(states[0].contains(QLatin1String("\"timeSource\":\"arrival\"")), qPrintable(states[0]));
        QVERIFY2(states[0].contains(QLatin1String("\"latitude\":52.52")), qPrintable(states[0]));

        // A broken body is refused with the byte where it breaks, and the next good one is stored.
        QVERIFY(broker.publish(QStringLiteral("isems/testdrive/foobar/ESP-Json-1/data.json"),
                               "{\"batteryVoltage\": 12.7,"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.mqtt().counts().refused, 1, test::timeoutMs(10000));
        QVERIFY2(rig.mqtt().counts().lastRefusal.contains(QLatin1String("byte")),
                 qPrintable(rig.mqtt().counts().lastRefusal));
        QVERIFY(broker.publish(QStringLiteral("isems/testdrive/foobar/ESP-Json-1/data.json"), json));
        QTRY_COMPARE_WITH_TIMEOUT(rig.mqtt().counts().stored, 2, test::timeoutMs(10000));
        QCOMPARE(rig.rows(QStringLiteral("ESP-Json-1")).size(), 2);
    }

    void theSubscriberReconnectsAfterABrokerRestart()
    {
        MosquittoServer broker;
        QVERIFY2(broker.ok(), qPrintable(broker.error()));
        IsemsMqttRig rig;
        QVERIFY(startConnected(rig, IsemsMqttRig::options(broker.port())));
        IsemsMqttPublisher publisher(publisherOptions(broker.port(), {QStringLiteral("ESP-Neustart")}));
        QVERIFY(publisher.start());
        QVERIFY(publisher.waitConnected(test::timeoutMs(10000)));
        const qint64 t0 = QDateTime::currentSecsSinceEpoch() - 600;
        publisher.publishUpTo(t0 + 60);
        QTRY_COMPARE_WITH_TIMEOUT(rig.mqtt().counts().stored, 1, test::timeoutMs(10000));

        QVERIFY2(broker.restart(), qPrintable(broker.error()));
        QTRY_VERIFY_WITH_TIMEOUT(rig.mqtt().connection().reconnects >= 1 && rig.mqtt().connection().connected,
                                 test::timeoutMs(15000));
        QTRY_VERIFY_WITH_TIMEOUT(publisher.status().connected && publisher.status().reconnects >= 1,
                                 test::timeoutMs(15000));
        publisher.publishUpTo(t0 + 120);
        QTRY_COMPARE_WITH_TIMEOUT(rig.mqtt().counts().stored, 5, test::timeoutMs(10000));
        QCOMPARE(rig.rows(QStringLiteral("ESP-Neustart")).size(), 5);
        QVERIFY2(rig.mqtt().describe().contains(QLatin1String("reconnects")),
                 qPrintable(rig.mqtt().describe()));
    }

    void aBrokerThatIsGoneIsRetriedWithGrowingWaits()
    {
        MosquittoServer broker;
        QVERIFY2(broker.ok(), qPrintable(broker.error()));
        QVERIFY(broker.stop());
        IsemsMqttRig rig;
        auto options = IsemsMqttRig::options(broker.port());
        options.broker.reconnectMinMs = 100;
        options.broker.reconnectMaxMs = 400;
        QElapsedTimer t;
        t.start();
        QVERIFY(rig.start(options));
        // Waits of 100, 200 and 400 ms lie between the first and the fourth attempt: at least
        // 700 ms, where a fixed 100 ms wait would take 300. Load only makes it later, so the lower
        // bound holds on any machine.
        QTRY_VERIFY_WITH_TIMEOUT(rig.mqtt().connection().failedAttempts >= 4, test::timeoutMs(10000));
        QVERIFY2(t.elapsed() >= 690, qPrintable(QString::number(t.elapsed())));
        const MqttStatus s = rig.mqtt().connection();
        QVERIFY(!s.connected);
        QVERIFY2(!s.lastError.isEmpty(), "the reason is kept");
        QVERIFY2(rig.mqtt().describe().contains(QLatin1String("not connected")),
                 qPrintable(rig.mqtt().describe()));

        // Once the broker is back the next attempt gets through.
        QVERIFY(broker.restart());
        QTRY_VERIFY_WITH_TIMEOUT(rig.mqtt().connection().connected, test::timeoutMs(10000));
        QVERIFY(rig.mqtt().connection().lastError.isEmpty());
    }

    void aBrokerNameThatCannotBeFoundIsNamedAndRetried()
    {
        IsemsMqttRig rig;
        auto options = IsemsMqttRig::options(1883);
        options.broker.host = QStringLiteral("no-such-broker.invalid"); // .invalid never resolves
        QVERIFY(rig.start(options));
        QTRY_VERIFY_WITH_TIMEOUT(rig.mqtt().connection().failedAttempts >= 2, test::timeoutMs(10000));
        const MqttStatus s = rig.mqtt().connection();
        QVERIFY(!s.connected);
        QVERIFY2(s.lastError.contains(QLatin1String("no-such-broker.invalid")), qPrintable(s.lastError));
    }

    void windowsPublishedWhileTheStationWasDownArriveWhenItReturns()
    {
        MosquittoServer broker;
        QVERIFY2(broker.ok(), qPrintable(broker.error()));
        IsemsMqttRig rig;
        QVERIFY(startConnected(rig, IsemsMqttRig::options(broker.port())));
        rig.mqtt().stop();

        // The broker keeps the session of a client id it knows and queues its QoS 1 messages.
        QVERIFY(broker.publish(QStringLiteral("/isems/ESP-Hof-Nord/csvlog"), kWindow));
        IsemsMqttRig back;
        QVERIFY(back.start(IsemsMqttRig::options(broker.port())));
        QTRY_COMPARE_WITH_TIMEOUT(back.mqtt().counts().stored, 5, test::timeoutMs(10000));
        QCOMPARE(back.rows(QStringLiteral("ESP-Hof-Nord")).size(), 5);
        QCOMPARE(rig.mqtt().counts().messages, 0);
    }

    void aUserAndPasswordAreCheckedByThePasswordFile()
    {
        MosquittoServer broker({QStringLiteral("isems"), QStringLiteral("s3cret-pw"), false});
        QVERIFY2(broker.ok(), qPrintable(broker.error()));

        IsemsMqttRig wrong;
        auto bad = IsemsMqttRig::options(broker.port());
        bad.broker.user = QStringLiteral("isems");
        bad.broker.password = QStringLiteral("not-the-password");
        QVERIFY(wrong.start(bad));
        QTRY_VERIFY_WITH_TIMEOUT(wrong.mqtt().connection().failedAttempts >= 1, test::timeoutMs(10000));
        QVERIFY(!wrong.mqtt().connection().connected);
        QVERIFY2(wrong.mqtt().connection().lastError.contains(QLatin1String("refused")),
                 qPrintable(wrong.mqtt().connection().lastError));
        QCOMPARE(wrong.mqtt().connection().connects, 0);

        IsemsMqttRig right;
        auto good = IsemsMqttRig::options(broker.port());
        good.broker.clientId = QStringLiteral("fieldstation-test-isems-2");
        good.broker.user = QStringLiteral("isems");
        good.broker.password = QStringLiteral("s3cret-pw");
        QVERIFY(startConnected(right, good));
        QVERIFY(broker.publish(QStringLiteral("/isems/ESP-Hof-Nord/csvlog"), kWindow));
        QTRY_COMPARE_WITH_TIMEOUT(right.mqtt().counts().stored, 5, test::timeoutMs(10000));
        QCOMPARE(wrong.mqtt().counts().messages, 0);
    }

    void tlsVerifiesTheBrokerAgainstTheCaFile()
    {
        MosquittoServer broker({QString(), QString(), true});
        QVERIFY2(broker.ok(), qPrintable(broker.error()));
        IsemsMqttRig rig;
        auto options = IsemsMqttRig::options(broker.port());
        options.broker.tls = true;
        options.broker.caFile = broker.caFile();
        QVERIFY(startConnected(rig, options));
        QVERIFY(broker.publish(QStringLiteral("/isems/ESP-Hof-Nord/csvlog"), kWindow));
        QTRY_COMPARE_WITH_TIMEOUT(rig.mqtt().counts().stored, 5, test::timeoutMs(10000));

        // Without the CA the broker's certificate cannot be trusted: the system's CAs do not know it.
        IsemsMqttRig untrusting;
        auto system = options;
        system.broker.clientId = QStringLiteral("fieldstation-test-isems-2");
        system.broker.caFile.clear();
        QVERIFY(untrusting.start(system));
        QTRY_VERIFY_WITH_TIMEOUT(untrusting.mqtt().connection().failedAttempts >= 1, test::timeoutMs(10000));
        QCOMPARE(untrusting.mqtt().connection().connects, 0);

        IsemsMqttRig unreadable;
        auto missing = options;
        missing.broker.caFile = broker.dir() + QStringLiteral("/no-such-ca.crt");
        const Status s = unreadable.start(missing);
        QVERIFY(!s);
        QVERIFY2(s.error().contains(QLatin1String("no-such-ca.crt")), qPrintable(s.error()));
    }

    void stopReturnsWithinTwoSecondsConnectedOrWaitingToReconnect()
    {
        MosquittoServer broker;
        QVERIFY2(broker.ok(), qPrintable(broker.error()));
        {
            IsemsMqttRig rig;
            QVERIFY(startConnected(rig, IsemsMqttRig::options(broker.port())));
            QElapsedTimer t;
            t.start();
            rig.mqtt().stop();
            QVERIFY2(t.elapsed() < 2000, qPrintable(QString::number(t.elapsed())));
            QVERIFY(!rig.mqtt().connection().connected);
        }
        {
            // A broker that is gone, and a long back-off: stop must not wait it out.
            QVERIFY(broker.stop());
            IsemsMqttRig rig;
            auto options = IsemsMqttRig::options(broker.port());
            options.broker.reconnectMinMs = 60000;
            options.broker.reconnectMaxMs = 60000;
            QVERIFY(rig.start(options));
            QTRY_VERIFY_WITH_TIMEOUT(rig.mqtt().connection().failedAttempts >= 1, test::timeoutMs(10000));
            QElapsedTimer t;
            t.start();
            rig.mqtt().stop();
            QVERIFY2(t.elapsed() < 2000, qPrintable(QString::number(t.elapsed())));
        }
        {
            // A "broker" that takes the TCP connection and never answers CONNECT: stop must not wait
            // for a CONNACK that never comes.
            QTcpServer silent;
            QVERIFY(silent.listen(QHostAddress::LocalHost));
            IsemsMqttRig rig;
            QVERIFY(rig.start(IsemsMqttRig::options(silent.serverPort())));
            QTRY_VERIFY_WITH_TIMEOUT(silent.hasPendingConnections(), test::timeoutMs(10000));
            QVERIFY(!rig.mqtt().connection().connected);
            QElapsedTimer t;
            t.start();
            rig.mqtt().stop();
            QVERIFY2(t.elapsed() < 2000, qPrintable(QString::number(t.elapsed())));
        }
        {
            // A resolver that never answers (a router whose uplink is down): stop must not wait
            // for the lookup of the broker's name.
            auto entered = std::make_shared<std::atomic<bool>>(false);
            IsemsMqttRig rig;
            auto options = IsemsMqttRig::options(broker.port());
            options.broker.host = QStringLiteral("broker.example");
            options.broker.lookUp = [entered](const QString& host) {
                *entered = true;
                std::this_thread::sleep_for(std::chrono::seconds(20));
                return host + QStringLiteral(": no answer");
            };
            QVERIFY(rig.start(options));
            QTRY_VERIFY_WITH_TIMEOUT(entered->load(), test::timeoutMs(10000));
            QElapsedTimer t;
            t.start();
            rig.mqtt().stop();
            QVERIFY2(t.elapsed() < 2000, qPrintable(QString::number(t.elapsed())));
        }
        {
            auto options = publisherOptions(broker.port(), {QStringLiteral("ESP-Stop")});
            options.publishIntervalMs = 60000;
            IsemsMqttPublisher timed(options);
            QVERIFY(timed.start());
            QElapsedTimer t;
            t.start();
            timed.stop();
            QVERIFY2(t.elapsed() < 2000, qPrintable(QString::number(t.elapsed())));
        }
    }
};

QTEST_GUILESS_MAIN(TestIsemsMqtt)
#include "tst_isems_mqtt.moc"
