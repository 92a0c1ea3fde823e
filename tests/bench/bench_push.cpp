// bench_push --port P [--readings N] [--rowwise M]: push N readings to a loopback MariaDB with the
// Pusher; beside it, in the same run and into identical databases, LOAD DATA LOCAL INFILE of the
// same rows (the practical ceiling) and a row-at-a-time insert loop over M of them (the old way).
// Started by tests/bench/run-push-bench.sh, which provides the server and the databases.
#include "BenchSupport.h"
#include "OpcN3Readings.h"
#include "config/SecretStore.h"
#include "sinks/mysqlpush/CogentMapping.h"
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
    const int rowwiseMax = opt("--rowwise", QStringLiteral("20000")).toInt();
    QTemporaryDir tmp;
    Recorder rec(tmp.filePath(QStringLiteral("store.db")));
    rec.start();
    test::recordOpcN3Readings(rec, int((target + 43) / 44),
                              QDateTime::currentMSecsSinceEpoch() - 30LL * 86400'000);
    const qint64 n = Store::open(rec.storePath(), Store::Mode::ReadOnly).value()->readingCount();
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
    const PushStatus st = pusher.pushServer(ps.servers[0]);
    const double pushS = t.nsecsElapsed() / 1e9;
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
    // The same rows as CSV: (time, nodeId, type, locationId, value).
    const QString csv = tmp.filePath(QStringLiteral("readings.csv"));
    QList<QStringList> rows;
    {
        auto store = Store::open(rec.storePath(), Store::Mode::ReadOnly);
        QSqlQuery q((*store)->db());
        q.exec(QStringLiteral("SELECT r.time_ms, c.node_id, t.code, r.value FROM readings r JOIN channels c "
                              "ON c.id = r.channel_id "
                              "JOIN sensor_types t ON t.id = c.sensor_type_id ORDER BY r.seq"));
        QFile out(csv);
        out.open(QIODevice::WriteOnly);
        int k = 0;
        while (q.next()) {
            const QStringList row = {cogent::sqlTime(q.value(0).toLongLong()),
                                     QString::number(q.value(1).toLongLong()),
                                     QString::number(*cogent::sensorTypeId(q.value(2).toString())),
                                     QStringLiteral("1"), QString::number(q.value(3).toDouble(), 'g', 9)};
            out.write(row.join(QLatin1Char(',')).toUtf8() + '\n');
            if (k++ < rowwiseMax)
                rows.append(row);
        }
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

    // 3. Row at a time: one INSERT a reading, a commit every 500 (the old pusher's chunk).
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QMYSQL"), QStringLiteral("rows"));
    db.setHostName(QStringLiteral("127.0.0.1"));
    db.setPort(port);
    db.setDatabaseName(QStringLiteral("bench_rows"));
    db.setUserName(QStringLiteral("push"));
    db.setPassword(QStringLiteral("push-password"));
    if (!db.open())
        qFatal("%s", qPrintable(db.lastError().text()));
    t.restart();
    QSqlQuery ins(db);
    ins.prepare(
        QStringLiteral("INSERT INTO Reading (time, nodeId, type, locationId, value) VALUES (?, ?, ?, ?, ?)"));
    db.transaction();
    for (qsizetype i = 0; i < rows.size(); ++i) {
        for (const QString& v : rows[i])
            ins.addBindValue(v);
        if (!ins.exec())
            qFatal("%s", qPrintable(ins.lastError().text()));
        if (i % 500 == 499) {
            db.commit();
            db.transaction();
        }
    }
    db.commit();
    const double rowsS = t.nsecsElapsed() / 1e9;

    const double pushRate = n / pushS, loadRate = n / loadS, rowRate = rows.size() / rowsS;
    std::printf("readings:           %lld\n", static_cast<long long>(n));
    std::printf("Pusher:             %10.0f rows/s (%.2f s, chunks of 5000, multi-row upsert)\n", pushRate,
                pushS);
    std::printf("LOAD DATA INFILE:   %10.0f rows/s (%.2f s)\n", loadRate, loadS);
    std::printf("row at a time:      %10.0f rows/s (%lld rows in %.2f s, commit every 500)\n", rowRate,
                static_cast<long long>(rows.size()), rowsS);
    std::printf("LOAD DATA / Pusher: %10.2f (target <= 3)\n", loadRate / pushRate);
    std::printf("Pusher / row-wise:  %10.1f (target >= 50)\n", pushRate / rowRate);
    std::printf("peak RSS:           %10ld KiB during the push (RSS %ld KiB before it)\n", peak, rssBefore);
    return 0;
}
