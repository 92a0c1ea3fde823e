// The ISEMS source built from settings with an `mqtt:` part, as the Station builds it: the password
// from the secret store, the client id from the station's name, health from the connection, and in
// --demo emulated nodes that publish to the configured broker.
#include "IsemsMqttRig.h"
#include "MosquittoServer.h"
#include "TestSupport.h"
#include "config/SecretStore.h"
#include "sources/SourceTypes.h"
#include "sources/isems/IsemsSource.h"

#include <QFile>
#include <QTest>

using namespace fs;
using fs::test::IsemsMqttRig;
using fs::test::MosquittoServer;

namespace {

Result<SourceSettings> isemsEntry(int port, const QByteArray& extra = {})
{
    const QByteArray yaml = "sources:\n"
                            "  - id: isems-roof\n"
                            "    type: isems\n"
                            "    nodes: []\n"
                            "    use_env: false\n"
                            "    mqtt:\n"
                            "      host: 127.0.0.1\n"
                            "      port: " +
                            QByteArray::number(port) + "\n" + extra;
    auto settings = Settings::parse(yaml, QStringLiteral("test.yaml"));
    if (!settings)
        return Error{settings.error()};
    return settings->sources.value(0);
}

QByteArray brokerLog(const MosquittoServer& broker)
{
    QFile f(broker.dir() + QStringLiteral("/mosquitto.log"));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestIsemsMqttSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theSourceLogsInWithItsSecretAndRecordsWhatArrives()
    {
        MosquittoServer broker({QStringLiteral("station"), QStringLiteral("from-the-secret-store"), false});
        QVERIFY2(broker.ok(), qPrintable(broker.error()));
        IsemsMqttRig rig; // only its store: the source makes its own client
        QTemporaryDir secretsDir;
        const SecretStore secrets(secretsDir.path(), StationSettings::Secrets::File, false);
        QVERIFY(
            secrets.write(QStringLiteral("isems/isems-roof/mqtt"), QStringLiteral("from-the-secret-store")));

        auto entry = isemsEntry(broker.port(), "      user: station\n");
        QVERIFY2(entry.ok(), qPrintable(entry.error()));
        const SourceType* type = findSourceType(QStringLiteral("isems"));
        QVERIFY(type);
        auto made = type->create(entry.value(), {&rig.recorder(), false, &secrets, QStringLiteral("hof")});
        QVERIFY2(made.ok(), qPrintable(made.error()));
        auto* source = static_cast<IsemsSource*>(made.value().get());
        source->start();
        QVERIFY(source->mqtt());
        QTRY_VERIFY_WITH_TIMEOUT(source->mqtt()->connection().connected, test::timeoutMs(10000));
        // The contract's default client id, as the broker saw it.
        QTRY_VERIFY_WITH_TIMEOUT(brokerLog(broker).contains("as fieldstation-hof-isems-roof"),
                                 test::timeoutMs(5000));
        QTRY_COMPARE_WITH_TIMEOUT(source->health(), Source::Health::Ok, test::timeoutMs(5000));
        QVERIFY2(source->healthDetail().contains(QLatin1String("MQTT connected")),
                 qPrintable(source->healthDetail()));

        QVERIFY(
            broker.publish(QStringLiteral("/isems/Solar-Dach-01/csvlog"),
                           "Solar-Dach-01;1;1562686800;ATmega8_A_1;711;0;21.312;17.904;13.581;86;100;24.7;"
                           "11.67;14.086;18;20;52.507309;13.458635;900"));
        QTRY_COMPARE_WITH_TIMEOUT(source->mqtt()->counts().stored, 1, test::timeoutMs(10000));
        QCOMPARE(rig.rows(QStringLiteral("Solar-Dach-01")).size(), 1);
        QCOMPARE(source->nodes().size(), 1);
        QCOMPARE(source->nodes().first().source, QStringLiteral("isems-roof"));

        // The broker goes away: the source says so, and recovers with it.
        QVERIFY(broker.stop());
        QTRY_COMPARE_WITH_TIMEOUT(source->health(), Source::Health::Failing, test::timeoutMs(10000));
        QVERIFY2(source->healthDetail().contains(QLatin1String("not connected")),
                 qPrintable(source->healthDetail()));
        QVERIFY(broker.restart());
        QTRY_COMPARE_WITH_TIMEOUT(source->health(), Source::Health::Ok, test::timeoutMs(15000));
        source->stop();
        QVERIFY(!source->mqtt());
    }

    void aMissingSecretLeavesTheBrokerToRefuse()
    {
        MosquittoServer broker({QStringLiteral("station"), QStringLiteral("pw"), false});
        QVERIFY2(broker.ok(), qPrintable(broker.error()));
        IsemsMqttRig rig;
        QTemporaryDir secretsDir;
        const SecretStore secrets(secretsDir.path(), StationSettings::Secrets::File, false);
        auto entry = isemsEntry(broker.port(), "      user: station\n");
        QVERIFY2(entry.ok(), qPrintable(entry.error()));
        auto made = findSourceType(QStringLiteral("isems"))
                        ->create(entry.value(), {&rig.recorder(), false, &secrets, QStringLiteral("hof")});
        QVERIFY2(made.ok(), qPrintable(made.error()));
        auto* source = static_cast<IsemsSource*>(made.value().get());
        source->start();
        QTRY_VERIFY_WITH_TIMEOUT(source->mqtt()->connection().failedAttempts >= 1, test::timeoutMs(10000));
        QTRY_COMPARE_WITH_TIMEOUT(source->health(), Source::Health::Failing, test::timeoutMs(5000));
        QVERIFY2(source->healthDetail().contains(QLatin1String("refused")),
                 qPrintable(source->healthDetail()));
    }

    void theDemoPublishesEmulatedNodesToTheConfiguredBroker()
    {
        MosquittoServer broker;
        QVERIFY2(broker.ok(), qPrintable(broker.error()));
        IsemsMqttRig rig;
        auto entry = isemsEntry(broker.port(), "      json_channel: isems/testdrive/foobar/\n");
        QVERIFY2(entry.ok(), qPrintable(entry.error()));
        auto made = findSourceType(QStringLiteral("isems"))
                        ->create(entry.value(), {&rig.recorder(), true, nullptr, QStringLiteral("demo")});
        QVERIFY2(made.ok(), qPrintable(made.error()));
        auto* source = static_cast<IsemsSource*>(made.value().get());
        source->start();
        // The demo nodes publish at once on start, a csvlog and a data.json: both reach the store.
        QTRY_VERIFY_WITH_TIMEOUT(source->mqtt() && source->mqtt()->counts().stored >= 2,
                                 test::timeoutMs(15000));
        const QStringList states = rig.states(QStringLiteral("ESP-Demo-MQTT"));
        QVERIFY2(states.join(QLatin1Char('\n')).contains(QLatin1String("\"timeSource\":\"node\"")),
                 qPrintable(states.join(QLatin1Char('\n'))));
        QVERIFY2(states.join(QLatin1Char('\n')).contains(QLatin1String("\"timeSource\":\"arrival\"")),
                 qPrintable(states.join(QLatin1Char('\n'))));
        source->stop();
    }
};

QTEST_GUILESS_MAIN(TestIsemsMqttSource)
#include "tst_isems_mqtt_source.moc"
