// The MySQL push against a real MariaDB: first push, incremental, resend without duplicates, a
// chunk boundary inside a run of equal timestamps, a renamed deployment, a server that is down
// while another is up, and two stations into one database.
#include "MariadbServer.h"
#include "OpcN3Readings.h"
#include "TestSupport.h"
#include "config/SecretStore.h"
#include "sinks/mysqlpush/Pusher.h"
#include "store/Recorder.h"
#include "store/Store.h"

#include <QDateTime>
#include <QTcpServer>
#include <QTest>

using namespace fs;

namespace {

/// One station: a store with readings, settings, a secret store with the password, a pusher.
struct Station
{
    QTemporaryDir dir;
    Recorder recorder;
    PushSettings settings;
    std::unique_ptr<Pusher> pusher;

    Station(int port, const QString& database, int nodeIdBase = 0, int pushLimit = 5000)
        : recorder(dir.filePath(QStringLiteral("store.db")))
    {
        recorder.start();
        settings.nodeIdBase = nodeIdBase;
        settings.deployment = QStringLiteral("Summer 2026");
        settings.house = QStringLiteral("12 Station Road");
        settings.rooms.insert(QStringLiteral("opcn3:1"), QStringLiteral("Garden/Outdoor"));
        PushServerSettings s;
        s.name = QStringLiteral("central");
        s.port = port;
        s.database = database;
        s.user = QLatin1String(test::MariadbServer::kUser);
        s.pushLimit = pushLimit;
        s.timeoutS = 5;
        settings.servers = {s};
        SecretStore(dir.path(), StationSettings::Secrets::File, false)
            .write(QStringLiteral("push/central/password"), QLatin1String(test::MariadbServer::kPassword));
        rebuild();
    }
    void rebuild()
    {
        pusher = std::make_unique<Pusher>(recorder, recorder.storePath(), settings, dir.path(),
                                          SecretStore(dir.path(), StationSettings::Secrets::File, false));
    }
    qint64 localReadings()
    {
        return Store::open(recorder.storePath(), Store::Mode::ReadOnly).value()->readingCount();
    }
};

} // namespace

