// HistoryReader and ChannelPlot: a channel's time range from the store, min/max-decimated, read in
// a worker thread, per-minute aggregates for long spans, and the chart's past back after a restart.
#include "TestSupport.h"
#include "store/HistoryReader.h"
#include "store/MinuteAggregates.h"
#include "store/Recorder.h"
#include "store/Store.h"
#include "views/ChannelPlot.h"
#include "views/LiveStream.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace fs;

namespace {

/// Commits every 50 ms, so that tests see their samples soon.
RecorderOptions fastFlush()
{
    RecorderOptions o;
    o.flushIntervalMs = 50;
    return o;
}

const qint64 t0 = 1'790'000'000'000;

/// A store with one pm1 channel for each of two sources; returns the channel of `source`.
ChannelId addNode(Recorder& rec, const QString& source)
{
    const NodeSpec spec{
        QStringLiteral("opcn3:") + source,
        QStringLiteral("opcn3"),
        source,
        {{QStringLiteral("pm1"), QStringLiteral("pm1"), QStringLiteral("PM1"), QStringLiteral("µg/m³")}},
        source};
    auto ids = rec.registerNode(spec);
    if (!ids)
        qFatal("%s", qPrintable(ids.error()));
    return ids->channels.first();
}

/// `n` readings a second apart from `start`: a gentle wave, one spike up and one down.
void record(Recorder& rec, ChannelId ch, qint64 start, int n, double offset = 0)
{
    std::vector<Sample> s;
    for (int i = 0; i < n; ++i) {
        const double v = i == n / 3 ? 1000.0 : i == n / 2 ? -500.0 : offset + i % 7;
        s.push_back({start + i * 1000LL, ch, v});
    }
    rec.submit(std::span<const Sample>(s));
    if (!rec.flush().ok())
        qFatal("flush failed");
}

/// Tells the stream about source opc-a's node, as the Recorder does at its registration.
void showNode(LiveStream& stream, ChannelId pm1)
{
    stream.onNodeRegistered({QStringLiteral("opcn3:opc-a"),
                             QStringLiteral("opcn3"),
                             QString(),
                             {{QStringLiteral("pm1"), QStringLiteral("pm1"), QString(), QString()}},
                             QStringLiteral("opc-a")},
                            {1, {pm1}});
}

Result<QList<QPointF>> readNow(const QString& path, const HistoryRequest& r)
{
    auto store = Store::open(path, Store::Mode::ReadOnly);
    if (!store)
        return Error{store.error()};
    return HistoryReader::read(*store.value(), r);
}

} // namespace

class TestHistory : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<Recorder> m_rec;
    ChannelId m_a = 0, m_b = 0;

