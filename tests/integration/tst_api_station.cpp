// The Station runs the REST API from settings: `api:` with a port serves the store it records into;
// off loopback it starts only with a token from the secret store, and without one the station
// records on and says why the API is not running.
#include "ApiRig.h"
#include "CliRun.h"
#include "Station.h"
#include "api/ApiServer.h"
#include "config/SecretStore.h"
#include "health/AlarmBook.h"
#include "sim/ModbusMeterEmulator.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace fs;
using namespace fs::test;

namespace {

Settings settingsOf(const QByteArray& yaml)
{
    auto s = Settings::parse("station:\n  secrets: file\n" + yaml, QStringLiteral("test.yaml"));
    if (!s)
        qFatal("%s", qPrintable(s.error()));
    return s.value();
}

} // namespace

class TestApiStation : public QObject
{
    Q_OBJECT

    QNetworkAccessManager m_nam;

private Q_SLOTS:
    void apiSectionServesTheStationsStore()
    {
        QTemporaryDir dir;
        Station station(settingsOf("api:\n  listen: 127.0.0.1:0\n"), {false, dir.path(), false});
        QVERIFY(station.start().ok());
        QVERIFY2(station.api(), qPrintable(station.apiProblem()));
        QVERIFY(station.api()->port() > 0);
        const HttpAnswer a = http(m_nam, station.api()->port(), QStringLiteral("/api/nodes"));
        QCOMPARE(a.status, 200);
        QVERIFY(a.object().value(QStringLiteral("nodes")).isArray());
        QVERIFY(a.object().value(QStringLiteral("station_alarms")).toArray().isEmpty()); // all well
        QCOMPARE(a.headers.value("access-control-allow-origin"), QByteArray("*"));       // loopback default
        // The service watchdog asks the API's thread too.
        QVERIFY(station.workerThreads().contains(station.api()->requestThread()));
        const quint16 port = station.api()->port();
        station.stop();
        QVERIFY(!station.api());
        QCOMPARE(http(m_nam, port, QStringLiteral("/api/nodes")).status, 0); // nobody listens any more
    }

