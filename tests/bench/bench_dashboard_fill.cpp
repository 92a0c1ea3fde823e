// bench_dashboard_fill --fill DIR [--days N]: seven days of 1 Hz readings for six channels (the
// demo's OPC-N3 PM1/PM2.5/PM10 and its first three eGauge registers) in the demo store of DIR, so
// that `fieldstation --demo --data-dir DIR` shows a week of history. The demo must have run once in
// DIR (run-dashboard-bench.sh does that), so the nodes and channels are the demo's own. The sinks'
// cursors are moved past the week: a station that was online had forwarded it already.
#include "BenchSupport.h"
#include "Station.h"
#include "store/Recorder.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <cmath>
#include <cstdio>

using namespace fs;

namespace {

struct Channel
{
    ChannelId id = 0;
    QString name;
};

/// The six channels the bench charts: found by node kind and key, as the demo registered them.
QList<Channel> benchChannels(Recorder& rec)
{
    QList<Channel> out;
    rec.run([&](Store& s) {
        QSqlQuery q(s.db());
        q.exec(QStringLiteral(
            "SELECT c.id, n.key || ' ' || c.key FROM channels c JOIN nodes n ON n.id = c.node_id "
            "WHERE n.kind = 'opcn3' AND c.key IN ('pm1', 'pm2_5', 'pm10') ORDER BY c.id LIMIT 3"));
        while (q.next())
            out.append({ChannelId(q.value(0).toLongLong()), q.value(1).toString()});
        q.exec(QStringLiteral(
            "SELECT c.id, n.key || ' ' || c.key FROM channels c JOIN nodes n ON n.id = c.node_id "
            "WHERE n.kind = 'egauge' ORDER BY c.id LIMIT 3"));
        while (q.next())
            out.append({ChannelId(q.value(0).toLongLong()), q.value(1).toString()});
        return Status();
    });
    return out;
}

/// The earliest reading already in the store: the filled week ends just before it.
qint64 firstReadingMs(Recorder& rec)
{
    qint64 first = 0;
    rec.run([&](Store& s) {
        QSqlQuery q(s.db());
        if (q.exec(QStringLiteral("SELECT MIN(time_ms) FROM readings")) && q.next())
            first = q.value(0).toLongLong();
        return Status();
    });
    return first;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString dir = bench::option(args, "--fill");
    const int days = bench::option(args, "--days", QStringLiteral("7")).toInt();
    if (dir.isEmpty() || days < 1)
        qFatal("usage: bench_dashboard_fill --fill DIR [--days N]");
    Recorder rec(Station::storePathIn(dir, true));
    if (!rec.start())
        qFatal("cannot open the demo store in %s", qPrintable(dir));
    const QList<Channel> channels = benchChannels(rec);
    if (channels.size() != 6)
        qFatal("found %lld of the 6 channels: run `fieldstation --demo --headless --data-dir %s` first",
               qlonglong(channels.size()), qPrintable(dir));
    qint64 end = firstReadingMs(rec);
    if (end <= 0)
        end = QDateTime::currentMSecsSinceEpoch();
    end -= end % 1000;
    const qint64 seconds = qint64(days) * 86400;
    const qint64 start = end - seconds * 1000;

    QElapsedTimer t;
    t.start();
    std::vector<Sample> slice;
    slice.reserve(4096);
    for (qint64 s = 0; s < seconds; ++s) {
        const qint64 ms = start + s * 1000;
        // A day's rhythm plus a little noise, so the min/max envelope has something to show.
        const double day = std::sin(2 * M_PI * double(s % 86400) / 86400.0);
        const double noise = double((s * 2654435761u) % 1000) / 1000.0;
        for (qsizetype c = 0; c < channels.size(); ++c) {
            const double base = c < 3 ? 8.0 * (c + 1) : 400.0 * (c - 2);
            slice.push_back({ms, channels[c].id, base * (1.2 + day) + base * 0.2 * noise});
        }
        if (slice.size() >= 4092) {
            rec.submit(std::span<const Sample>(slice));
            slice.clear();
        }
        // Committed as it goes, so submit() never waits long enough to drop a sample.
        if (s % 20000 == 19999) {
            if (Status st = rec.flush(); !st)
                qFatal("flush failed: %s", qPrintable(st.error()));
        }
    }
    rec.submit(std::span<const Sample>(slice));
    if (Status st = rec.flush(); !st)
        qFatal("flush failed: %s", qPrintable(st.error()));
    qint64 stored = 0;
    rec.run([&](Store& st) {
        QSqlQuery q(st.db());
        if (q.exec(QStringLiteral("SELECT COUNT(*) FROM readings WHERE time_ms < %1").arg(end)) && q.next())
            stored = q.value(0).toLongLong();
        return Status();
    });
    // The sinks kept up with that week (as on a station that was online): their cursors move past
    // it, so the bench measures the screen, not a week of backlog being batched for upload.
    int cursors = 0;
    rec.run([&](Store& st) {
        QSqlQuery q(st.db());
        if (q.exec(QStringLiteral("UPDATE sink_cursors SET last_seq = (SELECT MAX(seq) FROM readings)")))
            cursors = q.numRowsAffected();
        return Status();
    });
    rec.stop();
    if (stored != seconds * channels.size())
        qFatal("the store holds %lld of the %lld readings", qlonglong(stored),
               qlonglong(seconds * channels.size()));
    std::printf("filled %lld readings (%d d x 1 Hz x %lld channels) in %.1f s, ending %s\n",
                qlonglong(seconds * channels.size()), days, qlonglong(channels.size()), t.elapsed() / 1000.0,
                qPrintable(QDateTime::fromMSecsSinceEpoch(end).toString(Qt::ISODate)));
    std::printf("  %d sink cursor(s) moved past the week (the sinks kept up)\n", cursors);
    for (const Channel& c : channels)
        std::printf("  channel %lld: %s\n", qlonglong(c.id), qPrintable(c.name));
    return 0;
}
