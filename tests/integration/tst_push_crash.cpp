// `fieldstation push --once` killed during a push: at the worst moment (a chunk of readings or of
// node states committed remotely, the cursor not yet moved) and at an arbitrary moment; after a
// restart the remote has every reading and every node state exactly once (NodeState has no unique
// key in Cogent's schema, so only the pusher can keep it from doubling).
#include "MariadbServer.h"
#include "OpcN3Readings.h"
#include "TestSupport.h"
#include "config/SecretStore.h"
#include "store/Store.h"

#include <QDateTime>
#include <QProcess>
#include <QTest>
#include <csignal>

using namespace fs;

class TestPushCrash : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<test::MariadbServer> m_db;

    struct Setup
    {
        QTemporaryDir dir;
        QString data, config;
        qint64 readings = 0;
    };
    std::unique_ptr<Setup> prepare(const QString& database, int rows, int states = 0)
    {
        auto s = std::make_unique<Setup>();
        s->data = s->dir.filePath(QStringLiteral("data"));
        {
            Recorder rec(s->data + QStringLiteral("/fieldstation.db"));
            rec.start();
            const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 7200'000;
            const NodeChannels ids = test::recordOpcN3Readings(rec, rows, t0);
            for (int i = 0; i < states; ++i)
                rec.submitState({ids.node, t0 + i * 3000 + 123, QStringLiteral("ok"), QString::number(i)});
            rec.flush();
        }
        s->readings = Store::open(s->data + QStringLiteral("/fieldstation.db"), Store::Mode::ReadOnly)
                          .value()
                          ->readingCount();
        SecretStore(s->data, StationSettings::Secrets::File, false)
            .write(QStringLiteral("push/central/password"), QLatin1String(test::MariadbServer::kPassword));
        s->config = s->dir.filePath(QStringLiteral("fs.yaml"));
        QFile f(s->config);
        f.open(QIODevice::WriteOnly);
        f.write(QStringLiteral(
                    "station:\n  secrets: file\npush:\n  house: 3 Crash Street\n  servers:\n    central:\n"
                    "      port: %1\n      database: %2\n      user: push\n      push_limit: 500\n")
                    .arg(m_db->port())
                    .arg(database)
                    .toUtf8());
        return s;
    }
    QProcess* start(const Setup& s, const QString& crashAt)
    {
        auto* p = new QProcess(this);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (!crashAt.isEmpty())
            env.insert(QStringLiteral("FIELDSTATION_CRASH_AT"), crashAt);
        p->setProcessEnvironment(env);
        p->setProcessChannelMode(QProcess::MergedChannels);
        p->start(QStringLiteral(FS_BINARY),
                 {QStringLiteral("--config"), s.config, QStringLiteral("--data-dir"), s.data,
                  QStringLiteral("push"), QStringLiteral("--once")});
        return p;
    }
    qint64 remoteCount(const QString& db)
    {
        return m_db->value(QStringLiteral("SELECT COUNT(*) FROM Reading"), db).toLongLong();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_db = std::make_unique<test::MariadbServer>();
        QVERIFY2(m_db->ok(), qPrintable(m_db->error()));
    }

    void killedBetweenCommitAndCursor()
    {
        QVERIFY(m_db->createCogentDatabase(QStringLiteral("crash1")));
        auto s = prepare(QStringLiteral("crash1"), 200);
        QProcess* p = start(*s, QStringLiteral("push-committed"));
        QVERIFY(p->waitForFinished(test::timeoutMs(60000)));
        QCOMPARE(p->exitStatus(), QProcess::CrashExit);
        QCOMPARE(remoteCount(QStringLiteral("crash1")), qint64(500)); // the first chunk got there
        p = start(*s, QString());
        QVERIFY(p->waitForFinished(test::timeoutMs(60000)));
        const QByteArray out = p->readAll();
        QVERIFY2(p->exitCode() == 0, out.constData());
        QVERIFY2(out.contains("central: pushed"), out.constData());
        QVERIFY2(out.contains("0 readings behind"), out.constData());
        QCOMPARE(remoteCount(QStringLiteral("crash1")), s->readings);
    }

    void killedBetweenNodeStateCommitAndCursor()
    {
        QVERIFY(m_db->createCogentDatabase(QStringLiteral("crash3")));
        auto s = prepare(QStringLiteral("crash3"), 50, 40);
        QProcess* p = start(*s, QStringLiteral("push-states-committed"));
        QVERIFY(p->waitForFinished(test::timeoutMs(60000)));
        QCOMPARE(p->exitStatus(), QProcess::CrashExit);
        const auto states = [this] {
            return m_db
                ->value(QStringLiteral("SELECT COUNT(*) FROM NodeState WHERE seq_num IS NOT NULL"),
                        QStringLiteral("crash3"))
                .toLongLong();
        };
        QCOMPARE(states(), qint64(40)); // committed there, the cursor still before them
        p = start(*s, QString());
        QVERIFY(p->waitForFinished(test::timeoutMs(60000)));
        QVERIFY2(p->exitCode() == 0, p->readAll().constData());
        QCOMPARE(states(), qint64(40));
        QCOMPARE(m_db->value(QStringLiteral("SELECT COUNT(*) - COUNT(DISTINCT nodeId, time) FROM NodeState"),
                             QStringLiteral("crash3")),
                 QStringLiteral("0"));
        QCOMPARE(remoteCount(QStringLiteral("crash3")), s->readings);
    }

    void killedAtAnArbitraryMoment()
    {
        QVERIFY(m_db->createCogentDatabase(QStringLiteral("crash2")));
        auto s = prepare(QStringLiteral("crash2"), 2000);
        QProcess* p = start(*s, QString());
        // Kill it once part of the backlog is there.
        QTRY_VERIFY_WITH_TIMEOUT(remoteCount(QStringLiteral("crash2")) > 0 ||
                                     p->state() == QProcess::NotRunning,
                                 test::timeoutMs(60000));
        ::kill(pid_t(p->processId()), SIGKILL);
        p->waitForFinished(10000);
        const qint64 partial = remoteCount(QStringLiteral("crash2"));
        p = start(*s, QString());
        QVERIFY(p->waitForFinished(test::timeoutMs(120000)));
        QVERIFY2(p->exitCode() == 0, p->readAll().constData());
        QCOMPARE(remoteCount(QStringLiteral("crash2")), s->readings);
        QVERIFY(partial <= s->readings);
        qInfo("killed with %lld of %lld readings pushed", static_cast<long long>(partial),
              static_cast<long long>(s->readings));
    }
};

QTEST_GUILESS_MAIN(TestPushCrash)
#include "tst_push_crash.moc"
