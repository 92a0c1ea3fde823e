// UploadQueueModel: replaced whole on every queue change (a few hundred rows at most).
#include "UploadQueueModel.h"

#include "sinks/gascloud/GascloudApi.h"
#include "sinks/gascloud/Uploader.h"

#include <QDateTime>
#include <algorithm>

namespace fs {

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

} // namespace

UploadQueueModel::UploadQueueModel(QObject* parent) : QAbstractListModel(parent) {}

void UploadQueueModel::attach(Uploader* uploader, const QString& problem)
{
    m_running = uploader != nullptr;
    m_problem = problem;
    if (uploader) {
        connect(uploader, &Uploader::queueChanged, this, &UploadQueueModel::setBatches, Qt::QueuedConnection);
        connect(uploader, &Uploader::progress, this, &UploadQueueModel::setProgress, Qt::QueuedConnection);
        QMetaObject::invokeMethod(uploader, &Uploader::refresh, Qt::QueuedConnection);
    }
    Q_EMIT summaryChanged();
}

int UploadQueueModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_batches.size());
}

QVariant UploadQueueModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_batches.size())
        return {};
    const UploadBatch& b = m_batches[index.row()];
    switch (role) {
    case NameRole:
        // The batch id is the SCP password while its ticket lasts: never shown whole.
        return b.batchId.isEmpty() ? QStringLiteral("#%1").arg(b.id) : shownBatchId(b.batchId);
    case StateRole:
        return toString(b.state);
    case StateLabelRole:
        return label(b.state);
    case RowsRole:
        return b.rows;
    case SizeRole:
        return b.zipSize;
    case ProgressRole:
        return b.zipSize > 0 ? double(b.bytesSent) / double(b.zipSize) : 0.0;
    case AttemptsRole:
        return b.attempts;
    case ErrorRole:
        return b.lastError;
    case ReadingsRole:
        return QStringLiteral("%1 – %2").arg(shortTime(b.readingFromMs), shortTime(b.readingToMs));
    case UpdatedRole:
        return shortTime(b.updatedMs);
    }
    return {};
}

QHash<int, QByteArray> UploadQueueModel::roleNames() const
{
    return {{NameRole, "name"},         {StateRole, "state"},     {StateLabelRole, "stateLabel"},
            {RowsRole, "rows"},         {SizeRole, "size"},       {ProgressRole, "progress"},
            {AttemptsRole, "attempts"}, {ErrorRole, "lastError"}, {ReadingsRole, "readings"},
            {UpdatedRole, "updated"}};
}

void UploadQueueModel::setBatches(const QList<UploadBatch>& batches)
{
    beginResetModel();
    m_batches = batches;
    std::reverse(m_batches.begin(), m_batches.end());
    endResetModel();
    Q_EMIT summaryChanged();
}

void UploadQueueModel::setProgress(qint64 batch, qint64 bytesSent, qint64)
{
    for (int i = 0; i < m_batches.size(); ++i) {
        if (m_batches[i].id == batch) {
            m_batches[i].bytesSent = bytesSent;
            Q_EMIT dataChanged(index(i), index(i), {ProgressRole});
            return;
        }
    }
}

int UploadQueueModel::count(UploadBatch::State s) const
{
    return int(std::count_if(m_batches.begin(), m_batches.end(),
                             [s](const UploadBatch& b) { return b.state == s; }));
}

int UploadQueueModel::pendingCount() const
{
    return int(m_batches.size()) - uploadedCount() - rejectedCount();
}

int UploadQueueModel::uploadedCount() const
{
    return count(UploadBatch::State::Uploaded);
}

int UploadQueueModel::rejectedCount() const
{
    return count(UploadBatch::State::Rejected);
}

} // namespace fs
