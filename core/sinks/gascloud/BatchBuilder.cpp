// BatchBuilder: streams readings from its own read connection into the CSV (bounded memory), zips,
// hashes, writes the payload, renames into place, and only then moves the cursor.
#include "BatchBuilder.h"

#include "BatchCsv.h"
#include "BatchDeletion.h"
#include "BatchFiles.h"
#include "store/Recorder.h"
#include "store/Store.h"
#include "util/CrashPoint.h"
#include "util/DurableFile.h"
#include "util/Logging.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <limits>
#include <sqlite3.h>

namespace fs {

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

} // namespace

/// Which channels feed which column: every channel of a node of a configured source.
struct BatchBuilder::Targets
{
    struct Target
    {
        qint64 node;
        int column;
    };
    QHash<qint64, Target> byChannel;
    QString inList; ///< the channel ids, comma-separated, for SQL
    QString pm1List;
};

/// What one scan wrote, for the meta, the cursor and the deletion.
struct BatchBuilder::Scan
{
    qint64 lastSeq = 0;
    int sameSecondDropped = 0;
    std::vector<std::pair<qint64, qint64>> rowRanges; // seq ranges of the rows written
};

QByteArray batchCsvHeader()
{
    return batchcsv::header();
}

BatchBuilder::BatchBuilder(Recorder& recorder, QString storePath, Options options)
    : m_recorder(recorder), m_storePath(std::move(storePath)), m_opt(std::move(options))
{}

BatchBuilder::~BatchBuilder() = default;

Status BatchBuilder::openReader()
{
    if (m_reader)
        return {};
    auto s = Store::open(m_storePath, Store::Mode::ReadOnly);
    if (!s)
        return Error{s.error()};
    m_reader = std::move(s).value();
    return {};
}

Status BatchBuilder::recover()
{
    QDir pending(m_opt.pendingDir);
    if (!QDir().mkpath(m_opt.pendingDir))
        return Error{QStringLiteral("%1: cannot create the pending folder").arg(m_opt.pendingDir)};
    for (const QString& stray : pending.entryList({QStringLiteral(".tmp-*")}, QDir::Files | QDir::Hidden))
        pending.remove(stray);
    return m_recorder.run([&](Store& store) -> Status {
        auto all = batches::all(store);
        if (!all)
            return Error{all.error()};
        for (const UploadBatch& b : all.value()) {
            if (b.state != UploadBatch::State::Building)
                continue;
            qCWarning(lcGascloud) << "dropping half-built batch" << b.id
                                  << "; its readings will be batched again";
            for (const char* ext : {".zip", ".yaml"})
                pending.remove(b.sourceRef + QLatin1String(ext));
            if (Status s = batches::remove(store, b.id); !s)
                return s;
        }
        return Status();
    });
}

