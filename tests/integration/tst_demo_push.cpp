// The demo's real far ends: `fieldstation --demo --headless` starts a MariaDB from the system and
// really pushes into it (queried here), names the package when mariadbd is not on PATH, and leaves
// no server running after SIGTERM.
#include "TestSupport.h"
#include "config/SecretStore.h"
#include "sinks/mysqlpush/Pusher.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

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

} // namespace

class TestDemoPush : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pushesIntoItsOwnMariadb()
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

        QCOMPARE(demo.stop(), 0);
        QVERIFY2(!alive(pid), "mariadbd is still running after the demo stopped");
        const auto influx =
            QRegularExpression(QStringLiteral("demo InfluxDB on 127\\.0\\.0\\.1:\\d+ \\(pid (\\d+)\\)"))
                .match(QString::fromUtf8(demo.err));
        if (influx.hasMatch()) // influxd is a test dependency too, but this test is about MariaDB
            QVERIFY2(!alive(influx.captured(1).toLongLong()),
                     "influxd is still running after the demo stopped");
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
