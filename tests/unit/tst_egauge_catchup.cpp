// The eGauge catch-up plan: first run, second rows while the meter holds them, minute rows for an
// older gap, chunks of at most max_rows, and no endless loop when the meter holds nothing.
#include "sources/egauge/EgaugeCatchUp.h"

#include <QTest>

using namespace fs;

namespace {

using Unit = EgaugeQuery::Unit;
constexpr qint64 kNow = 1'699'999'980; // a whole minute

} // namespace

class TestEgaugeCatchUp : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firstRunAsksForTheLastRowsLikePeper()
    {
        EgaugeCatchUp plan(3600, 341);
        const EgaugeQuery q = plan.next(kNow);
        QCOMPARE(q.query(), QStringLiteral("S&s=0&n=341"));
        const auto v = plan.answered(q, kNow - 340, kNow, 341, kNow);
        QVERIFY(v.deliver);
        QVERIFY(!v.more);
        QCOMPARE(plan.stored(), kNow);
    }

    void shortGapIsOneSecondRequestFromTheStoredRow()
    {
        EgaugeCatchUp plan(3600, 341);
        plan.setStored(kNow - 300);
        const EgaugeQuery q = plan.next(kNow);
        QCOMPARE(q.query(), QStringLiteral("S&s=0&n=3600&t=%1").arg(kNow - 300));
        const auto v = plan.answered(q, kNow - 300, kNow, 301, kNow);
        QVERIFY(v.deliver);
        QVERIFY(!v.more);
        QVERIFY(v.note.isEmpty());
        QCOMPARE(plan.stored(), kNow);
    }

    void longGapHeldInSecondsComesInChunks()
    {
        EgaugeCatchUp plan(1000, 341);
        const qint64 since = kNow - 2520; // a whole minute: asked from the stored row itself
        plan.setStored(since);
        EgaugeQuery q = plan.next(kNow);
        QCOMPARE(q.unit, Unit::Seconds);
        QCOMPARE(q.rows, 1000);
        QCOMPARE(q.oldestS, since);
        QCOMPARE(q.newestS, since + 999);
        auto v = plan.answered(q, since, since + 999, 1000, kNow);
        QVERIFY(v.deliver);
        QVERIFY(v.more);
        q = plan.next(kNow);
        // From the minute of the newest stored row: chunks overlap by less than a minute.
        QCOMPARE(q.oldestS, since + 960);
        QCOMPARE(q.newestS, since + 1959);
        v = plan.answered(q, q.oldestS, q.newestS, 1000, kNow);
        QVERIFY(v.more);
        q = plan.next(kNow);
        QCOMPARE(q.newestS, 0); // the rest fits in one answer: up to now
        v = plan.answered(q, q.oldestS, kNow, int(kNow - q.oldestS + 1), kNow);
        QVERIFY(v.deliver);
        QVERIFY(!v.more);
        QCOMPARE(plan.stored(), kNow);
    }

    void gapOlderThanTheSecondStorageComesBackAsMinutes()
    {
        // A week away; the meter holds one hour of seconds.
        EgaugeCatchUp plan(3600, 341);
        const qint64 since = kNow - 7 * 86400 + 17;
        const qint64 horizon = kNow - 3600;
        plan.setStored(since);
        EgaugeQuery q = plan.next(kNow);
        QCOMPARE(q.unit, Unit::Seconds);
        // The meter answers with the seconds it holds, which start long after the stored row.
        auto v = plan.answered(q, horizon, horizon + 3599, 3600, kNow);
        QVERIFY2(!v.deliver, "a late-starting answer would leave the gap for ever");
        QVERIFY(v.more);
        int minuteRequests = 0;
        for (int guard = 0; guard < 20; ++guard) {
            q = plan.next(kNow);
            if (q.unit != Unit::Minutes)
                break;
            ++minuteRequests;
            QCOMPARE(q.oldestS % 60, 0);
            QVERIFY(q.oldestS <= plan.stored());
            QVERIFY(q.newestS <= horizon);
            QVERIFY((q.newestS - q.oldestS) / 60 + 1 <= 3600);
            v = plan.answered(q, q.oldestS, q.newestS, int((q.newestS - q.oldestS) / 60 + 1), kNow);
            QVERIFY(v.deliver);
            QVERIFY(v.more);
        }
        QCOMPARE(minuteRequests, 3); // 7 days of minutes in chunks of 3600 rows
        QCOMPARE(q.unit, Unit::Seconds);
        QVERIFY(plan.stored() > horizon - 60);
        v = plan.answered(q, horizon, kNow, 3601, kNow);
        QVERIFY(v.deliver);
        QCOMPARE(plan.stored(), kNow);
    }

    void meterHoldingNothingInTheGapDoesNotLoop()
    {
        EgaugeCatchUp plan(3600, 341);
        const qint64 since = kNow - 86400;
        plan.setStored(since);
        EgaugeQuery q = plan.next(kNow);
        auto v = plan.answered(q, kNow - 600, kNow, 601, kNow); // seconds start late
        QVERIFY(!v.deliver);
        q = plan.next(kNow);
        QCOMPARE(q.unit, Unit::Minutes);
        v = plan.answered(q, 0, 0, 0, kNow); // no minute rows either (meter was off)
        QVERIFY(!v.deliver);
        QVERIFY(!v.note.isEmpty());
        q = plan.next(kNow);
        QCOMPARE(q.unit, Unit::Seconds);
        v = plan.answered(q, kNow - 600, kNow, 601, kNow);
        QVERIFY2(v.deliver, "the seconds the meter has are taken, leaving the gap it cannot fill");
        QVERIFY(!v.note.isEmpty());
        QVERIFY(!v.more);
        QCOMPARE(plan.stored(), kNow);
    }

    void chunkAnsweredInMinuteRowsSwitchesToMinuteChunks()
    {
        // A meter that answers a range it keeps only in minutes with minute rows (the emulator does).
        EgaugeCatchUp plan(3600, 341);
        const qint64 since = kNow - 86400;
        plan.setStored(since);
        EgaugeQuery q = plan.next(kNow);
        QCOMPARE(q.newestS, since + 3599);
        auto v = plan.answered(q, since, since + 3540, 60, kNow, 60);
        QVERIFY(v.deliver);
        QVERIFY(v.more);
        QCOMPARE(plan.stored(), since + 3540);
        q = plan.next(kNow);
        QCOMPARE(q.unit, Unit::Minutes);
        QCOMPARE(q.newestS, kNow - 3600);
        v = plan.answered(q, q.oldestS, q.newestS, int((q.newestS - q.oldestS) / 60 + 1), kNow, 60);
        QVERIFY(v.deliver);
        QVERIFY(v.more);
        q = plan.next(kNow);
        QCOMPARE(q.unit, Unit::Seconds);
        QCOMPARE(q.oldestS, kNow - 3600);
    }

    void secondsAreAskedFromTheMinuteOfTheStoredRow()
    {
        // A meter that keeps only minute rows there still gives a row at or before the stored one.
        EgaugeCatchUp plan(3600, 341);
        plan.setStored(kNow - 1000 + 17);
        const EgaugeQuery q = plan.next(kNow);
        QCOMPARE(q.unit, Unit::Seconds);
        QCOMPARE(q.oldestS, kNow - 1000 + 17 - (kNow - 1000 + 17) % 60);
        QVERIFY(q.oldestS <= plan.stored());
        QVERIFY(plan.stored() - q.oldestS < 60);
    }

    void emptyChunkDoesNotRepeatForEver()
    {
        EgaugeCatchUp plan(1000, 341);
        plan.setStored(kNow - 5000);
        EgaugeQuery q = plan.next(kNow);
        auto v = plan.answered(q, 0, 0, 0, kNow);
        QVERIFY(v.more);
        q = plan.next(kNow);
        QCOMPARE(q.unit, Unit::Minutes);
        QCOMPARE(q.newestS, kNow - 1000);
    }
};

QTEST_GUILESS_MAIN(TestEgaugeCatchUp)
#include "tst_egauge_catchup.moc"
