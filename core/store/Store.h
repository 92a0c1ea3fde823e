// One connection to the local SQLite store: opening, migrations, and typed reads and writes.
#pragma once

#include "model/Sample.h"
#include "util/Result.h"

#include <QSqlDatabase>
#include <QString>
#include <memory>

struct sqlite3;

namespace fs {

/// A reading as stored, with the sequence number sinks use as their cursor.
struct StoredReading
{
    qint64 seq = 0;
    qint64 timeMs = 0;
    ChannelId channel = 0;
    double value = 0.0;
};

/// A store connection belongs to the thread that opened it (Qt SQL's rule); open one per thread.
class Store
{
public:
    enum class Mode { ReadWrite, ReadOnly };

    /// Opens (and, in ReadWrite mode, creates and migrates) the store at `path`, through the SQLite
    /// VFS named `vfs` when one is given (tests use it to lose unsynced writes or fill the disk).
    static Result<std::unique_ptr<Store>> open(const QString& path, Mode mode = Mode::ReadWrite,
                                               const QString& vfs = {});
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    QSqlDatabase& db() { return m_db; }
    /// The native handle, for the Recorder's prepared-statement hot path.
    sqlite3* handle() const;
    QString path() const { return m_path; }
    int schemaVersion();

    /// Creates or updates the node, its sensor types and channels; returns their ids.
    Result<NodeChannels> ensureNode(const NodeSpec& spec);

    qint64 maxReadingSeq();
    qint64 readingCount();
    /// Up to `limit` readings with seq > `afterSeq`, in seq order.
    Result<QList<StoredReading>> readingsAfter(qint64 afterSeq, int limit);

    /// Last sequence a sink has delivered (0 when it has never delivered).
    Result<qint64> cursor(const QString& sink);
    Status setCursor(const QString& sink, qint64 seq);

    /// "ok" or SQLite's list of problems.
    QString integrityCheck();

private:
    Store(QSqlDatabase db, QString path);
    Status configure(Mode mode);
    Status migrate();

    QSqlDatabase m_db;
    QString m_path;
};

} // namespace fs