class TestPush : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<test::MariadbServer> m_db;
    int m_n = 0;
    QString freshDatabase()
    {
        const QString name = QStringLiteral("cogent_%1").arg(++m_n);
        if (!m_db->createCogentDatabase(name))
            qFatal("cannot create %s", qPrintable(name));
        return name;
    }
    qint64 count(const QString& table, const QString& db, const QString& where = QString())
    {
        return m_db->value(QStringLiteral("SELECT COUNT(*) FROM %1 %2").arg(table, where), db).toLongLong();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_db = std::make_unique<test::MariadbServer>();
        QVERIFY2(m_db->ok(), qPrintable(m_db->error()));
    }

    void firstAndIncrementalPush()
    {
        const QString db = freshDatabase();
        Station st(m_db->port(), db);
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 3600'000;
        const NodeChannels ids = test::recordOpcN3Readings(st.recorder, 100, t0);
        st.recorder.submitState({ids.node, t0, QStringLiteral("ok"), QString()});
        st.recorder.submitState({ids.node, t0 + 5000, QStringLiteral("error"), QStringLiteral("bad CRC")});
        st.recorder.flush();
        PushStatus s = st.pusher->pushServer(st.settings.servers.first());
        QVERIFY2(s.ok, qPrintable(s.lastError));
        QCOMPARE(s.pushedReadings, st.localReadings());
        QCOMPARE(count(QStringLiteral("Reading"), db), st.localReadings());
        QCOMPARE(s.rowsBehind, qint64(0));
        QCOMPARE(count(QStringLiteral("Deployment"), db), qint64(1));
        QCOMPARE(count(QStringLiteral("House"), db), qint64(1));
        QCOMPARE(count(QStringLiteral("Location"), db), qint64(1));
        QCOMPARE(count(QStringLiteral("Node"), db), qint64(1));
        QCOMPARE(count(QStringLiteral("Sensor"), db), qint64(44));
        QCOMPARE(count(QStringLiteral("Pushstatus"), db), qint64(1));
        QCOMPARE(s.pushedStates, qint64(2));
        QCOMPARE(count(QStringLiteral("NodeState"), db, QStringLiteral("WHERE nodeId = 1")), qint64(2));
        QCOMPARE(
            m_db->value(QStringLiteral("SELECT r.name FROM Room r JOIN Location l ON l.roomId = r.id"), db),
            QStringLiteral("Garden"));
        QCOMPARE(
            m_db->value(QStringLiteral("SELECT t.name FROM RoomType t JOIN Room r ON r.roomTypeId = t.id "
                                       "JOIN Location l ON l.roomId = r.id"),
                        db),
            QStringLiteral("Outdoor"));
        // PM2.5 of the first reading, to the millisecond.
        QCOMPARE(m_db->value(QStringLiteral("SELECT COUNT(*) FROM Reading WHERE time = '%1' AND type = 1001")
                                 .arg(QDateTime::fromMSecsSinceEpoch(t0, Qt::UTC)
                                          .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))),
                             db),
                 QStringLiteral("1"));

        test::recordOpcN3Readings(st.recorder, 50, t0 + 100'000);
        s = st.pusher->pushServer(st.settings.servers.first());
        QVERIFY2(s.ok, qPrintable(s.lastError));
        QCOMPARE(s.pushedReadings, qint64(50 * 44));
        QCOMPARE(count(QStringLiteral("Reading"), db), st.localReadings());
        QCOMPARE(count(QStringLiteral("Deployment"), db), qint64(1));
        QCOMPARE(count(QStringLiteral("Pushstatus"), db), qint64(2));
        QCOMPARE(s.pushedStates, qint64(0));
        QCOMPARE(count(QStringLiteral("NodeState"), db), qint64(2));
    }

    void resendingPushesNoDuplicates()
    {
        const QString db = freshDatabase();
        Station st(m_db->port(), db);
        test::recordOpcN3Readings(st.recorder, 60, QDateTime::currentMSecsSinceEpoch() - 3600'000);
        QVERIFY(st.pusher->pushServer(st.settings.servers.first()).ok);
        // Forget the cursor: the whole range goes again.
        st.recorder.run(
            [](Store& s) { return s.setCursor(Pusher::cursorName(QStringLiteral("central")), 0); });
        const PushStatus s = st.pusher->pushServer(st.settings.servers.first());
        QVERIFY2(s.ok, qPrintable(s.lastError));
        QCOMPARE(s.pushedReadings, st.localReadings());
        QCOMPARE(count(QStringLiteral("Reading"), db), st.localReadings());
        QCOMPARE(count(QStringLiteral("Sensor"), db), qint64(44));
        QCOMPARE(count(QStringLiteral("Node"), db), qint64(1));
    }

    void chunkBoundaryInsideEqualTimestamps()
    {
        // 44 readings share each timestamp; chunks of 7 cut every run of equal times.
        const QString db = freshDatabase();
        Station st(m_db->port(), db, 0, 7);
        test::recordOpcN3Readings(st.recorder, 30, QDateTime::currentMSecsSinceEpoch() - 3600'000);
        const PushStatus s = st.pusher->pushServer(st.settings.servers.first());
        QVERIFY2(s.ok, qPrintable(s.lastError));
        QCOMPARE(count(QStringLiteral("Reading"), db), st.localReadings());
        QCOMPARE(count(QStringLiteral("Reading"), db, QStringLiteral("GROUP BY time HAVING COUNT(*) <> 44")),
                 qint64(0));
    }

    void renamedDeploymentIsNotDuplicated()
    {
        const QString db = freshDatabase();
        Station st(m_db->port(), db);
        test::recordOpcN3Readings(st.recorder, 5, QDateTime::currentMSecsSinceEpoch() - 3600'000);
        QVERIFY(st.pusher->pushServer(st.settings.servers.first()).ok);
        st.settings.deployment = QStringLiteral("Summer 2026 (extended)");
        st.settings.deploymentDescription = QStringLiteral("now with a second sensor");
        st.settings.house = QStringLiteral("12a Station Road");
        st.rebuild();
        test::recordOpcN3Readings(st.recorder, 5, QDateTime::currentMSecsSinceEpoch() - 1800'000);
        const PushStatus s = st.pusher->pushServer(st.settings.servers.first());
        QVERIFY2(s.ok, qPrintable(s.lastError));
        QCOMPARE(count(QStringLiteral("Deployment"), db), qint64(1));
        QCOMPARE(m_db->value(QStringLiteral("SELECT name FROM Deployment"), db),
                 QStringLiteral("Summer 2026 (extended)"));
        QCOMPARE(m_db->value(QStringLiteral("SELECT description FROM Deployment"), db),
                 QStringLiteral("now with a second sensor"));
        QCOMPARE(count(QStringLiteral("House"), db), qint64(1));
        QCOMPARE(m_db->value(QStringLiteral("SELECT address FROM House"), db),
                 QStringLiteral("12a Station Road"));
        QCOMPARE(count(QStringLiteral("Reading"), db), st.localReadings());
    }

    void aServerThatIsDownDoesNotStopTheOthers()
    {
        const QString db = freshDatabase();
        Station st(m_db->port(), db);
        QTcpServer closed;
        closed.listen(QHostAddress::LocalHost, 0);
        const int deadPort = closed.serverPort();
        closed.close();
        PushServerSettings down = st.settings.servers.first();
        down.name = QStringLiteral("down");
        down.port = deadPort;
        st.settings.servers.prepend(down);
        st.rebuild();
        test::recordOpcN3Readings(st.recorder, 10, QDateTime::currentMSecsSinceEpoch() - 3600'000);
        const QList<PushStatus> all = st.pusher->pushAll();
        QCOMPARE(all.size(), 2);
        QVERIFY(!all[0].ok);
        QVERIFY2(all[0].lastError.contains(QStringLiteral("MySQL push@127.0.0.1:%1").arg(deadPort)),
                 qPrintable(all[0].lastError));
        QVERIFY(all[0].nextAttemptMs > QDateTime::currentMSecsSinceEpoch());
        QVERIFY2(all[1].ok, qPrintable(all[1].lastError));
        QCOMPARE(count(QStringLiteral("Reading"), db), st.localReadings());
        // The failed server's cursor did not move.
        auto store = Store::open(st.recorder.storePath(), Store::Mode::ReadOnly);
        QCOMPARE((*store)->cursor(Pusher::cursorName(QStringLiteral("down"))).value(), qint64(0));
    }

    void twoStationsEndWithTheUnion()
    {
        const QString db = freshDatabase();
        Station a(m_db->port(), db, 0);
        Station b(m_db->port(), db, 1000);
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 3600'000;
        test::recordOpcN3Readings(a.recorder, 40, t0);
        test::recordOpcN3Readings(b.recorder, 25, t0); // the same times, another node
        QVERIFY(a.pusher->pushServer(a.settings.servers.first()).ok);
        QVERIFY(b.pusher->pushServer(b.settings.servers.first()).ok);
        test::recordOpcN3Readings(a.recorder, 10, t0 + 40'000);
        QVERIFY(a.pusher->pushServer(a.settings.servers.first()).ok);
        QVERIFY(b.pusher->pushServer(b.settings.servers.first()).ok);
        QCOMPARE(count(QStringLiteral("Reading"), db), a.localReadings() + b.localReadings());
        QCOMPARE(count(QStringLiteral("Node"), db), qint64(2));
        QCOMPARE(count(QStringLiteral("Deployment"), db), qint64(1));
        QCOMPARE(count(QStringLiteral("Location"), db), qint64(1));
        QCOMPARE(count(QStringLiteral("Reading"), db, QStringLiteral("WHERE nodeId = 1001")),
                 b.localReadings());
    }
};

QTEST_GUILESS_MAIN(TestPush)
#include "tst_push.moc"
