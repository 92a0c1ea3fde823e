// LiveSeries and LiveStream: the ring keeps the newest points; decimation keeps every column's
// extremes in order; the stream sorts every source's samples into per-channel rings.
#include "sources/LiveTap.h"
#include "views/LiveSeries.h"
#include "views/LiveStream.h"
#include "views/StoreHealthView.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <limits>

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
        QVERIFY(s.hasDropped());
        QVERIFY(!LiveSeries(5).hasDropped());
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

    void sinceKeepsOnlyTheRecentPoints()
    {
        LiveSeries s(1000);
        for (int i = 0; i < 1000; ++i)
            s.append(i * 1000, i);
        const QList<QPointF> d = s.since(900 * 1000, 10);
        QVERIFY(d.size() <= 22);
        QCOMPARE(d.first().x(), 900000.0);
        QCOMPARE(d.last().x(), 999000.0);
        QCOMPARE(s.since(900 * 1000, 100).size(), 100); // few enough: every point
    }

    void streamSortsSamplesIntoChannelsOfSources()
    {
        LiveStream stream(100);
        QSignalSpy bySource(&stream, &LiveStream::sourceUpdated);
        const auto spec = [](const QString& source) {
            return NodeSpec{QStringLiteral("opcn3:") + source,
                            QStringLiteral("opcn3"),
                            source,
                            {{QStringLiteral("pm1"), QStringLiteral("pm1"), QString(), QString()},
                             {QStringLiteral("pm10"), QStringLiteral("pm10"), QString(), QString()}},
                            source};
        };
        stream.onNodeRegistered(spec(QStringLiteral("a")), {1, {11, 12}});
        stream.onNodeRegistered(spec(QStringLiteral("b")), {2, {21, 22}});
        QVERIFY(std::isnan(stream.latest(QStringLiteral("a"), QStringLiteral("pm1"))));
        QVERIFY(!stream.lastUpdate(QStringLiteral("a")).isValid());
        const int before = stream.revision();
        for (int i = 0; i < 150; ++i)
            stream.onSamples({{1000LL * i, 11, double(i)}, {1000LL * i, 12, 2.0 * i}, {1000LL * i, 99, -1}});
        QCOMPARE(stream.revision(), before + 150);
        QCOMPARE(bySource.size(), 150);
        QCOMPARE(bySource.last().at(0).toString(), QStringLiteral("a"));
        QCOMPARE(stream.latest(QStringLiteral("a"), QStringLiteral("pm1")), 149.0);
        QCOMPARE(stream.latest(QStringLiteral("a"), QStringLiteral("pm10")), 298.0);
        QCOMPARE(stream.series(QStringLiteral("a"), QStringLiteral("pm1"))->size(), 100); // the ring's bound
        QVERIFY(std::isnan(stream.latest(QStringLiteral("b"), QStringLiteral("pm1"))));
        QCOMPARE(stream.lastUpdate(QStringLiteral("a")).toMSecsSinceEpoch(), qint64(149000));
        stream.onSamples({{5000, 22, 7.5}});
        QCOMPARE(bySource.last().at(0).toString(), QStringLiteral("b"));
        QCOMPARE(stream.latestValues(QStringLiteral("b"), {QStringLiteral("pm1"), QStringLiteral("pm10")}),
                 (QList<qreal>{0.0, 7.5}));
        // Samples of a channel never registered change nothing and wake no chart.
        const int r = stream.revision();
        stream.onSamples({{6000, 99, 1.0}});
        QCOMPARE(stream.revision(), r);
    }

    void aNetworkKeepsOneRingPerNodeAndASwapKeepsTheSourcesRing()
    {
        LiveStream stream(100);
        const auto spec = [](const char* node) {
            return NodeSpec{QLatin1String(node),
                            QStringLiteral("isems"),
                            QLatin1String(node),
                            {{QStringLiteral("batteryVoltage"), QStringLiteral("BAT"),
                              QStringLiteral("Battery"), QStringLiteral("V")}},
                            QStringLiteral("net")};
        };
        const QString net = QStringLiteral("net");
        const QString v = QStringLiteral("batteryVoltage");
        stream.onNodeRegistered(spec("isems:a"), {1, {11}});
        stream.onSamples({{1000, 11, 12.5}});
        // A second node of the same source: its own ring; the first node keeps what it had.
        stream.onNodeRegistered(spec("isems:b"), {2, {21}});
        stream.onSamples({{2000, 21, 13.75}, {3000, 11, 12.25}});
        QCOMPARE(stream.latestOfNode(net, QStringLiteral("isems:a"), v), 12.25);
        QCOMPARE(stream.series(net, v, QStringLiteral("isems:a"))->size(), 2);
        QCOMPARE(stream.latestOfNode(net, QStringLiteral("isems:b"), v), 13.75);
        QCOMPARE(stream.series(net, v, QStringLiteral("isems:b"))->size(), 1);
        // The source-wide ring goes on across nodes, as for an OPC-N3 swapped for another.
        QCOMPARE(stream.series(net, v)->size(), 3);
        QCOMPARE(stream.latest(net, v), 12.25);
        const QVariantList nodes = stream.nodes(net);
        QCOMPARE(nodes.size(), 2);
        QCOMPARE(nodes[1].toMap().value(QStringLiteral("key")).toString(), QStringLiteral("isems:b"));
        QCOMPARE(nodes[1].toMap().value(QStringLiteral("lastUpdate")).toDateTime().toMSecsSinceEpoch(), 2000);
        const QVariantList channels = nodes[0].toMap().value(QStringLiteral("channels")).toList();
        QCOMPARE(channels.size(), 1);
        QCOMPARE(channels[0].toMap().value(QStringLiteral("unit")).toString(), QStringLiteral("V"));
        QVERIFY(stream.nodes(QStringLiteral("other")).isEmpty());
    }

    void aBatchNewestFirstIsDrawnInTimeOrder()
    {
        // An eGauge catch-up hands its rates newest first; the ring must still run forward in time.
        LiveStream stream(100);
        const NodeSpec spec{
            QStringLiteral("egauge:m:Grid"),
            QStringLiteral("egauge"),
            QStringLiteral("m Grid"),
            {{QStringLiteral("Grid"), QStringLiteral("POW"), QStringLiteral("Power"), QStringLiteral("W")}},
            QStringLiteral("m")};
        stream.onNodeRegistered(spec, {1, {7}});
        stream.onSamples({{3000, 7, 3.0}, {2000, 7, 2.0}, {1000, 7, 1.0}});
        const LiveSeries* s = stream.series(QStringLiteral("m"), QStringLiteral("Grid"));
        QVERIFY(s);
        QCOMPARE(s->size(), 3);
        QCOMPARE(s->firstTime(), 1000);
        QCOMPARE(s->lastTime(), 3000);
        QCOMPARE(stream.latest(QStringLiteral("m"), QStringLiteral("Grid")), 3.0);
        // A late sample older than the newest drawn stays in the store, not as a line back in time.
        stream.onSamples({{2500, 7, 9.0}, {4000, 7, 4.0}});
        QCOMPARE(s->size(), 4);
        QCOMPARE(s->lastTime(), 4000);
        const QList<QPointF> points = s->decimated(100);
        for (qsizetype i = 1; i < points.size(); ++i)
            QVERIFY(points[i].x() >= points[i - 1].x());
    }

    void storeHealthNamesTheChannelsThatRefused()
    {
        // The screen says which channel of which source sends NaN, not only how many were refused.
        QTemporaryDir dir;
        Recorder rec(dir.filePath(QStringLiteral("health.db")));
        QVERIFY(rec.start().ok());
        LiveTap tap;
        tap.setNext(&rec);
        StoreHealthView view;
        view.nameChannelsFrom(&tap);
        view.attach(&rec);
        NodeSpec spec{
            QStringLiteral("opcn3:1"),
            QStringLiteral("opcn3"),
            QStringLiteral("OPC-N3"),
            {{QStringLiteral("pm1"), QStringLiteral("pm1"), QStringLiteral("PM1"), QStringLiteral("µg/m³")},
             {QStringLiteral("pm10"), QStringLiteral("pm10"), QStringLiteral("PM10"),
              QStringLiteral("µg/m³")}},
            QStringLiteral("opc-roof")};
        const auto ids = tap.registerNode(spec);
        QVERIFY2(ids.ok(), qPrintable(ids.error()));
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        const QList<Sample> samples = {{1000, ids->channels[0], nan},
                                       {1000, ids->channels[1], 2.0},
                                       {2000, ids->channels[0], inf},
                                       {2000, ids->channels[1], -inf},
                                       {3000, ids->channels[0], nan}};
        tap.submit(std::span<const Sample>(samples.constData(), size_t(samples.size())));
        QTRY_COMPARE_WITH_TIMEOUT(view.refusedNonFinite(), 4.0, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(view.refusedChannels(), QStringLiteral("opc-roof pm1: 3\nopc-roof pm10: 1"),
                                  10000);
        QVERIFY(!view.ok());
        rec.stop();
    }
};

QTEST_GUILESS_MAIN(TestLiveSeries)
#include "tst_liveseries.moc"
