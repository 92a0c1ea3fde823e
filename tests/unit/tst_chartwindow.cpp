// ChartWindow: the zoom and pan maths behind pinch, wheel and buttons — the anchor's time stays
// put, spans are bounded, and a window that reaches the newest point follows it again.
#include "views/ChartWindow.h"

#include <QTest>
#include <cmath>

using namespace fs;

namespace {
constexpr qint64 kMin = 60'000;
constexpr qint64 kHour = 3600'000;
constexpr qint64 kNewest = 1'790'000'000'000;
} // namespace

class TestChartWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aRangeFollowsTheNewestPoint()
    {
        ChartWindow w;
        w.setRange(10 * kMin);
        QVERIFY(w.following());
        QVERIFY(!w.zoomed());
        QCOMPARE(w.end(kNewest), kNewest);
        QCOMPARE(w.start(kNewest), kNewest - 10 * kMin);
        QCOMPARE(w.start(kNewest + 5000), kNewest + 5000 - 10 * kMin);
    }

    void zoomKeepsTheAnchorsTime()
    {
        ChartWindow w;
        w.setRange(kHour);
        w.zoomBy(2.0, 0.5, kNewest); // the middle of the hour stays in the middle
        QCOMPARE(w.spanMs(), 30 * kMin);
        QVERIFY(!w.following());
        QCOMPARE(w.end(kNewest), kNewest - 15 * kMin);
        QCOMPARE(w.start(kNewest) + w.spanMs() / 2, kNewest - 30 * kMin);
        QVERIFY(w.zoomed());
        // Zooming out around the left edge keeps the left edge.
        const qint64 left = w.start(kNewest);
        w.zoomBy(0.75, 0.0, kNewest);
        QCOMPARE(w.start(kNewest), left);
        QCOMPARE(w.spanMs(), 40 * kMin);
    }

    void zoomAtTheRightEdgeKeepsFollowing()
    {
        ChartWindow w;
        w.setRange(kHour);
        w.zoomBy(4.0, 1.0, kNewest);
        QCOMPARE(w.spanMs(), 15 * kMin);
        QVERIFY(w.following());
        QCOMPARE(w.end(kNewest + 1000), kNewest + 1000);
    }

    void panMovesByTheSpanAndStopsAtNow()
    {
        ChartWindow w;
        w.setRange(kHour);
        w.panBy(-0.5, kNewest);
        QCOMPARE(w.end(kNewest), kNewest - 30 * kMin);
        QCOMPARE(w.end(kNewest + 10 * kMin), kNewest - 30 * kMin); // fixed: no longer follows
        w.panBy(0.25, kNewest);
        QCOMPARE(w.end(kNewest), kNewest - 15 * kMin);
        w.panBy(5.0, kNewest); // past now: live again, not into the future
        QVERIFY(w.following());
        QCOMPARE(w.end(kNewest), kNewest);
    }

    void spansAreBoundedAndNonsenseIgnored()
    {
        ChartWindow w;
        w.setRange(10 * kMin);
        w.zoomBy(1e6, 0.5, kNewest);
        QCOMPARE(w.spanMs(), ChartWindow::kMinSpanMs);
        w.zoomBy(1e-9, 0.5, kNewest);
        QCOMPARE(w.spanMs(), ChartWindow::kMaxSpanMs);
        const qint64 span = w.spanMs(), end = w.endMs();
        w.zoomBy(std::nan(""), 0.5, kNewest);
        w.zoomBy(0.0, 0.5, kNewest);
        w.zoomBy(-2.0, 0.5, kNewest);
        w.panBy(std::nan(""), kNewest);
        QCOMPARE(w.spanMs(), span);
        QCOMPARE(w.endMs(), end);
        w.reset();
        QCOMPARE(w.spanMs(), 10 * kMin);
        QVERIFY(w.following());
        QVERIFY(!w.zoomed());
    }
};

QTEST_GUILESS_MAIN(TestChartWindow)
#include "tst_chartwindow.moc"