Result<BatchBuilder::Targets> BatchBuilder::selectTargets()
{
    Targets t;
    if (m_opt.sources.isEmpty())
        return t;
    QSqlQuery q(m_reader->db());
    q.prepare(QStringLiteral("SELECT c.id, c.node_id, c.key FROM channels c JOIN nodes n ON n.id = c.node_id "
                             "WHERE n.source IN (%1)")
                  .arg(placeholders(m_opt.sources.size())));
    for (const QString& id : m_opt.sources)
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

Result<std::optional<UploadBatch>> BatchBuilder::buildNext(qint64 nowMs)
{
    if (Status s = openReader(); !s)
        return Error{s.error()};
    // One read transaction: the cursor, the test for rows and the newest seq come from one snapshot,
    // so moving the cursor to that seq passes no reading of ours committed in between.
    if (!m_reader->db().transaction())
        return Error{
            QStringLiteral("cannot begin a read transaction: %1").arg(m_reader->db().lastError().text())};
    qint64 passTo = 0;
    auto pending = [&]() -> Result<std::optional<Targets>> {
        auto cursor = m_reader->cursor(QString::fromLatin1(kCursor));
        if (!cursor)
            return Error{cursor.error()};
        auto targets = selectTargets();
        if (!targets)
            return Error{targets.error()};
        if (!targets->pm1List.isEmpty()) {
            // Cheap test first: empty intervals make no batch and touch nothing.
            QSqlQuery q(m_reader->db());
            q.prepare(QStringLiteral("SELECT 1 FROM readings WHERE seq > ? AND +channel_id IN (%1) LIMIT 1")
                          .arg(targets->pm1List));
            q.addBindValue(cursor.value());
            if (!q.exec())
                return Error{q.lastError().text()};
            if (q.next())
                return std::optional<Targets>(std::move(targets).value());
        }
        if (!targets->inList.isEmpty()) {
            // Samples of ours without a PM1: a reading still arriving holds the cursor until it has
            // settled; a settled one makes no row (the scan passes it over too).
            QSqlQuery q(m_reader->db());
            q.prepare(
                QStringLiteral("SELECT MAX(time_ms) FROM readings WHERE seq > ? AND +channel_id IN (%1)")
                    .arg(targets->inList));
            q.addBindValue(cursor.value());
            if (!q.exec() || !q.next())
                return Error{q.lastError().text()};
            if (!q.value(0).isNull() && q.value(0).toLongLong() >= nowMs - m_opt.settleMs)
                return std::optional<Targets>();
        }
        // None of our sources has anything after the cursor (dead, absent, or none configured): the
        // cursor passes the other sources' readings, or it would hold retention back for them all.
        const qint64 newest = m_reader->maxReadingSeq();
        if (newest > cursor.value())
            passTo = newest;
        return std::optional<Targets>();
    }();
    m_reader->db().commit();
    if (!pending)
        return Error{pending.error()};
    if (passTo > 0) {
        Status s = m_recorder.run([&](Store& store) -> Status {
            auto c = store.cursor(QString::fromLatin1(kCursor));
            if (!c)
                return Error{c.error()};
            return passTo > c.value() ? store.setCursor(QString::fromLatin1(kCursor), passTo) : Status();
        });
        if (!s)
            return Error{
                QStringLiteral("moving the batch cursor past other sources' readings: %1").arg(s.error())};
    }
    if (!pending->has_value())
        return std::optional<UploadBatch>();
    auto cursor = m_reader->cursor(QString::fromLatin1(kCursor));
    if (!cursor)
        return Error{cursor.error()};
    return build(nowMs, cursor.value(), pending->value());
}

Result<qint64> BatchBuilder::previousRowSecond()
{
    QSqlQuery q(m_reader->db());
    if (!q.exec(
            QStringLiteral("SELECT reading_to_ms FROM batches WHERE state != 'building' AND row_count > 0 "
                           "ORDER BY id DESC LIMIT 1")))
        return Error{q.lastError().text()};
    return q.next() ? csvSecond(q.value(0).toLongLong()) : std::numeric_limits<qint64>::min();
}

Status BatchBuilder::scanInto(QIODevice& csv, UploadBatch& b, qint64 nowMs, const Targets& targets,
                              Scan& scan)
{
    // One timestamp, one row: the CSV shows whole seconds and the receiver keys rows on gadget and
    // timestamp, so a second frame in a second already written (a restart within the second) is
    // dropped and counted. The first one stays: it is already in the file.
    auto previous = previousRowSecond();
    if (!previous)
        return Error{previous.error()};
    QSet<qint64> seconds;
    seconds.insert(previous.value());
    sqlite3* db = m_reader->handle();
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
            csv.write(batchcsv::format(row, m_opt.gadgetId));
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
        done = b.rows >= m_opt.maxRows;
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
        if (m_stop && m_stop->requested()) {
            sqlite3_finalize(st);
            return Error{QStringLiteral("stopped while reading the readings")};
        }
    }
    sqlite3_finalize(st);
    // The last reading may still be arriving; it counts only once it has settled.
    if (inGroup && !done && row.timeMs < nowMs - m_opt.settleMs)
        closeGroup();
    return {};
}

