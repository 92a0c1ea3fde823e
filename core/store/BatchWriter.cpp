// BatchWriter: one prepared-statement transaction per batch; a refused row is split off and the
// rest committed.
#include "BatchWriter.h"

#include <deque>
#include <sqlite3.h>
#include <utility>

namespace fs {

BatchWriter::BatchWriter(sqlite3* db, CommittedFn committed) : m_db(db), m_committed(std::move(committed)) {}

BatchWriter::~BatchWriter()
{
    // Finalized before the connection closes: an unfinalized statement keeps SQLite from closing it.
    sqlite3_finalize(m_insertReading);
    sqlite3_finalize(m_insertState);
}

CommitFailure BatchWriter::classify(int sqliteCode)
{
    switch (sqliteCode & 0xff) {
    case SQLITE_OK:
    case SQLITE_DONE:
        return CommitFailure::None;
    case SQLITE_FULL:
        return CommitFailure::DiskFull;
    // What a row can do wrong on its own: break a constraint (NOT NULL, CHECK, a trigger's RAISE),
    // carry the wrong type, be too big, or make a statement fail (SQLITE_ERROR from a trigger).
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
    case SQLITE_RANGE:
    case SQLITE_ERROR:
        return CommitFailure::Refused;
    // The rest (BUSY, LOCKED, IOERR, NOMEM, READONLY, CORRUPT, CANTOPEN, PROTOCOL, …) is the
    // store's or the disk's state, the same for every row: retry the batch, never drop it.
    default:
        return CommitFailure::Transient;
    }
}

sqlite3_stmt* BatchWriter::statement(sqlite3_stmt*& cache, const char* sql)
{
    if (!cache && sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &cache, nullptr) != SQLITE_OK)
        cache = nullptr;
    return cache;
}

BatchWriter::Attempt BatchWriter::fail(qint64 culprit)
{
    Attempt a{sqlite3_extended_errcode(m_db), QString::fromUtf8(sqlite3_errmsg(m_db)), culprit};
    if (a.code == SQLITE_OK) // an error that left no code behind is still a failure
        a.code = SQLITE_ERROR;
    // SQLite rolls some failures back by itself (FULL, IOERR, NOMEM); a statement-level failure
    // leaves the transaction open.
    if (!sqlite3_get_autocommit(m_db))
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    return a;
}

BatchWriter::Attempt BatchWriter::commitRange(const std::vector<Sample>& samples,
                                              const std::vector<NodeState>& states, qint64 from, qint64 to)
{
    const qint64 nSamples = qint64(samples.size());
    if (sqlite3_exec(m_db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
        Attempt a = fail(-1);
        // A failure to begin is never a row's fault.
        if (classify(a.code) == CommitFailure::Refused)
            a.code = SQLITE_IOERR;
        return a;
    }
    qint64 last = 0;
    if (from < nSamples) {
        sqlite3_stmt* st =
            statement(m_insertReading, "INSERT INTO readings (time_ms, channel_id, value) VALUES (?, ?, ?)");
        if (!st) {
            Attempt a = fail(-1);
            a.code = SQLITE_IOERR; // a statement that does not prepare is the store's state, not a row's
            return a;
        }
        for (qint64 i = from; i < std::min(to, nSamples); ++i) {
            const Sample& s = samples[size_t(i)];
            sqlite3_bind_int64(st, 1, s.timeMs);
            sqlite3_bind_int64(st, 2, s.channel);
            sqlite3_bind_double(st, 3, s.value);
            const int rc = sqlite3_step(st);
            sqlite3_reset(st);
            if (rc != SQLITE_DONE)
                return fail(i);
        }
        last = sqlite3_last_insert_rowid(m_db); // before the node states take over the rowid
    }
    if (to > nSamples) {
        sqlite3_stmt* st = statement(
            m_insertState, "INSERT INTO node_states (node_id, time_ms, state, detail) VALUES (?, ?, ?, ?)");
        if (!st) {
            Attempt a = fail(-1);
            a.code = SQLITE_IOERR;
            return a;
        }
        for (qint64 i = std::max(from, nSamples); i < to; ++i) {
            const NodeState& ns = states[size_t(i - nSamples)];
            const QByteArray state = ns.state.toUtf8();
            const QByteArray detail = ns.detail.toUtf8();
            sqlite3_bind_int64(st, 1, ns.node);
            sqlite3_bind_int64(st, 2, ns.timeMs);
            sqlite3_bind_text(st, 3, state.constData(), int(state.size()), SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 4, detail.constData(), int(detail.size()), SQLITE_TRANSIENT);
            const int rc = sqlite3_step(st);
            sqlite3_reset(st);
            if (rc != SQLITE_DONE)
                return fail(i);
        }
    }
    if (sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail(-1);
    m_committed(last, int(std::max<qint64>(0, std::min(to, nSamples) - from)));
    return {};
}

BatchOutcome BatchWriter::write(std::vector<Sample>& samples, std::vector<NodeState>& states)
{
    // Rows are numbered samples first, then states. Ranges wait in order, so what is committed
    // keeps the order it was submitted in.
    const qint64 nSamples = qint64(samples.size());
    std::deque<std::pair<qint64, qint64>> ranges{{0, nSamples + qint64(states.size())}};
    BatchOutcome out;
    qint64 settled = 0; // rows [0, settled) are committed or refused
    while (!ranges.empty()) {
        const auto [from, to] = ranges.front();
        ranges.pop_front();
        if (from >= to)
            continue;
        const Attempt a = commitRange(samples, states, from, to);
        const CommitFailure kind = classify(a.code);
        if (kind == CommitFailure::None) {
            settled = to;
            continue;
        }
        if (kind != CommitFailure::Refused) {
            out.failure = kind;
            out.error = a.error;
            break;
        }
        if (to - from == 1) {
            RefusedRow row;
            row.isState = from >= nSamples;
            if (row.isState)
                row.state = states[size_t(from - nSamples)];
            else
                row.sample = samples[size_t(from)];
            row.why = a.error;
            out.refused.push_back(std::move(row));
            settled = to;
            continue;
        }
        // Split where the step failed when SQLite said which row; in halves when it failed at COMMIT.
        if (a.culprit >= from && a.culprit < to) {
            ranges.push_front({a.culprit + 1, to});
            ranges.push_front({a.culprit, a.culprit + 1});
            ranges.push_front({from, a.culprit});
        } else {
            const qint64 mid = from + (to - from) / 2;
            ranges.push_front({mid, to});
            ranges.push_front({from, mid});
        }
    }
    if (out.failure != CommitFailure::None) {
        samples.erase(samples.begin(), samples.begin() + std::min(settled, nSamples));
        states.erase(states.begin(), states.begin() + std::max<qint64>(0, settled - nSamples));
    } else {
        samples.clear();
        states.clear();
    }
    return out;
}

} // namespace fs
