// bench_wear [--minutes N] [--channels N]: SD-card wear of the store: bytes written to disk
// (/proc/self/io write_bytes) and store bytes per stored reading at 1 Hz × 44 channels, for the
// store as configured, as it was before, and for variants (page size, checkpoint interval, commit
// interval, no index),
// measured in the same run. Fast-forwarded: one frame of 44 samples is submitted and flush()ed per
// simulated second, which is exactly the Recorder's commit pattern at its 1 s flush interval.
#include "BenchSupport.h"
#include "store/Recorder.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <cstdio>
#include <sqlite3.h>

using namespace fs;

namespace {

struct Variant
{
    const char* name;
    int pageSize = 0;        ///< 0: as Store creates it
    int autocheckpoint = -1; ///< -1: as Store configures it
    int framesPerCommit = 1; ///< simulated seconds per commit (the flush interval, in seconds)
    bool dropIndex = false;  ///< without readings_channel_time (a schema change: report only)
};

struct Figures
{
    qint64 readings = 0;
    qint64 commits = 0;
    qint64 writeBytes = 0; ///< /proc/self/io write_bytes over the run
    qint64 wchar = 0;      ///< bytes handed to write(2)
    qint64 storeBytes = 0; ///< the store's files after a clean close
};

qint64 ioField(const char* field)
{
    QFile f(QStringLiteral("/proc/self/io"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().toLongLong();
    return -1;
}

NodeSpec wearNode(int channels)
{
    NodeSpec spec{QStringLiteral("wear:1"), QStringLiteral("bench"), QStringLiteral("wear"), {}, QString()};
    for (int i = 0; i < channels; ++i)
        spec.channels.append({QStringLiteral("c%1").arg(i), QStringLiteral("T"), QStringLiteral("c"),
                              QStringLiteral("deg.C")}); // any code of the sensor-type table
    return spec;
}

Status pragma(Recorder& rec, const QByteArray& sql)
{
    return rec.run([sql](Store& s) {
        return sqlite3_exec(s.handle(), sql.constData(), nullptr, nullptr, nullptr) == SQLITE_OK
                   ? Status()
                   : Status(Error{QString::fromUtf8(sqlite3_errmsg(s.handle()))});
    });
}

Figures run(const QString& dir, const Variant& v, int seconds, int channels)
{
    const QString path = dir + QStringLiteral("/%1.db").arg(QString::fromLatin1(v.name));
    if (v.pageSize > 0) {
        // The page size only takes on an empty database, before WAL: set it before Store creates tables.
        sqlite3* db = nullptr;
        sqlite3_open(path.toUtf8().constData(), &db);
        const QByteArray sql =
            "PRAGMA page_size=" + QByteArray::number(v.pageSize) + "; CREATE TABLE x (a); DROP TABLE x;";
        sqlite3_exec(db, sql.constData(), nullptr, nullptr, nullptr);
        sqlite3_close(db);
    }
    Recorder rec(path);
    if (!rec.start().ok())
        qFatal("recorder did not start");
    const NodeChannels ids = rec.registerNode(wearNode(channels)).value();
    if (v.autocheckpoint >= 0 &&
        !pragma(rec, "PRAGMA wal_autocheckpoint=" + QByteArray::number(v.autocheckpoint)))
        qFatal("autocheckpoint");
    if (v.dropIndex && !pragma(rec, "DROP INDEX readings_channel_time"))
        qFatal("drop index");
    Figures f;
    QObject::connect(
        &rec, &Recorder::committed, &rec, [&f](qint64, int n) { f.commits += n > 0 ? 1 : 0; },
        Qt::DirectConnection);
    const qint64 w0 = ioField("write_bytes:"), c0 = ioField("wchar:");
    const qint64 t0 = 1'790'000'000'000;
    std::vector<Sample> frame(static_cast<size_t>(channels), Sample{});
    for (int s = 0; s < seconds; ++s) {
        for (int c = 0; c < channels; ++c)
            frame[size_t(c)] = {t0 + s * 1000LL, ids.channels[c], 20.0 + (s * 7 + c) % 100 * 0.37};
        rec.submit(std::span<const Sample>(frame));
        if ((s + 1) % v.framesPerCommit == 0 && !rec.flush().ok())
            qFatal("flush failed");
    }
    rec.stop(); // a clean close checkpoints the WAL into the database, as a station's stop does
    f.writeBytes = ioField("write_bytes:") - w0;
    f.wchar = ioField("wchar:") - c0;
    f.readings = qint64(rec.committedCount());
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        f.storeBytes += QFileInfo(path + suffix).size();
    return f;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int minutes = bench::option(args, "--minutes", QStringLiteral("60")).toInt();
    const int channels = bench::option(args, "--channels", QStringLiteral("44")).toInt();
    const QString keep = bench::option(args, "--keep");
    QTemporaryDir tmp(QDir::currentPath() + QStringLiteral("/bench_wear-XXXXXX"));
    const QString dir = keep.isEmpty() ? tmp.path() : keep;

    // The first line is the baseline for the ratios: the store as it was configured before
    // (4096-byte pages, SQLite's default checkpoint every 1000 pages).
    const Variant variants[] = {
        {"before:4096+ckpt-1000", 4096, 1000},
        {"as-configured", 0, -1},
        {"page-512", 512},
        {"page-2048", 2048},
        {"page-4096", 4096},
        {"autocheckpoint-1000", 0, 1000},
        {"autocheckpoint-100000", 0, 100000},
        {"commit-every-5s", 0, -1, 5},
        {"no-index(schema)", 0, -1, 1, true},
    };
    std::printf(
        "%d simulated minutes at 1 Hz x %d channels, one commit per frame (flush interval 1 s) unless "
        "the variant says otherwise; store in %s\n",
        minutes, channels, qPrintable(dir));
    std::printf("%-22s %9s %8s %14s %12s %12s %10s\n", "variant", "readings", "commits", "disk B/reading",
                "write(2) B/r", "store B/r", "vs first");
    double base = 0;
    for (const Variant& v : variants) {
        const Figures f = run(dir, v, minutes * 60, channels);
        const double perReading = double(f.writeBytes) / double(f.readings);
        if (base == 0)
            base = perReading;
        std::printf("%-22s %9lld %8lld %14.0f %12.0f %12.1f %9.2fx\n", v.name,
                    static_cast<long long>(f.readings), static_cast<long long>(f.commits), perReading,
                    double(f.wchar) / double(f.readings), double(f.storeBytes) / double(f.readings),
                    perReading / base);
    }
    return 0;
}
