// The MySQL push against a real MariaDB with Cogent-house's own schema: first push, incremental,
// resend without duplicates (node states too), a chunk boundary inside a run of equal timestamps, a
// renamed deployment, a server that is down while another is up, two stations into one database,
// sub-second readings on DATETIME and DATETIME(3), heartbeats, a channel registered mid-push, and
// values that land as a direct conversion to FLOAT would.
#include "OpcN3Readings.h"
#include "PushStation.h"
#include "TestSupport.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <cmath>

using namespace fs;
using test::PushStation;

namespace {

const QString kCentral = QStringLiteral("central");

NodeChannels opcNode(Recorder& rec, const QString& serial = QStringLiteral("1"))
{
    return rec
        .registerNode({QStringLiteral("opcn3:") + serial, QStringLiteral("opcn3"), QStringLiteral("OPC-N3"),
                       opcn3::channels(), QString()})
        .value();
}

/// A time an hour or more ago on a whole multiple of `unitMs`.
qint64 alignedPast(qint64 unitMs)
{
    const qint64 t = QDateTime::currentMSecsSinceEpoch() - 7200'000;
    return t - t % unitMs;
}

QString sqlSecond(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

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
    /// Rows of NodeState that share node and time with another.
    qint64 duplicateStates(const QString& db)
    {
        return m_db
            ->value(QStringLiteral("SELECT COUNT(*) - COUNT(DISTINCT nodeId, time) FROM NodeState"), db)
            .toLongLong();
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
        PushStation st(m_db->port(), db);
        // Inside one heartbeat window, after the first state: no heartbeat needed.
        const qint64 t0 = alignedPast(600'000) + 1234;
        const NodeChannels ids = test::recordOpcN3Readings(st.recorder, 100, t0);
        st.recorder.submitState({ids.node, t0, QStringLiteral("ok"), QString()});
        st.recorder.submitState({ids.node, t0 + 5000, QStringLiteral("error"), QStringLiteral("bad CRC")});
        st.recorder.flush();
        PushStatus s = st.push();
        QVERIFY2(s.ok, qPrintable(s.lastError));
        QCOMPARE(s.pushedReadings, st.localReadings());
        QCOMPARE(count(QStringLiteral("Reading"), db), st.localReadings());
        QCOMPARE(s.rowsBehind, qint64(0));
        QCOMPARE(s.mergedReadings, qint64(0));
        QCOMPARE(count(QStringLiteral("Deployment"), db), qint64(1));
        QCOMPARE(count(QStringLiteral("House"), db), qint64(1));
        QCOMPARE(count(QStringLiteral("Node"), db), qint64(1));
        QCOMPARE(count(QStringLiteral("Sensor"), db), qint64(44));
        QCOMPARE(count(QStringLiteral("Pushstatus"), db), qint64(1));
        QCOMPARE(s.pushedStates, qint64(2));
        QCOMPARE(count(QStringLiteral("NodeState"), db, QStringLiteral("WHERE nodeId = 1")), qint64(2));
        QCOMPARE(count(QStringLiteral("Location"), db), qint64(1));
        QCOMPARE(
            m_db->value(QStringLiteral("SELECT r.name FROM Room r JOIN Location l ON l.roomId = r.id"), db),
            QStringLiteral("Garden"));
        QCOMPARE(
            m_db->value(QStringLiteral("SELECT t.name FROM RoomType t JOIN Room r ON r.roomTypeId = t.id "
                                       "JOIN Location l ON l.roomId = r.id"),
                        db),
            QStringLiteral("Outdoor"));
        // Cogent's Reading.time keeps whole seconds.
        QCOMPARE(count(QStringLiteral("Reading"), db, QStringLiteral("WHERE time = '%1'").arg(sqlSecond(t0))),
                 qint64(44));

        test::recordOpcN3Readings(st.recorder, 50, t0 + 100'000);
        s = st.push();
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
        PushStation st(m_db->port(), db);
        const qint64 t0 = alignedPast(600'000);
        const NodeChannels ids = test::recordOpcN3Readings(st.recorder, 60, t0);
        for (int i = 0; i < 12; ++i)
            st.recorder.submitState({ids.node, t0 + i * 5000 + 17, QStringLiteral("ok"), QString::number(i)});
        st.recorder.flush();
        QVERIFY(st.push().ok);
        const qint64 states = count(QStringLiteral("NodeState"), db);
        QCOMPARE(states, qint64(12));
        // Forget both cursors: everything goes again, as after a crash before the cursor moved.
        st.forgetCursors();
        const PushStatus s = st.push();
        QVERIFY2(s.ok, qPrintable(s.lastError));
        QCOMPARE(s.pushedReadings, st.localReadings());
        QCOMPARE(s.pushedStates, qint64(0));
        QCOMPARE(count(QStringLiteral("Reading"), db), st.localReadings());
        QCOMPARE(count(QStringLiteral("NodeState"), db), states);
        QCOMPARE(duplicateStates(db), qint64(0));
        QCOMPARE(count(QStringLiteral("Sensor"), db), qint64(44));
        QCOMPARE(count(QStringLiteral("Node"), db), qint64(1));
    }

    void rowsBehindShrinkChunkByChunk()
    {
        const QString db = freshDatabase();
        PushStation st(m_db->port(), db, 0, 440);
        test::recordOpcN3Readings(st.recorder, 100, alignedPast(1000));
        QList<qint64> behind;
        connect(
            st.pusher.get(), &Pusher::statusChanged, this,
            [&](const QList<PushStatus>& all) { behind.append(all.value(0).rowsBehind); },
            Qt::DirectConnection);
        QVERIFY(st.push().ok);
        // One report per chunk of 440, then the pass's own.
        QCOMPARE(behind, QList<qint64>({3960, 3520, 3080, 2640, 2200, 1760, 1320, 880, 440, 0, 0}));
    }

    void chunkBoundaryInsideEqualTimestamps()
    {
        // 44 readings share each timestamp; chunks of 7 cut every run of equal times.
        const QString db = freshDatabase();
        PushStation st(m_db->port(), db, 0, 7);
        test::recordOpcN3Readings(st.recorder, 30, alignedPast(1000) + 250);
        const PushStatus s = st.push();
        QVERIFY2(s.ok, qPrintable(s.lastError));
        QCOMPARE(count(QStringLiteral("Reading"), db), st.localReadings());
        QCOMPARE(count(QStringLiteral("Reading"), db, QStringLiteral("GROUP BY time HAVING COUNT(*) <> 44")),
                 qint64(0));
        QCOMPARE(s.mergedReadings, qint64(0));
    }

    void subSecondReadingsAreMergedAndCounted()
    {
        // Two frames in one wall-clock second (.029 and .970), as after a restart; chunks of 7 put
        // some pairs across a chunk boundary.
        const QString db = freshDatabase();
        PushStation st(m_db->port(), db, 0, 7);
        const NodeChannels ids = opcNode(st.recorder);
        const qint64 t0 = alignedPast(1000);
        QList<Sample> samples;
        for (int s = 0; s < 20; ++s) {
            for (int c = 0; c < 3; ++c) {
                samples.append({t0 + s * 1000 + 29, ids.channels[c], s * 10.0 + c});
                samples.append({t0 + s * 1000 + 970, ids.channels[c], s * 10.0 + c + 0.5});
            }
        }
        st.recorder.submit(std::span<const Sample>(samples));
        st.recorder.flush();
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("60 readings .* merged")));
        const PushStatus s = st.push();
        QVERIFY2(s.ok, qPrintable(s.lastError));
        QCOMPARE(s.pushedReadings, qint64(120));
        QCOMPARE(s.mergedReadings, qint64(60));
        QCOMPARE(count(QStringLiteral("Reading"), db), qint64(60));
        // The last of each second is the one kept.
        QCOMPARE(count(QStringLiteral("Reading"), db, QStringLiteral("WHERE value - FLOOR(value) = 0.5")),
                 qint64(60));
    }

    void subSecondReadingsAreKeptOnDatetime3()
    {
        const QString db = freshDatabase();
        QVERIFY(
            !m_db->sql(QStringLiteral("ALTER TABLE Reading MODIFY time DATETIME(3) NOT NULL"), db).isNull());
        PushStation st(m_db->port(), db, 0, 7);
        const NodeChannels ids = opcNode(st.recorder);
        const qint64 t0 = alignedPast(1000);
        QList<Sample> samples;
        for (int s = 0; s < 20; ++s) {
            samples.append({t0 + s * 1000 + 29, ids.channels[0], 1.0});
            samples.append({t0 + s * 1000 + 970, ids.channels[0], 2.0});
        }
        st.recorder.submit(std::span<const Sample>(samples));
        st.recorder.flush();
        const PushStatus s = st.push();
        QVERIFY2(s.ok, qPrintable(s.lastError));
        QCOMPARE(s.mergedReadings, qint64(0));
        QCOMPARE(count(QStringLiteral("Reading"), db), qint64(40));
        QCOMPARE(count(QStringLiteral("Reading"), db,
                       QStringLiteral("WHERE time = '%1.970' AND value = 2").arg(sqlSecond(t0))),
                 qint64(1));
    }

    void heartbeatNodeStatePerInterval()
    {
        const QString db = freshDatabase();
        PushStation st(m_db->port(), db, 0, 50);
        st.server().intervalS = 600;
        st.rebuild();
        const NodeChannels ids = opcNode(st.recorder);
        const qint64 t0 = alignedPast(600'000);
        QList<Sample> samples;
        for (int i = 0; i < 180; ++i) // 30 minutes, one reading every 10 s: three push intervals
            samples.append({t0 + i * 10'000, ids.channels[0], double(i)});
        st.recorder.submit(std::span<const Sample>(samples));
        st.recorder.flush();
        PushStatus s = st.push();
        QVERIFY2(s.ok, qPrintable(s.lastError));
        QCOMPARE(count(QStringLiteral("NodeState"), db, QStringLiteral("WHERE nodeId = 1")), qint64(3));
        QCOMPARE(s.pushedStates, qint64(3));
        // One in each interval, at a time the node delivered a reading.
        for (int w = 0; w < 3; ++w) {
            const qint64 from = t0 + w * 600'000;
            QCOMPARE(count(QStringLiteral("NodeState"), db,
                           QStringLiteral("WHERE time >= '%1' AND time < '%2' AND SECOND(time) % 10 = 0")
                               .arg(sqlSecond(from), sqlSecond(from + 600'000))),
                     qint64(1));
        }
        // Sent again: still one per interval.
        st.forgetCursors();
        s = st.push();
        QVERIFY2(s.ok, qPrintable(s.lastError));
        QCOMPARE(count(QStringLiteral("NodeState"), db), qint64(3));
        // Ten more minutes of readings: one more.
        samples.clear();
        for (int i = 180; i < 240; ++i)
            samples.append({t0 + i * 10'000, ids.channels[0], double(i)});
        st.recorder.submit(std::span<const Sample>(samples));
        st.recorder.flush();
        QVERIFY(st.push().ok);
        QCOMPARE(count(QStringLiteral("NodeState"), db), qint64(4));
        QCOMPARE(duplicateStates(db), qint64(0));
    }

    void channelRegisteredDuringThePushIsNotSkipped()
    {
        const QString db = freshDatabase();
        PushStation st(m_db->port(), db);
        const qint64 t0 = alignedPast(1000);
        test::recordOpcN3Readings(st.recorder, 20, t0);
        // A second node registers and records right after the mapping, before the readings query.
        bool registered = false;
        QSignalSpy mapped(st.pusher.get(), &Pusher::mapped);
        connect(
            st.pusher.get(), &Pusher::mapped, this,
            [&] {
                if (!std::exchange(registered, true))
                    test::recordOpcN3Readings(st.recorder, 10, t0, QStringLiteral("2"));
            },
            Qt::DirectConnection);
        const PushStatus s = st.push();
        QVERIFY2(s.ok, qPrintable(s.lastError));
        QVERIFY(registered);
        QCOMPARE(mapped.count(), 2); // mapped again for the new node's channels
        QCOMPARE(st.localReadings(), qint64(30 * 44));
        QCOMPARE(count(QStringLiteral("Reading"), db), st.localReadings());
        QCOMPARE(count(QStringLiteral("Node"), db), qint64(2));
        QCOMPARE(s.rowsBehind, qint64(0));
    }

    void valuesLandAsADirectConversionWould()
    {
        const QString db = freshDatabase();
        PushStation st(m_db->port(), db);
        const NodeChannels ids = opcNode(st.recorder);
        const qint64 t0 = alignedPast(1000) - 86400'000;
        QRandomGenerator random(20261124);
        QList<Sample> samples;
        QList<double> values;
        for (int i = 0; i < 20000; ++i) {
            double v;
            if (i % 2) {
                // Any magnitude, any mantissa.
                v = std::ldexp(0.5 + random.generateDouble() / 2, int(random.bounded(-60, 60)));
            } else {
                // Just above the midpoint of two neighbouring floats: rounding twice lands on the lower.
                const float f = float(1 + random.generateDouble() * 1000);
                const float g = std::nextafter(f, 2000.0f);
                v = (double(f) + double(g)) / 2 + (double(g) - double(f)) * 1e-4;
            }
            v = random.bounded(2) ? -v : v;
            values.append(v);
            samples.append({t0 + i * 1000LL, ids.channels[0], v});
        }
        st.recorder.submit(std::span<const Sample>(samples));
        st.recorder.flush();
        const PushStatus s = st.push();
        QVERIFY2(s.ok, qPrintable(s.lastError));
        // FLOAT widened to DOUBLE is exact, and the client prints doubles so that they read back.
        const QList<QByteArray> rows =
            m_db->sql(QStringLiteral("SELECT CAST(value AS DOUBLE) FROM Reading ORDER BY time"), db)
                .split('\n');
        QCOMPARE(rows.size(), values.size() + 2); // header, rows, the trailing blank
        int off = 0;
        for (qsizetype i = 0; i < values.size(); ++i) {
            const float landed = float(rows[i + 1].trimmed().toDouble());
            if (landed != float(values[i]) && ++off <= 5)
                qWarning("value %lld: %.17g landed as %.9g, a direct conversion gives %.9g",
                         static_cast<long long>(i), values[i], double(landed), double(float(values[i])));
        }
        QCOMPARE(off, 0);
    }

    void renamedDeploymentIsNotDuplicated()
    {
        const QString db = freshDatabase();
        PushStation st(m_db->port(), db);
        test::recordOpcN3Readings(st.recorder, 5, QDateTime::currentMSecsSinceEpoch() - 3600'000);
        QVERIFY(st.push().ok);
        st.settings.deployment = QStringLiteral("Summer 2026 (extended)");
        st.settings.deploymentDescription = QStringLiteral("now with a second sensor");
        st.settings.house = QStringLiteral("12a Station Road");
        st.rebuild();
        test::recordOpcN3Readings(st.recorder, 5, QDateTime::currentMSecsSinceEpoch() - 1800'000);
        const PushStatus s = st.push();
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
        PushStation st(m_db->port(), db);
        QTcpServer closed;
        closed.listen(QHostAddress::LocalHost, 0);
        const int deadPort = closed.serverPort();
        closed.close();
        PushServerSettings down = st.server();
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
        QCOMPARE(all[0].failures, 1);
        QVERIFY2(all[1].ok, qPrintable(all[1].lastError));
        QCOMPARE(count(QStringLiteral("Reading"), db), st.localReadings());
        // The failed server's cursor did not move.
        auto store = Store::open(st.recorder.storePath(), Store::Mode::ReadOnly);
        QCOMPARE((*store)->cursor(Pusher::cursorName(QStringLiteral("down"))).value(), qint64(0));
        QCOMPARE(st.pusher->cursorNames(),
                 QStringList({QStringLiteral("push:down"), QStringLiteral("push-states:down"),
                              QStringLiteral("push:central"), QStringLiteral("push-states:central")}));
    }

    void twoStationsEndWithTheUnion()
    {
        const QString db = freshDatabase();
        PushStation a(m_db->port(), db, 0);
        PushStation b(m_db->port(), db, 1000);
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 3600'000;
        test::recordOpcN3Readings(a.recorder, 40, t0);
        test::recordOpcN3Readings(b.recorder, 25, t0); // the same times, another node
        QVERIFY(a.push().ok);
        QVERIFY(b.push().ok);
        test::recordOpcN3Readings(a.recorder, 10, t0 + 40'000);
        QVERIFY(a.push().ok);
        QVERIFY(b.push().ok);
        QCOMPARE(count(QStringLiteral("Reading"), db), a.localReadings() + b.localReadings());
        QCOMPARE(count(QStringLiteral("Node"), db), qint64(2));
        QCOMPARE(count(QStringLiteral("Deployment"), db), qint64(1));
        QCOMPARE(count(QStringLiteral("Reading"), db, QStringLiteral("WHERE nodeId = 1001")),
                 b.localReadings());
    }
};

QTEST_GUILESS_MAIN(TestPush)
#include "tst_push.moc"
