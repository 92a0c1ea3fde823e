// BatchBuilder: streams readings from its own read connection into the CSV (bounded memory), zips,
// hashes, writes the payload, renames into place, and only then moves the cursor.
#include "BatchBuilder.h"

#include "BatchCsv.h"
#include "store/Recorder.h"
#include "store/Store.h"
#include "util/CrashPoint.h"
#include "util/DurableFile.h"
#include "util/Logging.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <yaml-cpp/yaml.h>

namespace fs {

namespace {

constexpr int kScanChunk = 20000;

std::string utf8(const QString& s)
{
    return s.toStdString();
}

QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

Status writeText(const QString& path, const QByteArray& text, bool privateFile)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return Error{QStringLiteral("%1: %2").arg(path, f.errorString())};
    if (privateFile)
        ::fchmod(f.handle(), 0600);
    if (f.write(text) != text.size())
        return Error{QStringLiteral("%1: %2").arg(path, f.errorString())};
    return {};
}

Status zipInto(const QString& zipPath, const QList<QPair<QString, QString>>& entries)
{
    QuaZip zip(zipPath);
    if (!zip.open(QuaZip::mdCreate))
        return Error{
            QStringLiteral("%1: cannot create the zip (error %2)").arg(zipPath).arg(zip.getZipError())};
    for (const auto& [name, source] : entries) {
        QFile in(source);
        if (!in.open(QIODevice::ReadOnly))
            return Error{QStringLiteral("%1: %2").arg(source, in.errorString())};
        QuaZipFile out(&zip);
        if (!out.open(QIODevice::WriteOnly, QuaZipNewInfo(name, source)))
            return Error{
                QStringLiteral("%1: cannot add %2 (error %3)").arg(zipPath, name).arg(out.getZipError())};
        QByteArray block;
        while (!(block = in.read(1 << 16)).isEmpty()) {
            if (out.write(block) != block.size())
                return Error{QStringLiteral("%1: writing %2 failed").arg(zipPath, name)};
        }
        out.close();
        if (out.getZipError() != 0)
            return Error{
                QStringLiteral("%1: closing %2 failed (error %3)").arg(zipPath, name).arg(out.getZipError())};
    }
    zip.close();
    if (zip.getZipError() != 0)
        return Error{
            QStringLiteral("%1: closing the zip failed (error %2)").arg(zipPath).arg(zip.getZipError())};
    return {};
}

Result<QString> md5Of(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("%1: %2").arg(path, f.errorString())};
    QCryptographicHash h(QCryptographicHash::Md5);
    if (!h.addData(&f))
        return Error{QStringLiteral("%1: cannot read it to hash").arg(path)};
    return QString::fromLatin1(h.result().toHex());
}

} // namespace

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
    auto cursor = m_reader->cursor(QString::fromLatin1(kCursor));
    if (!cursor)
        return Error{cursor.error()};
    // Cheap test first: empty intervals make no batch and touch nothing.
    QSqlQuery q(m_reader->db());
    q.prepare(
        QStringLiteral("SELECT 1 FROM readings r JOIN channels c ON c.id = r.channel_id JOIN nodes n "
                       "ON n.id = c.node_id WHERE n.kind = 'opcn3' AND c.key = 'pm1' AND r.seq > ? LIMIT 1"));
    q.addBindValue(cursor.value());
    if (!q.exec())
        return Error{q.lastError().text()};
    if (!q.next())
        return std::optional<UploadBatch>();
    q.finish();
    return build(nowMs, cursor.value());
}

