// The MySQL push through an SSH tunnel (libssh direct-tcpip) to a real sshd in front of a real
// MariaDB: it works, a changed host key is refused, no local port stays bound, and stop returns
// within 2 s while the MariaDB behind the tunnel is frozen mid-push.
#include "FrozenProcess.h"
#include "MariadbServer.h"
#include "OpcN3Readings.h"
#include "SshdServer.h"
#include "TestSupport.h"
#include "config/SecretStore.h"
#include "sinks/mysqlpush/Pusher.h"
#include "sinks/mysqlpush/SshTunnel.h"
#include "store/Store.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTest>

using namespace fs;

namespace {

const QString kUser = QStringLiteral("fstunnel");

bool portAcceptsConnections(int port)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, quint16(port));
    return s.waitForConnected(1000);
}

} // namespace

class TestPushTunnel : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<test::MariadbServer> m_db;
    std::unique_ptr<test::SshdServer> m_sshd;
    QString m_key;

    SshTunnel::Options tunnelOptions(const QString& knownHosts) const
    {
        return {QStringLiteral("127.0.0.1"), m_sshd->port(), kUser, m_key, knownHosts,
                QStringLiteral("127.0.0.1"), m_db->port(),   5};
    }

    PushSettings tunnelledPush(const QTemporaryDir& dir, const QString& database) const
    {
        PushSettings ps;
        ps.house = QStringLiteral("1 Tunnel Lane");
        PushServerSettings s;
        s.name = QStringLiteral("behind-ssh");
        s.host = QStringLiteral("db.internal.invalid"); // only the SSH host can reach the database
        s.port = m_db->port();
        s.database = database;
        s.user = QLatin1String(test::MariadbServer::kUser);
        s.sshHost = QStringLiteral("127.0.0.1");
        s.sshPort = m_sshd->port();
        s.sshUser = kUser;
        s.sshKey = m_key;
        s.knownHosts = dir.filePath(QStringLiteral("known_hosts"));
        s.timeoutS = 5;
        ps.servers = {s};
        SecretStore(dir.path(), StationSettings::Secrets::File, false)
            .write(QStringLiteral("push/behind-ssh/password"), QLatin1String(test::MariadbServer::kPassword));
        return ps;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_db = std::make_unique<test::MariadbServer>();
        QVERIFY2(m_db->ok(), qPrintable(m_db->error()));
        m_sshd = std::make_unique<test::SshdServer>(QStringList{kUser});
        QVERIFY2(m_sshd->ok(), qPrintable(m_sshd->error()));
        m_key = m_sshd->addClientKey(kUser);
        QVERIFY(m_db->createCogentDatabase(QStringLiteral("tunnelled")));
    }

    void pushThroughTheTunnel()
    {
        QTemporaryDir dir;
        Recorder rec(dir.filePath(QStringLiteral("s.db")));
        QVERIFY(rec.start().ok());
        test::recordOpcN3Readings(rec, 40, QDateTime::currentMSecsSinceEpoch() - 3600'000);
        const PushSettings ps = tunnelledPush(dir, QStringLiteral("tunnelled"));
        const PushServerSettings& s = ps.servers.first();
        Pusher pusher(rec, rec.storePath(), ps, dir.path(),
                      SecretStore(dir.path(), StationSettings::Secrets::File, false));
        const PushStatus st = pusher.pushServer(s);
        QVERIFY2(st.ok, qPrintable(st.lastError));
        QCOMPARE(m_db->value(QStringLiteral("SELECT COUNT(*) FROM Reading"), QStringLiteral("tunnelled"))
                     .toLongLong(),
                 Store::open(rec.storePath(), Store::Mode::ReadOnly).value()->readingCount());
        QVERIFY(QFile::exists(s.knownHosts));
    }

    void stopsWhileTheServerBehindTheTunnelIsFrozen()
    {
        QVERIFY(m_db->createCogentDatabase(QStringLiteral("tunnel_frozen")));
        QTemporaryDir dir;
        Recorder rec(dir.filePath(QStringLiteral("s.db")));
        QVERIFY(rec.start().ok());
        test::recordOpcN3Readings(rec, 2000, QDateTime::currentMSecsSinceEpoch() - 7200'000);
        PushSettings ps = tunnelledPush(dir, QStringLiteral("tunnel_frozen"));
        ps.servers.first().pushLimit = 500;
        ps.servers.first().timeoutS = 60; // libssh's and the client library's timeouts must not matter
        Pusher pusher(rec, rec.storePath(), ps, dir.path(),
                      SecretStore(dir.path(), StationSettings::Secrets::File, false));
        const qint64 pid = test::mariadbPid(*m_db);
        QVERIFY(pid > 0);
        pusher.start();
        QTRY_VERIFY_WITH_TIMEOUT(
            m_db->value(QStringLiteral("SELECT COUNT(*) FROM Reading"), QStringLiteral("tunnel_frozen"))
                    .toLongLong() > 0,
            test::timeoutMs(30000));
        QElapsedTimer t;
        {
            test::FrozenProcess frozen(pid);
            QTest::qWait(300); // the pusher now waits, through sshd, on a server that does not answer
            t.start();
            pusher.stop();
        }
        const qint64 took = t.elapsed();
        qInfo("stop took %lld ms", static_cast<long long>(took));
        QVERIFY2(took < test::timeoutMs(2000), qPrintable(QString::number(took)));
        QVERIFY2(pusher.statuses().value(0).rowsBehind > 0, "the push ended before the server froze");
    }

    void closingLeavesNoPortBound()
    {
        QTemporaryDir dir;
        const auto openFiles = [] {
            return QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files).size();
        };
        {
            SshTunnel warmUp(tunnelOptions(dir.filePath(QStringLiteral("kh")))); // libssh's one-time set-up
            QVERIFY(warmUp.open().ok());
        }
        const qsizetype filesBefore = openFiles();
        SshTunnel t(tunnelOptions(dir.filePath(QStringLiteral("kh"))));
        auto port = t.open();
        QVERIFY2(port.ok(), qPrintable(port.error()));
        QVERIFY(portAcceptsConnections(port.value()));
        t.close();
        QVERIFY(!portAcceptsConnections(port.value()));
        QCOMPARE(openFiles(), filesBefore); // the SSH socket handed to libssh is closed too
    }

    void changedHostKeyIsRefusedAndNothingListens()
    {
        QTemporaryDir dir;
        const QString known = dir.filePath(QStringLiteral("kh"));
        {
            SshTunnel first(tunnelOptions(known));
            QVERIFY(first.open().ok()); // pins the key
        }
        QVERIFY(m_sshd->rekey());
        SshTunnel second(tunnelOptions(known));
        const auto r = second.open();
        QVERIFY(!r.ok());
        QVERIFY2(r.error().contains(QStringLiteral("host key has CHANGED")), qPrintable(r.error()));
        QCOMPARE(second.localPort(), 0);
        // A wrong key file is refused too, with no port left behind.
        SshTunnel third({QStringLiteral("127.0.0.1"), m_sshd->port(), kUser,
                         m_key + QStringLiteral(".missing"), dir.filePath(QStringLiteral("kh2")),
                         QStringLiteral("127.0.0.1"), m_db->port(), 5});
        const auto r3 = third.open();
        QVERIFY(!r3.ok());
        QVERIFY2(r3.error().contains(QStringLiteral("cannot read the private key")), qPrintable(r3.error()));
        QCOMPARE(third.localPort(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPushTunnel)
#include "tst_push_tunnel.moc"
