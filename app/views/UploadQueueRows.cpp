// UploadQueueRows: one batch as a row: what each role shows, and which roles a change touches.
#include "UploadQueueRows.h"

#include "UploadQueueModel.h"
#include "sinks/gascloud/GascloudApi.h"

#include <QDateTime>
#include <algorithm>

namespace fs::queuerow {

namespace {

QString label(UploadBatch::State s)
{
    switch (s) {
    case UploadBatch::State::Building:
        return QObject::tr("Building");
    case UploadBatch::State::Pending:
        return QObject::tr("Waiting");
    case UploadBatch::State::Requesting:
        return QObject::tr("Requesting");
    case UploadBatch::State::Ticketed:
        return QObject::tr("Ticket ready");
    case UploadBatch::State::Uploading:
        return QObject::tr("Uploading");
    case UploadBatch::State::AwaitingStatus:
        return QObject::tr("Checking");
    case UploadBatch::State::Uploaded:
        return QObject::tr("Uploaded");
    case UploadBatch::State::Rejected:
        return QObject::tr("Rejected");
    }
    return {};
}

QString shortTime(qint64 ms)
{
    return ms ? QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("MM-dd HH:mm:ss")) : QString();
}

/// Waiting between steps, so a pass can pick it up now (the live states are mid-step).
bool canUploadNow(UploadBatch::State s)
{
    return s == UploadBatch::State::Pending || s == UploadBatch::State::Ticketed ||
           s == UploadBatch::State::AwaitingStatus;
}

} // namespace

QVariant value(const UploadBatch& b, int role)
{
    switch (role) {
    case Qt::DisplayRole:
    case UploadQueueModel::NameRole:
        // The batch id is the SCP password while its ticket lasts: never shown whole.
        return b.batchId.isEmpty() ? QStringLiteral("#%1").arg(b.id) : shownBatchId(b.batchId);
    case UploadQueueModel::StateRole:
        return toString(b.state);
    case UploadQueueModel::StateLabelRole:
        return label(b.state);
    case UploadQueueModel::RowsRole:
        return b.rows;
    case UploadQueueModel::SizeRole:
        return b.zipSize;
    case UploadQueueModel::ProgressRole:
        return b.zipSize > 0 ? std::clamp(double(b.bytesSent) / double(b.zipSize), 0.0, 1.0) : 0.0;
    case UploadQueueModel::AttemptsRole:
        return b.attempts;
    case UploadQueueModel::ErrorRole:
        return b.lastError;
    case UploadQueueModel::ReadingsRole:
        return QStringLiteral("%1 – %2").arg(shortTime(b.readingFromMs), shortTime(b.readingToMs));
    case UploadQueueModel::UpdatedRole:
        return shortTime(b.updatedMs);
    case UploadQueueModel::NumberRole:
        return b.id;
    case UploadQueueModel::CanUploadNowRole:
        return canUploadNow(b.state);
    case UploadQueueModel::CanRetryRole:
        return b.state == UploadBatch::State::Rejected;
    }
    return {};
}

QList<int> changedRoles(const UploadBatch& a, const UploadBatch& b)
{
    using M = UploadQueueModel;
    QList<int> roles;
    if (a.batchId != b.batchId)
        roles << M::NameRole;
    if (a.state != b.state)
        roles << M::StateRole << M::StateLabelRole << M::CanUploadNowRole << M::CanRetryRole;
    if (a.rows != b.rows)
        roles << M::RowsRole;
    if (a.zipSize != b.zipSize)
        roles << M::SizeRole;
    if (a.zipSize != b.zipSize || a.bytesSent != b.bytesSent)
        roles << M::ProgressRole;
    if (a.attempts != b.attempts)
        roles << M::AttemptsRole;
    if (a.lastError != b.lastError)
        roles << M::ErrorRole;
    if (a.readingFromMs != b.readingFromMs || a.readingToMs != b.readingToMs)
        roles << M::ReadingsRole;
    if (a.updatedMs != b.updatedMs)
        roles << M::UpdatedRole;
    return roles;
}

} // namespace fs::queuerow
