// Min/max decimation against a series whose envelope is known: a sine with one period per column
// and two spikes gives each column's +1/-1 (or its spike) in time order, the first and last point,
// and never more than two points a column — in MinMaxColumns, LiveSeries and HistoryReader alike.
#include "model/MinMaxColumns.h"
#include "views/LiveSeries.h"

#include <QTest>
#include <cmath>
#include <map>

using namespace fs;

namespace {

constexpr int kColumns = 10;
constexpr int kPoints = 1000; // 100 a column: one sine period each

double sample(int x)
{
    if (x == 333)
        return 50.0; // a spike up in column 3, before that column's minimum
    if (x == 777)
        return -40.0; // a spike down in column 7, after that column's maximum
    return std::sin(2 * M_PI * x / 100.0);
}

/// The envelope by hand: per column its maximum at x = 25 and minimum at x = 75 of the period.
QList<QPointF> knownEnvelope()
{
    QList<QPointF> want{{0, sample(0)}};
    for (int c = 0; c < kColumns; ++c) {
        const int base = c * 100;
        if (c == 3)
            want << QPointF(333, 50.0) << QPointF(base + 75, -1.0);
        else if (c == 7)
            want << QPointF(base + 25, 1.0) << QPointF(777, -40.0);
        else
            want << QPointF(base + 25, 1.0) << QPointF(base + 75, -1.0);
    }
    want << QPointF(kPoints - 1, sample(kPoints - 1));
    return want;
}

void compareExactly(const QList<QPointF>& got, const QList<QPointF>& want)
{
    QCOMPARE(got.size(), want.size());
    for (qsizetype i = 0; i < got.size(); ++i) {
        QCOMPARE(got[i].x(), want[i].x());
        // sin at a quarter period is 1 to the last bit only within rounding of 2π·x/100
        QVERIFY2(std::abs(got[i].y() - want[i].y()) < 1e-12,
                 qPrintable(QStringLiteral("point %1: %2 vs %3").arg(i).arg(got[i].y()).arg(want[i].y())));
    }
}

/// Points per column of [from, to]; the first and last point are extra.
int mostInAColumn(const QList<QPointF>& pts, double from, double to, int columns)
{
    std::map<int, int> per;
    for (qsizetype i = 1; i + 1 < pts.size(); ++i)
        ++per[std::clamp(int((pts[i].x() - from) * columns / (to - from)), 0, columns - 1)];
    int most = 0;
    for (const auto& [c, n] : per)
        most = std::max(most, n);
    return most;
}

} // namespace

class TestDecimation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void minMaxColumnsGivesTheKnownEnvelope()
    {
        MinMaxColumns d(0, kPoints, kColumns);
        for (int x = 0; x < kPoints; ++x)
            d.add(x, sample(x));
        compareExactly(d.points(), knownEnvelope());
    }

    void liveSeriesGivesTheSameEnvelope()
    {
        LiveSeries s(kPoints);
        for (int x = 0; x < kPoints; ++x)
            s.append(x, sample(x));
        // The ring spans 0..999: column edges fall just below each hundred, still one period each.
        compareExactly(s.decimated(kColumns), knownEnvelope());
        // Few points: every one, untouched.
        QCOMPARE(s.between(100, 119, kColumns).size(), 20);
    }

    void neverMoreThanTwoAColumnAndSpikesSurvive_data()
    {
        QTest::addColumn<int>("points");
        QTest::addColumn<int>("columns");
        QTest::newRow("604800 into 700") << 604'800 << 700;
        QTest::newRow("3600 into 800") << 3600 << 800;
        QTest::newRow("5000 into 3") << 5000 << 3;
    }

    void neverMoreThanTwoAColumnAndSpikesSurvive()
    {
        QFETCH(int, points);
        QFETCH(int, columns);
        MinMaxColumns d(0, points - 1, columns);
        LiveSeries ring(points);
        quint32 noise = 12345;
        for (int x = 0; x < points; ++x) {
            noise = noise * 1664525u + 1013904223u; // a fixed pseudo-random wiggle
            const double y = x == points / 2   ? 1e6
                             : x == points / 3 ? -1e6
                                               : std::sin(x * 0.01) + (noise >> 24) / 1e3;
            d.add(x, y);
            ring.append(x, y);
        }
        for (const QList<QPointF>& p : {d.points(), ring.decimated(columns)}) {
            QVERIFY(p.size() <= 2 * columns + 2);
            QVERIFY(mostInAColumn(p, 0, points - 1, columns) <= 2);
            QCOMPARE(p.first().x(), 0.0);
            QCOMPARE(p.last().x(), double(points - 1));
            QVERIFY(std::any_of(p.begin(), p.end(), [](const QPointF& q) { return q.y() == 1e6; }));
            QVERIFY(std::any_of(p.begin(), p.end(), [](const QPointF& q) { return q.y() == -1e6; }));
            for (qsizetype i = 1; i < p.size(); ++i)
                QVERIFY(p[i].x() > p[i - 1].x()); // time order, no duplicates
        }
    }
};

QTEST_GUILESS_MAIN(TestDecimation)
#include "tst_decimation.moc"
