// BatchScan: streams the readings from the builder's read connection into CSV rows, chunk by chunk, so
// memory stays bounded whatever the backlog.
#include "BatchScan.h"

#include "BatchCsv.h"
#include "store/Store.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <limits>
#include <sqlite3.h>

namespace fs::batchscan {

namespace {

constexpr int kScanChunk = 20000;

/// The whole second a reading's CSV timestamp shows (floor, also before 1970).
qint64 csvSecond(qint64 ms)
{
    return ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
}

QString placeholders(qsizetype n)
{
    QStringList q;
    for (qsizetype i = 0; i < n; ++i)
        q << QStringLiteral("?");
    return q.join(QLatin1Char(','));
}

/// The second of the last row already batched, so that no second gets two rows.
Result<qint64> previousRowSecond(Store& reader)
{
    QSqlQuery q(reader.db());
    if (!q.exec(
            QStringLiteral("SELECT reading_to_ms FROM batches WHERE state != 'building' AND row_count > 0 "
                           "ORDER BY id DESC LIMIT 1")))
        return Error{q.lastError().text()};
    return q.next() ? csvSecond(q.value(0).toLongLong()) : std::numeric_limits<qint64>::min();
}

} // namespace

Result<Targets> selectTargets(Store& reader, const QStringList& sources)
{
    Targets t;
    if (sources.isEmpty())
        return t;
    QSqlQuery q(reader.db());
    q.prepare(QStringLiteral("SELECT c.id, c.node_id, c.key FROM channels c JOIN nodes n ON n.id = c.node_id "
                             "WHERE n.source IN (%1)")
                  .arg(placeholders(sources.size())));
    for (const QString& id : sources)
        q.addBindValue(id.isNull() ? QStringLiteral("") : id); // a null QString binds NULL
    if (!q.exec())
        return Error{q.lastError().text()};
    QStringList all, pm1;
    while (q.next()) {
        const int column = batchcsv::columnOfChannel(q.value(2).toString());
        t.byChannel.insert(q.value(0).toLongLong(), {q.value(1).toLongLong(), column});
        all << q.value(0).toString();
        if (column == batchcsv::pm1Column())
            pm1 << q.value(0).toString();
    }
    t.inList = all.join(QLatin1Char(','));
    t.pm1List = pm1.join(QLatin1Char(','));
    return t;
}

Status scanInto(Store& reader, QIODevice& csv, UploadBatch& b, qint64 nowMs, const Targets& targets,
                const BatchBuilder::Options& opt, const SinkStop* stop, Scan& scan)
{
    // One timestamp, one row: the CSV shows whole seconds and the receiver keys rows on gadget and
    // timestamp, so a second frame in a second already written (a restart within the second) is
    // dropped and counted. The first one stays: it is already in the file.
    auto previous = previousRowSecond(reader);
    if (!previous)
        return Error{previous.error()};
    QSet<qint64> seconds;
    seconds.insert(previous.value());
    sqlite3* db = reader.handle();
    sqlite3_stmt* st = nullptr;
    // "+channel_id" keeps the planner on the primary key: with the (channel_id, time_ms) index it
    // would collect every matching row and sort it by seq, once per chunk (quadratic in the backlog).
    const QByteArray sql =
        QStringLiteral("SELECT seq, time_ms, channel_id, value FROM readings WHERE seq > ?1 "
                       "AND +channel_id IN (%1) ORDER BY seq LIMIT ?2")
            .arg(targets.inList)
            .toUtf8();
    if (sqlite3_prepare_v2(db, sql.constData(), -1, &st, nullptr) != SQLITE_OK)
        return Error{QString::fromUtf8(sqlite3_errmsg(db))};
    batchcsv::Row row;
    qint64 groupNode = -1, groupLastSeq = 0, groupFirstSeq = 0, after = scan.lastSeq;
    bool inGroup = false, hasPm = false, done = false;
    const auto closeGroup = [&] {
        if (hasPm && seconds.contains(csvSecond(row.timeMs))) {
            ++scan.sameSecondDropped;
        } else if (hasPm) {
            seconds.insert(csvSecond(row.timeMs));
            csv.write(batchcsv::format(row, opt.gadgetId));
            if (b.rows == 0)
                b.readingFromMs = row.timeMs;
            b.readingToMs = row.timeMs;
            ++b.rows;
            if (!scan.rowRanges.empty() && scan.rowRanges.back().second + 1 == groupFirstSeq)
                scan.rowRanges.back().second = groupLastSeq;
            else
                scan.rowRanges.emplace_back(groupFirstSeq, groupLastSeq);
        }
        scan.lastSeq = groupLastSeq; // lone health samples are passed over with the cursor
        row = batchcsv::Row();
        inGroup = hasPm = false;
        done = b.rows >= opt.maxRows;
    };
    // Scan forward in chunks; a reading's samples are contiguous in seq (submitted as one span).
    while (!done) {
        sqlite3_bind_int64(st, 1, after);
        sqlite3_bind_int(st, 2, kScanChunk);
        int n = 0;
        while (!done && sqlite3_step(st) == SQLITE_ROW) {
            ++n;
            const qint64 seq = sqlite3_column_int64(st, 0);
            const qint64 t = sqlite3_column_int64(st, 1);
            const Targets::Target target = targets.byChannel.value(sqlite3_column_int64(st, 2));
            after = seq;
            if (inGroup && (target.node != groupNode || t != row.timeMs))
                closeGroup();
            if (done)
                break;
            if (!inGroup) {
                inGroup = true;
                groupNode = target.node;
                groupFirstSeq = seq;
                row.timeMs = t;
            }
            groupLastSeq = seq;
            if (target.column >= 0) {
                row.values[size_t(target.column)] = sqlite3_column_double(st, 3);
                hasPm = hasPm || target.column == batchcsv::pm1Column();
            }
        }
        sqlite3_reset(st);
        if (n < kScanChunk)
            break;
        if (stop && stop->requested()) {
            sqlite3_finalize(st);
            return Error{QStringLiteral("stopped while reading the readings")};
        }
    }
    sqlite3_finalize(st);
    // The last reading may still be arriving; it counts only once it has settled.
    if (inGroup && !done && row.timeMs < nowMs - opt.settleMs)
        closeGroup();
    return {};
}

} // namespace fs::batchscan
