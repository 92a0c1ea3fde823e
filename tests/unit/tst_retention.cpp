// Retention: age and cursor rules, exact per-minute aggregates across chunks and reruns, the
// free-space guard's order (forwarded first, unforwarded last and counted), and a prompt stop.
#include "RecorderQuery.h"
#include "TestSupport.h"
#include "store/MinuteAggregates.h"
#include "store/Recorder.h"
#include "store/Retention.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <map>

using namespace fs;

namespace {

constexpr qint64 kDay = 24LL * 3600 * 1000;
constexpr qint64 kNow = 1'790'000'000'000; // a fixed "now", so ages do not depend on the clock

/// A Recorder on a fresh store with one node of `channels` channels.
struct Station
{
    explicit Station(const QString& path, int channels = 3) : rec(path)
    {
        if (!rec.start())
            qFatal("recorder did not start");
        NodeSpec spec{QStringLiteral("t:1"), QStringLiteral("t"), QStringLiteral("T"), {}, {}};
        for (int i = 0; i < channels; ++i)
            spec.channels.append({QStringLiteral("c%1").arg(i), QStringLiteral("T"), QStringLiteral("C"),
                                  QStringLiteral("deg.C")}); // codes come from the sensor-type table
        ids = rec.registerNode(spec).value();
    }
    /// `seconds` readings a second on every channel, from `fromMs`; the value is a function of both.
    void record(qint64 fromMs, int seconds, double (*value)(int second, int channel))
    {
        std::vector<Sample> s;
        for (int i = 0; i < seconds; ++i)
            for (int c = 0; c < ids.channels.size(); ++c)
                s.push_back({fromMs + qint64(i) * 1000, ids.channels[c], value(i, c)});
        rec.submit(std::span<const Sample>(s));
        QVERIFY(rec.flush().ok());
    }
    void setCursor(const QString& name, qint64 seq)
    {
        QVERIFY(rec.run([&](Store& st) { return st.setCursor(name, seq); }).ok());
    }
    qint64 scalar(const QString& sql) { return fs::test::scalar(rec, sql); }
    qint64 count(const QString& where = QStringLiteral("1"))
    {
        return scalar(QStringLiteral("SELECT COUNT(*) FROM readings WHERE ") + where);
    }
    Recorder rec;
    NodeChannels ids;
};

double ramp(int second, int channel)
{
    return second * 0.5 + channel * 100.0;
}

RetentionOptions options(int chunkRows = 4000)
{
    RetentionOptions o;
    o.keepDays = 30;
    o.minFreeMb = 0;
    o.chunkRows = chunkRows;
    return o;
}

} // namespace

class TestRetention : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const char* name) { return m_dir.filePath(QString::fromLatin1(name)); }

