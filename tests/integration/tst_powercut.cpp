// Power cuts: the Recorder writes through a VFS that loses every unsynced write at a cut, cut at
// hundreds of seeded random points; after each the store opens normally, is sound, and holds every
// sample the Recorder had reported committed.
#include "PowerCutVfs.h"
#include "TestSupport.h"
#include "store/Recorder.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <cstdio>
#include <random>

using namespace fs;

namespace {

NodeSpec cutNode()
{
    return {QStringLiteral("cut:1"),
            QStringLiteral("test"),
            QStringLiteral("cut"),
            {{QStringLiteral("v"), QStringLiteral("T"), QStringLiteral("V"), QStringLiteral("deg.C")}},
            QString()};
}

RecorderOptions cutOptions()
{
    RecorderOptions o;
    o.vfs = QString::fromLatin1(test::PowerCutVfs::kName);
    o.flushIntervalMs = 2;
    o.maxBatch = 100;
    o.maxQueued = 2000;
    o.retryDelayMs = 5;
    o.stopBudgetMs = 30; // after a cut nothing can be written: a short stop keeps 200 rounds fast
    return o;
}

struct RoundResult
{
    qint64 reported = 0; ///< the highest seq the Recorder reported committed
    qint64 before = 0;   ///< the highest seq in the store when the round began
    bool cut = false;
    bool hitDatabase = false; ///< the cut undid writes to the database file itself
};

/// A pragma on the Recorder's own connection, before the samples flow.
void pragma(Recorder& rec, const QString& sql)
{
    rec.run([sql](Store& s) { return QSqlQuery(s.db()).exec(sql) ? Status() : Status(Error{sql}); });
}

/// Records value == seq until the armed cut happens (or, for `cutAt` 0, a few commits), then stops.
/// `checkpointPages` > 0 checkpoints that much more often than the store does, so that cuts fall
/// inside checkpoints too; `synchronousOff` takes the fsyncs away (the control case).
RoundResult recordUntilCut(const QString& path, qint64 cutAt, int checkpointPages,
                           bool synchronousOff = false)
{
    auto& vfs = test::PowerCutVfs::instance();
    vfs.restore();
    vfs.armCut(cutAt);
    RoundResult out;
    Recorder rec(path, cutOptions());
    std::atomic<qint64> reported{0};
    QObject::connect(
        &rec, &Recorder::committed, &rec, [&](qint64 seq, int) { reported = std::max(reported.load(), seq); },
        Qt::DirectConnection);
    if (!rec.start().ok()) { // the cut came while the store was being created or migrated
        out.cut = vfs.cutDone();
        out.hitDatabase = vfs.lastCutHitTheDatabase();
        return out;
    }
    out.before = rec.lastCommittedSeq();
    reported = out.before;
    const auto ids = rec.registerNode(cutNode());
    if (checkpointPages > 0)
        pragma(rec, QStringLiteral("PRAGMA wal_autocheckpoint=%1").arg(checkpointPages));
    if (synchronousOff)
        pragma(rec, QStringLiteral("PRAGMA synchronous=OFF"));
    QElapsedTimer t;
    t.start();
    qint64 k = rec.lastCommittedSeq() + 1;
    while (ids && !vfs.cutDone() && t.elapsed() < test::timeoutMs(10000)) {
        Sample slice[20];
        for (Sample& s : slice) {
            s = {k, ids->channels[0], double(k)};
            ++k;
        }
        rec.submit(std::span<const Sample>(slice));
        if (cutAt == 0 && rec.committedCount() > 500) {
            vfs.cutNow();
            break;
        }
    }
    out.cut = vfs.cutDone();
    out.hitDatabase = vfs.lastCutHitTheDatabase();
    rec.stop();
    out.reported = std::max(reported.load(), rec.lastCommittedSeq());
    return out;
}

struct Stored
{
    QString integrity;
    qint64 max = -1, count = -1, minSeq = -1, valueIsSeq = -1;
    QString openError;
};

/// Opens the store as the station would after the power came back (the default VFS).
Stored storedAfterCut(const QString& path)
{
    test::PowerCutVfs::instance().restore();
    Stored st;
    auto store = Store::open(path);
    if (!store) {
        st.openError = store.error();
        return st;
    }
    st.integrity = (*store)->integrityCheck();
    QSqlQuery q((*store)->db());
    if (q.exec(QStringLiteral("SELECT COALESCE(MAX(seq), 0), COUNT(*), COALESCE(MIN(seq), 0), "
                              "COALESCE(SUM(value = seq), 0) FROM readings")) &&
        q.next()) {
        st.max = q.value(0).toLongLong();
        st.count = q.value(1).toLongLong();
        st.minSeq = q.value(2).toLongLong();
        st.valueIsSeq = q.value(3).toLongLong();
    }
    return st;
}

} // namespace

