// UploadBatch: one gascloud batch as the queue knows it, and its rows in the store.
#pragma once

#include "util/Result.h"

#include <QList>
#include <QString>
#include <QVariantList>

namespace fs {

class Store;

struct UploadBatch
{
    /// Persisted states, plus the two live ones (Requesting, Uploading) the uploader reports.
    enum class State {
        Building,
        Pending,
        Requesting,
        Ticketed,
        Uploading,
        AwaitingStatus,
        Uploaded,
        Rejected
    };

    qint64 id = 0;
    QString sourceRef;
    QString batchId; ///< from the quarantine ticket; empty before one
    State state = State::Building;
    qint64 firstSeq = 0, lastSeq = 0;
    int rows = 0;
    qint64 zipSize = 0;
    QString zipMd5;
    int attempts = 0;
    qint64 bytesSent = 0;
    QString lastError;
    qint64 createdMs = 0, updatedMs = 0;
    QString ticketDomain;
    int ticketPort = 0;
    QString ticketDestination;
    qint64 ticketExpiresMs = 0;
    qint64 nextAttemptMs = 0;
    qint64 readingFromMs = 0, readingToMs = 0;

    /// The name its files have now: the batch id once ticketed, else the source ref.
    QString fileStem() const;
};

QString toString(UploadBatch::State s);
UploadBatch::State batchStateFromString(const QString& s);

namespace batches {

Result<QList<UploadBatch>> all(Store& store);
/// The batches `tail` selects ("WHERE … ORDER BY … LIMIT ?"), with `binds` bound in order.
Result<QList<UploadBatch>> query(Store& store, const QString& tail, const QVariantList& binds = {});
/// Batches still to upload or confirm, oldest first.
Result<QList<UploadBatch>> open(Store& store);
/// Every open batch and the newest `finished` finished ones, oldest first.
Result<QList<UploadBatch>> recent(Store& store, int finished);
Result<qint64> insertBuilding(Store& store, qint64 firstSeq, qint64 nowMs);
Status setSourceRef(Store& store, qint64 id, const QString& ref);
/// Writes every field of `b` (by id).
Status save(Store& store, const UploadBatch& b);
Status remove(Store& store, qint64 id);

} // namespace batches
} // namespace fs
