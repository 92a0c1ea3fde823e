// DemoFarEnds: servers are started detached and stopped by pid, so neither their lifetime nor their
// stop depends on the thread that started them; every wait is sliced and gives up on cancel().
#include "DemoFarEnds.h"

#include "ServerProcess.h"

#include "util/Logging.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QThread>
#include <csignal>
#include <unistd.h>

namespace fs {

namespace {

using namespace serverprocess;

constexpr int kSliceMs = 100;

/// mariadbd refuses to run as root unless told to, as the test script does.
QStringList asRootIfRoot()
{
    return ::geteuid() == 0 ? QStringList{QStringLiteral("--user=root")} : QStringList{};
}

/// The server's own tmpdir (made here): a starting mariadbd, the install's bootstrap too, deletes
/// the '#sql' temp files in its tmpdir, so a shared /tmp lets two servers break each other.
QString ownTmpDir(const QString& dir)
{
    const QString tmp = QDir(dir).filePath(QStringLiteral("tmp"));
    QDir().mkpath(tmp);
    return tmp;
}

/// A unix socket path must fit in sun_path (108 bytes); a deep data dir gets one in the temp dir.
QString socketPath(const QString& dir)
{
    const QString inDir = QDir(dir).filePath(QStringLiteral("sock"));
    if (inDir.toUtf8().size() < 100)
        return inDir;
    const QByteArray hash = QCryptographicHash::hash(dir.toUtf8(), QCryptographicHash::Sha1).toHex().left(12);
    return QDir(QDir::tempPath())
        .filePath(QStringLiteral("fs-demo-mariadb-%1.sock").arg(QString::fromLatin1(hash)));
}

/// The schema's statements: comment lines dropped, split where a line ends in ';'.
QStringList statements(const QString& sql)
{
    QStringList out;
    QString current;
    for (const QString& line : sql.split(QLatin1Char('\n'))) {
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1String("--")))
            continue;
        current += line + QLatin1Char('\n');
        if (trimmed.endsWith(QLatin1Char(';'))) {
            out << current.trimmed().chopped(1);
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        out << current.trimmed();
    return out;
}

/// `far` once its server answers: where it runs, logged as the page shows it.
DemoFarEnd answering(DemoFarEnd far, const char* what, int port, qint64 pid, const QString& dir)
{
    far.running = true;
    far.port = port;
    far.pid = pid;
    far.text = QCoreApplication::translate("DemoFarEnds", "demo %1 on 127.0.0.1:%2 (pid %3), data in %4")
                   .arg(QLatin1String(what))
                   .arg(port)
                   .arg(pid)
                   .arg(dir);
    qCInfo(lcStation).noquote() << far.text;
    return far;
}

/// A connection named `name` to the demo database as the demo user (not opened yet). No call on it
/// waits unbounded: a server that stops answering fails the start.
QSqlDatabase demoDatabase(const QString& name, int port, const QString& password)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QMYSQL"), name);
    db.setConnectOptions(
        QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=2;MYSQL_OPT_READ_TIMEOUT=20;MYSQL_OPT_WRITE_TIMEOUT=20"));
    db.setHostName(QStringLiteral("127.0.0.1"));
    db.setPort(port);
    db.setUserName(QLatin1String(DemoFarEnds::kUser));
    db.setPassword(password);
    db.setDatabaseName(QLatin1String(DemoFarEnds::kDatabase));
    return db;
}

} // namespace

DemoFarEnds::DemoFarEnds(QString dataDir, QString schemaPath)
    : m_dataDir(std::move(dataDir)), m_schemaPath(std::move(schemaPath))
{}

DemoFarEnds::~DemoFarEnds()
{
    stop();
}

void DemoFarEnds::cancel()
{
    m_cancelled = true;
    // A SIGTERM only: the starting thread sees its statement fail and stops the pid in full.
    for (const qint64 pid : {m_mariadbPid.load(), m_influxPid.load()}) {
        if (pid > 0)
            ::kill(pid_t(pid), SIGTERM);
    }
}

QString DemoFarEnds::mariadbMissing()
{
    const bool found = !QStandardPaths::findExecutable(QStringLiteral("mariadbd")).isEmpty() &&
                       !QStandardPaths::findExecutable(QStringLiteral("mariadb-install-db")).isEmpty();
    return found ? QString()
                 : QCoreApplication::translate("DemoFarEnds",
                                               "demo push needs MariaDB: apt install mariadb-server");
}

QString DemoFarEnds::influxMissing()
{
    return QStandardPaths::findExecutable(QStringLiteral("influxd")).isEmpty()
               ? QCoreApplication::translate("DemoFarEnds",
                                             "demo InfluxDB needs influxd: apt install influxdb")
               : QString();
}

DemoFarEnd DemoFarEnds::startMariadb(const QString& password)
{
    DemoFarEnd out = DemoFarEnd::of(QStringLiteral("push"), QLatin1String(kPushServer));
    out.text = mariadbMissing();
    if (!out.text.isEmpty())
        return out;
    const QString dir = QDir(m_dataDir).filePath(QStringLiteral("demo-mariadb"));
    const QString pidFile = QDir(dir).filePath(QStringLiteral("mariadbd.pid"));
    QDir().mkpath(dir);
    stopStale(pidFile, dir, "MariaDB");
    if (Status s = installMariadb(dir); !s) {
        out.text = s.error();
        return out;
    }
    // The init file runs as the server's own administrator at every start, so the demo needs no
    // client and no administrator password, and the user's password follows the secret store.
    QString quoted = password;
    quoted.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('\''), QLatin1String("\\'"));
    const QString init = QStringLiteral("CREATE DATABASE IF NOT EXISTS `%1` CHARACTER SET utf8mb4;\n"
                                        "CREATE USER IF NOT EXISTS '%2'@'127.0.0.1';\n"
                                        "ALTER USER '%2'@'127.0.0.1' IDENTIFIED BY '%3';\n"
                                        "GRANT ALL PRIVILEGES ON `%1`.* TO '%2'@'127.0.0.1';\n")
                             .arg(QLatin1String(kDatabase), QLatin1String(kUser), quoted);
    const QString initFile = QDir(dir).filePath(QStringLiteral("init.sql"));
    // mariadbd reads it only while it starts: afterwards the password lives in the secret store alone.
    const auto forgetInit = qScopeGuard([&initFile] { QFile::remove(initFile); });
    if (!writePrivateFile(initFile, init.toUtf8())) {
        out.text = QStringLiteral("demo MariaDB: cannot write %1").arg(initFile);
        return out;
    }
    const int port = freeLoopbackPort();
    QProcess server;
    server.setProgram(QStringLiteral("mariadbd"));
    server.setProcessEnvironment(serverEnvironment());
    server.setArguments(
        QStringList{QStringLiteral("--no-defaults"),
                    QStringLiteral("--datadir=%1").arg(QDir(dir).filePath(QStringLiteral("data"))),
                    QStringLiteral("--tmpdir=%1").arg(ownTmpDir(dir))}
        << asRootIfRoot()
        << QStringList{
               QStringLiteral("--socket=%1").arg(socketPath(dir)), QStringLiteral("--port=%1").arg(port),
               QStringLiteral("--bind-address=127.0.0.1"), QStringLiteral("--pid-file=%1").arg(pidFile),
               QStringLiteral("--log-error=%1").arg(QDir(dir).filePath(QStringLiteral("error.log"))),
               QStringLiteral("--init-file=%1").arg(initFile),
               QStringLiteral("--innodb-buffer-pool-size=32M"), QStringLiteral("--skip-name-resolve")});
    server.setStandardOutputFile(QDir(dir).filePath(QStringLiteral("mariadbd.out")));
    server.setStandardErrorFile(QDir(dir).filePath(QStringLiteral("mariadbd.out")), QIODevice::Append);
    qint64 pid = 0;
    if (!server.startDetached(&pid)) {
        out.text = QStringLiteral("demo MariaDB: mariadbd did not start: %1").arg(server.errorString());
        return out;
    }
    m_mariadbPid = pid;
    Status s = waitForMariadb(port, password, pid, dir);
    if (s)
        s = loadSchema(port, password);
    if (!s) {
        // No sink will use a server that failed to come up: it goes now, not when the station stops.
        stopPid(m_mariadbPid.exchange(0), "MariaDB");
        out.text = s.error();
        return out;
    }
    return answering(out, "MariaDB", port, pid, dir);
}

