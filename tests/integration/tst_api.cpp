// The REST API's collector routes, /api/nodes, /api/channels and /rest/sensortype/ end to end over
// real HTTP against a store seeded in the ISEMS store mapping.
#include "ApiRig.h"
#include "api/ApiServer.h"
#include "api/ApiSettings.h"
#include "config/Settings.h"
#include "model/SensorTypes.h"
#include "sources/isems/IsemsIngest.h"
#include "store/Recorder.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace fs;
using namespace fs::test;

namespace {

/// The sample's row as the values a source records (status and power-save level as numbers).
QHash<QString, double> valuesOf(const QJsonObject& row)
{
    QHash<QString, double> v;
    for (const auto& [field, code] : isemsFields()) {
        const QJsonValue x = row.value(field);
        if (field == QLatin1String("status"))
            v.insert(field, x.toString().mid(2).toInt(nullptr, 16));
        else if (field == QLatin1String("isPowerSaveMode"))
            v.insert(field, x.toBool() ? 1.0 : 0.0);
        else
            v.insert(field, x.toDouble());
    }
    return v;
}

/// The object keys in the order they appear in the raw JSON text of the first row.
QStringList keyOrder(const QByteArray& body)
{
    const qsizetype start = body.indexOf("[{") + 1;
    const QByteArray first = body.mid(start, body.indexOf('}', start) - start + 1);
    QStringList keys;
    for (qsizetype i = 0; (i = first.indexOf("\":", i)) >= 0; ++i) {
        const qsizetype open = first.lastIndexOf('"', i - 1);
        keys << QString::fromUtf8(first.mid(open + 1, i - open - 1));
    }
    return keys;
}

} // namespace

class TestApi : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Recorder> m_rec;
    std::unique_ptr<ApiServer> m_api;
    QNetworkAccessManager m_nam;
    const qint64 m_now = QDateTime::currentMSecsSinceEpoch() / 1000 * 1000;

    QString storePath() const { return m_dir.filePath(QStringLiteral("store.db")); }
    HttpAnswer get(const QString& target) { return http(m_nam, m_api->port(), target); }

