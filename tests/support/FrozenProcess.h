// FrozenProcess: a real server frozen with SIGSTOP for the lifetime of the object (a far end that
// accepts and then never answers), thawed with SIGCONT however the test ends.
#pragma once

#include "MariadbServer.h"

#include <QFile>
#include <csignal>
#include <sys/types.h>

namespace fs::test {

class FrozenProcess
{
public:
    explicit FrozenProcess(qint64 pid) : m_pid(pid)
    {
        if (m_pid > 0)
            ::kill(pid_t(m_pid), SIGSTOP);
    }
    ~FrozenProcess() { thaw(); }
    FrozenProcess(const FrozenProcess&) = delete;
    FrozenProcess& operator=(const FrozenProcess&) = delete;
    void thaw()
    {
        if (m_pid > 0)
            ::kill(pid_t(m_pid), SIGCONT);
        m_pid = 0;
    }

private:
    qint64 m_pid = 0;
};

/// The pid of the test's own mariadbd (from its pid file; never looked up by name).
inline qint64 mariadbPid(const MariadbServer& db)
{
    QFile f(db.value(QStringLiteral("SELECT @@pid_file"), QString()));
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().toLongLong() : 0;
}

} // namespace fs::test
