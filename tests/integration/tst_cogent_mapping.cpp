// The push's mapping onto a real Cogent-house database (the schema script on a real MariaDB):
// shared rows stay as Cogent has them, Cogent's sensor types are seeded and used, a server that
// disagrees on a type is refused, and each station gets a node id block of its own, remembered.
#include "MariadbServer.h"
#include "OpcN3Readings.h"
#include "sinks/mysqlpush/CogentRemote.h"
#include "sinks/mysqlpush/RemoteConnection.h"
#include "sinks/mysqlpush/StationRegistry.h"
#include "store/Recorder.h"
#include "store/Store.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <atomic>
#include <thread>

using namespace fs;

namespace {

/// A MySQL connection of its own for the lifetime of the object, open.
class Connection : public RemoteConnection
{
public:
    Connection(int port, const QString& database)
        : RemoteConnection({QStringLiteral("127.0.0.1"), port, database,
                            QLatin1String(test::MariadbServer::kUser),
                            QLatin1String(test::MariadbServer::kPassword), 30})
    {
        if (!db().open())
            qFatal("cannot connect: %s", qPrintable(db().lastError().text()));
    }
};

/// One station: a store with an OPC-N3 node and its push settings.
struct Station
{
    QTemporaryDir dir;
    Recorder recorder;
    PushSettings settings;
    PushServerSettings server;
    NodeChannels ids;

    Station(int port, const QString& database, std::optional<int> nodeIdBase,
            const QString& room = QStringLiteral("Garden/Outdoor"))
        : recorder(dir.filePath(QStringLiteral("store.db")))
    {
        recorder.start();
        ids = test::recordOpcN3Readings(recorder, 2, QDateTime::currentMSecsSinceEpoch() - 3600'000);
        settings.nodeIdBase = nodeIdBase;
        settings.deployment = QStringLiteral("Summer 2026");
        settings.house = QStringLiteral("12 Station Road");
        settings.rooms.insert(QStringLiteral("opcn3:1"), room);
        server.name = QStringLiteral("central");
        server.port = port;
        server.database = database;
        server.user = QLatin1String(test::MariadbServer::kUser);
    }
    Result<CogentTargets> map()
    {
        Connection c(server.port, server.database);
        return CogentRemote(c.db(), recorder, recorder.storePath(), settings, server).ensure();
    }
    /// The remote id this station's push_map holds for (kind, key), or -1.
    qint64 mapped(const QString& kind, const QString& key)
    {
        auto store = Store::open(recorder.storePath(), Store::Mode::ReadOnly);
        QSqlQuery q((*store)->db());
        q.prepare(
            QStringLiteral("SELECT remote_id FROM push_map WHERE server = ? AND kind = ? AND local_key = ?"));
        q.addBindValue(server.name);
        q.addBindValue(kind);
        q.addBindValue(key);
        return q.exec() && q.next() ? q.value(0).toLongLong() : -1;
    }
};

} // namespace

class TestCogentMapping : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<test::MariadbServer> m_db;
    int m_n = 0;
    QString freshDatabase()
    {
        const QString name = QStringLiteral("mapping_%1").arg(++m_n);
        if (!m_db->createCogentDatabase(name))
            qFatal("cannot create %s", qPrintable(name));
        return name;
    }
    QString value(const QString& query, const QString& db) { return m_db->value(query, db); }
    /// The room (name/type) the station's node is in.
    QString roomOf(int node, const QString& db)
    {
        return value(QStringLiteral("SELECT CONCAT(r.id, ' ', r.name, '/', t.name) FROM Node n "
                                    "JOIN Location l ON l.id = n.locationId JOIN Room r ON r.id = l.roomId "
                                    "JOIN RoomType t ON t.id = r.roomTypeId WHERE n.id = %1")
                         .arg(node),
                     db);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_db = std::make_unique<test::MariadbServer>();
        QVERIFY2(m_db->ok(), qPrintable(m_db->error()));
    }

