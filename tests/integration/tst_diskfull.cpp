// A real full disk: the Recorder writes to a small tmpfs until the kernel says ENOSPC, keeps the
// newest samples in memory, and resumes when the tmpfs is grown. Mounting needs root (CAP_SYS_ADMIN):
// the test carries the "root" label so that a run without it can leave it out with `ctest -LE root`.
#include "SmallDisk.h"
#include "TestSupport.h"
#include "store/Recorder.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace fs;

namespace {

NodeSpec fullNode()
{
    return {QStringLiteral("full:1"),
            QStringLiteral("test"),
            QStringLiteral("full"),
            {{QStringLiteral("v"), QStringLiteral("T"), QStringLiteral("V"), QStringLiteral("deg.C")}},
            QString()};
}

} // namespace

class TestDiskFull : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aRealFullDiskIsSurvived()
    {
        QTemporaryDir mountPoint;
        test::SmallDisk disk(mountPoint.path(), "256k");
        QVERIFY2(disk.error().isEmpty(), qPrintable(disk.error()));
        const QString path = mountPoint.filePath(QStringLiteral("store.db"));
        RecorderOptions o;
        o.flushIntervalMs = 20;
        o.retryDelayMs = 50;
        o.maxRetryDelayMs = 100;
        o.maxMemorySamples = 3000;
        // Were submit() to wait on a full disk, one wait would take a minute: the bound below
        // then tells waiting from not waiting, however loaded the machine is.
        o.maxQueued = 1000;
        o.submitWaitMs = 60000;
        qint64 next = 0;
        {
            Recorder rec(path, o);
            QVERIFY(rec.start().ok());
            const auto ids = rec.registerNode(fullNode()).value();
            // Fill the disk: frames of 50 until the store says it is full.
            QElapsedTimer t;
            t.start();
            while (!rec.health().diskFull && t.elapsed() < test::timeoutMs(20000)) {
                std::vector<Sample> frame;
                for (int i = 0; i < 50; ++i, ++next)
                    frame.push_back({next, ids.channels[0], double(next)});
                rec.submit(std::span<const Sample>(frame));
                rec.flush();
            }
            QVERIFY2(rec.health().diskFull, qPrintable(rec.health().lastError));
            const quint64 storedWhenFull = rec.committedCount();
            QVERIFY(storedWhenFull > 0);
            // Full: submit does not wait, the newest 3000 are kept, the rest counted.
            t.restart();
            for (int i = 0; i < 10000; ++i, ++next)
                rec.submit(Sample{next, ids.channels[0], double(next)});
            QVERIFY2(t.elapsed() < test::timeoutMs(20000), qPrintable(QString::number(t.elapsed())));
            QTRY_VERIFY_WITH_TIMEOUT(rec.health().droppedDiskFull >= 7000, test::timeoutMs(3000));
            QVERIFY(!rec.flush().ok());

            QVERIFY(disk.grow("8m")); // space returns
            QTRY_VERIFY_WITH_TIMEOUT(!rec.health().diskFull, test::timeoutMs(5000));
            QVERIFY(rec.flush().ok());
            QVERIFY(rec.health().lastError.isEmpty());
            const quint64 dropped = rec.health().droppedDiskFull;
            QCOMPARE(rec.committedCount() + dropped, quint64(next));
            QElapsedTimer s;
            s.start();
            rec.stop();
            QVERIFY2(s.elapsed() < test::timeoutMs(5000), qPrintable(QString::number(s.elapsed())));
        }
        auto store = Store::open(path);
        QVERIFY2(store.ok(), qPrintable(store.error()));
        QCOMPARE((*store)->integrityCheck(), QStringLiteral("ok"));
        // The newest samples survived in order: the last stored value is the last submitted.
        QSqlQuery q((*store)->db());
        QVERIFY(q.exec(QStringLiteral("SELECT MAX(value), COUNT(*) FROM readings")) && q.next());
        QCOMPARE(q.value(0).toLongLong(), next - 1);
    }
};

QTEST_GUILESS_MAIN(TestDiskFull)
#include "tst_diskfull.moc"
