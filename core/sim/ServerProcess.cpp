// ServerProcess: a zombie counts as gone (a container's init may reap late), and a stale pid file is
// trusted only when /proc says its process still names the same data dir.
#include "ServerProcess.h"

#include "util/Logging.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QStringList>
#include <QTcpServer>
#include <QThread>
#include <csignal>

namespace fs::serverprocess {

QProcessEnvironment serverEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name :
         {"NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES"})
        env.remove(QLatin1String(name));
    return env;
}

int freeLoopbackPort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

namespace {

/// The fields of /proc/<pid>/stat after the command name: state, ppid, pgrp, …; empty when gone.
QList<QByteArray> statFields(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return {};
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')'); // the name may hold spaces and parentheses
    return close < 0 ? QList<QByteArray>{} : line.mid(close + 2).split(' ');
}

bool groupRuns(qint64 pgid)
{
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString& entry : entries) {
        const QList<QByteArray> f = statFields(entry.toLongLong());
        if (f.size() > 2 && f[0] != "Z" && f[2].toLongLong() == pgid)
            return true;
    }
    return false;
}

} // namespace

bool alive(qint64 pid)
{
    if (pid <= 0 || ::kill(pid_t(pid), 0) != 0)
        return false;
    const QList<QByteArray> f = statFields(pid);
    return f.isEmpty() || f[0] != "Z";
}

void stopPid(qint64 pid, const char* what)
{
    if (!alive(pid))
        return;
    ::kill(pid_t(pid), SIGTERM);
    QElapsedTimer t;
    t.start();
    while (alive(pid) && t.elapsed() < 15000)
        QThread::msleep(100);
    if (alive(pid)) {
        qCWarning(lcStation) << "the demo" << what << "pid" << pid << "ignored SIGTERM for 15 s; killing it";
        ::kill(pid_t(pid), SIGKILL);
    }
}

void killGroup(qint64 pgid)
{
    if (pgid <= 1)
        return; // never "every process we may signal"
    ::kill(-pid_t(pgid), SIGKILL);
    QElapsedTimer t;
    t.start();
    while (groupRuns(pgid) && t.elapsed() < 5000)
        QThread::msleep(20);
}

void stopStale(const QString& pidFile, const QString& dir, const char* what)
{
    QFile f(pidFile);
    if (!f.open(QIODevice::ReadOnly))
        return;
    const qint64 pid = f.readAll().trimmed().toLongLong();
    QFile cmd(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (pid > 0 && cmd.open(QIODevice::ReadOnly) && cmd.readAll().contains(dir.toUtf8())) {
        qCInfo(lcStation) << "stopping the demo" << what << "a previous run left running, pid" << pid;
        stopPid(pid, what);
    }
}

QString tail(const QString& path, int lines)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("(no %1)").arg(path);
    const QStringList all = QString::fromUtf8(f.readAll()).trimmed().split(QLatin1Char('\n'));
    return all.mid(std::max<qsizetype>(0, all.size() - lines)).join(QStringLiteral(" | "));
}

bool writePrivateFile(const QString& path, const QByteArray& content)
{
    // Created 0600 rather than chmod'ed after the open: no moment in which others may read it.
    QFile::remove(path);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return false;
    return f.write(content) == content.size();
}

} // namespace fs::serverprocess
