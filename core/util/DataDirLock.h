// DataDirLock: one writer per data dir — a running station, or a command that writes, never both.
#pragma once

#include "util/Result.h"

#include <QLockFile>
#include <QString>
#include <memory>

namespace fs {

/// Held for as long as the process writes the data dir; released when destroyed. A lock whose
/// process is gone (killed, power cut, rebooted) is stale and taken over.
class DataDirLock
{
public:
    /// Takes the lock of `dataDir`, creating the folder. Never waits: while another process holds
    /// it, an error that names the data dir and the holder's pid (and host, when not this one).
    static Result<std::unique_ptr<DataDirLock>> take(const QString& dataDir);
    /// The lock file in `dataDir`.
    static QString lockPath(const QString& dataDir);

    ~DataDirLock();
    DataDirLock(const DataDirLock&) = delete;
    DataDirLock& operator=(const DataDirLock&) = delete;

private:
    explicit DataDirLock(const QString& path);

    QLockFile m_file;
};

} // namespace fs
