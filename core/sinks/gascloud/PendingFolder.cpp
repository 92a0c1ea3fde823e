// PendingFolder: each move passes over a file a crash already moved, so the uploader repeats any step
// on resume.
#include "PendingFolder.h"

#include "util/CrashPoint.h"
#include "util/DurableFile.h"

#include <QDir>
#include <QFile>

namespace fs {

Status PendingFolder::take()
{
    if (m_lock)
        return {};
    QDir().mkpath(m_dir);
    auto lock = std::make_unique<QLockFile>(QDir(m_dir).filePath(QStringLiteral(".uploader.lock")));
    lock->setStaleLockTime(0); // a crashed holder is detected by its pid, not by age
    if (!lock->tryLock(0)) {
        qint64 pid = 0;
        QString host, app;
        lock->getLockInfo(&pid, &host, &app);
        return Error{
            QStringLiteral("another uploader (pid %1) is working the queue in %2").arg(pid).arg(m_dir)};
    }
    m_lock = std::move(lock);
    return {};
}

QString PendingFolder::path(const QString& stem, const char* ext) const
{
    return QDir(m_dir).filePath(stem + QLatin1String(ext));
}

Status PendingFolder::renameFiles(const QString& from, const QString& to)
{
    for (const char* ext : {".zip", ".yaml"}) {
        const QString src = path(from, ext);
        if (!QFile::exists(src) && QFile::exists(path(to, ext)))
            continue; // done before a crash
        if (Status s = durable::commitRename(src, path(to, ext)); !s)
            return s;
    }
    return {};
}

Status PendingFolder::finish(const QString& stem, const QString& folder)
{
    for (const char* ext : {".zip", ".yaml"}) {
        const QString f = path(stem, ext);
        if (!QFile::exists(f))
            continue; // moved before a crash
        if (folder.isEmpty()) {
            QFile::remove(f);
            continue;
        }
        if (Status s = durable::moveInto(f, folder); !s)
            return s;
    }
    crashPoint("files-finished");
    return {};
}

Status PendingFolder::bringBack(const QString& folder, const QString& stem, const QString& asStem)
{
    QDir().mkpath(m_dir);
    for (const char* ext : {".zip", ".yaml"}) {
        const QString from = QDir(folder).filePath(stem + QLatin1String(ext));
        const QString to = path(asStem, ext);
        if (!QFile::exists(from) && QFile::exists(to))
            continue; // brought back before a crash
        if (!QFile::exists(from))
            return Error{QStringLiteral("%1 is not there (moved or deleted by hand?)").arg(from)};
        if (Status s = durable::commitRename(from, to); !s)
            return s;
    }
    if (Status s = durable::syncDir(folder); !s) // the entries left the folder too
        return s;
    crashPoint("files-brought-back");
    return {};
}

} // namespace fs
