// The REST API's gate over real HTTP: the token off loopback, CORS and its preflight, and the JSON
// bodies of 400, 404 and 405 (never a stack trace, never an HTML page).
#include "ApiRig.h"
#include "api/ApiServer.h"
#include "store/Recorder.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace fs;
using namespace fs::test;

class TestApiSecurity : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Recorder> m_rec;
    QNetworkAccessManager m_nam;
    ChannelId m_channel = 0;

    QString storePath() const { return m_dir.filePath(QStringLiteral("store.db")); }

    std::unique_ptr<ApiServer> serve(ApiServerOptions o) { return startApi(storePath(), o); }

    static void verifyJsonError(const HttpAnswer& a, int status, const QString& parameter = {})
    {
        QCOMPARE(a.status, status);
        QVERIFY2(a.headers.value("content-type").startsWith("application/json"),
                 a.headers.value("content-type"));
        const QJsonObject o = a.object();
        QVERIFY2(!o.value(QStringLiteral("error")).toString().isEmpty(), a.body);
        if (!parameter.isEmpty())
            QCOMPARE(o.value(QStringLiteral("parameter")).toString(), parameter);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_rec = startRecorder(storePath());
        m_channel =
            registerIsemsNode(*m_rec, QStringLiteral("n1")).channels.value(QStringLiteral("batteryVoltage"));
        QVERIFY(m_rec->flush().ok());
    }

    void cleanupTestCase() { m_rec->stop(); }

    void tokenRequiredOffLoopback()
    {
        ApiServerOptions o;
        o.host = QStringLiteral("0.0.0.0");
        // Refused without a token: an open API on the network is never started.
        ApiServer open(o);
        const Status refused = open.start();
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(QLatin1String("api/token")), qPrintable(refused.error()));
        QCOMPARE(open.port(), quint16(0));

        o.token = QStringLiteral("s3cret-token");
        auto api = serve(o);
        QVERIFY(api->requiresToken());
        const HttpAnswer none = http(m_nam, api->port(), QStringLiteral("/api/nodes"));
        verifyJsonError(none, 401);
        QVERIFY(none.headers.value("www-authenticate").startsWith("Bearer"));
        verifyJsonError(http(m_nam, api->port(), QStringLiteral("/measurements/latest"), "GET",
                             {{"Authorization", "Bearer s3cret-tokeX"}}),
                        401);
        verifyJsonError(http(m_nam, api->port(), QStringLiteral("/measurements/latest"), "GET",
                             {{"Authorization", "Bearer s3cret"}}),
                        401);
        const HttpAnswer ok = http(m_nam, api->port(), QStringLiteral("/api/nodes"), "GET",
                                   {{"Authorization", "Bearer s3cret-token"}});
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.object().value(QStringLiteral("nodes")).toArray().size(), 1);
    }

    void noTokenAskedOnLoopback()
    {
        auto api = serve({});
        QVERIFY(!api->requiresToken());
        QCOMPARE(http(m_nam, api->port(), QStringLiteral("/api/nodes")).status, 200);
        // Stopped, nobody answers; started again, it serves again.
        const quint16 port = api->port();
        api->stop();
        QCOMPARE(api->port(), quint16(0));
        QCOMPARE(http(m_nam, port, QStringLiteral("/api/nodes")).status, 0);
        QVERIFY(api->start().ok());
        QCOMPARE(http(m_nam, api->port(), QStringLiteral("/api/nodes")).status, 200);
    }

    void corsHeaderAndPreflight()
    {
        ApiServerOptions o;
        o.corsOrigins = {QStringLiteral("*")};
        auto any = serve(o);
        const HttpAnswer a = http(m_nam, any->port(), QStringLiteral("/measurements/latest"), "GET",
                                  {{"Origin", "https://app.example"}});
        QCOMPARE(a.status, 200);
        QCOMPARE(a.headers.value("access-control-allow-origin"), QByteArray("*"));
        // Also on errors, so a page can read why.
        QCOMPARE(
            http(m_nam, any->port(), QStringLiteral("/nowhere")).headers.value("access-control-allow-origin"),
            QByteArray("*"));
        const HttpAnswer pre =
            http(m_nam, any->port(), QStringLiteral("/api/channels"), "OPTIONS",
                 {{"Origin", "https://app.example"}, {"Access-Control-Request-Method", "GET"}});
        QCOMPARE(pre.status, 204);
        QCOMPARE(pre.headers.value("access-control-allow-origin"), QByteArray("*"));
        QVERIFY(pre.headers.value("access-control-allow-methods").contains("GET"));
        QVERIFY(pre.headers.value("access-control-allow-headers").contains("Authorization"));

        o.corsOrigins = {QStringLiteral("https://isems.app")};
        auto listed = serve(o);
        const HttpAnswer mine = http(m_nam, listed->port(), QStringLiteral("/api/nodes"), "GET",
                                     {{"Origin", "https://isems.app"}});
        QCOMPARE(mine.headers.value("access-control-allow-origin"), QByteArray("https://isems.app"));
        QCOMPARE(mine.headers.value("vary"), QByteArray("Origin"));
        const HttpAnswer other = http(m_nam, listed->port(), QStringLiteral("/api/nodes"), "GET",
                                      {{"Origin", "https://evil.example"}});
        QCOMPARE(other.status, 200);
        QVERIFY(!other.headers.contains("access-control-allow-origin"));

        o.corsOrigins = {};
        auto none = serve(o);
        QVERIFY(
            !http(m_nam, none->port(), QStringLiteral("/api/nodes"), "GET", {{"Origin", "https://isems.app"}})
                 .headers.contains("access-control-allow-origin"));
    }

    void badParametersAnswer400_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("parameter");
        const QString readings = QStringLiteral("/api/channels/%1/readings");
        QTest::newRow("max_points 0") << readings + QStringLiteral("?max_points=0") << "max_points";
        QTest::newRow("max_points text") << readings + QStringLiteral("?max_points=many") << "max_points";
        QTest::newRow("max_points too many")
            << readings + QStringLiteral("?max_points=100001") << "max_points";
        QTest::newRow("from garbage") << readings + QStringLiteral("?from=yesterday") << "from";
        QTest::newRow("to garbage") << readings + QStringLiteral("?to=2024-13-45T99:00:00Z") << "to";
        QTest::newRow("from after to") << readings + QStringLiteral("?from=2000&to=1000") << "from";
        QTest::newRow("channel id text") << QStringLiteral("/api/channels/abc/readings") << "id";
        QTest::newRow("all yes") << QStringLiteral("/measurements/latest?all=yes") << "all";
        QTest::newRow("sensor type id") << QStringLiteral("/rest/sensortype/bat") << "id";
    }

    void badParametersAnswer400()
    {
        QFETCH(QString, target);
        QFETCH(QString, parameter);
        auto api = serve({});
        verifyJsonError(
            http(m_nam, api->port(), target.contains(QLatin1String("%1")) ? target.arg(m_channel) : target),
            400, parameter);
    }

    void unknownPathsAndChannelsAnswer404()
    {
        auto api = serve({});
        verifyJsonError(http(m_nam, api->port(), QStringLiteral("/nowhere")), 404);
        verifyJsonError(http(m_nam, api->port(), QStringLiteral("/api/channels/1/readings/more")), 404);
        verifyJsonError(http(m_nam, api->port(), QStringLiteral("/api/channels/987654/readings")), 404,
                        QStringLiteral("id"));
    }

    void aStoreThatCannotBeReadAnswers503()
    {
        auto api = startApi(m_dir.filePath(QStringLiteral("no-such-store.db")));
        const HttpAnswer a = http(m_nam, api->port(), QStringLiteral("/api/nodes"));
        verifyJsonError(a, 503);
        QVERIFY2(
            a.object().value(QStringLiteral("error")).toString().contains(QLatin1String("no-such-store.db")),
            a.body);
    }

    void onlyGetAndOptionsAnswered()
    {
        auto api = serve({});
        for (const QByteArray method : {"POST", "PUT", "DELETE", "PATCH"}) {
            const HttpAnswer a = http(m_nam, api->port(), QStringLiteral("/api/nodes"), method);
            verifyJsonError(a, 405);
            QCOMPARE(a.headers.value("allow"), QByteArray("GET, OPTIONS"));
        }
    }
};

QTEST_GUILESS_MAIN(TestApiSecurity)
#include "tst_api_security.moc"