    void sharedRowsAreUsedAsTheyAre()
    {
        const QString db = freshDatabase();
        const QString kitchen = value(QStringLiteral("SELECT id FROM Room WHERE name = 'Kitchen'"), db);
        QVERIFY(m_db->sql(QStringLiteral(
                              "INSERT INTO Deployment (name, description) VALUES ('Summer 2026', 'theirs')"),
                          db)
                    .size());
        Station a(m_db->port(), db, 0, QStringLiteral("Kitchen/Outdoor"));
        a.settings.deploymentDescription = QStringLiteral("mine");
        auto t = a.map();
        QVERIFY2(t.ok(), qPrintable(t.error()));
        const int node = t->nodes.value(a.ids.node);
        // Cogent's Kitchen is still a Wet Room; the station has a Kitchen of its own.
        QCOMPARE(value(QStringLiteral("SELECT t.name FROM Room r JOIN RoomType t ON t.id = r.roomTypeId "
                                      "WHERE r.id = %1")
                           .arg(kitchen),
                       db),
                 QStringLiteral("Wet Room"));
        const QString own = roomOf(node, db);
        QVERIFY2(own.endsWith(QStringLiteral(" Kitchen/Outdoor")) &&
                     !own.startsWith(kitchen + QLatin1Char(' ')),
                 qPrintable(own));
        QCOMPARE(QString::number(a.mapped(QStringLiteral("room"), QStringLiteral("Kitchen"))),
                 own.section(' ', 0, 0));
        // The deployment it found is used as it is, and is not recorded as its own.
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM Deployment"), db), QStringLiteral("1"));
        QCOMPARE(value(QStringLiteral("SELECT description FROM Deployment"), db), QStringLiteral("theirs"));
        QCOMPARE(a.mapped(QStringLiteral("deployment"), QStringLiteral("deployment")), qint64(-1));

        // A change of type gives a room of its own: no row is changed under a station that may have
        // found and used the one this station made before, and Cogent's stays as it is.
        a.settings.rooms.insert(QStringLiteral("opcn3:1"), QStringLiteral("Kitchen/Bedroom"));
        QVERIFY(a.map().ok());
        const QString moved = roomOf(node, db);
        QVERIFY2(moved.endsWith(QStringLiteral(" Kitchen/Bedroom")) &&
                     moved.section(' ', 0, 0) != own.section(' ', 0, 0),
                 qPrintable(moved));
        QCOMPARE(value(QStringLiteral("SELECT t.name FROM Room r JOIN RoomType t ON t.id = r.roomTypeId "
                                      "WHERE r.id = %1")
                           .arg(own.section(' ', 0, 0)),
                       db),
                 QStringLiteral("Outdoor"));
        QCOMPARE(value(QStringLiteral("SELECT roomTypeId FROM Room WHERE id = %1").arg(kitchen), db),
                 value(QStringLiteral("SELECT id FROM RoomType WHERE name = 'Wet Room'"), db));

        // A station that asks for Cogent's Kitchen as Cogent has it gets that very row.
        Station b(m_db->port(), db, 1000, QStringLiteral("Kitchen/Wet Room"));
        auto tb = b.map();
        QVERIFY2(tb.ok(), qPrintable(tb.error()));
        QCOMPARE(roomOf(tb->nodes.value(b.ids.node), db), kitchen + QStringLiteral(" Kitchen/Wet Room"));
        QCOMPARE(b.mapped(QStringLiteral("room"), QStringLiteral("Kitchen")), qint64(-1));
        // Cogent's twelve seeded rooms, and the station's Kitchen/Outdoor and Kitchen/Bedroom.
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM Room"), db), QStringLiteral("14"));
    }

    void aBareSchemaGetsCogentsSensorTypes()
    {
        const QString db = freshDatabase();
        QVERIFY(!m_db->sql(QStringLiteral("DELETE FROM SensorType"), db).isNull());
        Station st(m_db->port(), db, 0);
        auto t = st.map();
        QVERIFY2(t.ok(), qPrintable(t.error()));
        QCOMPARE(
            value(QStringLiteral("SELECT CONCAT(code, ' ', units, ' ', name) FROM SensorType WHERE id = 0"),
                  db),
            QStringLiteral("T deg.C Temperature"));
        QCOMPARE(value(QStringLiteral("SELECT CONCAT(code, ' ', units) FROM SensorType WHERE id = 2"), db),
                 QStringLiteral("RH %"));
        QCOMPARE(value(QStringLiteral("SELECT code FROM SensorType WHERE id = 1001"), db),
                 QStringLiteral("pm2_5"));
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM SensorType"), db), QStringLiteral("44"));
        QCOMPARE(
            value(QStringLiteral("SELECT COUNT(*) FROM SensorType WHERE code IN ('temperature', 'humidity')"),
                  db),
            QStringLiteral("0"));
        // The temperature channel is pushed as type 0.
        const qint64 temperature = st.ids.channels[3];
        QCOMPARE(t->channels.value(temperature).type, 0);
        QCOMPARE(
            value(QStringLiteral("SELECT COUNT(*) FROM Sensor WHERE sensorTypeId = 0 AND nodeId = 1"), db),
            QStringLiteral("1"));
    }

