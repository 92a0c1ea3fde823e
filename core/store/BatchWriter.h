// BatchWriter: commits the Recorder's batches and tells a store that will get better (busy, I/O
// error, full disk) from a sample the store refuses, which it isolates so the rest is committed.
#pragma once

#include "model/Sample.h"

#include <QString>
#include <functional>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace fs {

/// Why a commit did not go through, by SQLite result code.
enum class CommitFailure {
    None,      ///< committed
    Transient, ///< busy, locked, I/O error, …: the same batch is worth trying again later
    DiskFull,  ///< SQLITE_FULL: worth trying again once space returns
    Refused,   ///< constraint, type, size: one of the rows is at fault, not the store
};

/// A sample or node state the store refused on its own, with SQLite's reason.
struct RefusedRow
{
    bool isState = false;
    Sample sample;
    NodeState state;
    QString why;
};

struct BatchOutcome
{
    CommitFailure failure = CommitFailure::None; ///< None, Transient or DiskFull, never Refused
    QString error;                               ///< the failure's text, empty when None
    std::vector<RefusedRow> refused;             ///< isolated and left out; the rest was committed
};

class BatchWriter
{
public:
    /// Called after every COMMIT that went through: the last reading seq (0 when the transaction
    /// held no sample) and how many samples it held.
    using CommittedFn = std::function<void(qint64 lastSeq, int samples)>;

    BatchWriter(sqlite3* db, CommittedFn committed);
    ~BatchWriter();
    BatchWriter(const BatchWriter&) = delete;
    BatchWriter& operator=(const BatchWriter&) = delete;

    /// Commits the samples, then the states, in order; a batch with a refused row is split until
    /// that row stands alone. On a Transient or DiskFull failure, what was already committed or
    /// refused is removed from the front of the vectors and the rest is left for a retry.
    BatchOutcome write(std::vector<Sample>& samples, std::vector<NodeState>& states);

    static CommitFailure classify(int sqliteCode);

private:
    struct Attempt
    {
        int code = 0;
        QString error;
        qint64 culprit = -1; ///< the row whose step failed, or -1 when BEGIN or COMMIT failed
    };
    Attempt commitRange(const std::vector<Sample>& samples, const std::vector<NodeState>& states, qint64 from,
                        qint64 to);
    Attempt fail(qint64 culprit);
    sqlite3_stmt* statement(sqlite3_stmt*& cache, const char* sql);

    sqlite3* m_db;
    CommittedFn m_committed;
    sqlite3_stmt* m_insertReading = nullptr;
    sqlite3_stmt* m_insertState = nullptr;
};

} // namespace fs
