// bench_chart_range: how long a chart takes to switch to 7 days over a week of 1 Hz readings of six
// channels (3 OPC-N3 PM, 3 eGauge), beside the 1-hour switch measured in the same run. The real
// HistoryReader, ChannelPlot and PmChart in an offscreen QQuickView: from setting the range to the
// series filled and the next frame rendered. `--fill DIR` only writes such a store (the demo's
// source and node ids) into DIR for `fieldstation --demo --data-dir DIR` (run-dashboard-bench.sh):
// the week ends where the demo's own readings begin, and the sinks' cursors move past it.
#include "BenchSupport.h"
#include "Station.h"
#include "store/HistoryReader.h"
#include "store/MinuteAggregates.h"
#include "store/Store.h"
#include "views/ChannelPlot.h"
#include "views/LiveStream.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QQmlEngine>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickView>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sqlite3.h>

Q_IMPORT_QML_PLUGIN(FieldStationPlugin)
Q_IMPORT_QML_PLUGIN(FieldStation_ViewsPlugin)

using namespace fs;

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

/// The demo's OPC-N3 node and three of its eGauge registers, as `fieldstation --demo` names them.
QList<NodeSpec> demoNodes()
{
    const QString ug = QStringLiteral("µg/m³");
    QList<NodeSpec> nodes{{QStringLiteral("opcn3:942201220"),
                           QStringLiteral("opcn3"),
                           QStringLiteral("OPC-N3"),
                           {{QStringLiteral("pm1"), QStringLiteral("pm1"), QStringLiteral("PM1"), ug},
                            {QStringLiteral("pm2_5"), QStringLiteral("pm2_5"), QStringLiteral("PM2.5"), ug},
                            {QStringLiteral("pm10"), QStringLiteral("pm10"), QStringLiteral("PM10"), ug}},
                           QStringLiteral("opcn3")}};
    const QList<std::pair<QString, QString>> registers{
        {QStringLiteral("L1_Voltage"), QStringLiteral("voltage")},
        {QStringLiteral("CT1_Power"), QStringLiteral("POW")},
        {QStringLiteral("Grid"), QStringLiteral("POW")}};
    for (const auto& [name, type] : registers)
        nodes.append({QStringLiteral("egauge:egauge:") + name,
                      QStringLiteral("egauge"),
                      QStringLiteral("eGauge ") + name,
                      {{name, type, name,
                        type == QLatin1String("voltage") ? QStringLiteral("V") : QStringLiteral("W")}},
                      QStringLiteral("egauge")});
    return nodes;
}

/// The earliest reading already in the store (the demo ran there once), else 0.
qint64 firstReadingMs(Store& store)
{
    QSqlQuery q(store.db());
    return q.exec(QStringLiteral("SELECT MIN(time_ms) FROM readings")) && q.next() ? q.value(0).toLongLong()
                                                                                   : 0;
}

