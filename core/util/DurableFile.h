// Helpers for files that must be whole or absent after a crash: fsync, rename, fsync the folder.
#pragma once

#include "util/Result.h"

#include <QString>

namespace fs::durable {

/// Flushes a file's data to the disk.
Status syncFile(const QString& path);
/// Flushes a folder's entries (after a rename into it).
Status syncDir(const QString& dir);
/// fsync `from`, rename it to `to` (atomically replacing), fsync the folder.
Status commitRename(const QString& from, const QString& to);
/// Moves a file into another folder on the same file system, durably.
Status moveInto(const QString& file, const QString& dir);

} // namespace fs::durable