Status DemoFarEnds::installMariadb(const QString& dir)
{
    const QString data = QDir(dir).filePath(QStringLiteral("data"));
    if (QFileInfo::exists(QDir(data).filePath(QStringLiteral("mysql"))))
        return {};
    QProcess install;
    install.setProgram(QStringLiteral("mariadb-install-db"));
    install.setProcessEnvironment(serverEnvironment());
    install.setArguments(QStringList{QStringLiteral("--no-defaults"),
                                     QStringLiteral("--datadir=%1").arg(data),
                                     QStringLiteral("--tmpdir=%1").arg(ownTmpDir(dir))}
                         << asRootIfRoot()
                         << QStringList{QStringLiteral("--auth-root-authentication-method=socket"),
                                        QStringLiteral("--skip-test-db")});
    const QString log = QDir(dir).filePath(QStringLiteral("install.log"));
    install.setStandardOutputFile(log);
    install.setStandardErrorFile(log, QIODevice::Append);
    // A group of its own: the script's mariadbd --bootstrap child must end with it on a cancel.
    install.setChildProcessModifier([] { ::setpgid(0, 0); });
    install.start();
    QElapsedTimer t;
    t.start();
    while (!install.waitForFinished(kSliceMs)) {
        if (install.state() == QProcess::NotRunning)
            break;
        if (m_cancelled || t.elapsed() > 120'000) {
            killGroup(install.processId());
            install.waitForFinished(5000);
            QDir(data).removeRecursively(); // half installed: the next start installs again
            return Error{m_cancelled ? QStringLiteral("demo MariaDB: stopped while installing")
                                     : QStringLiteral("demo MariaDB: mariadb-install-db took over 120 s")};
        }
    }
    if (install.exitStatus() != QProcess::NormalExit || install.exitCode() != 0) {
        QDir(data).removeRecursively();
        return Error{QStringLiteral("demo MariaDB: mariadb-install-db failed (%1): %2")
                         .arg(install.exitCode())
                         .arg(tail(log))};
    }
    return {};
}

