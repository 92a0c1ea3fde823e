// How chunks of stored readings become Cogent rows: times at the column's precision, one value per
// channel and time unit (the last, merges counted also across chunks), heartbeat windows, and a
// stop before a channel the mapping has not seen.
#include "sinks/mysqlpush/CogentRemote.h"
#include "sinks/mysqlpush/CogentRows.h"

#include <QTest>

using namespace fs;
using namespace fs::cogent;

namespace {

const qint64 kT0 = 1'779'999'600'000; // 2026-05-28 20:20:00 UTC, on a whole 10-minute mark

CogentTargets twoChannels()
{
    CogentTargets t;
    t.channels.insert(10, {1, 1001, 7});
    t.channels.insert(11, {1, 1002, 7});
    t.nodes.insert(1, 1);
    return t;
}

} // namespace

class TestCogentRows : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void timesAtTheColumnsPrecision()
    {
        QCOMPARE(TimePrecision{0}.format(kT0 + 970), QStringLiteral("2026-05-28 20:20:00"));
        QCOMPARE(TimePrecision{3}.format(kT0 + 970), QStringLiteral("2026-05-28 20:20:00.970"));
        QCOMPARE(TimePrecision{1}.format(kT0 + 970), QStringLiteral("2026-05-28 20:20:00.9"));
        QCOMPARE(TimePrecision{6}.format(kT0 + 5), QStringLiteral("2026-05-28 20:20:00.005"));
        QCOMPARE(TimePrecision{0}.floor(-1), qint64(-1000)); // before 1970: down, not towards zero
    }

    void lastOfASecondIsKeptAndMergesCounted()
    {
        ReadingFolder folder(TimePrecision{0}, 600'000);
        const QList<StoredReading> chunk = {{1, kT0 + 29, 10, 1.0},
                                            {2, kT0 + 29, 11, 2.0},
                                            {3, kT0 + 970, 10, 3.0},
                                            {4, kT0 + 1100, 10, 4.0}};
        const FoldedChunk f = folder.fold(chunk, twoChannels(), 11);
        QCOMPARE(f.rows.size(), 3);
        QCOMPARE(f.merged, qint64(1));
        QCOMPARE(f.rows[0].value, 3.0); // .970 after .029
        QCOMPARE(f.rows[0].timeMs, kT0);
        QCOMPARE(f.upto, qint64(4));
        folder.delivered(f);
        // The same second again in the next chunk: the upsert overwrites, and it is counted.
        const FoldedChunk g =
            folder.fold({{5, kT0 + 1500, 10, 5.0}, {6, kT0 + 2000, 10, 6.0}}, twoChannels(), 11);
        QCOMPARE(g.merged, qint64(1));
        QCOMPARE(g.rows.size(), 2);
    }

    void millisecondsKeepEveryReading()
    {
        ReadingFolder folder(TimePrecision{3}, 600'000);
        const FoldedChunk f =
            folder.fold({{1, kT0 + 29, 10, 1.0}, {2, kT0 + 970, 10, 2.0}}, twoChannels(), 11);
        QCOMPARE(f.rows.size(), 2);
        QCOMPARE(f.merged, qint64(0));
    }

    void stopsBeforeAChannelNewerThanTheMapping()
    {
        ReadingFolder folder(TimePrecision{0}, 600'000);
        // 12 is newer than the mapping (which saw up to 11); 9 was mapped and is not pushed.
        const QList<StoredReading> chunk = {
            {1, kT0, 9, 0.0}, {2, kT0, 10, 1.0}, {3, kT0, 12, 2.0}, {4, kT0, 11, 3.0}};
        const FoldedChunk f = folder.fold(chunk, twoChannels(), 11);
        QVERIFY(f.unmappedAhead);
        QCOMPARE(f.upto, qint64(2));
        QCOMPARE(f.rows.size(), 1);
        CogentTargets remapped = twoChannels();
        remapped.channels.insert(12, {1, 1003, 7});
        const FoldedChunk g = folder.fold(chunk, remapped, 12);
        QVERIFY(!g.unmappedAhead);
        QCOMPARE(g.upto, qint64(4));
        QCOMPARE(g.rows.size(), 3);
    }

    void oneHeartbeatPerNodeAndWindowAtItsNewestReading()
    {
        ReadingFolder folder(TimePrecision{0}, 600'000);
        QList<StoredReading> chunk;
        for (int i = 0; i < 90; ++i) // 15 minutes: two windows
            chunk.append({i + 1, kT0 + i * 10'000, 10 + i % 2, 0.0});
        const FoldedChunk f = folder.fold(chunk, twoChannels(), 11);
        QCOMPARE(f.heartbeats.size(), 2);
        QCOMPARE(f.heartbeats[0].node, 1);
        QCOMPARE(f.heartbeats[0].timeMs, kT0 + 590'000);
        QCOMPARE(f.heartbeats[0].windowFromMs, kT0);
        QCOMPARE(f.heartbeats[0].windowToMs, kT0 + 600'000);
        QCOMPARE(f.heartbeats[1].timeMs, kT0 + 890'000);
        QCOMPARE(f.heartbeats[1].seqNum, qint64(-1));
    }
};

QTEST_GUILESS_MAIN(TestCogentRows)
#include "tst_cogentrows.moc"
