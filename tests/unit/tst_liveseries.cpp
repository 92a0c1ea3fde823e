// LiveSeries: the ring keeps the newest points; decimation keeps every column's extremes in order.
#include "views/LiveSeries.h"

#include <QTest>

using namespace fs;

class TestLiveSeries : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ringKeepsTheNewest()
    {
        LiveSeries s(5);
        for (int i = 0; i < 12; ++i)
            s.append(i * 1000, i);
        QCOMPARE(s.size(), 5);
        QCOMPARE(s.firstTime(), qint64(7000));
        QCOMPARE(s.lastTime(), qint64(11000));
        QCOMPARE(s.maxValue(), 11.0);
        const QList<QPointF> all = s.decimated(100);
        QCOMPARE(all.size(), 5);
        QCOMPARE(all.first().y(), 7.0);
    }

    void decimationKeepsSpikesAndBound_data()
    {
        QTest::addColumn<int>("points");
        QTest::addColumn<int>("columns");
        QTest::newRow("3600 into 400") << 3600 << 400;
        QTest::newRow("3600 into 50") << 3600 << 50;
        QTest::newRow("801 into 400") << 801 << 400;
    }
    void decimationKeepsSpikesAndBound()
    {
        QFETCH(int, points);
        QFETCH(int, columns);
        LiveSeries s(points);
        for (int i = 0; i < points; ++i)
            s.append(i * 1000, (i == points / 3) ? 1000.0 : (i == points / 2 ? -500.0 : i % 7));
        const QList<QPointF> d = s.decimated(columns);
        QVERIFY(d.size() <= 2 * columns + 2);
        QVERIFY(d.size() >= columns);
        double hi = -1e9, lo = 1e9;
        for (int i = 0; i < d.size(); ++i) {
            hi = std::max(hi, d[i].y());
            lo = std::min(lo, d[i].y());
            if (i)
                QVERIFY(d[i].x() > d[i - 1].x());
        }
        QCOMPARE(hi, 1000.0);
        QCOMPARE(lo, -500.0);
        QCOMPARE(d.first().x(), 0.0);
        QCOMPARE(d.last().x(), double((points - 1) * 1000));
    }

    void emptySeries()
    {
        LiveSeries s;
        QVERIFY(s.decimated(10).isEmpty());
        QCOMPARE(s.maxValue(), 0.0);
    }
};

QTEST_APPLESS_MAIN(TestLiveSeries)
#include "tst_liveseries.moc"
