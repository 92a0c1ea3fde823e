// The demo's real far ends: `fieldstation --demo --headless` starts a MariaDB and an InfluxDB from the
// system and really pushes into both (queried here), names the package when mariadbd is not on PATH, and
// leaves no server running after SIGTERM, nor after a start that fails or is cancelled halfway.
#include "TestSupport.h"
#include "config/SecretStore.h"
#include "sim/DemoFarEnds.h"
#include "sinks/mysqlpush/Pusher.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrlQuery>
#include <csignal>
#include <future>
#include <memory>
#include <thread>

using namespace fs;

namespace {

struct Demo
{
    QProcess process;
    QByteArray err;

    Demo(const QString& dataDir, const QString& path)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("fs.*.info=true"));
        if (!path.isNull())
            env.insert(QStringLiteral("PATH"), path);
        process.setProcessEnvironment(env);
        process.setProcessChannelMode(QProcess::SeparateChannels);
        process.start(QStringLiteral(FS_BINARY), {QStringLiteral("--demo"), QStringLiteral("--headless"),
                                                  QStringLiteral("--data-dir"), dataDir});
    }
    ~Demo()
    {
        // A failed check still stops the demo the way that stops its servers too.
        if (process.state() != QProcess::NotRunning)
            stop();
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(10000);
        }
    }
    /// Waits up to `ms` for `pattern` in stderr; the first match's captures.
    QRegularExpressionMatch waitFor(const QRegularExpression& pattern, int ms)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < ms) {
            err += process.readAllStandardError();
            const auto m = pattern.match(QString::fromUtf8(err));
            if (m.hasMatch())
                return m;
            process.waitForReadyRead(200);
        }
        return {};
    }
    /// SIGTERM, as systemd stops the station; its exit code.
    int stop()
    {
        ::kill(pid_t(process.processId()), SIGTERM);
        if (!process.waitForFinished(test::timeoutMs(40000)))
            return -1;
        err += process.readAllStandardError();
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    }
};

bool alive(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    return stat.open(QIODevice::ReadOnly) && !stat.readAll().contains(") Z ");
}

/// InfluxDB's JSON answer to `query` on the demo's database; empty when none came.
QByteArray influxQuery(int port, const QString& query)
{
    QUrl url(QStringLiteral("http://127.0.0.1:%1/query").arg(port));
    QUrlQuery items;
    items.addQueryItem(QStringLiteral("db"), QStringLiteral("fieldstation_demo"));
    items.addQueryItem(QStringLiteral("q"), query);
    url.setQuery(items);
    QNetworkAccessManager net;
    std::unique_ptr<QNetworkReply> reply(net.get(QNetworkRequest(url)));
    QSignalSpy done(reply.get(), &QNetworkReply::finished);
    return done.wait(test::timeoutMs(5000)) ? reply->readAll() : QByteArray();
}

/// Processes (not zombies) whose command line contains `needle`: the servers a demo in that dir runs.
QList<qint64> processesNaming(const QByteArray& needle)
{
    QList<qint64> out;
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString& entry : pids) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric || pid == QCoreApplication::applicationPid())
            continue;
        QFile cmd(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (cmd.open(QIODevice::ReadOnly) && cmd.readAll().contains(needle) && alive(pid))
            out << pid;
    }
    return out;
}

} // namespace

