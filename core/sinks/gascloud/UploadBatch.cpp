// UploadBatch rows: plain SQL over the batches table (migrations 1 and 2).
#include "UploadBatch.h"

#include "store/Store.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace fs {

namespace {

const char* const kStates[] = {"building",  "pending",         "requesting", "ticketed",
                               "uploading", "awaiting_status", "uploaded",   "rejected"};

const QString kColumns = QStringLiteral(
    "id, source_ref, COALESCE(batch_id, ''), state, first_seq, last_seq, row_count, zip_size, zip_md5, "
    "attempts, "
    "bytes_sent, last_error, created_ms, updated_ms, ticket_domain, ticket_port, ticket_destination, "
    "ticket_expires_ms, next_attempt_ms, reading_from_ms, reading_to_ms");

UploadBatch fromQuery(const QSqlQuery& q)
{
    UploadBatch b;
    int i = 0;
    b.id = q.value(i++).toLongLong();
    b.sourceRef = q.value(i++).toString();
    b.batchId = q.value(i++).toString();
    b.state = batchStateFromString(q.value(i++).toString());
    b.firstSeq = q.value(i++).toLongLong();
    b.lastSeq = q.value(i++).toLongLong();
    b.rows = q.value(i++).toInt();
    b.zipSize = q.value(i++).toLongLong();
    b.zipMd5 = q.value(i++).toString();
    b.attempts = q.value(i++).toInt();
    b.bytesSent = q.value(i++).toLongLong();
    b.lastError = q.value(i++).toString();
    b.createdMs = q.value(i++).toLongLong();
    b.updatedMs = q.value(i++).toLongLong();
    b.ticketDomain = q.value(i++).toString();
    b.ticketPort = q.value(i++).toInt();
    b.ticketDestination = q.value(i++).toString();
    b.ticketExpiresMs = q.value(i++).toLongLong();
    b.nextAttemptMs = q.value(i++).toLongLong();
    b.readingFromMs = q.value(i++).toLongLong();
    b.readingToMs = q.value(i++).toLongLong();
    return b;
}

Result<QList<UploadBatch>> select(Store& store, const QString& where)
{
    return batches::query(store, where + QStringLiteral(" ORDER BY id"));
}

/// Qt binds a null QString as SQL NULL; the text columns are NOT NULL with '' for "none".
QVariant text(const QString& s)
{
    return s.isNull() ? QVariant(QString(QLatin1String(""))) : QVariant(s);
}

} // namespace

QString UploadBatch::fileStem() const
{
    return batchId.isEmpty() ? sourceRef : batchId;
}

QString toString(UploadBatch::State s)
{
    return QString::fromLatin1(kStates[int(s)]);
}

UploadBatch::State batchStateFromString(const QString& s)
{
    for (int i = 0; i < int(std::size(kStates)); ++i) {
        if (s == QLatin1String(kStates[i]))
            return UploadBatch::State(i);
    }
    return UploadBatch::State::Pending;
}

namespace batches {

Result<QList<UploadBatch>> all(Store& store)
{
    return select(store, QString());
}

Result<QList<UploadBatch>> query(Store& store, const QString& tail, const QVariantList& binds)
{
    QSqlQuery q(store.db());
    q.setForwardOnly(true);
    if (!q.prepare(QStringLiteral("SELECT %1 FROM batches %2").arg(kColumns, tail)))
        return Error{q.lastError().text()};
    for (const QVariant& v : binds)
        q.addBindValue(v);
    if (!q.exec())
        return Error{q.lastError().text()};
    QList<UploadBatch> out;
    while (q.next())
        out.append(fromQuery(q));
    return out;
}

Result<QList<UploadBatch>> open(Store& store)
{
    return select(store, QStringLiteral("WHERE state NOT IN ('uploaded', 'rejected', 'building')"));
}

Result<QList<UploadBatch>> recent(Store& store, int finished)
{
    return select(store, QStringLiteral("WHERE state NOT IN ('uploaded', 'rejected', 'building') OR id IN "
                                        "(SELECT id FROM batches WHERE state IN ('uploaded', 'rejected') "
                                        "ORDER BY id DESC LIMIT %1)")
                             .arg(finished));
}

Result<qint64> insertBuilding(Store& store, qint64 firstSeq, qint64 nowMs)
{
    QSqlQuery q(store.db());
    q.prepare(
        QStringLiteral("INSERT INTO batches (source_ref, state, first_seq, last_seq, row_count, created_ms, "
                       "updated_ms) VALUES (?, 'building', ?, 0, 0, ?, ?)"));
    // A unique placeholder until the id is known; the ref embeds the id.
    q.addBindValue(QStringLiteral("building-%1-%2").arg(firstSeq).arg(nowMs));
    q.addBindValue(firstSeq);
    q.addBindValue(nowMs);
    q.addBindValue(nowMs);
    if (!q.exec())
        return Error{q.lastError().text()};
    return q.lastInsertId().toLongLong();
}

Status setSourceRef(Store& store, qint64 id, const QString& ref)
{
    QSqlQuery q(store.db());
    q.prepare(QStringLiteral("UPDATE batches SET source_ref = ? WHERE id = ?"));
    q.addBindValue(ref);
    q.addBindValue(id);
    if (!q.exec())
        return Error{q.lastError().text()};
    return {};
}

Status save(Store& store, const UploadBatch& b)
{
    QSqlQuery q(store.db());
    q.prepare(QStringLiteral("UPDATE batches SET source_ref = ?, batch_id = ?, state = ?, first_seq = ?, "
                             "last_seq = ?, row_count = ?, "
                             "zip_size = ?, zip_md5 = ?, attempts = ?, bytes_sent = ?, last_error = ?, "
                             "updated_ms = ?, ticket_domain = ?, "
                             "ticket_port = ?, ticket_destination = ?, ticket_expires_ms = ?, "
                             "next_attempt_ms = ?, reading_from_ms = ?, "
                             "reading_to_ms = ? WHERE id = ?"));
    for (const QVariant& v :
         {text(b.sourceRef),           b.batchId.isEmpty() ? QVariant() : QVariant(b.batchId),
          QVariant(toString(b.state)), QVariant(b.firstSeq),
          QVariant(b.lastSeq),         QVariant(b.rows),
          QVariant(b.zipSize),         text(b.zipMd5),
          QVariant(b.attempts),        QVariant(b.bytesSent),
          text(b.lastError),           QVariant(b.updatedMs),
          text(b.ticketDomain),        QVariant(b.ticketPort),
          text(b.ticketDestination),   QVariant(b.ticketExpiresMs),
          QVariant(b.nextAttemptMs),   QVariant(b.readingFromMs),
          QVariant(b.readingToMs),     QVariant(b.id)})
        q.addBindValue(v);
    if (!q.exec())
        return Error{q.lastError().text()};
    if (q.numRowsAffected() != 1)
        return Error{QStringLiteral("batch %1 is not in the store").arg(b.id)};
    return {};
}

Status remove(Store& store, qint64 id)
{
    QSqlQuery q(store.db());
    q.prepare(QStringLiteral("DELETE FROM batches WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return Error{q.lastError().text()};
    return {};
}

} // namespace batches
} // namespace fs