private Q_SLOTS:
    void ageAloneWithoutSinks()
    {
        Station st(path("age.db"));
        const qint64 cutoff = kNow - 30 * kDay;
        st.record(cutoff - 100'000, 100, ramp); // all older than keep_days
        st.record(cutoff, 50, ramp);            // the first exactly keep_days old: kept
        Retention r(st.rec, path("age.db"), options(37));
        const RetentionStatus s = r.runOnce(kNow);
        QVERIFY2(s.lastError.isEmpty(), qPrintable(s.lastError));
        QCOMPARE(s.agedDeleted, 300);
        QCOMPARE(st.count(), 150);
        QCOMPARE(st.count(QStringLiteral("time_ms < %1").arg(cutoff)), 0);
        QCOMPARE(r.status().totalDeleted, 300);
        QCOMPARE(r.status().lastRunMs, kNow);
    }

    void laggingCursorHoldsReadingsBack()
    {
        Station st(path("lag.db"));
        st.record(kNow - 40 * kDay, 200, ramp); // 600 readings, all old
        const qint64 max = st.scalar(QStringLiteral("SELECT MAX(seq) FROM readings"));
        const qint64 first = st.scalar(QStringLiteral("SELECT MIN(seq) FROM readings"));
        st.setCursor(QStringLiteral("push:central"), max);
        st.setCursor(QStringLiteral("gascloud-batch"), first + 99); // lags: 100 forwarded
        RetentionOptions o = options(64);
        o.readingCursors = {QStringLiteral("push:central"), QStringLiteral("gascloud-batch")};
        Retention r(st.rec, path("lag.db"), o);
        QCOMPARE(r.runOnce(kNow).agedDeleted, 100);
        QCOMPARE(st.count(), 500);
        QCOMPARE(st.count(QStringLiteral("seq <= %1").arg(first + 99)), 0);
        // A sink that never delivered holds everything back.
        o.readingCursors.append(QStringLiteral("push:never"));
        st.setCursor(QStringLiteral("gascloud-batch"), max);
        QCOMPARE(Retention(st.rec, path("lag.db"), o).runOnce(kNow).agedDeleted, 0);
        QCOMPARE(Retention(st.rec, path("lag.db"), options()).runOnce(kNow).agedDeleted, 500);
    }

    void aggregatesAreExactAcrossChunksAndReruns()
    {
        Station st(path("agg.db"), 2);
        // 5 minutes of old readings starting mid-minute; values jump so min, mean and max differ.
        const qint64 start = MinuteAggregates::minuteOf(kNow - 40 * kDay) + 25'000;
        const auto value = [](int s, int c) { return (s * 7919 % 101) * 0.25 - 10.0 + c; };
        st.record(start, 300, value);
        std::map<std::pair<qint64, qint64>, MinuteAggregate> want;
        for (int s = 0; s < 300; ++s)
            for (int c = 0; c < 2; ++c) {
                const qint64 ch = st.ids.channels[c], m = MinuteAggregates::minuteOf(start + s * 1000);
                const double v = value(s, c);
                auto [it, fresh] = want.try_emplace({ch, m}, MinuteAggregate{ch, m, 0, v, 0, v});
                MinuteAggregate& a = it->second;
                a.mean = (a.mean * a.n + v) / (a.n + 1);
                a.n += 1;
                a.min = std::min(a.min, v);
                a.max = std::max(a.max, v);
            }
        // A sink that stops mid-minute splits one minute across two passes, and 13-row chunks
        // split every minute (120 readings) across several transactions.
        const qint64 first = st.scalar(QStringLiteral("SELECT MIN(seq) FROM readings"));
        st.setCursor(QStringLiteral("push:a"), first + 2 * 150 + 1);
        RetentionOptions o = options(13);
        o.readingCursors = {QStringLiteral("push:a")};
        Retention r(st.rec, path("agg.db"), o);
        QCOMPARE(r.runOnce(kNow).agedDeleted, 302);
        st.setCursor(QStringLiteral("push:a"), first + 10'000);
        QCOMPARE(r.runOnce(kNow).agedDeleted, 298);
        QCOMPARE(r.runOnce(kNow).agedDeleted, 0); // a rerun finds nothing left to count twice
        // Folding the same range again by hand cannot count twice either: the readings are gone.
        QVERIFY(st.rec
                    .run([&](Store& s) {
                        auto again = MinuteAggregates::foldAndDelete(s.db(), first, first + 1000, kNow);
                        return again && again.value() == 0 ? Status()
                                                           : Status(Error{QStringLiteral("refolded")});
                    })
                    .ok());

        auto reader = Store::open(path("agg.db"), Store::Mode::ReadOnly);
        QVERIFY(reader);
        qint64 rows = 0;
        for (qint64 ch : st.ids.channels) {
            const auto got = MinuteAggregates::read(reader.value()->db(), ch, 0, kNow);
            QVERIFY(got);
            QCOMPARE(got->size(), 6); // 5 minutes from mid-minute touch 6 minutes
            for (const MinuteAggregate& a : got.value()) {
                const MinuteAggregate& w = want.at({ch, a.minuteMs});
                QCOMPARE(a.n, w.n);
                QCOMPARE(a.min, w.min);
                QCOMPARE(a.max, w.max);
                QVERIFY2(qAbs(a.mean - w.mean) < 1e-9,
                         qPrintable(QStringLiteral("%1 vs %2").arg(a.mean).arg(w.mean)));
                rows += a.n;
            }
        }
        QCOMPARE(rows, 600);
    }

    void chartMinutesAreFoldedOnceWhileRetentionKeepsItsOwn()
    {
        // The minute fold counts closed minutes into chart_minutes while the readings stay, in jobs
        // of a few seqs, late readings of a folded minute merged by the next fold, nothing twice.
        // minute_aggregates stays exactly what retention deleted (the REST API adds it to the raw
        // rows), and retention prunes the charts' copy past its cutoff.
        Station st(path("fold.db"), 2);
        QVERIFY(st.rec
                    .run([](Store& s) {
                        QSqlQuery q(s.db());
                        return q.exec(
                                   QStringLiteral("UPDATE minute_folds SET folded_seq = 0, folded_to_ms = 0"))
                                   ? Status()
                                   : Status(Error{QStringLiteral("reset")});
                    })
                    .ok());
        const qint64 m0 = MinuteAggregates::minuteOf(kNow - 40 * kDay);
        const qint64 start = m0 + 25'000;
        std::map<std::pair<qint64, qint64>, MinuteAggregate> want;
        const auto expect = [&](qint64 ch, qint64 t, double v) {
            auto [it, fresh] =
                want.try_emplace({ch, MinuteAggregates::minuteOf(t)},
                                 MinuteAggregate{ch, MinuteAggregates::minuteOf(t), 0, v, 0, v});
            MinuteAggregate& a = it->second;
            a.mean = (a.mean * double(a.n) + v) / double(a.n + 1);
            ++a.n;
            a.min = std::min(a.min, v);
            a.max = std::max(a.max, v);
        };
        const auto spiky = [](int s, int c) {
            return s == 70 ? 900.0 + c : s == 100 ? -300.0 - c : s % 9 + c * 10.0;
        };
        st.record(start, 300, spiky);
        for (int s = 0; s < 300; ++s)
            for (int c = 0; c < 2; ++c)
                expect(st.ids.channels[c], start + s * 1000, spiky(s, c));
        const auto fold = [&](qint64 nowMs, qint64 chunk) {
            int jobs = 0;
            for (bool more = true; more && jobs < 1000; ++jobs)
                QVERIFY(st.rec
                            .run([&](Store& s) {
                                const auto r = MinuteAggregates::foldClosed(s.db(), nowMs, chunk);
                                more = r.ok() && r.value();
                                return r.ok() ? Status() : Status(Error{r.error()});
                            })
                            .ok());
        };
        const auto sum = [&](const char* table) {
            return st.scalar(QStringLiteral("SELECT COALESCE(SUM(n), 0) FROM %1").arg(QLatin1String(table)));
        };
        // Compares a minute table with the expected minutes, exactly (means to rounding).
        const auto matches = [&](const char* table,
                                 const std::map<std::pair<qint64, qint64>, MinuteAggregate>& w) {
            auto reader = Store::open(path("fold.db"), Store::Mode::ReadOnly);
            if (!reader)
                return false;
            QSqlQuery q(reader.value()->db());
            if (!q.exec(QStringLiteral("SELECT channel_id, minute_ms, n, min, mean, max FROM %1")
                            .arg(QLatin1String(table))))
                return false;
            size_t seen = 0;
            while (q.next()) {
                const auto it = w.find({q.value(0).toLongLong(), q.value(1).toLongLong()});
                if (it == w.end() || it->second.n != q.value(2).toLongLong() ||
                    it->second.min != q.value(3).toDouble() ||
                    qAbs(it->second.mean - q.value(4).toDouble()) > 1e-9 ||
                    it->second.max != q.value(5).toDouble())
                    return false;
                ++seen;
            }
            return seen == w.size();
        };
        // Closed by start + 3 min: the minutes before minuteOf(now - grace), i.e. m0 and m0 + 1.
        fold(start + 3 * 60'000, 7);
        QCOMPARE(st.scalar(QStringLiteral("SELECT COUNT(*) FROM chart_minutes")), 4);
        QCOMPARE(sum("chart_minutes"), 2 * (35 + 60));
        QCOMPARE(st.count(), 600); // the readings stay
        QCOMPARE(sum("minute_aggregates"), 0);
        // A late reading of the folded minute m0, then everything closed.
        st.rec.submit(Sample{m0 + 1000, st.ids.channels[0], -1000.0});
        QVERIFY(st.rec.flush().ok());
        expect(st.ids.channels[0], m0 + 1000, -1000.0);
        fold(kNow, 7);
        QCOMPARE(sum("chart_minutes"), 601);
        fold(kNow, 7); // nothing new: nothing changes
        QCOMPARE(sum("chart_minutes"), 601);
        QVERIFY(matches("chart_minutes", want));
        const auto chartWant = want;
        // A second straggler after the last fold; retention deletes everything and counts every
        // deleted reading into minute_aggregates once, whatever the charts' fold did.
        st.rec.submit(Sample{m0 + 2000, st.ids.channels[1], 5000.0});
        QVERIFY(st.rec.flush().ok());
        expect(st.ids.channels[1], m0 + 2000, 5000.0);
        Retention r(st.rec, path("fold.db"), options(13));
        const RetentionStatus done = r.runOnce(kNow);
        QVERIFY2(done.lastError.isEmpty(), qPrintable(done.lastError));
        QCOMPARE(done.agedDeleted, 602);
        QCOMPARE(st.count(), 0);
        QCOMPARE(sum("minute_aggregates"), 602);
        QVERIFY(matches("minute_aggregates", want));
        // 40 days old, past keep_days: the charts' copy is pruned, minute_aggregates serves them.
        QCOMPARE(sum("chart_minutes"), 0);
        QVERIFY(!matches("minute_aggregates", chartWant)); // the straggler made a difference
    }

    void aStoreFromBeforeCatchesUpFromItsMigration()
    {
        // Schema 6 starts with nothing counted and its cut at the migration's minute, so a store
        // full of readings is folded in seq chunks, each a short writer job.
        Station st(path("catchup.db"), 1);
        st.record(kNow - 3 * kDay, 500, ramp);
        Retention r(st.rec, path("catchup.db"), options());
        QVERIFY(r.foldMinutes(kNow).ok());
        QCOMPARE(st.scalar(QStringLiteral("SELECT SUM(n) FROM chart_minutes")), 500);
        QCOMPARE(st.scalar(QStringLiteral("SELECT folded_seq FROM minute_folds")),
                 st.scalar(QStringLiteral("SELECT MAX(seq) FROM readings")));
        QVERIFY(r.foldMinutes(kNow).ok()); // again: nothing twice
        QCOMPARE(st.scalar(QStringLiteral("SELECT SUM(n) FROM chart_minutes")), 500);
        QCOMPARE(r.runOnce(kNow).agedDeleted, 0); // three days old: kept, counted once, not pruned
        QCOMPARE(st.scalar(QStringLiteral("SELECT SUM(n) FROM chart_minutes")), 500);
        QCOMPARE(st.scalar(QStringLiteral("SELECT COUNT(*) FROM minute_aggregates")), 0);
    }

    void oldNodeStatesGoButTheNewestStays()
    {
        Station st(path("states.db"));
        for (int i = 0; i < 5; ++i)
            st.rec.submitState({st.ids.node, kNow - (40 - i) * kDay, QStringLiteral("ok"), QString()});
        st.rec.submitState({st.ids.node, kNow - kDay, QStringLiteral("error"), QString()});
        QVERIFY(st.rec.flush().ok());
        const qint64 first = st.scalar(QStringLiteral("SELECT MIN(seq) FROM node_states"));
        st.setCursor(QStringLiteral("push-states:a"), first + 2); // three forwarded
        RetentionOptions o = options(2);
        o.stateCursors = {QStringLiteral("push-states:a")};
        QCOMPARE(Retention(st.rec, path("states.db"), o).runOnce(kNow).statesDeleted, 3);
        // With no state sink, age alone: every old state but the node's newest (and the young one).
        st.rec.submitState({st.ids.node, kNow - 35 * kDay, QStringLiteral("late"), QString()});
        QVERIFY(st.rec.flush().ok());
        QCOMPARE(Retention(st.rec, path("states.db"), options()).runOnce(kNow).statesDeleted, 3);
        QCOMPARE(st.scalar(QStringLiteral("SELECT COUNT(*) FROM node_states")), 1);
        QCOMPARE(st.scalar(QStringLiteral("SELECT COUNT(*) FROM node_states WHERE state = 'late'")), 0);
        // A node whose states are all old keeps its newest one.
        NodeSpec quiet{QStringLiteral("t:2"), QStringLiteral("t"), QStringLiteral("Quiet"), {}, {}};
        const NodeId node2 = st.rec.registerNode(quiet).value().node;
        st.rec.submitState({node2, kNow - 45 * kDay, QStringLiteral("ok"), QString()});
        st.rec.submitState({node2, kNow - 50 * kDay, QStringLiteral("late"), QString()});
        QVERIFY(st.rec.flush().ok());
        QCOMPARE(Retention(st.rec, path("states.db"), options()).runOnce(kNow).statesDeleted, 1);
        QCOMPARE(st.scalar(QStringLiteral("SELECT time_ms FROM node_states WHERE node_id = %1").arg(node2)),
                 kNow - 45 * kDay);
    }

    void lowDiskTakesForwardedReadingsFirst()
    {
        Station st(path("low.db"), 4);
        st.record(kNow - 3600'000, 30'000, ramp); // 120 000 young readings, a few MB
        const qint64 first = st.scalar(QStringLiteral("SELECT MIN(seq) FROM readings"));
        const qint64 cursor = first + 80'000 - 1;
        st.setCursor(QStringLiteral("push:a"), cursor);
        RetentionOptions o = options(2000);
        o.readingCursors = {QStringLiteral("push:a")};
        o.minFreeMb = 1;
        o.freeBytes = [](const QString&) { return qint64(0); }; // a full disk: only free pages count
        Retention r(st.rec, path("low.db"), o);
        const RetentionStatus s = r.runOnce(kNow);
        QVERIFY2(s.lastError.isEmpty(), qPrintable(s.lastError));
        QCOMPARE(s.agedDeleted, 0);
        QVERIFY(s.forcedForwarded > 0);
        QCOMPARE(s.forcedUnforwarded, 0);
        QVERIFY2(s.freeMb >= 1, qPrintable(QString::number(s.freeMb)));
        // Oldest first, and not one more chunk than needed.
        QCOMPARE(st.count(QStringLiteral("seq < %1").arg(first + s.forcedForwarded)), 0);
        QVERIFY(st.count(QStringLiteral("seq <= %1").arg(cursor)) > 0);
        QCOMPARE(st.count(QStringLiteral("seq > %1").arg(cursor)), 40'000);
    }

    void unforwardedReadingsGoOnlyAsTheLastResort()
    {
        Station st(path("last.db"), 4);
        st.record(kNow - 3600'000, 30'000, ramp);
        const qint64 first = st.scalar(QStringLiteral("SELECT MIN(seq) FROM readings"));
        const qint64 cursor = first + 4'000 - 1; // too few forwarded readings to make 1 MB of room
        st.setCursor(QStringLiteral("push:a"), cursor);
        RetentionOptions o = options(2000);
        o.readingCursors = {QStringLiteral("push:a")};
        o.minFreeMb = 1;
        o.freeBytes = [](const QString&) { return qint64(0); };
        Retention r(st.rec, path("last.db"), o);
        QTest::ignoreMessage(
            QtWarningMsg,
            QRegularExpression(
                QStringLiteral("deleted \\d+ readings no sink had forwarded \\(seq %1\\.\\.\\d+\\)")
                    .arg(cursor + 1)));
        const RetentionStatus s = r.runOnce(kNow);
        QVERIFY2(s.lastError.isEmpty(), qPrintable(s.lastError));
        QCOMPARE(s.forcedForwarded, 4'000);
        QVERIFY(s.forcedUnforwarded > 0);
        QCOMPARE(st.count(QStringLiteral("seq > %1").arg(cursor)), 116'000 - s.forcedUnforwarded);
        QCOMPARE(st.count(QStringLiteral("seq <= %1").arg(cursor + s.forcedUnforwarded)), 0); // oldest first
        QCOMPARE(r.status().totalForcedUnforwarded, s.forcedUnforwarded);
        QVERIFY(s.freeMb >= 1);

        // A disk filled by something else: the store cannot make the room, unforwarded stay.
        o.minFreeMb = 100'000;
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("something else fills it")));
        const qint64 before = st.count();
        QCOMPARE(Retention(st.rec, path("last.db"), o).runOnce(kNow).forcedUnforwarded, 0);
        QCOMPARE(st.count(), before);
    }

    void workerRunsAtStartAndStopsWithinTwoSeconds()
    {
        Station st(path("stop.db"), 4);
        st.record(kNow - 40 * kDay, 10'000, ramp); // 40 000 old readings
        RetentionOptions o = options(1);           // one row per transaction: a pass far longer than 2 s
        Retention r(st.rec, path("stop.db"), o);
        QSignalSpy spy(&r, &Retention::statusChanged);
        r.start();
        QTRY_VERIFY_WITH_TIMEOUT(st.count() < 39'900, test::timeoutMs(10'000));
        QElapsedTimer t;
        t.start();
        r.stop();
        QVERIFY2(t.elapsed() < test::timeoutMs(2000), qPrintable(QString::number(t.elapsed())));
        QVERIFY(st.count() > 0); // cut short
        QTRY_COMPARE(spy.count(), 1);
        const auto s = spy.at(0).at(0).value<RetentionStatus>();
        QVERIFY(s.cancelled);
        QCOMPARE(s.agedDeleted, 40'000 - st.count());
        r.stop(); // twice is harmless
    }

    void failuresAreReportedNotThrown()
    {
        Station st(path("err.db"));
        st.record(kNow - 40 * kDay, 10, ramp);
        st.rec.stop();
        Retention r(st.rec, path("err.db"), options());
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("retention:.*not running")));
        const RetentionStatus s = r.runOnce(kNow);
        QVERIFY2(s.lastError.contains(QStringLiteral("not running")), qPrintable(s.lastError));
        QCOMPARE(s.agedDeleted, 0);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("retention:.*no store there")));
        QVERIFY(!Retention(st.rec, path("missing.db"), options()).runOnce(kNow).lastError.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRetention)
#include "tst_retention.moc"
