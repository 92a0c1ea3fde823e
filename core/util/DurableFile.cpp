// DurableFile: POSIX fsync and rename; the error names the file and the step.
#include "DurableFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace fs::durable {

namespace {

Status syncPath(const QString& path, int flags)
{
    const int fd = ::open(QFile::encodeName(path).constData(), flags | O_CLOEXEC);
    if (fd < 0)
        return Error{QStringLiteral("%1: cannot open to sync: %2")
                         .arg(path, QString::fromLocal8Bit(std::strerror(errno)))};
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0)
        return Error{
            QStringLiteral("%1: fsync failed: %2").arg(path, QString::fromLocal8Bit(std::strerror(err)))};
    return {};
}

} // namespace

Status syncFile(const QString& path)
{
    return syncPath(path, O_RDONLY);
}

Status syncDir(const QString& dir)
{
    return syncPath(dir, O_RDONLY | O_DIRECTORY);
}

Status commitRename(const QString& from, const QString& to)
{
    if (Status s = syncFile(from); !s)
        return s;
    if (::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0)
        return Error{QStringLiteral("renaming %1 to %2: %3")
                         .arg(from, to, QString::fromLocal8Bit(std::strerror(errno)))};
    return syncDir(QFileInfo(to).absolutePath());
}

Status moveInto(const QString& file, const QString& dir)
{
    if (!QDir().mkpath(dir))
        return Error{QStringLiteral("%1: cannot create the folder").arg(dir)};
    const QString to = QDir(dir).filePath(QFileInfo(file).fileName());
    if (Status s = commitRename(file, to); !s)
        return s;
    return syncDir(QFileInfo(file).absolutePath());
}

} // namespace fs::durable