private Q_SLOTS:
    void init()
    {
        m_path = m_dir.filePath(QStringLiteral("h%1.db").arg(QDateTime::currentMSecsSinceEpoch()));
        m_rec = std::make_unique<Recorder>(m_path, fastFlush());
        QVERIFY(m_rec->start().ok());
        m_a = addNode(*m_rec, QStringLiteral("opc-a"));
        m_b = addNode(*m_rec, QStringLiteral("opc-b"));
    }
    void cleanup() { m_rec.reset(); }

    void decimatesToTheColumnsAskedForAndKeepsSpikes_data()
    {
        QTest::addColumn<int>("columns");
        QTest::newRow("100") << 100;
        QTest::newRow("800") << 800;
    }
    void decimatesToTheColumnsAskedForAndKeepsSpikes()
    {
        QFETCH(int, columns);
        record(*m_rec, m_a, t0, 20000);
        record(*m_rec, m_b, t0, 20000, 50); // another source's channel of the same key
        const auto p = readNow(
            m_path, {QStringLiteral("opc-a"), QStringLiteral("pm1"), t0, t0 + 20000 * 1000LL, columns});
        QVERIFY2(p.ok(), qPrintable(p.error()));
        QVERIFY2(p->size() <= 2 * columns + 2, qPrintable(QString::number(p->size())));
        QVERIFY(p->size() >= columns);
        double lo = 1e9, hi = -1e9;
        for (int i = 0; i < p->size(); ++i) {
            lo = std::min(lo, p->at(i).y());
            hi = std::max(hi, p->at(i).y());
            QVERIFY(p->at(i).y() < 50 || p->at(i).y() == 1000.0); // nothing of opc-b
            if (i)
                QVERIFY(p->at(i).x() > p->at(i - 1).x());
        }
        QCOMPARE(hi, 1000.0);
        QCOMPARE(lo, -500.0);
        QCOMPARE(qint64(p->first().x()), t0);
        QCOMPARE(qint64(p->last().x()), t0 + 19999 * 1000LL);
    }

    void readsOnlyTheTimeRange()
    {
        record(*m_rec, m_a, t0, 5000);
        const qint64 from = t0 + 1000 * 1000LL, to = t0 + 2000 * 1000LL;
        const auto p = readNow(m_path, {QStringLiteral("opc-a"), QStringLiteral("pm1"), from, to, 2000});
        QVERIFY2(p.ok(), qPrintable(p.error()));
        QCOMPARE(p->size(), 1001); // every reading: fewer than two a column
        QCOMPARE(qint64(p->first().x()), from);
        QCOMPARE(qint64(p->last().x()), to);
        const auto none = readNow(m_path, {QStringLiteral("opc-zz"), QStringLiteral("pm1"), from, to, 100});
        QVERIFY(none.ok());
        QVERIFY(none->isEmpty());
    }

    void aNodeOfANetworkIsReadAlone()
    {
        // Two nodes of one source with the same channel key (ISEMS): without a node both count, with
        // one only its readings come back.
        const NodeSpec second{
            QStringLiteral("opcn3:opc-a-2"),
            QStringLiteral("opcn3"),
            QStringLiteral("second"),
            {{QStringLiteral("pm1"), QStringLiteral("pm1"), QStringLiteral("PM1"), QStringLiteral("µg/m³")}},
            QStringLiteral("opc-a")};
        const ChannelId other = m_rec->registerNode(second)->channels.first();
        record(*m_rec, m_a, t0, 10);
        record(*m_rec, other, t0 + 500, 10, 100);
        HistoryRequest r{QStringLiteral("opc-a"), QStringLiteral("pm1"), t0, t0 + 20000, 400};
        QCOMPARE(readNow(m_path, r)->size(), 20);
        r.nodeKey = QStringLiteral("opcn3:opc-a-2");
        const auto p = readNow(m_path, r);
        QVERIFY2(p.ok(), qPrintable(p.error()));
        QCOMPARE(p->size(), 10);
        QCOMPARE(qint64(p->first().x()), t0 + 500);
        r.nodeKey = QStringLiteral("opcn3:opc-a");
        QCOMPARE(readNow(m_path, r)->first().x(), double(t0));
        QCOMPARE(readNow(m_path, r)->size(), 10);
    }

    void longSpansUseMinuteAggregatesWhereTheyExist()
    {
        // Ten hours ago to now: the first eight hours only as minutes (raw readings deleted by
        // retention), the last two as raw readings.
        const qint64 end = t0 + 10 * 3600 * 1000LL;
        const qint64 rawFrom = end - 2 * 3600 * 1000LL;
        record(*m_rec, m_a, rawFrom, 7200);
        const auto request = HistoryRequest{QStringLiteral("opc-a"), QStringLiteral("pm1"), t0, end, 300};
        auto before = readNow(m_path, request);
        QVERIFY(before.ok());
        QCOMPARE(qint64(before->first().x()), rawFrom); // no table yet: raw rows only
        QVERIFY(m_rec
                    ->run([&](Store& s) {
                        QSqlQuery q(s.db());
                        if (!q.exec(QStringLiteral(
                                "CREATE TABLE IF NOT EXISTS minute_aggregates (channel_id INTEGER, "
                                "minute_ms INTEGER, n INTEGER, min REAL, mean REAL, max REAL)")))
                            return Status(Error{QStringLiteral("create")});
                        q.prepare(QStringLiteral("INSERT INTO minute_aggregates VALUES (?, ?, 60, ?, 5, ?)"));
                        for (qint64 m = t0; m < rawFrom; m += 60000) {
                            q.addBindValue(m_a);
                            q.addBindValue(m);
                            q.addBindValue(m == t0 + 3600000 ? -77.0 : 1.0);
                            q.addBindValue(m == t0 + 7200000 ? 777.0 : 9.0);
                            if (!q.exec())
                                return Status(Error{QStringLiteral("insert")});
                        }
                        return Status();
                    })
                    .ok());
        const auto p = readNow(m_path, request);
        QVERIFY2(p.ok(), qPrintable(p.error()));
        QVERIFY(p->size() <= 2 * 300 + 2);
        QCOMPARE(qint64(p->first().x()), t0);
        double lo = 1e9, hi = -1e9;
        for (const QPointF& pt : *p) {
            lo = std::min(lo, pt.y());
            hi = std::max(hi, pt.y());
        }
        QCOMPARE(lo, -500.0); // the raw spikes after the minutes
        QCOMPARE(hi, 1000.0);
        // and a minute's min and max survive decimation
        QVERIFY(std::any_of(p->begin(), p->end(), [](const QPointF& pt) { return pt.y() == -77.0; }));
        QVERIFY(std::any_of(p->begin(), p->end(), [](const QPointF& pt) { return pt.y() == 777.0; }));
        QVERIFY(std::all_of(p->begin(), p->end(), [&](const QPointF& pt) {
            return pt.x() < double(rawFrom) || pt.y() < 9 || pt.y() == 1000.0; // no minute over raw rows
        }));
        // A short span reads raw rows only, even with the table there.
        const auto shortSpan =
            readNow(m_path, {QStringLiteral("opc-a"), QStringLiteral("pm1"), t0, t0 + 3600 * 1000LL, 300});
        QVERIFY(shortSpan.ok());
        QVERIFY(shortSpan->isEmpty());
    }

    void aWeekReadsTheContinuouslyFoldedMinutes()
    {
        // Three hours of raw readings, folded as the station does every minute while they stay:
        // a 7-day span reads the minutes (one marked minute proves it) and still shows the spikes;
        // a 1-hour span reads the raw rows, and the open minutes after the fold come raw too.
        const qint64 end = t0 + 3 * 3600 * 1000LL;
        record(*m_rec, m_a, t0, 3 * 3600);
        const auto fold = m_rec->run([&](Store& s) {
            // From a fresh cut, not the migration's wall-clock minute.
            QSqlQuery q(s.db());
            if (!q.exec(QStringLiteral("UPDATE minute_folds SET folded_seq = 0, folded_to_ms = 0")))
                return Status(Error{q.lastError().text()});
            for (int i = 0; i < 100; ++i) {
                const auto more = MinuteAggregates::foldClosed(s.db(), end - 10 * 60'000);
                if (!more)
                    return Status(Error{more.error()});
                if (!more.value())
                    return Status();
            }
            return Status(Error{QStringLiteral("no end")});
        });
        QVERIFY2(fold.ok(), qPrintable(fold.error()));
        const qint64 marked = MinuteAggregates::minuteOf(t0 + 1800'000); // no spike in it
        QVERIFY(m_rec
                    ->run([&](Store& s) {
                        QSqlQuery q(s.db());
                        q.prepare(QStringLiteral("UPDATE chart_minutes SET max = 4242 WHERE minute_ms = ?"));
                        q.addBindValue(marked);
                        return q.exec() && q.numRowsAffected() == 1 ? Status()
                                                                    : Status(Error{QStringLiteral("mark")});
                    })
                    .ok());
        const auto week = readNow(
            m_path, {QStringLiteral("opc-a"), QStringLiteral("pm1"), end - 7 * 24 * 3600'000LL, end, 700});
        QVERIFY2(week.ok(), qPrintable(week.error()));
        QVERIFY(week->size() <= 2 * 700 + 2);
        const auto has = [](const QList<QPointF>& p, double v) {
            return std::any_of(p.begin(), p.end(), [v](const QPointF& pt) { return pt.y() == v; });
        };
        QVERIFY(has(week.value(), 4242.0));
        QVERIFY(has(week.value(), 1000.0));
        QVERIFY(has(week.value(), -500.0));
        QCOMPARE(qint64(week->last().x()), end - 1000); // the unfolded last minutes, raw
        const auto hour = readNow(m_path, {QStringLiteral("opc-a"), QStringLiteral("pm1"), marked - 1800'000,
                                           marked + 1800'000, 700});
        QVERIFY(hour.ok());
        QVERIFY(!hour->isEmpty());
        QVERIFY(!has(hour.value(), 4242.0));
    }

    void readsInItsOwnThread()
    {
        record(*m_rec, m_a, t0, 100);
        HistoryReader reader(m_path);
        QThread* ranIn = nullptr;
        QList<QPointF> got;
        quint64 gotTicket = 0;
        connect(
            &reader, &HistoryReader::loaded, this,
            [&](quint64 ticket, const HistoryRequest&, const QList<QPointF>& p, const QString& error) {
                QVERIFY2(error.isEmpty(), qPrintable(error));
                ranIn = QThread::currentThread();
                got = p;
                gotTicket = ticket;
            },
            Qt::DirectConnection);
        const quint64 ticket =
            reader.request({QStringLiteral("opc-a"), QStringLiteral("pm1"), t0, t0 + 100 * 1000LL, 400});
        QTRY_VERIFY_WITH_TIMEOUT(gotTicket == ticket, test::timeoutMs(5000));
        QVERIFY(ranIn && ranIn != QThread::currentThread());
        QCOMPARE(got.size(), 100);
    }

    void aChartShowsThePastAgainAfterARestart()
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        record(*m_rec, m_a, now - 30 * 60000LL, 1200); // the half hour before the restart
        m_rec->stop();
        // After the restart: a new stream, empty, and a new reader on the same store.
        HistoryReader reader(m_path);
        LiveStream stream(600);
        stream.setHistory(&reader);
        ChannelPlot plot;
        plot.setStream(&stream);
        plot.setSource(QStringLiteral("opc-a"));
        plot.setChannels({QStringLiteral("pm1")});
        QSignalSpy updated(&plot, &ChannelPlot::updated);
        QTRY_VERIFY_WITH_TIMEOUT(plot.hasHistory(), test::timeoutMs(5000));
        const QList<QPointF> p = plot.points(0);
        QVERIFY(p.size() > 100);
        QVERIFY(p.size() <= 2 * plot.columns() + 2);
        QCOMPARE(qint64(p.first().x()), now - 30 * 60000LL);
        QVERIFY(std::any_of(p.begin(), p.end(), [](const QPointF& pt) { return pt.y() == 1000.0; }));
        QVERIFY(plot.timeMin().toMSecsSinceEpoch() <= now - 30 * 60000LL);
        // Live samples continue the line after the history.
        showNode(stream, m_a);
        stream.onSamples({{now + 1000, m_a, 42.0}});
        QVERIFY(updated.size() >= 1);
        QCOMPARE(plot.points(0).last(), QPointF(double(now + 1000), 42.0));
        QCOMPARE(stream.latest(QStringLiteral("opc-a"), QStringLiteral("pm1")), 42.0);
    }

    void aChartLoadsAgainWhenTheRingHasRolledPastItsHistory()
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        record(*m_rec, m_a, now - 10 * 60000LL, 600);
        HistoryReader reader(m_path);
        QSignalSpy loads(&reader, &HistoryReader::loaded);
        LiveStream stream(10); // a ring of ten points
        stream.setHistory(&reader);
        ChannelPlot plot;
        plot.setStream(&stream);
        plot.setSource(QStringLiteral("opc-a"));
        plot.setChannels({QStringLiteral("pm1")});
        QTRY_COMPARE_WITH_TIMEOUT(loads.size(), 1, test::timeoutMs(5000));
        showNode(stream, m_a);
        // Ten samples fit the ring: its oldest is older than the load, nothing is read again.
        const qint64 later = now + 60000; // surely after the load
        for (int i = 0; i < 10; ++i)
            stream.onSamples({{later + i * 1000LL, m_a, 1.0}});
        QTest::qWait(100); // a wrong second load would arrive in this time; none must
        QCOMPARE(loads.size(), 1);
        // The eleventh pushes out the last point from before the load: the store has it, load again.
        stream.onSamples({{later + 10000, m_a, 1.0}});
        QTRY_COMPARE_WITH_TIMEOUT(loads.size(), 2, test::timeoutMs(5000));
        // Once, not on every sample after.
        for (int i = 11; i < 20; ++i)
            stream.onSamples({{later + i * 1000LL, m_a, 1.0}});
        QTest::qWait(100);
        QCOMPARE(loads.size(), 2);
    }

    void zoomReadsTheWindowAgainAtFullResolution()
    {
        // An hour at 1 Hz into 100 columns is decimated; zoomed to its last two minutes the chart
        // reads the store again and shows every reading there, not the decimated points enlarged.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        record(*m_rec, m_a, now - 3600'000, 3600);
        HistoryReader reader(m_path);
        LiveStream stream(600);
        stream.setHistory(&reader);
        ChannelPlot plot;
        plot.setColumns(100);
        plot.setStream(&stream);
        plot.setSource(QStringLiteral("opc-a"));
        plot.setChannels({QStringLiteral("pm1")});
        QTRY_VERIFY_WITH_TIMEOUT(plot.hasHistory() && !plot.loading(), test::timeoutMs(5000));
        QVERIFY(plot.points(0).size() <= 2 * 100 + 2);
        QVERIFY(plot.lastLoadMs() >= 0);
        plot.zoomBy(30.0, 1.0); // the right edge stays: the last two minutes, still live
        QCOMPARE(plot.viewSpanMs(), 120'000.0);
        QCOMPARE(plot.viewEndMs(), 0.0);
        QVERIFY(plot.zoomed());
        QTRY_VERIFY_WITH_TIMEOUT(plot.points(0).size() >= 115, test::timeoutMs(5000));
        QVERIFY(!plot.loading());
        const QList<QPointF> p = plot.points(0);
        for (qsizetype i = 1; i < p.size(); ++i)
            QCOMPARE(p[i].x() - p[i - 1].x(), 1000.0); // every reading, a second apart
        QCOMPARE(plot.timeMax().toMSecsSinceEpoch() - plot.timeMin().toMSecsSinceEpoch(), 120'000);
        // Panned back half an hour: a fixed window, read again.
        plot.panBy(-15.0);
        QVERIFY(plot.viewEndMs() > 0);
        QTRY_VERIFY_WITH_TIMEOUT(!plot.loading() && plot.points(0).size() >= 115 &&
                                     plot.points(0).last().x() < double(now - 25 * 60'000),
                                 test::timeoutMs(5000));
        plot.resetZoom();
        QVERIFY(!plot.zoomed());
        QCOMPARE(plot.viewSpanMs(), 3600'000.0);
    }

    void aHiddenChartReadsNothing()
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        record(*m_rec, m_a, now - 600'000, 600);
        HistoryReader reader(m_path);
        QSignalSpy loads(&reader, &HistoryReader::loaded);
        LiveStream stream(600);
        stream.setHistory(&reader);
        ChannelPlot plot;
        plot.setActive(false);
        plot.setStream(&stream);
        plot.setSource(QStringLiteral("opc-a"));
        plot.setChannels({QStringLiteral("pm1")});
        plot.setSpanMinutes(10080);
        QSignalSpy updated(&plot, &ChannelPlot::updated);
        showNode(stream, m_a);
        stream.onSamples({{now + 1000, m_a, 3.0}});
        QVERIFY(!plot.loading());
        // Shown: one read, then live refills.
        plot.setActive(true);
        QVERIFY(plot.loading());
        QTRY_COMPARE_WITH_TIMEOUT(loads.size(), 1, test::timeoutMs(5000));
        QTRY_VERIFY(!plot.loading());
        QCOMPARE(updated.size() > 0, true);
        QCOMPARE(loads.size(), 1); // nothing was read while hidden
        // A load cancelled before its turn is never answered: a plot gone mid-switch leaves none.
        // Reads queued first keep the reader busy while the plot is made and deleted: enough for half
        // a second (fifty took under 10 ms), so a busy CI pausing this thread between the plot's
        // request and its cancel cannot let the reader get there first.
        constexpr int kQueued = 4000;
        QList<quint64> answered;
        connect(&reader, &HistoryReader::loaded, this, [&](quint64 t) { answered.append(t); });
        quint64 last = 0;
        for (int i = 0; i < kQueued; ++i)
            last = reader.request({QStringLiteral("opc-a"), QStringLiteral("pm1"), now - 600'000, now, 100});
        {
            ChannelPlot gone;
            gone.setStream(&stream);
            gone.setSource(QStringLiteral("opc-a"));
            gone.setChannels({QStringLiteral("pm1")});
            QVERIFY(gone.loading());
        } // deleted: cancels its load
        const quint64 b =
            reader.request({QStringLiteral("opc-a"), QStringLiteral("pm1"), now - 600'000, now, 100});
        QTRY_VERIFY_WITH_TIMEOUT(answered.contains(b), test::timeoutMs(10000));
        QCOMPARE(answered.size(), kQueued + 1); // the queued ones and b
        QVERIFY(std::none_of(answered.begin(), answered.end(), [&](quint64 t) { return t > last && t < b; }));
    }
};

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"
