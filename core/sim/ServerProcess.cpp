// ServerProcess: a zombie counts as gone (a container's init may reap late), and a stale pid file is
// trusted only when /proc says its process still names the same data dir.
#include "ServerProcess.h"

#include "util/Logging.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QStringList>
#include <QTcpServer>
#include <QThread>
#include <csignal>

namespace fs::serverprocess {

int freeLoopbackPort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

bool alive(qint64 pid)
{
    if (pid <= 0 || ::kill(pid_t(pid), 0) != 0)
        return false;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close < 0 || line.mid(close + 2, 1) != "Z";
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
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return f.write(content) == content.size();
}

} // namespace fs::serverprocess