Status DemoFarEnds::waitForMariadb(int port, const QString& password, qint64 pid, const QString& dir)
{
    const QString name = QStringLiteral("demo-far-end-wait");
    Status result = Error{QStringLiteral("demo MariaDB: did not answer within 60 s on port %1: %2")
                              .arg(port)
                              .arg(tail(QDir(dir).filePath(QStringLiteral("error.log"))))};
    {
        QSqlDatabase db = demoDatabase(name, port, password);
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 60'000) {
            if (m_cancelled) {
                result = Error{QStringLiteral("demo MariaDB: stopped while starting")};
                break;
            }
            if (!alive(pid)) {
                result = Error{QStringLiteral("demo MariaDB: mariadbd exited: %1")
                                   .arg(tail(QDir(dir).filePath(QStringLiteral("error.log"))))};
                break;
            }
            if (db.open()) {
                db.close();
                result = {};
                break;
            }
            QThread::msleep(200);
        }
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

Status DemoFarEnds::loadSchema(int port, const QString& password)
{
    QFile file(m_schemaPath);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("demo MariaDB: cannot read the Cogent schema %1").arg(m_schemaPath)};
    const QStringList sql = statements(QString::fromUtf8(file.readAll()));
    const QString name = QStringLiteral("demo-far-end-schema");
    Status result;
    {
        QSqlDatabase db = demoDatabase(name, port, password);
        if (!db.open()) {
            result = Error{QStringLiteral("demo MariaDB: %1").arg(db.lastError().text())};
        } else {
            // Every statement of the schema may run again on a database it made: no check needed.
            QSqlQuery q(db);
            for (qsizetype i = 0; i < sql.size() && result.ok(); ++i) {
                if (!q.exec(sql[i]))
                    result = Error{QStringLiteral("demo MariaDB: %1, statement %2: %3")
                                       .arg(m_schemaPath)
                                       .arg(i + 1)
                                       .arg(q.lastError().text())};
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

DemoFarEnd DemoFarEnds::startInflux()
{
    DemoFarEnd out = DemoFarEnd::of(QStringLiteral("influx"), QLatin1String(kInfluxServer));
    out.text = influxMissing();
    if (!out.text.isEmpty())
        return out;
    const QString dir = QDir(m_dataDir).filePath(QStringLiteral("demo-influxdb"));
    const QString pidFile = QDir(dir).filePath(QStringLiteral("influxd.pid"));
    QDir().mkpath(dir);
    stopStale(pidFile, dir, "InfluxDB");
    const int port = freeLoopbackPort();
    const int rpc = freeLoopbackPort();
    const QByteArray conf = QStringLiteral("reporting-disabled = true\n"
                                           "bind-address = \"127.0.0.1:%2\"\n"
                                           "[meta]\n  dir = \"%1/meta\"\n"
                                           "[data]\n  dir = \"%1/data\"\n  wal-dir = \"%1/wal\"\n"
                                           "  query-log-enabled = false\n"
                                           "[http]\n  enabled = true\n  bind-address = \"127.0.0.1:%3\"\n"
                                           "  auth-enabled = false\n  log-enabled = false\n"
                                           "[monitor]\n  store-enabled = false\n")
                                .arg(dir)
                                .arg(rpc)
                                .arg(port)
                                .toUtf8();
    const QString confFile = QDir(dir).filePath(QStringLiteral("influxdb.conf"));
    if (!writePrivateFile(confFile, conf)) {
        out.text = QStringLiteral("demo InfluxDB: cannot write %1").arg(confFile);
        return out;
    }
    const QString log = QDir(dir).filePath(QStringLiteral("influxd.log"));
    QProcess server;
    server.setProgram(QStringLiteral("influxd"));
    server.setProcessEnvironment(serverEnvironment());
    server.setArguments({QStringLiteral("-config"), confFile});
    server.setStandardOutputFile(log);
    server.setStandardErrorFile(log, QIODevice::Append);
    qint64 pid = 0;
    if (!server.startDetached(&pid)) {
        out.text = QStringLiteral("demo InfluxDB: influxd did not start: %1").arg(server.errorString());
        return out;
    }
    m_influxPid = pid;
    QFile(pidFile).remove();
    writePrivateFile(pidFile, QByteArray::number(pid));
    if (Status s = waitListening(port, pid, QStringLiteral("InfluxDB"), log); !s) {
        stopPid(m_influxPid.exchange(0), "InfluxDB"); // as for MariaDB: a failed start leaves nothing running
        out.text = s.error();
        return out;
    }
    return answering(out, "InfluxDB", port, pid, dir);
}

Status DemoFarEnds::waitListening(int port, qint64 pid, const QString& what, const QString& log)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 30'000) {
        if (m_cancelled)
            return Error{QStringLiteral("demo %1: stopped while starting").arg(what)};
        if (!alive(pid))
            return Error{QStringLiteral("demo %1: the server exited: %2").arg(what, tail(log))};
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, quint16(port));
        if (probe.waitForConnected(500))
            return {};
        QThread::msleep(kSliceMs);
    }
    return Error{QStringLiteral("demo %1: nothing listened on port %2 within 30 s: %3")
                     .arg(what)
                     .arg(port)
                     .arg(tail(log))};
}

void DemoFarEnds::stop()
{
    stopPid(m_mariadbPid.exchange(0), "MariaDB");
    stopPid(m_influxPid.exchange(0), "InfluxDB");
}

} // namespace fs
