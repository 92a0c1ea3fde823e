// bench_api [--readings N] [--channels C] [--requests R] [--max-points P] [--covering-index]: latency (p50,
// p99) and requests/s of GET /api/channels/<id>/readings over a store of N readings (1 Hz, spread over C
// channels), per window length, beside the same SQL run directly through the sqlite3 C API on the
// same store in the same run (the cost of the data alone, without HTTP, Qt SQL and JSON).
#include "ApiRig.h"
#include "BenchSupport.h"
#include "api/ApiServer.h"
#include "api/ChannelReadings.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <sqlite3.h>

using namespace fs;

namespace {

const qint64 kStart = 1'700'000'000'000;

struct Figures
{
    double p50Ms = 0, p99Ms = 0, perSecond = 0;
};

Figures figures(std::vector<double> ms, double totalMs)
{
    std::sort(ms.begin(), ms.end());
    const auto at = [&ms](double q) { return ms[std::min(ms.size() - 1, size_t(q * double(ms.size())))]; };
    return {at(0.50), at(0.99), 1000.0 * double(ms.size()) / totalMs};
}

/// N readings a second apart over `channels` channels, written straight through SQLite in one
/// transaction (the Recorder's own speed is bench_recorder's business).
QList<ChannelId> fill(const QString& path, qint64 readings, int channels)
{
    auto store = Store::open(path);
    if (!store)
        qFatal("%s", qPrintable(store.error()));
    NodeSpec spec{QStringLiteral("bench:1"),
                  QStringLiteral("bench"),
                  QStringLiteral("bench"),
                  {},
                  QStringLiteral("bench")};
    for (int c = 0; c < channels; ++c)
        spec.channels.append({QStringLiteral("v%1").arg(c), QStringLiteral("BAT"), QStringLiteral("Battery"),
                              QStringLiteral("V")});
    auto ids = store.value()->ensureNode(spec);
    if (!ids)
        qFatal("%s", qPrintable(ids.error()));
    sqlite3* db = store.value()->handle();
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO readings (time_ms, channel_id, value) VALUES (?, ?, ?)", -1, &insert,
                       nullptr);
    QRandomGenerator rng(42);
    for (qint64 i = 0; i < readings; ++i) {
        const qint64 second = i / channels;
        sqlite3_bind_int64(insert, 1, kStart + second * 1000);
        sqlite3_bind_int64(insert, 2, ids->channels[int(i % channels)]);
        sqlite3_bind_double(insert, 3, 12.0 + std::sin(double(second) / 3600.0) + rng.generateDouble() * 0.1);
        sqlite3_step(insert);
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    return ids->channels;
}

/// What the API asks SQLite for a decimated answer: the minute aggregates, then every raw row in
/// time order with its bucket, folded into each bucket's min and max as it comes.
double directQuery(sqlite3* db, qint64 channel, qint64 from, qint64 to, int maxPoints)
{
    QElapsedTimer t;
    t.start();
    const qint64 width = std::max<qint64>(1, (to - from + maxPoints) / maxPoints);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(
        db,
        "SELECT MAX(minute_ms, ?1), min, mean, max FROM minute_aggregates WHERE channel_id = ?2 "
        "AND minute_ms >= ?1 - 60000 AND minute_ms <= ?3 ORDER BY minute_ms",
        -1, &s, nullptr);
    for (const auto& [i, v] : {std::pair{1, from}, {2, channel}, {3, to}})
        sqlite3_bind_int64(s, i, v);
    while (sqlite3_step(s) == SQLITE_ROW) {
    }
    sqlite3_finalize(s);
    std::vector<std::pair<double, double>> buckets(static_cast<size_t>(maxPoints), {1e300, -1e300});
    sqlite3_prepare_v2(db, api::ChannelReadings::rawRowsSql(), -1, &s, nullptr);
    for (const auto& [i, v] : {std::pair{1, from}, {2, width}, {3, channel}, {4, to}})
        sqlite3_bind_int64(s, i, v);
    while (sqlite3_step(s) == SQLITE_ROW) {
        auto& b = buckets[size_t(std::clamp<qint64>(sqlite3_column_int64(s, 0), 0, maxPoints - 1))];
        const double v = sqlite3_column_double(s, 2);
        b = {std::min(b.first, v), std::max(b.second, v)};
    }
    sqlite3_finalize(s);
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qint64 readings = bench::option(args, "--readings", QStringLiteral("1000000")).toLongLong();
    const int channels = bench::option(args, "--channels", QStringLiteral("4")).toInt();
    const int requests = bench::option(args, "--requests", QStringLiteral("200")).toInt();
    const int maxPoints = bench::option(args, "--max-points", QStringLiteral("800")).toInt();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.db"));
    QElapsedTimer clock;
    clock.start();
    const QList<ChannelId> ids = fill(path, readings, channels);
    if (args.contains(QLatin1String("--covering-index"))) {
        // What an index that holds the value too would give (not in the schema: it costs disk and
        // SD-card writes on every flush; see bench_wear).
        sqlite3* db = nullptr;
        sqlite3_open(path.toUtf8().constData(), &db);
        sqlite3_exec(db, "CREATE INDEX readings_channel_time_value ON readings (channel_id, time_ms, value)",
                     nullptr, nullptr, nullptr);
        sqlite3_close(db);
        std::printf("with a covering index (channel_id, time_ms, value)\n");
    }
    const qint64 span = (readings / channels) * 1000;
    std::printf(
        "store: %lld readings over %d channels (%lld per channel, %.1f days at 1 Hz), filled in %.1f s\n",
        readings, channels, readings / channels, double(span) / 86'400'000.0,
        double(clock.elapsed()) / 1000.0);

    ApiServerOptions o;
    o.storePath = path;
    o.port = 0;
    ApiServer api(o);
    if (Status s = api.start(); !s)
        qFatal("%s", qPrintable(s.error()));
    sqlite3* direct = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &direct, SQLITE_OPEN_READONLY, nullptr);
    // The same page cache and memory map as the API's own read connection.
    sqlite3_exec(direct, "PRAGMA cache_size = -16000; PRAGMA mmap_size = 268435456;", nullptr, nullptr,
                 nullptr);
    QNetworkAccessManager nam;
    QRandomGenerator rng(7);
    std::printf("%-10s %8s | %9s %9s %9s | %9s %9s %9s | %7s\n", "window", "rows", "api p50", "api p99",
                "api req/s", "sql p50", "sql p99", "sql q/s", "p50 x");
    bool allUnder = true;
    int badTotal = 0;
    for (const qint64 window : {3'600'000LL, 86'400'000LL, 7 * 86'400'000LL, span}) {
        if (window > span)
            continue;
        std::vector<double> apiMs, sqlMs;
        double apiTotal = 0, sqlTotal = 0;
        int badAnswers = 0;
        QElapsedTimer windowClock;
        windowClock.start();
        // At least 20 requests a window, then as many of `requests` as fit in 20 s.
        for (int r = 0; r < requests && (r < 20 || windowClock.elapsed() < 20'000); ++r) {
            const ChannelId channel = ids[r % ids.size()];
            const qint64 from =
                kStart + qint64(rng.bounded(quint32(std::max<qint64>(1, (span - window) / 1000)))) * 1000;
            const qint64 to = from + window - 1;
            QElapsedTimer t;
            t.start();
            const test::HttpAnswer a =
                test::http(nam, api.port(),
                           QStringLiteral("/api/channels/%1/readings?from=%2&to=%3&max_points=%4")
                               .arg(channel)
                               .arg(from)
                               .arg(to)
                               .arg(maxPoints));
            const double ms = double(t.nsecsElapsed()) / 1e6;
            if (a.status != 200 ||
                a.object().value(QStringLiteral("points")).toArray().size() > 2 * maxPoints)
                ++badAnswers;
            apiMs.push_back(ms);
            apiTotal += ms;
            const double direct_ms = directQuery(direct, channel, from, to, maxPoints);
            sqlMs.push_back(direct_ms);
            sqlTotal += direct_ms;
        }
        const Figures fa = figures(apiMs, apiTotal), fs = figures(sqlMs, sqlTotal);
        allUnder = allUnder && fa.p99Ms < 100.0;
        badTotal += badAnswers;
        std::printf("%-10s %8lld | %7.1fms %7.1fms %9.0f | %7.1fms %7.1fms %9.0f | %6.2fx%s\n",
                    qPrintable(window == span ? QStringLiteral("all")
                                              : QStringLiteral("%1 h").arg(window / 3'600'000)),
                    window / 1000, fa.p50Ms, fa.p99Ms, fa.perSecond, fs.p50Ms, fs.p99Ms, fs.perSecond,
                    fa.p50Ms / fs.p50Ms,
                    badAnswers ? qPrintable(QStringLiteral("  (%1 bad answers)").arg(badAnswers)) : "");
    }
    sqlite3_close(direct);
    api.stop();
    std::printf("p99 of the API under 100 ms for every window: %s (max_points=%d)\n", allUnder ? "yes" : "NO",
                maxPoints);
    // A wrong answer fails the run (and the smoke test); slowness is a figure, not a failure.
    return badTotal == 0 ? 0 : 1;
}
