// bench_recorder [--samples N] [--keep DIR]: Recorder ingest rate beside raw SQLite inserting the same
// rows (same schema, one prepared statement, one transaction), measured in the same run.
#include "BenchSupport.h"
#include "store/Recorder.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <cstdio>
#include <sqlite3.h>
#include <vector>

using namespace fs;

namespace {

/// Samples `from` .. `from + n - 1` of one stream: 43 channels a second, like an OPC-N3.
std::vector<Sample> makeSamples(qint64 from, qint64 n, const QList<ChannelId>& channels)
{
    std::vector<Sample> out;
    out.reserve(size_t(n));
    const qint64 t0 = 1'790'000'000'000;
    for (qint64 i = from; i < from + n; ++i)
        out.push_back(
            {t0 + (i / 43) * 1000, channels[qsizetype(i % channels.size())], double(i % 1000) * 0.1});
    return out;
}

NodeSpec benchNode()
{
    NodeSpec spec{QStringLiteral("bench:1"), QStringLiteral("bench"), QStringLiteral("bench"), {}, QString()};
    for (int i = 0; i < 43; ++i)
        spec.channels.append({QStringLiteral("c%1").arg(i), QStringLiteral("opc_bin_%1").arg(i % 24),
                              QStringLiteral("c"), QStringLiteral("u")});
    return spec;
}

double runRecorder(const QString& path, qint64 n, int maxBatch)
{
    RecorderOptions o;
    o.maxBatch = maxBatch;
    Recorder rec(path, o);
    if (!rec.start().ok())
        qFatal("recorder did not start");
    const auto ids = rec.registerNode(benchNode()).value();
    // Samples are generated in slices, as sources do: the backlog never sits in memory whole.
    constexpr qint64 kSlice = 43 * 100;
    QElapsedTimer t;
    t.start();
    for (qint64 done = 0; done < n; done += kSlice) {
        std::vector<Sample> slice = makeSamples(done, std::min(kSlice, n - done), ids.channels);
        for (size_t i = 0; i < slice.size(); i += 43)
            rec.submit(std::span<const Sample>(slice.data() + i, std::min<size_t>(43, slice.size() - i)));
    }
    if (!rec.flush().ok())
        qFatal("flush failed");
    const double s = t.nsecsElapsed() / 1e9;
    if (rec.committedCount() != quint64(n))
        qFatal("recorder committed %llu of %lld", rec.committedCount(), n);
    return s;
}

double runRaw(const QString& path, qint64 n)
{
    QList<ChannelId> channels;
    {
        // Same schema and pragmas as the Recorder's store.
        auto store = Store::open(path);
        channels = store.value()->ensureNode(benchNode()).value().channels;
    }
    sqlite3* db = nullptr;
    sqlite3_open(path.toUtf8().constData(), &db);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", nullptr, nullptr, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO readings (time_ms, channel_id, value) VALUES (?, ?, ?)", -1, &st,
                       nullptr);
    const std::vector<Sample> samples = makeSamples(0, n, channels);
    QElapsedTimer t;
    t.start();
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    for (const Sample& s : samples) {
        sqlite3_bind_int64(st, 1, s.timeMs);
        sqlite3_bind_int64(st, 2, s.channel);
        sqlite3_bind_double(st, 3, s.value);
        if (sqlite3_step(st) != SQLITE_DONE)
            qFatal("raw insert failed: %s", sqlite3_errmsg(db));
        sqlite3_reset(st);
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    const double s = t.nsecsElapsed() / 1e9;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return s;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qint64 n = bench::option(args, "--samples", QStringLiteral("1000000")).toLongLong();
    const int maxBatch = bench::option(args, "--batch", QString::number(RecorderOptions{}.maxBatch)).toInt();
    const QString dirPath = bench::option(args, "--keep");
    QTemporaryDir tmp;
    const QString dir = dirPath.isEmpty() ? tmp.path() : dirPath;

    // The Recorder first, so the peak RSS read after it is its own (the raw run holds every row).
    const double rec = runRecorder(dir + QStringLiteral("/recorder.db"), n, maxBatch);
    const long rssRecorder = bench::statusKb("VmHWM:");
    const double raw = runRaw(dir + QStringLiteral("/raw.db"), n);
    const double recRate = n / rec, rawRate = n / raw;
    std::printf("samples:            %lld\n", static_cast<long long>(n));
    std::printf("raw SQLite:         %10.0f samples/s (%.2f s, one transaction)\n", rawRate, raw);
    std::printf("Recorder:           %10.0f samples/s (%.2f s, commits of <= %d, synchronous=FULL)\n",
                recRate, rec, maxBatch);
    std::printf("ratio raw/Recorder: %10.2f (target <= 2.00)\n", rawRate / recRate);
    std::printf("peak RSS:           %10ld KiB after the Recorder run, %ld KiB at the end\n", rssRecorder,
                bench::statusKb("VmHWM:"));
    std::printf("targets:            rate >= 200000: %s; within 2x of raw: %s\n",
                recRate >= 200000 ? "met" : "MISSED", rawRate / recRate <= 2.0 ? "met" : "MISSED");
    return 0;
}
