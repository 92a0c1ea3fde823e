// The MySQL push through an SSH tunnel (libssh direct-tcpip) to a real sshd in front of a real
// MariaDB: it works, a changed host key is refused, and no local port stays bound.
#include "MariadbServer.h"
#include "OpcN3Readings.h"
#include "SshdServer.h"
#include "TestSupport.h"
#include "config/SecretStore.h"
#include "sinks/mysqlpush/Pusher.h"
#include "sinks/mysqlpush/SshTunnel.h"
#include "store/Store.h"

#include <QDateTime>
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
        PushSettings ps;
        ps.house = QStringLiteral("1 Tunnel Lane");
        PushServerSettings s;
        s.name = QStringLiteral("behind-ssh");
        s.host = QStringLiteral("db.internal.invalid"); // only the SSH host can reach the database
        s.port = m_db->port();
        s.database = QStringLiteral("tunnelled");
        s.user = QLatin1String(test::MariadbServer::kUser);
        s.sshHost = QStringLiteral("127.0.0.1");
        s.sshPort = m_sshd->port();
        s.sshUser = kUser;
        s.sshKey = m_key;
        s.knownHosts = dir.filePath(QStringLiteral("known_hosts"));
        s.timeoutS = 5;
        ps.servers = {s};
        const SecretStore secrets(dir.path(), StationSettings::Secrets::File, false);
        secrets.write(QStringLiteral("push/behind-ssh/password"),
                      QLatin1String(test::MariadbServer::kPassword));
        Pusher pusher(rec, rec.storePath(), ps, dir.path(), secrets);
        const PushStatus st = pusher.pushServer(s);
        QVERIFY2(st.ok, qPrintable(st.lastError));
        QCOMPARE(m_db->value(QStringLiteral("SELECT COUNT(*) FROM Reading"), QStringLiteral("tunnelled"))
                     .toLongLong(),
                 Store::open(rec.storePath(), Store::Mode::ReadOnly).value()->readingCount());
        QVERIFY(QFile::exists(s.knownHosts));
    }

    void closingLeavesNoPortBound()
    {
        QTemporaryDir dir;
        SshTunnel t(tunnelOptions(dir.filePath(QStringLiteral("kh"))));
        auto port = t.open();
        QVERIFY2(port.ok(), qPrintable(port.error()));
        QVERIFY(portAcceptsConnections(port.value()));
        t.close();
        QVERIFY(!portAcceptsConnections(port.value()));
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
