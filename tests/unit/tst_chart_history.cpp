// ChannelPlot over the HistoryReader: the chart's past back after a restart and after the live ring
// rolled past it, zoom read again at full resolution, and a hidden chart reading nothing.
#include "HistoryFixture.h"
#include "TestSupport.h"
#include "store/HistoryReader.h"
#include "store/Recorder.h"
#include "views/ChannelPlot.h"
#include "views/LiveStream.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using namespace fs;
using namespace fs::test;

class TestChartHistory : public HistoryFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { open(); }
    void cleanup() { m_rec.reset(); }

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

QTEST_GUILESS_MAIN(TestChartHistory)
#include "tst_chart_history.moc"