class TestPowerCut : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cutsAtRandomPointsLoseNothingCommitted()
    {
        const quint64 seed = qEnvironmentVariableIsSet("FS_POWERCUT_SEED")
                                 ? qEnvironmentVariable("FS_POWERCUT_SEED").toULongLong()
                                 : 20261124ULL;
        const int rounds = qEnvironmentVariableIntValue("FS_POWERCUT_ROUNDS") > 0
                               ? qEnvironmentVariableIntValue("FS_POWERCUT_ROUNDS")
                               : 200;
        std::printf("power-cut seed %llu (set FS_POWERCUT_SEED to replay), %d rounds\n",
                    static_cast<unsigned long long>(seed), rounds);
        std::mt19937_64 rng(seed);
        // Mostly within the first commits (store creation, migration, node registration, the
        // first batches), a third later; half the rounds checkpoint often so cuts fall inside them.
        std::uniform_int_distribution<qint64> early(1, 400), late(400, 6000);
        std::uniform_int_distribution<int> pick(0, 2), coin(0, 1);
        QTemporaryDir dir;
        int cuts = 0, inDatabase = 0;
        qint64 checked = 0;
        QElapsedTimer t;
        t.start();
        for (int round = 0; round < rounds; ++round) {
            const qint64 cutAt = pick(rng) == 0 ? late(rng) : early(rng);
            // A series of cuts on one store, then a fresh one: the checks stay quick.
            const QString path = dir.filePath(QStringLiteral("powercut-%1.db").arg(round / 10));
            // Half the rounds checkpoint every 50 pages instead of the store's 10000.
            const RoundResult r = recordUntilCut(path, cutAt, coin(rng) == 0 ? 50 : 0);
            QVERIFY2(r.cut, qPrintable(QStringLiteral("round %1: no cut at op %2").arg(round).arg(cutAt)));
            ++cuts;
            inDatabase += r.hitDatabase ? 1 : 0;
            const Stored st = storedAfterCut(path);
            const QString where =
                QStringLiteral("round %1, cut at op %2, seed %3").arg(round).arg(cutAt).arg(seed);
            QVERIFY2(st.openError.isEmpty(), qPrintable(where + QStringLiteral(": ") + st.openError));
            QVERIFY2(st.integrity == QStringLiteral("ok"),
                     qPrintable(where + QStringLiteral(": ") + st.integrity));
            QVERIFY2(st.max >= r.reported, qPrintable(QStringLiteral("%1: reported %2 committed, %3 stored")
                                                          .arg(where)
                                                          .arg(r.reported)
                                                          .arg(st.max)));
            // No gaps, no duplicates, value == seq: exactly the samples in the order submitted.
            QCOMPARE(st.count, st.max);
            QCOMPARE(st.valueIsSeq, st.max);
            if (st.max > 0)
                QCOMPARE(st.minSeq, qint64(1));
            checked += r.reported - r.before;
        }
        std::printf("power cuts: %d cut points (%d undid writes to the database file: a checkpoint or its "
                    "creation), %lld samples reported committed and found after them, %.1f s\n",
                    cuts, inDatabase, static_cast<long long>(checked), t.elapsed() / 1000.0);
        QVERIFY(checked > 0);
        QVERIFY2(inDatabase > 0, "no cut fell inside a checkpoint or the store's creation");
    }

    void theCutTellsSynchronousOffFromFull()
    {
        // The shim must be able to fail this test: with synchronous=OFF nothing is synced, so
        // commits the Recorder reported are lost at the cut.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("off.db"));
        const RoundResult r = recordUntilCut(path, 0, 0, true);
        QVERIFY(r.cut);
        QVERIFY(r.reported > 500);
        const Stored st = storedAfterCut(path);
        QCOMPARE(st.integrity, QStringLiteral("ok"));
        QVERIFY2(st.max < r.reported, qPrintable(QStringLiteral("%1 of %2").arg(st.max).arg(r.reported)));
    }
};

QTEST_GUILESS_MAIN(TestPowerCut)
#include "tst_powercut.moc"
