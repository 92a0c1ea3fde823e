// delete_reading_on_zip: the gascloud batch builder deletes only what every other sink has passed,
// folds what it deletes into minute aggregates first, and does a large batch job by job.
#include "BatchRig.h"
#include "OpcN3Readings.h"
#include "store/MinuteAggregates.h"

#include <QSqlQuery>
#include <QTest>

using namespace fs;

using Rig = test::BatchRig;
constexpr qint64 kStart = Rig::kStart;

class TestGascloudDeletion : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void deleteOnlyWhatEveryOtherSinkPassed()
    {
        Rig rig;
        rig.opt.deleteReadingOnZip = true;
        rig.opt.otherSinkCursors = {QStringLiteral("push:central"), QStringLiteral("influx")};
        const NodeChannels ids = test::recordOpcN3Readings(rig.recorder, 10, kStart);
        const ChannelId pm1 = ids.channels[opcn3::channelIndex(QStringLiteral("pm1"))];
        // One sink has passed the first 6 frames, the other the first 4.
        rig.recorder.run([&](Store& s) {
            const auto lastSeqOfFrames = [&](int n) {
                QSqlQuery q(s.db());
                q.exec(QStringLiteral("SELECT MAX(seq) FROM readings WHERE time_ms < %1")
                           .arg(kStart + n * 1000));
                q.next();
                return q.value(0).toLongLong();
            };
            s.setCursor(QStringLiteral("push:central"), lastSeqOfFrames(6));
            return s.setCursor(QStringLiteral("influx"), lastSeqOfFrames(4));
        });
        const auto batch = rig.build();
        QVERIFY(batch);
        QCOMPARE(batch->rows, 10);
        QCOMPARE(rig.readingsOf(pm1), qint64(6)); // frames 5..10 stay for the slower sink
        // A sink that never ran has passed nothing: nothing more is deleted.
        rig.opt.otherSinkCursors << QStringLiteral("never-ran");
        test::recordOpcN3Readings(rig.recorder, 3, kStart + 60'000);
        QVERIFY(rig.build());
        QCOMPARE(rig.readingsOf(pm1), qint64(9));
    }

    void deleteOnZipKeepsMinuteAggregates()
    {
        Rig rig;
        rig.opt.deleteReadingOnZip = true;
        rig.opt.sources = {QStringLiteral("opc-roof")};
        rig.opt.otherSinkCursors = {QStringLiteral("push:central")};
        // Two sources interleaved, a frame each per second, for three minutes: 180 rows of ours.
        const NodeChannels roof = test::recordOpcN3Readings(rig.recorder, 1, kStart, QStringLiteral("A"));
        const NodeChannels yard = test::recordOpcN3Readings(rig.recorder, 1, kStart, QStringLiteral("B"));
        rig.setSource(QStringLiteral("A"), QStringLiteral("opc-roof"));
        rig.setSource(QStringLiteral("B"), QStringLiteral("opc-yard"));
        for (int i = 1; i < 180; ++i) {
            rig.frameAt(roof, kStart + i * 1000);
            rig.frameAt(yard, kStart + i * 1000 + 500);
        }
        const ChannelId roofPm1 = roof.channels[opcn3::channelIndex(QStringLiteral("pm1"))];
        const ChannelId yardPm1 = yard.channels[opcn3::channelIndex(QStringLiteral("pm1"))];
        // The other sink has passed the first two minutes only.
        rig.recorder.run([&](Store& s) {
            QSqlQuery q(s.db());
            q.exec(QStringLiteral("SELECT MAX(seq) FROM readings WHERE time_ms < %1").arg(kStart + 120'000));
            q.next();
            return s.setCursor(QStringLiteral("push:central"), q.value(0).toLongLong());
        });
        const auto batch = rig.build();
        QVERIFY(batch);
        QCOMPARE(batch->rows, 180);
        QCOMPARE(rig.readingsOf(roofPm1), qint64(60));  // the third minute waits for the other sink
        QCOMPARE(rig.readingsOf(yardPm1), qint64(180)); // another source's readings are not ours
        QList<MinuteAggregate> minutes;
        rig.recorder.run([&](Store& s) {
            minutes = MinuteAggregates::read(s.db(), roofPm1, kStart - 60'000, kStart + 600'000).value();
            return Status();
        });
        QCOMPARE(minutes.size(), 3); // kStart is 20 s into a minute: 40 + 60 + 20 readings
        qint64 folded = 0;
        for (const MinuteAggregate& m : minutes)
            folded += m.n;
        QCOMPARE(folded, qint64(120));
        QCOMPARE(minutes.first().n, qint64(40));
    }

    void deleteOnZipFoldsALargeBatchJobByJob()
    {
        Rig rig;
        rig.opt.deleteReadingOnZip = true;
        // 400 frames of some 40 samples: several jobs of at most 4000 readings, minutes cut across them.
        const NodeChannels ids = test::recordOpcN3Readings(rig.recorder, 400, kStart);
        const qint64 samples = rig.newestSeq();
        QVERIFY(samples > 3 * 4000);
        const auto batch = rig.build();
        QVERIFY(batch);
        QCOMPARE(batch->rows, 400);
        qint64 left = -1, folded = -1;
        rig.recorder.run([&](Store& s) {
            QSqlQuery q(s.db());
            q.exec(QStringLiteral("SELECT COUNT(*) FROM readings"));
            q.next();
            left = q.value(0).toLongLong();
            q.exec(QStringLiteral("SELECT SUM(n) FROM minute_aggregates"));
            q.next();
            folded = q.value(0).toLongLong();
            return Status();
        });
        QCOMPARE(left, qint64(0));
        QCOMPARE(folded, samples); // each reading counted once, whichever job it fell in
        const ChannelId pm1 = ids.channels[opcn3::channelIndex(QStringLiteral("pm1"))];
        QList<MinuteAggregate> minutes;
        rig.recorder.run([&](Store& s) {
            minutes = MinuteAggregates::read(s.db(), pm1, kStart - 60'000, kStart + 600'000).value();
            return Status();
        });
        QCOMPARE(minutes.size(), 7); // 400 s from 20 s into a minute: 40 s, then six whole minutes
        QCOMPARE(minutes.first().n, qint64(40));
    }
};

QTEST_GUILESS_MAIN(TestGascloudDeletion)
#include "tst_gascloud_deletion.moc"
