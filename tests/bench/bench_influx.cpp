// bench_influx [--points N] [--batch B]: N readings of an eGauge meter (three registers) written by
// the InfluxSink to a real influxd on loopback, in batches of B points; beside it, in the same run
// and into a second, empty database, one curl process posting the very same line protocol in the
// same batches over one kept-alive connection (the practical ceiling). Prints points/s of both, the
// ratio, and the peak RSS of the sink's pass. curl goes first, so neither profits from a server
// the other warmed: each writes into a database of its own that starts empty. Starts its own influxd
// (tests/servers/influxd.sh); tests/bench/run-influx-bench.sh runs it for 100 k and 1 M points.
#include "BenchSupport.h"
#include "InfluxStation.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <cstdio>

using namespace fs;
using fs::bench::resetPeakRss;
using fs::bench::statusKb;

namespace {

/// The sink's own line protocol, batch by batch, in files, with a curl config posting each in turn.
Result<QString> writeCurlBatches(test::InfluxStation& st, const QString& url, int batch, const QString& dir)
{
    auto store = Store::open(st.recorder.storePath(), Store::Mode::ReadOnly);
    if (!store)
        return Error{store.error()};
    influx::PointBuilder points(st.settings, st.sources);
    if (Status s = points.load(**store); !s)
        return Error{s.error()};
    QFile config(dir + QStringLiteral("/curl.cfg"));
    if (!config.open(QIODevice::WriteOnly))
        return Error{config.errorString()};
    qint64 after = 0;
    for (int n = 0;; ++n) {
        auto chunk = (*store)->readingsAfter(after, batch);
        if (!chunk)
            return Error{chunk.error()};
        if (chunk->isEmpty())
            break;
        QByteArray body;
        for (const StoredReading& r : *chunk)
            points.append(body, r);
        after = chunk->last().seq;
        const QString file = dir + QStringLiteral("/batch%1.lp").arg(n);
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly) || f.write(body) != body.size())
            return Error{f.errorString()};
        config.write((n ? "next\n" : "") +
                     QStringLiteral("url = \"%1\"\ndata-binary = \"@%2\"\n"
                                    "user = \"%3:%4\"\nsilent\nfail\noutput = /dev/null\n")
                         .arg(url, file, QLatin1String(test::InfluxServer::kUser),
                              QLatin1String(test::InfluxServer::kPassword))
                         .toUtf8());
    }
    return config.fileName();
}

qint64 stored(const test::InfluxServer& server, const QString& db)
{
    qint64 total = 0;
    for (const test::TestRegister& r : test::testRegisters())
        total += std::max<qint64>(
            0, server.number(QStringLiteral("SELECT COUNT(\"%1\") FROM measure").arg(r.name), db));
    return total;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int points = bench::option(args, "--points", QStringLiteral("1000000")).toInt();
    const int batch = bench::option(args, "--batch", QStringLiteral("5000")).toInt();
    test::InfluxServer server;
    if (!server.ok()) {
        std::fprintf(stderr, "influxd did not start: %s\n", qPrintable(server.error()));
        return 1;
    }
    test::InfluxStation st(server, QStringLiteral("bench_sink"), batch);
    st.settings.timeoutS = 120;
    st.rebuild();
    const int rows = (points + 2) / 3;
    QElapsedTimer t;
    t.start();
    st.record(rows, 1562686920000);
    const qint64 total = st.maxSeq();
    std::printf("backlog: %lld readings recorded in %.1f s; batches of %d points\n",
                static_cast<long long>(total), t.elapsed() / 1000.0, batch);

    const QString url = server.url() + QStringLiteral("/write?db=bench_curl&precision=ms");
    server.query(QStringLiteral("CREATE DATABASE bench_curl"));
    auto cfg = writeCurlBatches(st, url, batch, st.dir.path());
    if (!cfg) {
        std::fprintf(stderr, "%s\n", qPrintable(cfg.error()));
        return 1;
    }
    QProcess curl;
    t.restart();
    curl.start(QStringLiteral("curl"), {QStringLiteral("-K"), cfg.value()});
    if (!curl.waitForFinished(-1) || curl.exitCode() != 0) {
        std::fprintf(stderr, "curl failed (%d): %s\n", curl.exitCode(),
                     curl.readAllStandardError().constData());
        return 1;
    }
    const double curlS = t.nsecsElapsed() / 1e9;

    resetPeakRss();
    const long rssBefore = statusKb("VmRSS:");
    t.restart();
    const SinkStatus s = st.push();
    const double sinkS = t.nsecsElapsed() / 1e9;
    const long peak = statusKb("VmHWM:");
    if (!s.ok) {
        std::fprintf(stderr, "sink pass failed: %s\n", qPrintable(s.lastError));
        return 1;
    }

    const qint64 inSink = stored(server, QStringLiteral("bench_sink"));
    const qint64 inCurl = stored(server, QStringLiteral("bench_curl"));
    std::printf(
        "InfluxSink:           %9.0f points/s (%lld points in %.2f s), peak RSS %ld KiB (%ld KiB before)\n",
        s.pushedReadings / sinkS, static_cast<long long>(s.pushedReadings), sinkS, peak, rssBefore);
    std::printf("curl --data-binary:   %9.0f points/s (same batches, one kept-alive connection, %.2f s)\n",
                total / curlS, curlS);
    std::printf("ratio sink/curl:      %9.2f (target >= 0.5)\n",
                (s.pushedReadings / sinkS) / (total / curlS));
    std::printf("points in influxd:    sink %lld, curl %lld, of %lld\n", static_cast<long long>(inSink),
                static_cast<long long>(inCurl), static_cast<long long>(total));
    if (inSink != total || inCurl != total) {
        std::fprintf(stderr, "points missing in influxd\n");
        return 1;
    }
    return 0;
}