class TestDemoPush : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pushesIntoItsOwnMariadbAndInfluxdb()
    {
        QTemporaryDir dir(QStringLiteral("/tmp/fs-demo-push-XXXXXX"));
        Demo demo(dir.path(), QString());
        const auto started = demo.waitFor(
            QRegularExpression(QStringLiteral("demo MariaDB on 127\\.0\\.0\\.1:(\\d+) \\(pid (\\d+)\\)")),
            test::timeoutMs(90000));
        QVERIFY2(started.hasMatch(), demo.err.constData());
        const int port = started.captured(1).toInt();
        const qint64 pid = started.captured(2).toLongLong();
        QVERIFY(alive(pid));
        // The demo's own password, where the screen's "Set password…" would put it.
        const SecretStore secrets(dir.filePath(QStringLiteral("demo-secrets")),
                                  StationSettings::Secrets::File, false);
        const auto password = secrets.read(Pusher::passwordSecret(QStringLiteral("demo-central")));
        QVERIFY2(password && password->has_value(), "no demo password stored");

        qint64 readings = 0;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QMYSQL"), QStringLiteral("check"));
            db.setHostName(QStringLiteral("127.0.0.1"));
            db.setPort(port);
            db.setUserName(QStringLiteral("fieldstation"));
            db.setPassword(**password);
            db.setDatabaseName(QStringLiteral("cogent"));
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QElapsedTimer t;
            t.start();
            while (readings == 0 && t.elapsed() < test::timeoutMs(30000)) {
                QSqlQuery q(db);
                if (q.exec(QStringLiteral("SELECT COUNT(*) FROM Reading")) && q.next())
                    readings = q.value(0).toLongLong();
                if (readings == 0)
                    QTest::qWait(250);
            }
            QSqlQuery nodes(db);
            QVERIFY(nodes.exec(QStringLiteral("SELECT COUNT(*) FROM Node")) && nodes.next());
            QVERIFY(nodes.value(0).toLongLong() > 0);
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
        QVERIFY2(readings > 0, demo.err.constData());
        QVERIFY(demo.waitFor(QRegularExpression(QStringLiteral("\"demo-central\" : delivered \\d+ readings")),
                             test::timeoutMs(10000))
                    .hasMatch());

        // InfluxDB too (influxd is installed wherever the tests run): its own readings, asked of it.
        const auto influx = demo.waitFor(
            QRegularExpression(QStringLiteral("demo InfluxDB on 127\\.0\\.0\\.1:(\\d+) \\(pid (\\d+)\\)")),
            test::timeoutMs(30000));
        QVERIFY2(influx.hasMatch(), demo.err.constData());
        const qint64 influxPid = influx.captured(2).toLongLong();
        QByteArray measurements;
        QElapsedTimer t;
        t.start();
        while (!measurements.contains("\"values\"") && t.elapsed() < test::timeoutMs(30000)) {
            measurements = influxQuery(influx.captured(1).toInt(), QStringLiteral("SHOW MEASUREMENTS"));
            if (!measurements.contains("\"values\""))
                QTest::qWait(250);
        }
        QVERIFY2(measurements.contains("\"values\""), measurements.constData());

        QCOMPARE(demo.stop(), 0);
        QVERIFY2(!alive(pid), "mariadbd is still running after the demo stopped");
        QVERIFY2(!alive(influxPid), "influxd is still running after the demo stopped");
    }

    void aFailedStartStopsItsServer()
    {
        // mariadbd answers, then the schema fails at its second statement: the error names the file
        // and the statement, and the server is stopped at once, not left idle until the station stops.
        QTemporaryDir dir(QStringLiteral("/tmp/fs-demo-push-XXXXXX"));
        const QString schema = test::writeFile(
            dir, "broken.sql", "CREATE TABLE IF NOT EXISTS Fine (id INT);\nNOT SQL AT ALL;\n");
        DemoFarEnds farEnds(dir.filePath(QStringLiteral("data")), schema);
        const DemoFarEnd f = farEnds.startMariadb(QStringLiteral("pw-of-a-failed-start"));
        QVERIFY(!f.running);
        QVERIFY2(f.text.contains(schema) && f.text.contains(QStringLiteral("statement 2")),
                 qPrintable(f.text));
        const QList<qint64> left = processesNaming(dir.path().toUtf8());
        QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("still running: pid %1").arg(left.value(0))));
        // The init file held the password in clear: mariadbd has read it, the secret store keeps it.
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("data/demo-mariadb/init.sql"))));
    }

    void aCancelWhileInstallingLeavesNothingRunning()
    {
        // mariadb-install-db is a script whose own child, mariadbd --bootstrap, builds the data dir:
        // a stop during the install ends both, not only the script.
        QTemporaryDir dir(QStringLiteral("/tmp/fs-demo-push-XXXXXX"));
        DemoFarEnds farEnds(dir.path(), QStringLiteral(":/no-schema-needed"));
        DemoFarEnd f;
        std::thread starter([&] { f = farEnds.startMariadb(QStringLiteral("pw")); });
        const QByteArray bootstrap = QByteArrayLiteral("--bootstrap");
        QElapsedTimer t;
        t.start();
        bool bootstrapping = false;
        while (!bootstrapping && t.elapsed() < test::timeoutMs(30000)) {
            for (qint64 pid : processesNaming(dir.path().toUtf8())) {
                QFile cmd(QStringLiteral("/proc/%1/cmdline").arg(pid));
                bootstrapping =
                    bootstrapping || (cmd.open(QIODevice::ReadOnly) && cmd.readAll().contains(bootstrap));
            }
            QThread::msleep(10);
        }
        farEnds.cancel();
        starter.join();
        QVERIFY2(bootstrapping, "mariadbd --bootstrap was never seen");
        QVERIFY(!f.running);
        QVERIFY2(f.text.contains(QStringLiteral("stopped while installing")), qPrintable(f.text));
        const QList<qint64> left = processesNaming(dir.path().toUtf8());
        QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("still running: pid %1").arg(left.value(0))));
    }

    void aCancelEndsASchemaStatementThatWaits()
    {
        // A statement of the schema that waits on the server holds the start; the station's stop
        // joins that start, so cancel() must end the wait, not only the sliced ones.
        QTemporaryDir dir(QStringLiteral("/tmp/fs-demo-push-XXXXXX"));
        const QString schema = test::writeFile(
            dir, "slow.sql", "CREATE TABLE IF NOT EXISTS Started (id INT);\nSELECT SLEEP(600);\n");
        DemoFarEnds farEnds(dir.filePath(QStringLiteral("data")), schema);
        auto start =
            std::async(std::launch::async, [&] { return farEnds.startMariadb(QStringLiteral("pw")); });
        // Runs before the future's destructor, which would wait for the start: a failing check must
        // not leave the test hanging on the SLEEP, nor a server running.
        const auto cleanup = qScopeGuard([&] {
            for (qint64 pid : processesNaming(dir.path().toUtf8()))
                ::kill(pid_t(pid), SIGKILL);
        });
        const QString started = dir.filePath(QStringLiteral("data/demo-mariadb/data/cogent/Started.frm"));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(started), test::timeoutMs(60000));
        QTest::qWait(200); // the SLEEP is sent right after the CREATE
        farEnds.cancel();
        QVERIFY2(start.wait_for(std::chrono::milliseconds(test::timeoutMs(15000))) ==
                     std::future_status::ready,
                 "the start still waits on its schema after cancel()");
        const DemoFarEnd f = start.get();
        QVERIFY(!f.running);
        const QList<qint64> left = processesNaming(dir.path().toUtf8());
        QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("still running: pid %1").arg(left.value(0))));
    }

    void namesThePackageWithoutMariadb()
    {
        QTemporaryDir dir(QStringLiteral("/tmp/fs-demo-push-XXXXXX"));
        QTemporaryDir emptyBin;
        Demo demo(dir.path(), emptyBin.path()); // a PATH with neither mariadbd nor influxd
        const auto said = demo.waitFor(
            QRegularExpression(QStringLiteral("demo push needs MariaDB: apt install mariadb-server")),
            test::timeoutMs(30000));
        QVERIFY2(said.hasMatch(), demo.err.constData());
        QVERIFY(
            demo.waitFor(QRegularExpression(QStringLiteral("apt install influxdb")), test::timeoutMs(5000))
                .hasMatch());
        QCOMPARE(demo.stop(), 0);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("demo-mariadb/mariadbd.pid"))));
    }
};

QTEST_GUILESS_MAIN(TestDemoPush)
#include "tst_demo_push.moc"