Result<std::optional<UploadBatch>> BatchBuilder::build(qint64 nowMs, qint64 cursor, const Targets& targets)
{
    UploadBatch b;
    b.firstSeq = cursor + 1;
    b.createdMs = nowMs;
    Status s = m_recorder.run([&](Store& store) -> Status {
        auto r = batches::insertBuilding(store, b.firstSeq, nowMs);
        if (!r)
            return Error{r.error()};
        b.id = r.value();
        b.sourceRef = QStringLiteral("%1_%2_%3")
                          .arg(m_opt.key)
                          .arg(b.id, 6, 10, QLatin1Char('0'))
                          .arg(QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC)
                                   .toString(QStringLiteral("yyyyMMddHHmmss")));
        return batches::setSourceRef(store, b.id, b.sourceRef);
    });
    if (!s)
        return Error{QStringLiteral("recording a new batch: %1").arg(s.error())};
    crashPoint("batch-registered");

    QDir pending(m_opt.pendingDir);
    const QString ref = b.sourceRef;
    const QString tmpCsv = pending.filePath(QStringLiteral(".tmp-%1.csv").arg(ref));
    const QString tmpMeta = pending.filePath(QStringLiteral(".tmp-%1.meta.yaml").arg(ref));
    const QString tmpZip = pending.filePath(QStringLiteral(".tmp-%1.zip").arg(ref));
    const QString tmpPayload = pending.filePath(QStringLiteral(".tmp-%1.yaml").arg(ref));
    const auto abandon = [&](const QString& why) -> Result<std::optional<UploadBatch>> {
        for (const QString& f : {tmpCsv, tmpMeta, tmpZip, tmpPayload})
            QFile::remove(f);
        m_recorder.run([&](Store& store) { return batches::remove(store, b.id); });
        if (why.isEmpty())
            return std::optional<UploadBatch>();
        return Error{QStringLiteral("batch %1: %2").arg(ref, why)};
    };

    Scan scan;
    scan.lastSeq = cursor;
    if (Status w = batchfiles::writePrivate(tmpCsv, batchcsv::header()); !w)
        return abandon(w.error());
    QFile csv(tmpCsv);
    if (!csv.open(QIODevice::WriteOnly | QIODevice::Append))
        return abandon(QStringLiteral("%1: %2").arg(tmpCsv, csv.errorString()));
    if (Status sc = scanInto(csv, b, nowMs, targets, scan); !sc)
        return abandon(sc.error());
    csv.close();
    if (csv.error() != QFile::NoError)
        return abandon(QStringLiteral("%1: %2").arg(tmpCsv, csv.errorString()));
    if (scan.sameSecondDropped > 0)
        qCWarning(lcGascloud) << "batch" << b.id << ":" << scan.sameSecondDropped
                              << "readings dropped: their second already has a row (a restart within it)";
    if (b.rows == 0)
        return abandon(QString());
    b.lastSeq = scan.lastSeq;

    const QByteArray meta =
        batchfiles::metaYaml({ref, m_opt.batchType, m_opt.batchMode, m_opt.key, m_opt.gadgetId, nowMs,
                              b.readingFromMs, b.readingToMs, b.rows, scan.sameSecondDropped});
    // The meta and the zip carry the gateway key too: owner-only, like the payload.
    if (Status w = batchfiles::writePrivate(tmpMeta, meta); !w)
        return abandon(w.error());
    if (Status z = batchfiles::zipPrivate(
            tmpZip, {{ref + QStringLiteral(".csv"), tmpCsv}, {ref + QStringLiteral(".yaml"), tmpMeta}});
        !z)
        return abandon(z.error());
    auto md5 = batchfiles::md5Of(tmpZip);
    if (!md5)
        return abandon(md5.error());
    b.zipMd5 = md5.value();
    b.zipSize = QFileInfo(tmpZip).size();

    const QByteArray payload =
        batchfiles::payloadYaml({{QStringLiteral("key"), m_opt.key},
                                 {QStringLiteral("source_ref"), ref},
                                 {QStringLiteral("filelist"), QStringLiteral("%1.csv,%1.yaml").arg(ref)},
                                 {QStringLiteral("batch_type"), m_opt.batchType},
                                 {QStringLiteral("batch_mode"), m_opt.batchMode},
                                 {QStringLiteral("zip_size"), QString::number(b.zipSize)},
                                 {QStringLiteral("zip_md5"), b.zipMd5},
                                 {QStringLiteral("gadget_id"), m_opt.gadgetId}});
    if (Status w = batchfiles::writePrivate(tmpPayload, payload); !w)
        return abandon(w.error());
    if (Status r = durable::commitRename(tmpZip, pending.filePath(ref + QStringLiteral(".zip"))); !r)
        return abandon(r.error());
    crashPoint("zip-renamed");
    if (Status r = durable::commitRename(tmpPayload, pending.filePath(ref + QStringLiteral(".yaml"))); !r)
        return abandon(r.error());
    QFile::remove(tmpCsv);
    QFile::remove(tmpMeta);
    crashPoint("batch-files-written");

    // Both files are durable: now the batch is pending and the cursor moves, in one transaction.
    b.state = UploadBatch::State::Pending;
    b.updatedMs = nowMs;
    s = m_recorder.run([&](Store& store) -> Status {
        if (!store.db().transaction())
            return Error{QStringLiteral("cannot begin a transaction")};
        Status st1 = batches::save(store, b);
        Status st2 = st1 ? store.setCursor(QString::fromLatin1(kCursor), b.lastSeq) : st1;
        if (!st2) {
            store.db().rollback();
            return st2;
        }
        return store.db().commit() ? Status() : Status(Error{QStringLiteral("commit failed")});
    });
    if (!s)
        return Error{QStringLiteral("batch %1: recording it as pending: %2").arg(ref, s.error())};
    crashPoint("batch-pending");
    qCInfo(lcGascloud) << "batch" << b.id << "built:" << b.rows << "rows," << b.zipSize << "bytes, md5"
                       << b.zipMd5;
    if (m_opt.deleteReadingOnZip)
        deleteBatched(b, scan);
    return std::optional<UploadBatch>(b);
}

void BatchBuilder::deleteBatched(const UploadBatch& b, const Scan& scan)
{
    const auto done =
        batchdeletion::deleteRows(m_recorder, b.lastSeq, scan.rowRanges, m_opt.otherSinkCursors);
    if (!done.status)
        qCWarning(lcGascloud) << "batch" << b.id << ": deleting its readings failed after" << done.deleted
                              << "(the rest stay):" << done.status.error();
    else if (done.kept > 0)
        qCInfo(lcGascloud) << "batch" << b.id << ":" << done.kept
                           << "batched samples stay until every other sink has passed them; retention "
                              "(store.keep_days) deletes them then";
}

} // namespace fs