private Q_SLOTS:
    void init()
    {
        QFile::remove(storePath());
        m_rec = startRecorder(storePath());
        m_api = startApi(storePath());
        QVERIFY(m_api->port() > 0);
    }

    void cleanup()
    {
        m_api.reset();
        m_rec->stop();
        m_rec.reset();
    }

    void latestHasTheCollectorsShapeFieldByField()
    {
        const QJsonArray sample =
            QJsonDocument::fromJson(readData(QStringLiteral("isems_api_measurements_latest.json")))
                .object()
                .value(QStringLiteral("measurements"))
                .toArray();
        QCOMPARE(sample.size(), 2);
        QList<qint64> times;
        for (int i = 0; i < sample.size(); ++i) {
            const QJsonObject row = sample[i].toObject();
            const IsemsNodeIds node =
                registerIsemsNode(*m_rec, row.value(QStringLiteral("nodeId")).toString());
            times << m_now - (i + 1) * 3'600'000;
            reportIsems(*m_rec, node, times[i] - 60'000,
                        row.value(QStringLiteral("openMPPTFirmwareVersion")).toString(),
                        row.value(QStringLiteral("latitude")).toDouble(),
                        row.value(QStringLiteral("longitude")).toDouble());
            recordIsemsLine(*m_rec, node, times[i] - 60'000, valuesOf(row)); // an older row: not the latest
            recordIsemsLine(*m_rec, node, times[i], valuesOf(row));
        }
        QVERIFY(m_rec->flush().ok());

        const HttpAnswer a = get(QStringLiteral("/measurements/latest"));
        QCOMPARE(a.status, 200);
        QVERIFY(a.headers.value("content-type").startsWith("application/json"));
        const QJsonArray rows = a.object().value(QStringLiteral("measurements")).toArray();
        QCOMPARE(rows.size(), 2);
        // Ordered by nodeId, as the collector's GROUP BY nodeId gave them.
        QCOMPARE(rows[0].toObject().value(QStringLiteral("nodeId")).toString(),
                 QStringLiteral("ESP-Hof-Nord"));
        for (const QJsonValue& v : rows) {
            const QJsonObject got = v.toObject();
            const int i =
                got.value(QStringLiteral("nodeId")).toString() == QLatin1String("Solar-Dach-01") ? 0 : 1;
            const QJsonObject want = sample[i].toObject();
            QCOMPARE(got.keys(), want.keys()); // every field, no other
            for (const QString& key : want.keys()) {
                if (key == QLatin1String("id") || key == QLatin1String("timestamp"))
                    continue;
                QVERIFY2(got.value(key) == want.value(key),
                         qPrintable(QStringLiteral("%1: got %2, want %3")
                                        .arg(key, QJsonDocument(QJsonArray{got.value(key)}).toJson(),
                                             QJsonDocument(QJsonArray{want.value(key)}).toJson())));
            }
            QVERIFY(got.value(QStringLiteral("id")).isDouble());
            // UTC with Z, where the collector served Berlin wall-clock time without an offset.
            QCOMPARE(got.value(QStringLiteral("timestamp")).toString(),
                     QDateTime::fromMSecsSinceEpoch(times[i]).toUTC().toString(Qt::ISODate));
            QVERIFY(got.value(QStringLiteral("timestamp")).toString().endsWith(QLatin1Char('Z')));
        }
        // Keys sorted in the text itself, as Flask's jsonify wrote them.
        QStringList order = keyOrder(a.body);
        QCOMPARE(order.size(), 20);
        QStringList sorted = order;
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(order, sorted);
    }

    void theSourcesOwnRowsComeBackAsTheCollectorServedThem()
    {
        // The sample log's last line is the sample answer's Solar-Dach-01 row: ingested through
        // the source's own door (parser, channel table, reported state), not a table of the test's.
        isems::IsemsIngest ingest(QStringLiteral("isems"), m_rec.get(),
                                  [this](const NodeSpec& spec) { return m_rec->registerNode(spec); });
        const auto batch = ingest.ingestText(readData(QStringLiteral("isems_router_ffopenmppt.log")), m_now);
        QCOMPARE(batch.stored, 5);
        QVERIFY(m_rec->flush().ok());
        const QJsonObject want =
            QJsonDocument::fromJson(readData(QStringLiteral("isems_api_measurements_latest.json")))
                .object()
                .value(QStringLiteral("measurements"))
                .toArray()
                .first()
                .toObject();
        const QJsonArray rows = get(QStringLiteral("/measurements/Solar-Dach-01/latest"))
                                    .object()
                                    .value(QStringLiteral("measurements"))
                                    .toArray();
        QCOMPARE(rows.size(), 5);
        const QJsonObject got = rows.first().toObject();
        QCOMPARE(got.keys(), want.keys());
        for (const QString& key : want.keys()) {
            if (key == QLatin1String("id") || key == QLatin1String("timestamp"))
                continue;
            QVERIFY2(got.value(key) == want.value(key), qPrintable(key));
        }
        // 17:44 Berlin summer time is 15:44 UTC.
        QCOMPARE(got.value(QStringLiteral("timestamp")).toString(), QStringLiteral("2019-07-09T15:44:00Z"));
        QCOMPARE(rows.last().toObject().value(QStringLiteral("timestamp")).toString(),
                 QStringLiteral("2019-07-09T15:40:00Z"));
    }

    void statusAndPowerSaveAsTheCollectorRead_data()
    {
        QTest::addColumn<bool>("hasStatus");
        QTest::addColumn<int>("status");
        QTest::addColumn<double>("level");
        QTest::addColumn<QString>("statusText");
        QTest::addColumn<bool>("powerSave");
        QTest::newRow("18 fields: no status") << false << 0 << 0.0 << "0x000" << false;
        QTest::newRow("0x300, level 1") << true << 0x300 << 1.0 << "0x300" << true;
        QTest::newRow("0xa5, level 2 is not 1") << true << 0xa5 << 2.0 << "0x0a5" << false;
    }

    void statusAndPowerSaveAsTheCollectorRead()
    {
        QFETCH(bool, hasStatus);
        QFETCH(int, status);
        QFETCH(double, level);
        QFETCH(QString, statusText);
        QFETCH(bool, powerSave);
        const IsemsNodeIds node = registerIsemsNode(*m_rec, QStringLiteral("Elektra-Dach"));
        QHash<QString, double> v{{QStringLiteral("batteryVoltage"), 14.073},
                                 {QStringLiteral("isPowerSaveMode"), level}};
        if (hasStatus)
            v.insert(QStringLiteral("status"), status);
        recordIsemsLine(*m_rec, node, m_now - 1000, v);
        QVERIFY(m_rec->flush().ok());
        const QJsonObject row = get(QStringLiteral("/measurements/Elektra-Dach/latest"))
                                    .object()
                                    .value(QStringLiteral("measurements"))
                                    .toArray()
                                    .first()
                                    .toObject();
        QCOMPARE(row.value(QStringLiteral("status")).toString(), statusText);
        QCOMPARE(row.value(QStringLiteral("isPowerSaveMode")).toBool(), powerSave);
        QCOMPARE(row.value(QStringLiteral("batteryVoltage")).toDouble(), 14.073);
        // Fields the line did not carry, and no reported state yet: null.
        QVERIFY(row.value(QStringLiteral("mppVoltage")).isNull());
        QVERIFY(row.value(QStringLiteral("openMPPTFirmwareVersion")).isNull());
    }

    void inactiveNodesHiddenUnlessAll()
    {
        const IsemsNodeIds fresh = registerIsemsNode(*m_rec, QStringLiteral("fresh"));
        const IsemsNodeIds old = registerIsemsNode(*m_rec, QStringLiteral("old"));
        recordIsemsLine(*m_rec, fresh, m_now - 29LL * 86'400'000, {{QStringLiteral("batteryVoltage"), 12.5}});
        recordIsemsLine(*m_rec, old, m_now - 45LL * 86'400'000, {{QStringLiteral("batteryVoltage"), 11.5}});
        QVERIFY(m_rec->flush().ok());
        const auto nodeIds = [this](const QString& target) {
            QStringList ids;
            for (const QJsonValue& v : get(target).object().value(QStringLiteral("measurements")).toArray())
                ids << v.toObject().value(QStringLiteral("nodeId")).toString();
            return ids;
        };
        QCOMPARE(nodeIds(QStringLiteral("/measurements/latest")), QStringList{QStringLiteral("fresh")});
        QCOMPARE(nodeIds(QStringLiteral("/measurements/latest?all=false")),
                 QStringList{QStringLiteral("fresh")});
        QCOMPARE(nodeIds(QStringLiteral("/measurements/latest?all=true")),
                 (QStringList{QStringLiteral("fresh"), QStringLiteral("old")}));
        const HttpAnswer bad = get(QStringLiteral("/measurements/latest?all=yes"));
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.object().value(QStringLiteral("parameter")).toString(), QStringLiteral("all"));
    }

    void nodeLatestServesTheNewest1440NewestFirst()
    {
        const IsemsNodeIds node = registerIsemsNode(*m_rec, QStringLiteral("Solar Dach"));
        const IsemsNodeIds other = registerIsemsNode(*m_rec, QStringLiteral("other"));
        const int n = 1500;
        const qint64 start = m_now - n * 60'000LL;
        reportIsems(*m_rec, node, start, QStringLiteral("ATmega8_A_1"), 52.5, 13.4);
        reportIsems(*m_rec, node, start + 1000 * 60'000LL, QStringLiteral("ATmega8_A_2"), 52.6, 13.5);
        for (int i = 0; i < n; ++i) {
            recordIsemsLine(
                *m_rec, node, start + i * 60'000LL,
                {{QStringLiteral("batteryVoltage"), 12.0 + i / 1000.0}, {QStringLiteral("status"), 0x900}});
            recordIsemsLine(*m_rec, other, start + i * 60'000LL + 1,
                            {{QStringLiteral("batteryVoltage"), 1.0}});
        }
        QVERIFY(m_rec->flush().ok());
        const HttpAnswer a = get(QStringLiteral("/measurements/Solar%20Dach/latest"));
        QCOMPARE(a.status, 200);
        const QJsonArray rows = a.object().value(QStringLiteral("measurements")).toArray();
        QCOMPARE(rows.size(), 1440);
        QSet<qint64> ids;
        for (int k = 0; k < rows.size(); ++k) {
            const QJsonObject row = rows[k].toObject();
            const int i = n - 1 - k; // newest first
            QCOMPARE(row.value(QStringLiteral("nodeId")).toString(), QStringLiteral("Solar Dach"));
            QCOMPARE(row.value(QStringLiteral("batteryVoltage")).toDouble(), 12.0 + i / 1000.0);
            QCOMPARE(row.value(QStringLiteral("timestamp")).toString(),
                     QDateTime::fromMSecsSinceEpoch(start + i * 60'000LL).toUTC().toString(Qt::ISODate));
            // Firmware and place as reported at or before the row's time.
            QCOMPARE(row.value(QStringLiteral("openMPPTFirmwareVersion")).toString(),
                     i >= 1000 ? QStringLiteral("ATmega8_A_2") : QStringLiteral("ATmega8_A_1"));
            QCOMPARE(row.value(QStringLiteral("latitude")).toDouble(), i >= 1000 ? 52.6 : 52.5);
            ids.insert(row.value(QStringLiteral("id")).toInteger());
        }
        QCOMPARE(ids.size(), 1440); // one id per row …
        const QJsonArray again = get(QStringLiteral("/measurements/Solar%20Dach/latest"))
                                     .object()
                                     .value(QStringLiteral("measurements"))
                                     .toArray();
        QCOMPARE(again.first().toObject().value(QStringLiteral("id")),
                 rows.first().toObject().value(QStringLiteral("id")));
        QCOMPARE(again.last().toObject().value(QStringLiteral("id")),
                 rows.last().toObject().value(QStringLiteral("id")));
        // An unknown node has no rows, as the collector answered.
        const HttpAnswer none = get(QStringLiteral("/measurements/nobody/latest"));
        QCOMPARE(none.status, 200);
        QCOMPARE(none.object().value(QStringLiteral("measurements")).toArray().size(), 0);
    }

    void nodesAndChannelsList()
    {
        const IsemsNodeIds node = registerIsemsNode(*m_rec, QStringLiteral("n1"));
        recordIsemsLine(*m_rec, node, m_now - 5000, {{QStringLiteral("batteryVoltage"), 12.5}});
        recordIsemsLine(*m_rec, node, m_now - 3000, {{QStringLiteral("mppVoltage"), 17.5}});
        m_rec->submitState(
            {node.node, m_now - 4000, QStringLiteral("unreachable"), QStringLiteral("timeout")});
        QVERIFY(m_rec->flush().ok());
        const QJsonArray nodes =
            get(QStringLiteral("/api/nodes")).object().value(QStringLiteral("nodes")).toArray();
        QCOMPARE(nodes.size(), 1);
        const QJsonObject n = nodes.first().toObject();
        QCOMPARE(n.keys(), (QStringList{"alarms", "id", "key", "kind", "last_seen", "name", "state"}));
        QVERIFY(n.value(QStringLiteral("alarms")).toArray().isEmpty()); // a server without an alarm book
        QCOMPARE(n.value(QStringLiteral("id")).toInteger(), node.node);
        QCOMPARE(n.value(QStringLiteral("key")).toString(), QStringLiteral("isems:n1"));
        QCOMPARE(n.value(QStringLiteral("kind")).toString(), QStringLiteral("isems"));
        QCOMPARE(n.value(QStringLiteral("state")).toString(), QStringLiteral("unreachable"));
        QCOMPARE(n.value(QStringLiteral("last_seen")).toString(),
                 QDateTime::fromMSecsSinceEpoch(m_now - 3000).toUTC().toString(Qt::ISODate));

        const QJsonArray channels =
            get(QStringLiteral("/api/channels")).object().value(QStringLiteral("channels")).toArray();
        QCOMPARE(channels.size(), isemsFields().size());
        const QJsonObject bat = channels.first().toObject();
        QCOMPARE(bat.keys(), (QStringList{"id", "key", "name", "node", "sensor_type", "unit"}));
        QCOMPARE(bat.value(QStringLiteral("id")).toInteger(),
                 node.channels.value(QStringLiteral("batteryVoltage")));
        QCOMPARE(bat.value(QStringLiteral("node")).toInteger(), node.node);
        QCOMPARE(bat.value(QStringLiteral("key")).toString(), QStringLiteral("batteryVoltage"));
        QCOMPARE(bat.value(QStringLiteral("sensor_type")).toInt(), 6); // Cogent's Battery Voltage
        QCOMPARE(bat.value(QStringLiteral("name")).toString(), QStringLiteral("Battery Voltage"));
    }

    void sensorTypesAsCogentHouseServedThem()
    {
        const HttpAnswer a = get(QStringLiteral("/rest/sensortype/"));
        QCOMPARE(a.status, 200);
        const QJsonArray list = a.json().array();
        QCOMPARE(list.size(), sensorTypes().size());
        for (int i = 0; i < list.size(); ++i) {
            const QJsonObject o = list[i].toObject();
            const SensorType& t = sensorTypes()[i];
            QCOMPARE(o.keys(),
                     (QStringList{"__table__", "c0", "c1", "c2", "c3", "code", "id", "name", "units"}));
            QCOMPARE(o.value(QStringLiteral("__table__")).toString(), QStringLiteral("SensorType"));
            QCOMPARE(o.value(QStringLiteral("id")).toInt(), t.id);
            QCOMPARE(o.value(QStringLiteral("code")).toString(), t.code);
            QCOMPARE(o.value(QStringLiteral("units")).toString(), t.unit);
            QCOMPARE(o.value(QStringLiteral("c1")).toDouble(), 1.0);
        }
        const QJsonArray one = get(QStringLiteral("/rest/sensortype/6")).json().array();
        QCOMPARE(one.size(), 1);
        QCOMPARE(one.first().toObject().value(QStringLiteral("code")).toString(), QStringLiteral("BAT"));
        QCOMPARE(get(QStringLiteral("/rest/sensortype/999999")).json().array().size(), 0);
    }

    void settingsSection()
    {
        auto s = Settings::parse("api:\n  listen: 0.0.0.0:9000\n  cors_origins: [https://isems.app]\n"
                                 "  hide_inactive_after_days: 7\n",
                                 QStringLiteral("t.yaml"));
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QVERIFY(s->api.enabled);
        QCOMPARE(s->api.host, QStringLiteral("0.0.0.0"));
        QCOMPARE(s->api.port, quint16(9000));
        QVERIFY(!s->api.loopback());
        QCOMPARE(s->api.effectiveCorsOrigins(), QStringList{QStringLiteral("https://isems.app")});
        QCOMPARE(s->api.hideInactiveAfterDays, 7);

        auto defaults = Settings::parse("api: {}\n", QStringLiteral("t.yaml"));
        QVERIFY(defaults.ok());
        QVERIFY(defaults->api.enabled && defaults->api.loopback());
        QCOMPARE(defaults->api.port, quint16(8090));
        QCOMPARE(defaults->api.effectiveCorsOrigins(), QStringList{QStringLiteral("*")});
        QVERIFY(!Settings::parse("station: {}\n", QStringLiteral("t.yaml"))->api.enabled);

        auto ipv6 = Settings::parse("api:\n  listen: \"[::1]:8091\"\n", QStringLiteral("t.yaml"));
        QVERIFY(ipv6.ok() && ipv6->api.loopback() && ipv6->api.port == 8091);

        auto bad = Settings::parse("station: {}\napi:\n  listen: nowhere\n", QStringLiteral("t.yaml"));
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().startsWith(QLatin1String("t.yaml:3: api.listen:")), qPrintable(bad.error()));
        auto badPort = Settings::parse("api:\n  listen: 127.0.0.1:70000\n", QStringLiteral("t.yaml"));
        QVERIFY(!badPort.ok() && badPort.error().contains(QLatin1String("port")));
    }
};

QTEST_GUILESS_MAIN(TestApi)
#include "tst_api.moc"
