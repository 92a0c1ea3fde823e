// DataDirLock: a QLockFile in the data dir. Age never makes it stale, only a holder that is gone:
// a station may run for months with the same lock.
#include "DataDirLock.h"

#include <QDir>
#include <QSysInfo>

namespace fs {

DataDirLock::DataDirLock(const QString& path) : m_file(path)
{
    m_file.setStaleLockTime(0);
}

DataDirLock::~DataDirLock()
{
    m_file.unlock();
}

QString DataDirLock::lockPath(const QString& dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("fieldstation.lock"));
}

Result<std::unique_ptr<DataDirLock>> DataDirLock::take(const QString& dataDir)
{
    const QString dir = QDir(dataDir).absolutePath();
    if (!QDir().mkpath(dir))
        return Error{QStringLiteral("data dir %1: cannot create it").arg(dir)};
    std::unique_ptr<DataDirLock> lock(new DataDirLock(lockPath(dir)));
    if (lock->m_file.tryLock(0))
        return lock;
    switch (lock->m_file.error()) {
    case QLockFile::LockFailedError: {
        qint64 pid = 0;
        QString host, app;
        if (!lock->m_file.getLockInfo(&pid, &host, &app))
            return Error{QStringLiteral("data dir %1 is locked by another process (%2 is unreadable)")
                             .arg(dir, lockPath(dir))};
        const QString where = host.isEmpty() || host == QSysInfo::machineHostName()
                                  ? QString()
                                  : QStringLiteral(" on host %1").arg(host);
        return Error{QStringLiteral("data dir %1 is in use by %2 (pid %3%4): one writer per data dir; "
                                    "stop it first (e.g. systemctl stop fieldstation) or choose another "
                                    "--data-dir")
                         .arg(dir, app.isEmpty() ? QStringLiteral("another process") : app)
                         .arg(pid)
                         .arg(where)};
    }
    case QLockFile::PermissionError:
        return Error{QStringLiteral("data dir %1: no permission to create %2").arg(dir, lockPath(dir))};
    default:
        return Error{QStringLiteral("data dir %1: cannot lock %2").arg(dir, lockPath(dir))};
    }
}

} // namespace fs
