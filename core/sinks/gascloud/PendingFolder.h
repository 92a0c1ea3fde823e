// PendingFolder: the gascloud queue's folder: who holds it, and the moves of a batch's zip and payload
// pair in it (named by source ref, then by batch id) and out of it, each one safe to repeat after a crash.
#pragma once

#include "util/Result.h"

#include <QLockFile>
#include <QString>
#include <memory>

namespace fs {

class PendingFolder
{
public:
    explicit PendingFolder(QString dir) : m_dir(std::move(dir)) {}

    /// Locks the folder for this process (one uploader per pending folder, across processes); an
    /// error names the pid that holds it. Once taken, a further call does nothing.
    Status take();
    /// `<dir>/<stem><ext>`.
    QString path(const QString& stem, const char* ext) const;
    /// Renames the pair `from`.zip/.yaml to `to`.zip/.yaml durably; a file already renamed is passed over.
    Status renameFiles(const QString& from, const QString& to);
    /// Moves the pair `stem`.zip/.yaml into `folder`, or deletes it when `folder` is empty; a file
    /// already gone is passed over.
    Status finish(const QString& stem, const QString& folder);
    /// Moves the pair `stem`.zip/.yaml from `folder` back in as `asStem`.zip/.yaml (a retry of a
    /// rejected batch); a file already back is passed over, a file in neither place is an error.
    Status bringBack(const QString& folder, const QString& stem, const QString& asStem);

private:
    QString m_dir;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace fs