    // A meter that stops answering falls silent after three intervals: its node reads state "alarm"
    // with the alarm listed, until it answers again; a disk below 2 × store.min_free_mb shows
    // in station_alarms.
    void nodesCarryTheirHealthAlarms()
    {
        QTemporaryDir dir;
        ModbusMeterEmulator meter;
        QVERIFY(meter.listen().ok());
        // Just over half the free room: a warning (below it retention would delete readings).
        const qint64 freeMb = QStorageInfo(dir.path()).bytesAvailable() / (1024 * 1024);
        QVERIFY2(freeMb < 1'000'000, "the settings allow min_free_mb up to 1000000");
        const QByteArray yaml =
            "api:\n  listen: 127.0.0.1:0\nstore:\n  min_free_mb: " + QByteArray::number(freeMb / 2 + 10) +
            "\nsources:\n  - id: shed\n    type: modbus\n    host: 127.0.0.1\n    port: " +
            QByteArray::number(meter.port()) +
            "\n    interval_s: 1\n    timeout_s: 1\n"
            "    registers: [{address: 500, type: f32, unit: V, channel: l1}]\n";
        Station station(settingsOf(yaml), {false, dir.path(), false});
        QVERIFY(station.start().ok());
        QVERIFY2(station.api(), qPrintable(station.apiProblem()));
        QJsonObject answer;
        QJsonObject node;
        const auto waitForState = [&](bool alarm) {
            QElapsedTimer waited;
            waited.start();
            while (waited.elapsed() < timeoutMs(20'000)) {
                answer = http(m_nam, station.api()->port(), QStringLiteral("/api/nodes")).object();
                const QJsonArray nodes = answer.value(QStringLiteral("nodes")).toArray();
                node = nodes.isEmpty() ? QJsonObject() : nodes.first().toObject();
                const bool heard = node.value(QStringLiteral("last_seen")).isString();
                if (heard &&
                    (node.value(QStringLiteral("state")).toString() == QLatin1String("alarm")) == alarm)
                    return true;
                QTest::qWait(200);
            }
            return false;
        };
        QVERIFY(waitForState(false)); // heard, and well
        QVERIFY(node.value(QStringLiteral("alarms")).toArray().isEmpty());
        const QJsonArray station_alarms = answer.value(QStringLiteral("station_alarms")).toArray();
        QCOMPARE(station_alarms.size(), 1);
        QCOMPARE(station_alarms.first()[QStringLiteral("code")].toString(), QStringLiteral("disk_low"));
        QCOMPARE(station_alarms.first()[QStringLiteral("subject")].toString(), QStringLiteral("store"));
        QCOMPARE(station_alarms.first()[QStringLiteral("severity")].toString(), QStringLiteral("warn"));

        meter.setSilent(true); // hung: takes requests, answers none
        QVERIFY2(waitForState(true), qPrintable(QJsonDocument(answer).toJson()));
        QCOMPARE(node.value(QStringLiteral("key")).toString(), QStringLiteral("modbus:shed:l1"));
        const QJsonArray alarms = node.value(QStringLiteral("alarms")).toArray();
        QCOMPARE(alarms.size(), 1);
        const QJsonObject silent = alarms.first().toObject();
        QCOMPARE(silent.value(QStringLiteral("code")).toString(), QStringLiteral("silent"));
        QCOMPARE(silent.value(QStringLiteral("severity")).toString(), QStringLiteral("fail"));
        QCOMPARE(silent.value(QStringLiteral("subject")).toString(), QStringLiteral("shed"));
        QVERIFY(silent.value(QStringLiteral("text")).toString().startsWith(QLatin1String("no data for")));
        QVERIFY(silent.value(QStringLiteral("since")).toString().endsWith(QLatin1Char('Z')));
        QCOMPARE(station.alarmBook()->snapshot().size(), 2); // the same book the screen mirrors

        meter.setSilent(false); // answers again: the alarm clears
        QVERIFY(waitForState(false));
        QVERIFY(node.value(QStringLiteral("alarms")).toArray().isEmpty());
    }

    void noApiWithoutTheSection()
    {
        QTemporaryDir dir;
        Station station(settingsOf(""), {false, dir.path(), false});
        QVERIFY(station.start().ok());
        QVERIFY(!station.api());
        QVERIFY(station.apiProblem().isEmpty());
    }

    void offLoopbackOnlyWithAToken()
    {
        QTemporaryDir dir;
        const Settings settings = settingsOf("api:\n  listen: 0.0.0.0:0\n");
        {
            Station station(settings, {false, dir.path(), false});
            QVERIFY(station.start().ok()); // the station records on …
            QVERIFY(!station.api());       // … without an open API
            QVERIFY2(station.apiProblem().contains(QLatin1String("api/token")),
                     qPrintable(station.apiProblem()));
        }
        const SecretStore secrets(dir.path(), StationSettings::Secrets::File, false);
        QVERIFY(secrets.write(QStringLiteral("api/token"), QStringLiteral("field-token")).ok());
        Station station(settings, {false, dir.path(), false});
        QVERIFY(station.start().ok());
        QVERIFY2(station.api(), qPrintable(station.apiProblem()));
        QVERIFY(station.api()->requiresToken());
        QCOMPARE(http(m_nam, station.api()->port(), QStringLiteral("/api/nodes")).status, 401);
        QCOMPARE(http(m_nam, station.api()->port(), QStringLiteral("/api/nodes"), "GET",
                      {{"Authorization", "Bearer field-token"}})
                     .status,
                 200);
        // Not loopback and no cors_origins: no CORS header.
        QVERIFY(!http(m_nam, station.api()->port(), QStringLiteral("/api/nodes"), "GET",
                      {{"Authorization", "Bearer field-token"}, {"Origin", "https://x.example"}})
                     .headers.contains("access-control-allow-origin"));
    }

    void theTokenIsSetFromTheCommandLine()
    {
        QTemporaryDir dir;
        const QString config = writeFile(dir, "settings.yaml", "station:\n  secrets: file\n");
        const QStringList base = {QStringLiteral("--config"), config, QStringLiteral("--data-dir"),
                                  dir.path(), QStringLiteral("api")};
        const SecretStore secrets(dir.path(), StationSettings::Secrets::File, false);
        const auto env = QProcessEnvironment::systemEnvironment();
        QCOMPARE(runWith(env, base + QStringList{QStringLiteral("--set-token")}, "short\n").code, 1);
        QVERIFY(!secrets.read(QStringLiteral("api/token"))->has_value());
        Run r = runWith(env, base + QStringList{QStringLiteral("--set-token")}, "a-token-long-enough-1234\n");
        QCOMPARE(r.code, 0);
        QCOMPARE(secrets.read(QStringLiteral("api/token"))->value_or(QString()),
                 QStringLiteral("a-token-long-enough-1234"));
        r = runWith(env, base + QStringList{QStringLiteral("--new-token")});
        QCOMPARE(r.code, 0);
        const QString made = QString::fromLatin1(r.out.trimmed());
        QCOMPARE(made.size(), 43); // 32 random bytes, base64url without padding
        QCOMPARE(secrets.read(QStringLiteral("api/token"))->value_or(QString()), made);
        QCOMPARE(runWith(env, base + QStringList{QStringLiteral("--bogus")}).code, 2);
        QCOMPARE(run(base + QStringList{QStringLiteral("--help")}).code, 0);
    }
};

QTEST_GUILESS_MAIN(TestApiStation)
#include "tst_api_station.moc"