/// `days` × 86 400 readings on each channel up to the store's first reading (else `nowMs`), one
/// transaction a day, then the minute fold the station runs every minute (here all at once). The
/// sinks' cursors move past the week: a station that was online had forwarded it already, and the
/// dashboard bench measures the screen, not a week of backlog being batched. Returns false with a
/// message on stderr.
bool fill(const QString& path, int days, qint64 nowMs)
{
    auto opened = Store::open(path);
    if (!opened) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(path), qPrintable(opened.error()));
        return false;
    }
    Store& store = *opened.value();
    qint64 endMs = firstReadingMs(store);
    endMs = (endMs > 0 ? endMs : nowMs) / 1000 * 1000;
    QList<qint64> channels;
    for (const NodeSpec& n : demoNodes()) {
        auto ids = store.ensureNode(n);
        if (!ids) {
            std::fprintf(stderr, "node %s: %s\n", qPrintable(n.key), qPrintable(ids.error()));
            return false;
        }
        for (ChannelId c : ids->channels)
            channels.append(c);
    }
    QElapsedTimer clock;
    clock.start();
    sqlite3* db = store.handle();
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO readings (time_ms, channel_id, value) VALUES (?, ?, ?)", -1, &insert,
                       nullptr);
    const qint64 start = endMs - days * kDayMs;
    for (int d = 0; d < days; ++d) {
        sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
        for (qint64 s = 0; s < 86'400; ++s) {
            const qint64 t = start + d * kDayMs + s * 1000;
            for (int c = 0; c < channels.size(); ++c) {
                // A daily swing with a little noise, and a spike an hour: something to decimate.
                const double v = (c + 1) * (20 + 10 * std::sin(double(t % kDayMs) / kDayMs * 2 * M_PI)) +
                                 (s % 3600 == 1234 ? 500.0 : double((s * 7919 + c) % 13) / 10);
                sqlite3_bind_int64(insert, 1, t);
                sqlite3_bind_int64(insert, 2, channels[c]);
                sqlite3_bind_double(insert, 3, v);
                if (sqlite3_step(insert) != SQLITE_DONE) {
                    std::fprintf(stderr, "insert: %s\n", sqlite3_errmsg(db));
                    return false;
                }
                sqlite3_reset(insert);
            }
        }
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
    sqlite3_finalize(insert);
    const qint64 fillMs = clock.restart();
    int folds = 0;
    for (bool more = true; more; ++folds) {
        auto r = MinuteAggregates::foldClosed(store.db(), nowMs);
        if (!r) {
            std::fprintf(stderr, "fold: %s\n", qPrintable(r.error()));
            return false;
        }
        more = r.value();
    }
    std::printf("filled %lld readings (%d days x %lld channels) in %lld ms; minute fold caught up in %lld ms "
                "(%d jobs)\n",
                qint64(days) * 86'400 * channels.size(), days, qint64(channels.size()), fillMs,
                clock.elapsed(), folds);
    // What the station pays on its writer thread once a minute: the last minutes' closing fold.
    clock.restart();
    if (auto r = MinuteAggregates::foldClosed(store.db(), nowMs + 120'000); !r) {
        std::fprintf(stderr, "fold: %s\n", qPrintable(r.error()));
        return false;
    }
    std::printf("a steady minute fold (the newest minutes of %lld channels): %.1f ms\n",
                qint64(channels.size()), double(clock.nsecsElapsed()) / 1e6);
    QSqlQuery cursors(store.db());
    if (!cursors.exec(QStringLiteral("UPDATE sink_cursors SET last_seq = (SELECT MAX(seq) FROM readings)"))) {
        std::fprintf(stderr, "sink cursors: %s\n", qPrintable(cursors.lastError().text()));
        return false;
    }
    std::printf("%d sink cursor(s) moved past the week (the sinks kept up)\n", cursors.numRowsAffected());
    return true;
}

/// Waits until the plot has loaded and then the window has shown a frame; ms since `clock` started.
double waitShown(QQuickView& view, ChannelPlot& plot, const QElapsedTimer& clock)
{
    QEventLoop loop;
    QTimer limit;
    limit.setSingleShot(true);
    QObject::connect(&limit, &QTimer::timeout, &loop, &QEventLoop::quit);
    limit.start(30'000);
    if (plot.loading()) {
        QObject::connect(&plot, &ChannelPlot::loadingChanged, &loop, [&] {
            if (!plot.loading())
                loop.quit();
        });
        loop.exec();
    }
    QObject::disconnect(&plot, nullptr, &loop, nullptr);
    QObject::connect(&view, &QQuickWindow::frameSwapped, &loop, &QEventLoop::quit);
    view.update();
    limit.start(2000);
    loop.exec();
    return double(clock.nsecsElapsed()) / 1e6;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.contains(QLatin1String("--help"))) {
        std::printf("bench_chart_range [--days N] [--repeat N] [--dir DIR] | --fill DIR [--days N]\n");
        return 0;
    }
    const int days = bench::option(args, "--days", QStringLiteral("7")).toInt();
    const int repeat = std::max(1, bench::option(args, "--repeat", QStringLiteral("5")).toInt());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (const QString dir = bench::option(args, "--fill"); !dir.isEmpty()) {
        QDir().mkpath(dir);
        return fill(Station::storePathIn(dir, true), days, now) ? 0 : 1;
    }
    QTemporaryDir tmp;
    QString dir = bench::option(args, "--dir");
    if (dir.isEmpty()) {
        dir = tmp.path();
        if (!fill(Station::storePathIn(dir, true), days, now))
            return 1;
    }

    HistoryReader reader(Station::storePathIn(dir, true));
    LiveStream stream;
    stream.setHistory(&reader);
    QQuickView view;
    view.engine()->addImportPath(QStringLiteral("qrc:/qt/qml"));
    view.setInitialProperties({{QStringLiteral("stream"), QVariant::fromValue(&stream)},
                               {QStringLiteral("sourceId"), QStringLiteral("opcn3")},
                               {QStringLiteral("compact"), true}});
    view.setResizeMode(QQuickView::SizeRootObjectToView);
    view.resize(560, 300); // the particle page's chart at 800 × 480
    view.setSource(QUrl(QStringLiteral("qrc:/qt/qml/FieldStation/components/PmChart.qml")));
    auto* plot = view.rootObject() ? view.rootObject()->findChild<ChannelPlot*>() : nullptr;
    QObject* bar =
        view.rootObject() ? view.rootObject()->findChild<QObject*>(QStringLiteral("pmSpan")) : nullptr;
    if (!plot || !bar) {
        std::fprintf(stderr, "PmChart did not load: %s\n", qPrintable(view.errors().value(0).toString()));
        return 1;
    }
    view.show();
    QElapsedTimer clock;
    clock.start();
    waitShown(view, *plot, clock);

    // Alternating 1 h and 7 d: each switch reads its whole window again.
    QList<double> hour, week, weekRead;
    int points = 0;
    for (int i = 0; i < repeat; ++i) {
        for (const int index : {2, 4}) {
            clock.restart();
            bar->setProperty("currentIndex", index);
            const double ms = waitShown(view, *plot, clock);
            (index == 2 ? hour : week).append(ms);
            if (index == 4) {
                weekRead.append(plot->lastLoadMs());
                points = int(plot->points(1).size());
            }
        }
    }
    std::printf("range switch 1h: median %.0f ms, max %.0f ms\n", median(hour),
                *std::max_element(hour.begin(), hour.end()));
    std::printf("range switch 7d: median %.0f ms, max %.0f ms\n", median(week),
                *std::max_element(week.begin(), week.end()));
    std::printf(
        "7d store read alone (HistoryReader, 3 channels): median %.0f ms; PM2.5 series %d points for %d "
        "columns\n",
        median(weekRead), points, plot->columns());
    std::printf("ratio 7d / 1h switch: %.2f (target: 7d < 300 ms)\n",
                median(week) / std::max(1.0, median(hour)));
    if (dir != tmp.path())
        return 0;
    // The same switch over raw rows only, as before the continuous minute fold (our own store only).
    {
        auto rw = Store::open(Station::storePathIn(dir, true));
        QSqlQuery q(rw ? rw.value()->db() : QSqlDatabase());
        if (!rw || !q.exec(QStringLiteral("DELETE FROM chart_minutes"))) {
            std::fprintf(stderr, "could not empty chart_minutes\n");
            return 1;
        }
    }
    QList<double> raw;
    for (int i = 0; i < std::min(repeat, 3); ++i) {
        for (const int index : {2, 4}) {
            clock.restart();
            bar->setProperty("currentIndex", index);
            const double ms = waitShown(view, *plot, clock);
            if (index == 4)
                raw.append(ms);
        }
    }
    std::printf(
        "range switch 7d without chart minutes (raw rows, the old path): median %.0f ms, max %.0f ms; "
        "ratio to the folded store %.1f\n",
        median(raw), *std::max_element(raw.begin(), raw.end()), median(raw) / std::max(1.0, median(week)));
    return 0;
}
