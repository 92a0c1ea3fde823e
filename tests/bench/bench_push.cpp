// bench_push --port P [--readings N] [--rowwise M]: push N readings to a loopback MariaDB with the
// Pusher; beside it, in the same run, on the same rows and into identical databases, LOAD DATA LOCAL
// INFILE (the practical ceiling) and a row-at-a-time prepared INSERT with typed binds over M of
// them (default: all; the old way). Ratios are against the baselines of this run only.
// Started by tests/bench/run-push-bench.sh, which provides the server and the databases.
#include "BenchSupport.h"
#include "OpcN3Readings.h"
#include "config/SecretStore.h"
#include "sinks/mysqlpush/Pusher.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <cstdio>
#include <sys/resource.h>
#include <vector>

using namespace fs;
using fs::bench::resetPeakRss;
using fs::bench::statusKb;

namespace {

PushServerSettings server(const QString& name, int port, const QString& db)
{
    PushServerSettings s;
    s.name = name;
    s.port = port;
    s.database = db;
    s.user = QStringLiteral("push");
    s.pushLimit = 5000;
    s.timeoutS = 120;
    return s;
}

/// CPU seconds this process has used (all threads: the pusher's and its relay's).
double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/// One Reading row as the far end has it.
struct Row
{
    QString time;
    int node, type, location;
    double value;
};

QSqlDatabase connectTo(int port, const QString& db)
{
    QSqlDatabase c = QSqlDatabase::addDatabase(QStringLiteral("QMYSQL"), db);
    c.setHostName(QStringLiteral("127.0.0.1"));
    c.setPort(port);
    c.setDatabaseName(db);
    c.setUserName(QStringLiteral("push"));
    c.setPassword(QStringLiteral("push-password"));
    if (!c.open())
        qFatal("%s", qPrintable(c.lastError().text()));
    return c;
}

/// The rows the Pusher delivered, read back: the other two ways insert exactly these.
std::vector<Row> pushedRows(int port)
{
    QSqlDatabase db = connectTo(port, QStringLiteral("bench_push"));
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT DATE_FORMAT(time, '%Y-%m-%d %H:%i:%s'), nodeId, type, locationId, "
                               "CAST(value AS DOUBLE) FROM Reading")))
        qFatal("%s", qPrintable(q.lastError().text()));
    std::vector<Row> rows;
    while (q.next())
        rows.push_back({q.value(0).toString(), q.value(1).toInt(), q.value(2).toInt(), q.value(3).toInt(),
                        q.value(4).toDouble()});
    return rows;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList a = app.arguments();
    const auto opt = [&a](const char* name, const QString& fallback = {}) {
        return bench::option(a, name, fallback);
    };
    const int port = opt("--port").toInt();
    const qint64 target = opt("--readings", QStringLiteral("1000000")).toLongLong();
    QTemporaryDir tmp;
    Recorder rec(tmp.filePath(QStringLiteral("store.db")));
    rec.start();
    test::recordOpcN3Readings(rec, int((target + 43) / 44),
                              QDateTime::currentMSecsSinceEpoch() - 30LL * 86400'000);
    const qint64 n = Store::open(rec.storePath(), Store::Mode::ReadOnly).value()->readingCount();
    const qint64 rowwiseMax = opt("--rowwise", QString::number(n)).toLongLong();
    PushSettings ps;
    ps.house = QStringLiteral("bench");
    ps.servers = {server(QStringLiteral("push"), port, QStringLiteral("bench_push")),
                  server(QStringLiteral("load"), port, QStringLiteral("bench_load")),
                  server(QStringLiteral("rows"), port, QStringLiteral("bench_rows"))};
    const SecretStore secrets(tmp.path(), StationSettings::Secrets::File, false);
    for (const QString& s : {QStringLiteral("push"), QStringLiteral("load"), QStringLiteral("rows")})
        secrets.write(QStringLiteral("push/%1/password").arg(s), QStringLiteral("push-password"));
    Pusher pusher(rec, rec.storePath(), ps, tmp.path(), secrets);

    // 1. The Pusher.
    const long rssBefore = statusKb("VmRSS:");
    resetPeakRss();
    QElapsedTimer t;
    t.start();
    const double cpuBefore = cpuSeconds();
    const PushStatus st = pusher.pushServer(ps.servers[0]);
    const double pushS = t.nsecsElapsed() / 1e9;
    const double pushCpu = cpuSeconds() - cpuBefore;
    const long peak = statusKb("VmHWM:");
    if (!st.ok || st.pushedReadings != n)
        qFatal("push failed: %s (%lld of %lld)", qPrintable(st.lastError),
               static_cast<long long>(st.pushedReadings), static_cast<long long>(n));

    // The other two databases get the same mapping (nodes, sensors, locations) and no readings.
    for (const QString& s : {QStringLiteral("load"), QStringLiteral("rows")})
        rec.run([&](Store& store) { return store.setCursor(Pusher::cursorName(s), n + 1000000); });
    for (int i = 1; i < 3; ++i) {
        const PushStatus m = pusher.pushServer(ps.servers[i]);
        if (!m.ok)
            qFatal("mapping %s: %s", qPrintable(ps.servers[i].name), qPrintable(m.lastError));
    }
    const std::vector<Row> rows = pushedRows(port);
    const QString csv = tmp.filePath(QStringLiteral("readings.csv"));
    {
        QFile out(csv);
        out.open(QIODevice::WriteOnly);
        for (const Row& r : rows)
            out.write(QStringLiteral("%1,%2,%3,%4,%5\n")
                          .arg(r.time)
                          .arg(r.node)
                          .arg(r.type)
                          .arg(r.location)
                          .arg(QString::number(r.value, 'g', 17))
                          .toUtf8());
    }
    // 2. LOAD DATA LOCAL INFILE with the MariaDB client.
    t.restart();
    QProcess load;
    load.setProcessChannelMode(QProcess::ForwardedChannels);
    load.start(QStringLiteral("mariadb"),
               {QStringLiteral("--no-defaults"), QStringLiteral("--local-infile=1"),
                QStringLiteral("-h127.0.0.1"), QStringLiteral("-P%1").arg(port), QStringLiteral("-upush"),
                QStringLiteral("-ppush-password"), QStringLiteral("bench_load"), QStringLiteral("-e"),
                QStringLiteral("LOAD DATA LOCAL INFILE '%1' INTO TABLE Reading FIELDS TERMINATED BY ',' "
                               "(time, nodeId, type, locationId, value)")
                    .arg(csv)});
    load.waitForFinished(-1);
    const double loadS = t.nsecsElapsed() / 1e9;
    if (load.exitCode() != 0)
        qFatal("LOAD DATA failed");

    // 3. Row at a time: one prepared INSERT a reading with typed binds, a commit every 500.
    QSqlDatabase db = connectTo(port, QStringLiteral("bench_rows"));
    const qint64 rowwise = std::min<qint64>(rowwiseMax, qint64(rows.size()));
    t.restart();
    QSqlQuery ins(db);
    ins.prepare(
        QStringLiteral("INSERT INTO Reading (time, nodeId, type, locationId, value) VALUES (?, ?, ?, ?, ?)"));
    db.transaction();
    for (qint64 i = 0; i < rowwise; ++i) {
        const Row& r = rows[size_t(i)];
        ins.bindValue(0, r.time);
        ins.bindValue(1, r.node);
        ins.bindValue(2, r.type);
        ins.bindValue(3, r.location);
        ins.bindValue(4, r.value);
        if (!ins.exec())
            qFatal("%s", qPrintable(ins.lastError().text()));
        if (i % 500 == 499) {
            db.commit();
            db.transaction();
        }
    }
    db.commit();
    const double rowsS = t.nsecsElapsed() / 1e9;

    const double pushRate = n / pushS, loadRate = qint64(rows.size()) / loadS, rowRate = rowwise / rowsS;
    std::printf("readings:           %lld (%zu rows at the far end)\n", static_cast<long long>(n),
                rows.size());
    std::printf("Pusher:             %10.0f rows/s (%.2f s, chunks of 5000, typed multi-row upsert)\n",
                pushRate, pushS);
    std::printf("  its CPU:          %10.2f s in this process (%.1f µs a reading)\n", pushCpu,
                pushCpu * 1e6 / n);
    std::printf("LOAD DATA INFILE:   %10.0f rows/s (%.2f s)\n", loadRate, loadS);
    std::printf("row at a time:      %10.0f rows/s (%lld rows in %.2f s, typed binds, commit every 500)\n",
                rowRate, static_cast<long long>(rowwise), rowsS);
    std::printf("LOAD DATA / Pusher: %10.2f (target <= 3)\n", loadRate / pushRate);
    std::printf("Pusher / row-wise:  %10.1f\n", pushRate / rowRate);
    std::printf("peak RSS:           %10ld KiB during the push (RSS %ld KiB before it)\n", peak, rssBefore);
    return 0;
}
