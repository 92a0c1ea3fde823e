// Stopping the MySQL sink while the far end is jammed: a server (or an SSH host in front of it)
// that accepts and never answers, and a real MariaDB frozen (SIGSTOP) in the middle of a push. Stop returns
// within 2 s, the cursor has not passed what the far end did not confirm, and the next push completes the
// rest.
#include "FrozenProcess.h"
#include "OpcN3Readings.h"
#include "PushStation.h"
#include "TestSupport.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTcpServer>
#include <QTest>

using namespace fs;
using test::PushStation;

class TestPushStop : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<test::MariadbServer> m_db;

    qint64 remoteReadings(const QString& db)
    {
        return m_db->value(QStringLiteral("SELECT COUNT(*) FROM Reading"), db).toLongLong();
    }
    /// How long stop() takes; the spec is 2 s.
    static qint64 timedStop(Pusher& pusher)
    {
        QElapsedTimer t;
        t.start();
        pusher.stop();
        qInfo("stop took %lld ms", static_cast<long long>(t.elapsed()));
        return t.elapsed();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_db = std::make_unique<test::MariadbServer>();
        QVERIFY2(m_db->ok(), qPrintable(m_db->error()));
    }

    void stopsWhileAServerNeverAnswers()
    {
        // The kernel accepts the connection; nobody ever sends MySQL's greeting.
        QTcpServer jammed;
        QVERIFY(jammed.listen(QHostAddress::LocalHost, 0));
        PushStation st(jammed.serverPort(), QStringLiteral("cogent"));
        st.server().timeoutS = 60; // the client library's own timeouts would hold stop for minutes
        st.rebuild();
        test::recordOpcN3Readings(st.recorder, 5, QDateTime::currentMSecsSinceEpoch() - 3600'000);
        st.pusher->start();
        QVERIFY(jammed.waitForNewConnection(test::timeoutMs(10000)));
        QTest::qWait(300); // the MySQL client is now waiting for the greeting
        // The worker's liveness clock stands still while a chunk is held (the service watchdog
        // sees it): one stamp at the start of the pass, none since.
        const qint64 stamp = st.pusher->lastAliveMs();
        QVERIFY(stamp > 0);
        QTest::qWait(1500);
        QCOMPARE(st.pusher->lastAliveMs(), stamp);
        const PushStatus before = st.pusher->statuses().value(0);
        QVERIFY2(!before.ok && before.lastError.isEmpty(), qPrintable(before.lastError)); // no pass ended yet
        const qint64 took = timedStop(*st.pusher);
        QVERIFY2(took < test::timeoutMs(2000), qPrintable(QString::number(took)));
        const QList<PushStatus> all = st.pusher->statuses();
        QCOMPARE(all.size(), 1);
        QVERIFY(!all[0].ok);
        QCOMPARE(all[0].rowsBehind, st.localReadings());
    }

    void stopsWhileAnSshHostNeverAnswers()
    {
        // The tunnel's SSH host accepts and never sends its banner.
        QTcpServer jammed;
        QVERIFY(jammed.listen(QHostAddress::LocalHost, 0));
        PushStation st(m_db->port(), QStringLiteral("cogent"));
        st.server().sshHost = QStringLiteral("127.0.0.1");
        st.server().sshPort = jammed.serverPort();
        st.server().sshUser = QStringLiteral("nobody");
        st.server().sshKey = st.dir.filePath(QStringLiteral("no-key"));
        st.server().timeoutS = 60;
        st.rebuild();
        test::recordOpcN3Readings(st.recorder, 5, QDateTime::currentMSecsSinceEpoch() - 3600'000);
        st.pusher->start();
        QVERIFY(jammed.waitForNewConnection(test::timeoutMs(10000)));
        QTest::qWait(300); // libssh now waits for the server's banner
        const PushStatus before = st.pusher->statuses().value(0);
        QVERIFY2(!before.ok && before.lastError.isEmpty(), qPrintable(before.lastError)); // no pass ended yet
        const qint64 took = timedStop(*st.pusher);
        QVERIFY2(took < test::timeoutMs(2000), qPrintable(QString::number(took)));
        QVERIFY(!st.pusher->statuses().value(0).lastError.isEmpty());
    }

    void anIdleSinkShowsItIsAlive()
    {
        // Between passes the worker waits; its liveness clock still moves, so the service watchdog
        // tells a waiting sink from a stuck one.
        QVERIFY(m_db->createCogentDatabase(QStringLiteral("idle")));
        PushStation st(m_db->port(), QStringLiteral("idle"));
        st.rebuild();
        st.pusher->start();
        QTRY_VERIFY_WITH_TIMEOUT(st.pusher->statuses().value(0).ok, test::timeoutMs(30000));
        const qint64 first = st.pusher->lastAliveMs();
        QTRY_VERIFY_WITH_TIMEOUT(st.pusher->lastAliveMs() >= first + 1500, test::timeoutMs(10000));
        QVERIFY(timedStop(*st.pusher) < test::timeoutMs(2000));
    }

    void stopsWhileMariadbIsFrozenMidPush()
    {
        QVERIFY(m_db->createCogentDatabase(QStringLiteral("frozen")));
        PushStation st(m_db->port(), QStringLiteral("frozen"), 0, 500);
        st.server().timeoutS = 60;
        st.rebuild();
        test::recordOpcN3Readings(st.recorder, 6000, QDateTime::currentMSecsSinceEpoch() - 7200'000);
        const qint64 pid = test::mariadbPid(*m_db);
        QVERIFY(pid > 0);
        st.pusher->start();
        QTRY_VERIFY_WITH_TIMEOUT(remoteReadings(QStringLiteral("frozen")) > 0, test::timeoutMs(30000));
        qint64 took = 0;
        {
            test::FrozenProcess frozen(pid);
            QTest::qWait(300); // the pusher now waits on a server that does not answer
            took = timedStop(*st.pusher);
        }
        QVERIFY2(took < test::timeoutMs(2000), qPrintable(QString::number(took)));
        const PushStatus stopped = st.pusher->statuses().value(0);
        QVERIFY2(stopped.rowsBehind > 0, "the push ended before the server froze: nothing was jammed");
        // Nothing lost, nothing twice: a new push delivers the rest.
        st.rebuild();
        const PushStatus s = st.push();
        QVERIFY2(s.ok, qPrintable(s.lastError));
        QCOMPARE(s.rowsBehind, qint64(0));
        QCOMPARE(remoteReadings(QStringLiteral("frozen")), st.localReadings());
    }
};

QTEST_GUILESS_MAIN(TestPushStop)
#include "tst_push_stop.moc"
