// LegacyBatches: what the old batonopc uploader left in its pending folder: zips it sent (renamed to
// <batchid>.zip) and pairs it never sent — a <ref>.zip beside its quarantine payload <ref>.yaml,
// whose zip_md5 is the MD5 of nothing (its bug).
#pragma once

#include "util/Result.h"

#include <QList>
#include <QSet>
#include <QString>

namespace fs {
class Store;
}

namespace fs::legacy {

/// A zip the old uploader sent and renamed to its batch id, and whose status it never saw.
struct SentBatch
{
    QString batchId;
    qint64 zipSize = 0;
};

/// Every `<batchid>.zip` in `pendingDir` whose id is not in `knownIds`.
QList<SentBatch> sentBatches(const QString& pendingDir, const QSet<QString>& knownIds);

struct UnsentBatch
{
    QString sourceRef; ///< kept as the old client made it: the receiver may know it
    qint64 zipSize = 0;
    QString zipMd5;            ///< the zip's real MD5, now also in its payload
    bool payloadFixed = false; ///< the payload's MD5, size or gadget_id was rewritten
};

/// Every unsent pair in `pendingDir` whose ref is not in `knownRefs` and is not a batch id: its
/// payload is rewritten (0600, atomically) with the zip's real MD5 and size, and `gadgetId` where it
/// has none (the readings-era client added it only when sending). A pair with no payload, or one
/// that cannot be read, is skipped with a warning naming the file.
Result<QList<UnsentBatch>> adoptUnsent(const QString& pendingDir, const QString& gadgetId,
                                       const QSet<QString>& knownRefs);

/// Puts both kinds in the upload queue: sent ones awaiting their status, unsent ones pending.
Status adoptInto(Store& store, const QString& pendingDir, const QString& gadgetId,
                 const QSet<QString>& knownIds, const QSet<QString>& knownRefs, qint64 nowMs);

} // namespace fs::legacy
