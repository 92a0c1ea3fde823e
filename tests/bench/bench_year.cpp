// bench_year [--days N] [--keep-days K] [--channels C] [--day-s S] [--chunk R] [--keep DIR]: a
// fast-forwarded station: one OPC-N3 recorded at 1 Hz through the Recorder, every sink keeping up,
// retention once per simulated day; prints the store's size per day and bytes per reading.
//
// Scaling: the real thing (400 days x 86 400 s x 44 channels = 1.5 G readings) takes hours on two
// cores. The rate (1 Hz) is kept, so each minute aggregate still stands for 60 readings and the
// ratio of aggregates to raw readings is the real one; what shrinks is the number of channels
// (--channels, the first C of the OPC-N3's 44) and/or the length of a simulated day (--day-s, with
// keep_days counted in those days). Bytes per reading depend on the channel count (the
// (channel, time) index interleaves channels), so a second run with all 44 channels and fewer,
// full days gives that figure.
#include "BenchSupport.h"
#include "sources/opcn3/OpcN3Channels.h"
#include "store/Recorder.h"
#include "store/Retention.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <cmath>
#include <cstdio>

using namespace fs;

namespace {

struct Sizes
{
    qint64 fileBytes = 0; ///< page_count x page_size: the .db file once the WAL is checkpointed
    qint64 walBytes = 0;
    qint64 freeBytes = 0;      ///< pages on the free list, waiting for reuse
    qint64 readingsBytes = -1; ///< readings table and its index (dbstat), -1 when unavailable
    qint64 aggregateBytes = -1;
    qint64 readings = 0;
    qint64 aggregates = 0;
};

qint64 scalar(Store& s, const QString& sql)
{
    QSqlQuery q(s.db());
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

Sizes measure(Recorder& rec, const QString& path)
{
    Sizes z;
    rec.run([&](Store& s) {
        z.readings = scalar(s, QStringLiteral("SELECT COUNT(*) FROM readings"));
        z.aggregates = scalar(s, QStringLiteral("SELECT COUNT(*) FROM minute_aggregates"));
        const qint64 page = scalar(s, QStringLiteral("PRAGMA page_size"));
        z.fileBytes = scalar(s, QStringLiteral("PRAGMA page_count")) * page;
        z.freeBytes = scalar(s, QStringLiteral("PRAGMA freelist_count")) * page;
        z.readingsBytes = scalar(s, QStringLiteral("SELECT SUM(pgsize) FROM dbstat "
                                                   "WHERE name IN ('readings', 'readings_channel_time')"));
        z.aggregateBytes =
            scalar(s, QStringLiteral("SELECT SUM(pgsize) FROM dbstat WHERE name = 'minute_aggregates'"));
        return Status();
    });
    z.walBytes = QFileInfo(path + QStringLiteral("-wal")).size();
    return z;
}

/// One histogram a second, its values wandering the way a real sampler's do (counts, PM floats).
OpcN3Histogram histogramAt(qint64 second)
{
    quint32 x = quint32(second) * 2654435761u;
    const auto next = [&x] { return (x = x * 1664525u + 1013904223u) >> 16; };
    OpcN3Histogram h;
    for (size_t b = 0; b < h.bins.size(); ++b)
        h.bins[b] = uint16_t(next() % (400 >> std::min<size_t>(b, 8)));
    h.periodRaw = uint16_t(95 + next() % 10);
    h.flowRaw = uint16_t(495 + next() % 15);
    h.temperatureRaw = uint16_t(26700 + next() % 200);
    h.humidityRaw = uint16_t(19300 + next() % 200);
    h.pm1 = float(next() % 1000) / 97.0f;
    h.pm2_5 = h.pm1 * 1.4f;
    h.pm10 = h.pm1 * 2.1f;
    h.fanRevCount = uint16_t(next() % 3);
    h.laserStatus = uint16_t(600 + next() % 10);
    return h;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int days = bench::option(args, "--days", QStringLiteral("400")).toInt();
    const int keepDays = bench::option(args, "--keep-days", QStringLiteral("30")).toInt();
    const int channels = std::clamp(bench::option(args, "--channels", QStringLiteral("44")).toInt(), 1, 44);
    const qint64 dayS = bench::option(args, "--day-s", QStringLiteral("900")).toLongLong();
    if (days < keepDays + 3 || keepDays < 1 || dayS < 60)
        qFatal("need --days >= --keep-days + 3, --keep-days >= 1 and --day-s >= 60");
    const int chunk = bench::option(args, "--chunk", QString::number(RetentionOptions{}.chunkRows)).toInt();
    QTemporaryDir tmp;
    const QString dir = bench::option(args, "--keep", tmp.path());
    const QString path = dir + QStringLiteral("/year.db");
    QFile::remove(path);

    Recorder rec(path);
    if (!rec.start())
        qFatal("recorder did not start");
    const NodeChannels ids =
        rec.registerNode({QStringLiteral("opcn3:year"), QStringLiteral("opcn3"), QStringLiteral("OPC-N3"),
                          opcn3::channels(), QStringLiteral("opc")})
            .value();
    RetentionOptions o;
    o.keepDays = keepDays;
    o.minFreeMb = 0; // the disk guard is tested apart; here only age and cursors decide
    o.chunkRows = chunk;
    o.readingCursors = {QStringLiteral("push:central"), QStringLiteral("gascloud-batch")};
    Retention retention(rec, path, o);

    std::printf("scaling: %d simulated days of %lld s, keep_days %d, 1 Hz, %d of the OPC-N3's 44 channels\n"
                "         (%lld readings a simulated day; the real station makes %d a day)\n",
                days, static_cast<long long>(dayS), keepDays, channels,
                static_cast<long long>(dayS * channels), 86400 * 44);
    std::printf("%5s %12s %10s %12s %10s %10s %10s %10s %8s %8s\n", "day", "readings", "aggregates",
                "store MB", "free MB", "wal MB", "rows MB", "aggr MB", "rec s", "ret s");
    // Retention measures age against the simulated clock: a "day" is dayS seconds long.
    const qint64 t0 = 1'790'000'000'000;
    const qint64 dayMs = dayS * 1000;
    QList<Sizes> perDay;
    double retainTotalS = 0;
    qint64 deletedTotal = 0;
    std::vector<Sample> slice;
    QElapsedTimer total;
    total.start();
    for (int d = 0; d < days; ++d) {
        QElapsedTimer t;
        t.start();
        for (qint64 s = 0; s < dayS; ++s) {
            const qint64 second = d * dayS + s;
            const auto all = opcn3::samplesFor(histogramAt(second), ids.channels, t0 + second * 1000, 0);
            slice.insert(slice.end(), all.begin(), all.begin() + channels);
            if (slice.size() >= 4096 || s + 1 == dayS) {
                rec.submit(std::span<const Sample>(slice));
                slice.clear();
            }
        }
        if (!rec.flush())
            qFatal("flush failed");
        const double recordS = t.nsecsElapsed() / 1e9;
        // Every sink keeps up: its cursor is at the newest reading.
        rec.run([&](Store& s) {
            for (const QString& c : o.readingCursors)
                s.setCursor(c, rec.lastCommittedSeq());
            return Status();
        });
        t.restart();
        // Retention counts keep_days in real days; with shortened days "now" is moved on so that its
        // cutoff falls keep_days simulated days back.
        const qint64 simulatedNow = t0 + (d + 1) * dayMs;
        const RetentionStatus st = retention.runOnce(simulatedNow + keepDays * (86'400'000 - dayMs));
        if (!st.lastError.isEmpty())
            qFatal("retention: %s", qPrintable(st.lastError));
        const double retainS = t.nsecsElapsed() / 1e9;
        retainTotalS += retainS;
        deletedTotal += st.agedDeleted;
        const Sizes z = measure(rec, path);
        perDay.append(z);
        std::printf("%5d %12lld %10lld %12.1f %10.1f %10.1f %10.1f %10.1f %8.1f %8.1f\n", d + 1,
                    static_cast<long long>(z.readings), static_cast<long long>(z.aggregates),
                    z.fileBytes / 1048576.0, z.freeBytes / 1048576.0, z.walBytes / 1048576.0,
                    z.readingsBytes / 1048576.0, z.aggregateBytes / 1048576.0, recordS, retainS);
        std::fflush(stdout);
    }
    rec.stop();

    // Before keep_days nothing is deleted: that growth is the raw readings'. After it, a day's
    // readings replace the oldest day's in freed pages, and only the aggregates should grow.
    const Sizes& full = perDay[keepDays - 1];
    const Sizes& last = perDay.last();
    const Sizes& settled = perDay[keepDays + 1];
    const double bytesPerReading = double(full.fileBytes) / double(full.readings);
    const double growthBefore = double(full.fileBytes) / keepDays;
    const double growthAfter = double(last.fileBytes - settled.fileBytes) / (days - keepDays - 2);
    const double aggregatePerDay =
        double(last.aggregateBytes - settled.aggregateBytes) / (days - keepDays - 2);
    // The high-water mark is keep_days + 1 days of readings: a day is recorded before its pass.
    const double limit =
        bytesPerReading * double(dayS * channels) * (keepDays + 1) + double(last.aggregateBytes);
    std::printf("\nbytes per reading (file / readings): %.1f at day %d, before any deletion; %.1f at the end "
                "(readings table and index alone: %.1f)\n",
                bytesPerReading, keepDays, double(last.fileBytes) / double(last.readings),
                double(last.readingsBytes) / double(last.readings));
    std::printf("aggregates: %lld rows, %.2f MB, %.1f bytes a row, %.0f bytes a simulated day\n",
                static_cast<long long>(last.aggregates), last.aggregateBytes / 1048576.0,
                double(last.aggregateBytes) / double(std::max<qint64>(1, last.aggregates)), aggregatePerDay);
    std::printf("growth a day: %.0f bytes before keep_days, %.0f bytes after (days %d..%d): %.2f %%\n",
                growthBefore, growthAfter, keepDays + 2, days, 100.0 * growthAfter / growthBefore);
    std::printf("store at the end: %.1f MB; keep_days + 1 days of readings plus the aggregates: %.1f MB\n",
                last.fileBytes / 1048576.0, limit / 1048576.0);
    std::printf("retention: %lld readings deleted at %.0f a second, %.1f ms a chunk of %d (one writer job)\n",
                static_cast<long long>(deletedTotal), deletedTotal / retainTotalS,
                1000.0 * retainTotalS / std::max<double>(1.0, std::ceil(double(deletedTotal) / chunk)),
                chunk);
    std::printf("wall time: %.0f s for %lld readings\n", total.nsecsElapsed() / 1e9,
                static_cast<long long>(qint64(days) * dayS * channels));
    // Aggregates are 1/60 of the readings in rows; allow page-level noise on top.
    const bool flat = growthAfter <= 0.05 * growthBefore;
    const bool bounded = double(last.fileBytes) <= 1.05 * limit;
    std::printf("targets: growth after keep_days <= 5 %% of before: %s; store within keep_days' worth plus "
                "aggregates (+5 %%): %s\n",
                flat ? "met" : "MISSED", bounded ? "met" : "MISSED");
    return flat && bounded ? 0 : 1;
}