    void aServerThatDisagreesOnATypeIsRefused()
    {
        const QString db = freshDatabase();
        QVERIFY(!m_db->sql(QStringLiteral(
                               "UPDATE SensorType SET code = 'dRH', name = 'Delta Humidity' WHERE id = 2"),
                           db)
                     .isNull());
        Station st(m_db->port(), db, 0);
        auto t = st.map();
        QVERIFY(!t.ok());
        QVERIFY2(t.error().contains(QStringLiteral("SensorType 2 is \"dRH\" on central")) &&
                     t.error().contains(QStringLiteral("\"RH\"")),
                 qPrintable(t.error()));
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM Node"), db), QStringLiteral("0")); // rolled back
        QCOMPARE(value(QStringLiteral("SELECT code FROM SensorType WHERE id = 2"), db),
                 QStringLiteral("dRH"));
    }

    void eachStationGetsItsOwnNodeIdsAndKeepsThem()
    {
        const QString db = freshDatabase();
        // A Node already there (another system's) is below every block handed out.
        QVERIFY(!m_db->sql(QStringLiteral("INSERT INTO Node (id) VALUES (123456)"), db).isNull());
        Station a(m_db->port(), db, std::nullopt);
        Station b(m_db->port(), db, std::nullopt);
        auto ta = a.map();
        QVERIFY2(ta.ok(), qPrintable(ta.error()));
        auto tb = b.map();
        QVERIFY2(tb.ok(), qPrintable(tb.error()));
        QCOMPARE(ta->nodes.value(a.ids.node), 130000 + int(a.ids.node));
        QCOMPARE(tb->nodes.value(b.ids.node), 140000 + int(b.ids.node));
        QCOMPARE(a.mapped(QStringLiteral("station"), QStringLiteral("node_id_base")), qint64(130000));
        QCOMPARE(b.mapped(QStringLiteral("station"), QStringLiteral("node_id_base")), qint64(140000));
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM Node"), db), QStringLiteral("3"));
        // Remembered: the next push keeps the block and registers nothing new.
        auto again = a.map();
        QVERIFY2(again.ok(), qPrintable(again.error()));
        QCOMPARE(again->nodes.value(a.ids.node), 130000 + int(a.ids.node));
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM FieldStationStation"), db), QStringLiteral("2"));
        QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM Node"), db), QStringLiteral("3"));
    }

    void aConfiguredBaseIsUsedAsItIs()
    {
        const QString db = freshDatabase();
        Station st(m_db->port(), db, 41000);
        auto t = st.map();
        QVERIFY2(t.ok(), qPrintable(t.error()));
        QCOMPARE(t->nodes.value(st.ids.node), 41000 + int(st.ids.node));
        QCOMPARE(
            value(QStringLiteral("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '%1' "
                                 "AND table_name = 'FieldStationStation'")
                      .arg(db),
                  db),
            QStringLiteral("0"));
    }

    void nodeIdBaseIsOptionalInSettings()
    {
        const QByteArray yaml = "push:\n  house: \"1 Road\"\n  servers:\n    central:\n      user: u\n";
        auto unset = Settings::parse(yaml, QStringLiteral("unset.yaml"));
        QVERIFY2(unset.ok(), qPrintable(unset.error()));
        QVERIFY(!unset->push.nodeIdBase); // no longer a silent 0: the server allocates
        auto zero = Settings::parse(yaml + "  node_id_base: 0\n", QStringLiteral("zero.yaml"));
        QVERIFY2(zero.ok(), qPrintable(zero.error()));
        QCOMPARE(zero->push.nodeIdBase, std::optional<int>(0));
    }

    void stationsAllocatingAtOnceGetDistinctBlocks()
    {
        const QString db = freshDatabase();
        constexpr int kStations = 6;
        std::vector<int> bases(kStations, 0);
        std::vector<QString> errors(kStations);
        std::vector<std::thread> threads;
        for (int i = 0; i < kStations; ++i)
            threads.emplace_back([&, i] {
                Connection c(m_db->port(), db);
                auto base = cogent::allocateNodeIdBase(c.db(), QStringLiteral("station %1").arg(i));
                if (base)
                    bases[size_t(i)] = base.value();
                else
                    errors[size_t(i)] = base.error();
            });
        for (std::thread& t : threads)
            t.join();
        QSet<int> distinct;
        for (int i = 0; i < kStations; ++i) {
            QVERIFY2(errors[size_t(i)].isEmpty(), qPrintable(errors[size_t(i)]));
            QVERIFY(bases[size_t(i)] >= cogent::kFirstNodeIdBase);
            QCOMPARE(bases[size_t(i)] % cogent::kNodeIdBlock, 0);
            distinct.insert(bases[size_t(i)]);
        }
        QCOMPARE(distinct.size(), kStations);
    }
};

QTEST_GUILESS_MAIN(TestCogentMapping)
#include "tst_cogent_mapping.moc"
