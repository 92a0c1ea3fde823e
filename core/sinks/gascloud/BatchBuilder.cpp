// BatchBuilder: has BatchScan stream the readings from its own read connection into the CSV, then zips,
// hashes, writes the payload, renames into place, and only then moves the cursor.
#include "BatchBuilder.h"

#include "BatchCsv.h"
#include "BatchDeletion.h"
#include "BatchFiles.h"
#include "BatchScan.h"
#include "store/Recorder.h"
#include "store/Store.h"
#include "util/CrashPoint.h"
#include "util/DurableFile.h"
#include "util/Logging.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>

namespace fs {

using batchscan::Scan;
using batchscan::Targets;

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
        auto targets = batchscan::selectTargets(*m_reader, m_opt.sources);
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
    if (Status sc = batchscan::scanInto(*m_reader, csv, b, nowMs, targets, m_opt, m_stop, scan); !sc)
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
