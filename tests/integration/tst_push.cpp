// The MySQL push against a real MariaDB with Cogent-house's own schema: first push, incremental,
// resend without duplicates (node states too), rows behind shrinking chunk by chunk, a renamed
// deployment, a server that is down while another is up, two stations into one database, heartbeats
// and a channel registered mid-push. What each reading becomes in its row is tst_push_rows.
#include "CogentPushFixture.h"
#include "OpcN3Readings.h"
#include "PushStation.h"
#include "TestSupport.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace fs;
using test::PushStation;

class TestPush : public QObject, private test::CogentPushFixture
{
    Q_OBJECT
private:
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

    void requestPassStartsAPassAtOnce()
    {
        // The screen's "Push now": the worker sleeps out a 600 s interval, yet serves the server
        // as soon as it is asked, without being stopped.
        const QString db = freshDatabase();
        PushStation st(m_db->port(), db);
        QCOMPARE(st.server().intervalS, 600);
        test::recordOpcN3Readings(st.recorder, 10, alignedPast(1000));
        QList<PushStatus> passes;
        connect(
            st.pusher.get(), &Pusher::statusChanged, this,
            [&](const QList<PushStatus>& all) {
                if (all.value(0).lastSuccessMs > 0 &&
                    (passes.isEmpty() || passes.last().lastSuccessMs != all.value(0).lastSuccessMs))
                    passes.append(all.value(0));
            },
            Qt::QueuedConnection);
        st.pusher->start();
        QTRY_COMPARE_WITH_TIMEOUT(passes.size(), 1, test::timeoutMs(20000));
        QCOMPARE(passes.first().pushedReadings, st.localReadings());
        QVERIFY(passes.first().nextAttemptMs > QDateTime::currentMSecsSinceEpoch() + 500'000);

        test::recordOpcN3Readings(st.recorder, 5, alignedPast(1000) + 20'000);
        QVERIFY(!st.pusher->requestPass(QStringLiteral("nowhere")));
        QVERIFY(st.pusher->requestPass(QStringLiteral("central")));
        // A real pass (connect, insert, commit) may take seconds on a loaded machine; what shows it
        // was asked for is that it came long before the 600 s interval was up.
        QTRY_COMPARE_WITH_TIMEOUT(passes.size(), 2, test::timeoutMs(20000));
        QVERIFY(passes.last().lastSuccessMs < passes.first().nextAttemptMs - 500'000);
        QCOMPARE(passes.last().pushedReadings, qint64(5 * 44));
        QCOMPARE(count(QStringLiteral("Reading"), db), st.localReadings());
        st.pusher->stop();
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