Result<std::optional<UploadBatch>> BatchBuilder::build(qint64 nowMs, qint64 cursor)
{
    // Which channels feed which column: every OPC-N3 node's channels.
    struct Target
    {
        qint64 node;
        int column;
    };
    QHash<qint64, Target> targets;
    QString inList;
    {
        QSqlQuery q(m_reader->db());
        if (!q.exec(QStringLiteral(
                "SELECT c.id, c.node_id, c.key FROM channels c JOIN nodes n ON n.id = c.node_id "
                "WHERE n.kind = 'opcn3'")))
            return Error{q.lastError().text()};
        while (q.next()) {
            targets.insert(q.value(0).toLongLong(),
                           {q.value(1).toLongLong(), batchcsv::columnOfChannel(q.value(2).toString())});
            inList += (inList.isEmpty() ? QString() : QStringLiteral(",")) + q.value(0).toString();
        }
    }

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

    // Scan forward in chunks; a reading's samples are contiguous in seq (submitted as one span).
    QFile csv(tmpCsv);
    if (!csv.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return abandon(QStringLiteral("%1: %2").arg(tmpCsv, csv.errorString()));
    csv.write(batchcsv::header());
    sqlite3* db = m_reader->handle();
    sqlite3_stmt* st = nullptr;
    // "+channel_id" keeps the planner on the primary key: with the (channel_id, time_ms) index it
    // would collect every matching row and sort it by seq, once per chunk (quadratic in the backlog).
    const QByteArray sql =
        QStringLiteral("SELECT seq, time_ms, channel_id, value FROM readings WHERE seq > ?1 AND "
                       "+channel_id IN (%1) ORDER BY seq LIMIT ?2")
            .arg(inList.isEmpty() ? QStringLiteral("-1") : inList)
            .toUtf8();
    if (sqlite3_prepare_v2(db, sql.constData(), -1, &st, nullptr) != SQLITE_OK)
        return abandon(QString::fromUtf8(sqlite3_errmsg(db)));
    batchcsv::Row row;
    qint64 groupNode = -1, groupLastSeq = 0, after = cursor, lastSeq = cursor;
    bool inGroup = false, hasPm = false, done = false;
    std::vector<std::pair<qint64, qint64>> rowRanges; // seq ranges of the rows written, for deletion
    qint64 groupFirstSeq = 0;
    const auto closeGroup = [&] {
        if (hasPm) {
            csv.write(batchcsv::format(row, m_opt.gadgetId));
            if (b.rows == 0)
                b.readingFromMs = row.timeMs;
            b.readingToMs = row.timeMs;
            ++b.rows;
            if (!rowRanges.empty() && rowRanges.back().second + 1 == groupFirstSeq)
                rowRanges.back().second = groupLastSeq;
            else
                rowRanges.emplace_back(groupFirstSeq, groupLastSeq);
        }
        lastSeq = groupLastSeq; // lone health samples are passed over with the cursor
        row = batchcsv::Row();
        inGroup = hasPm = false;
        done = b.rows >= m_opt.maxRows;
    };
    while (!done) {
        sqlite3_bind_int64(st, 1, after);
        sqlite3_bind_int(st, 2, kScanChunk);
        int n = 0;
        while (!done && sqlite3_step(st) == SQLITE_ROW) {
            ++n;
            const qint64 seq = sqlite3_column_int64(st, 0);
            const qint64 t = sqlite3_column_int64(st, 1);
            const Target target = targets.value(sqlite3_column_int64(st, 2));
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
    }
    sqlite3_finalize(st);
    // The last reading may still be arriving; it counts only once it has settled.
    if (inGroup && !done && row.timeMs < nowMs - m_opt.settleMs)
        closeGroup();
    csv.close();
    if (csv.error() != QFile::NoError)
        return abandon(QStringLiteral("%1: %2").arg(tmpCsv, csv.errorString()));
    if (b.rows == 0)
        return abandon(QString());
    b.lastSeq = lastSeq;

    YAML::Emitter meta;
    meta << YAML::BeginMap << YAML::Key << "source" << YAML::Value << "FieldStation" << YAML::Key
         << "source_ref" << YAML::Value << utf8(ref) << YAML::Key << "version" << YAML::Value
         << FIELDSTATION_VERSION << YAML::Key << "filelist" << YAML::Value << YAML::BeginSeq
         << utf8(ref + QStringLiteral(".csv")) << utf8(ref + QStringLiteral(".yaml")) << YAML::EndSeq
         << YAML::Key << "batch_type" << YAML::Value << utf8(m_opt.batchType) << YAML::Key << "batch_mode"
         << YAML::Value << utf8(m_opt.batchMode) << YAML::Key << "device_id" << YAML::Value << utf8(m_opt.key)
         << YAML::Key << "timestamp" << YAML::Value << utf8(isoUtc(nowMs)) << YAML::Key << "gadget_id"
         << YAML::Value << utf8(m_opt.gadgetId) << YAML::Key << "reading_from" << YAML::Value
         << utf8(isoUtc(b.readingFromMs)) << YAML::Key << "reading_to" << YAML::Value
         << utf8(isoUtc(b.readingToMs)) << YAML::Key << "rows" << YAML::Value << b.rows << YAML::EndMap;
    if (Status w = writeText(tmpMeta, QByteArray(meta.c_str()) + '\n', false); !w)
        return abandon(w.error());
    if (Status z = zipInto(
            tmpZip, {{ref + QStringLiteral(".csv"), tmpCsv}, {ref + QStringLiteral(".yaml"), tmpMeta}});
        !z)
        return abandon(z.error());
    auto md5 = md5Of(tmpZip);
    if (!md5)
        return abandon(md5.error());
    b.zipMd5 = md5.value();
    b.zipSize = QFileInfo(tmpZip).size();

    YAML::Emitter payload;
    payload << YAML::BeginMap << YAML::Key << "key" << YAML::Value << utf8(m_opt.key) << YAML::Key
            << "source_ref" << YAML::Value << utf8(ref) << YAML::Key << "filelist" << YAML::Value
            << utf8(QStringLiteral("%1.csv,%1.yaml").arg(ref)) << YAML::Key << "batch_type" << YAML::Value
            << utf8(m_opt.batchType) << YAML::Key << "batch_mode" << YAML::Value << utf8(m_opt.batchMode)
            << YAML::Key << "zip_size" << YAML::Value << b.zipSize << YAML::Key << "zip_md5" << YAML::Value
            << utf8(b.zipMd5) << YAML::Key << "gadget_id" << YAML::Value << utf8(m_opt.gadgetId)
            << YAML::EndMap;
    // The payload holds the gateway key: owner-only.
    if (Status w = writeText(tmpPayload, QByteArray(payload.c_str()) + '\n', true); !w)
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

    if (m_opt.deleteReadingOnZip) {
        s = m_recorder.run([&](Store& store) -> Status {
            QSqlQuery del(store.db());
            del.prepare(QStringLiteral("DELETE FROM readings WHERE seq BETWEEN ? AND ?"));
            for (const auto& [from, to] : rowRanges) {
                del.addBindValue(from);
                del.addBindValue(to);
                if (!del.exec())
                    return Error{del.lastError().text()};
            }
            return Status();
        });
        if (!s)
            qCWarning(lcGascloud) << "batch" << b.id
                                  << ": deleting its readings failed (they stay):" << s.error();
    }
    return std::optional<UploadBatch>(b);
}

} // namespace fs
