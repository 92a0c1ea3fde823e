// Durability: a child records and is killed with SIGKILL mid-stream, three times over the same
// store. Every sample it reported committed must be there, in order, and the store must be sound.
#include "TestSupport.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace fs;

class TestDurability : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void killedMidStreamLosesNothingCommitted()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("durable.db"));
        qint64 reported = 0;
        for (int round = 0; round < 3; ++round) {
            QProcess child;
            child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            child.start(QStringLiteral(FS_RECORDER_CHILD), {path});
            QVERIFY(child.waitForStarted());
            qint64 lastCommitted = 0;
            int commits = 0;
            QByteArray pending;
            QElapsedTimer t;
            t.start();
            // Let it commit a good number of batches, then kill it while it is still writing.
            while (commits < 20 + 7 * round && t.elapsed() < test::timeoutMs(20000)) {
                if (!child.waitForReadyRead(1000))
                    continue;
                pending += child.readAll();
                qsizetype nl;
                while ((nl = pending.indexOf('\n')) >= 0) {
                    const QByteArray line = pending.left(nl);
                    pending.remove(0, nl + 1);
                    if (line.startsWith("committed ")) {
                        lastCommitted = line.mid(10).toLongLong();
                        ++commits;
                    } else if (line.startsWith("ready ")) {
                        QCOMPARE(line.mid(6).toLongLong(), reported);
                    }
                }
            }
            QVERIFY2(commits >= 20, "the child did not commit");
            ::kill(pid_t(child.processId()), SIGKILL);
            QVERIFY(child.waitForFinished(5000));
            QCOMPARE(child.exitStatus(), QProcess::CrashExit);
            QVERIFY(lastCommitted > reported);

            auto store = Store::open(path);
            QVERIFY2(store.ok(), qPrintable(store.error()));
            QCOMPARE((*store)->integrityCheck(), QStringLiteral("ok"));
            const qint64 max = (*store)->maxReadingSeq();
            QVERIFY2(max >= lastCommitted, qPrintable(QStringLiteral("%1 < %2").arg(max).arg(lastCommitted)));
            // No gaps, no duplicates, value == seq: exactly the samples in the order submitted.
            QSqlQuery q((*store)->db());
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*), MIN(seq), SUM(value = seq) FROM readings")) &&
                    q.next());
            QCOMPARE(q.value(0).toLongLong(), max);
            QCOMPARE(q.value(1).toLongLong(), qint64(1));
            QCOMPARE(q.value(2).toLongLong(), max);
            reported = max; // the next child continues from what is stored
        }
    }
};

QTEST_GUILESS_MAIN(TestDurability)
#include "tst_durability.moc"
