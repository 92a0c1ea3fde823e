// UploadQueueModel: pages come from a QueueReader thread, changes from the Uploader's batchChanged; a
// change moves, updates or removes one row, and the counts per state follow each change.
#include "UploadQueueModel.h"

#include "QueueReader.h"
#include "UploadQueueRows.h"
#include "sinks/gascloud/Uploader.h"
#include "util/Logging.h"

#include <algorithm>
#include <limits>

namespace fs {

namespace {
bool newerFirst(const UploadBatch& a, const UploadBatch& b)
{
    return a.id > b.id;
}

} // namespace

UploadQueueModel::UploadQueueModel(QObject* parent) : QAbstractListModel(parent)
{
    qRegisterMetaType<UploadBatch>();
    m_progressTimer.setSingleShot(true);
    m_progressTimer.setInterval(kProgressIntervalMs);
    connect(&m_progressTimer, &QTimer::timeout, this, &UploadQueueModel::flushProgress);
    m_recountTimer.setSingleShot(true);
    m_recountTimer.setInterval(1000);
    connect(&m_recountTimer, &QTimer::timeout, this, &UploadQueueModel::recount);
}

UploadQueueModel::~UploadQueueModel() = default;

void UploadQueueModel::attach(Uploader* uploader, const QString& storePath, const QString& problem)
{
    for (const QMetaObject::Connection& c : std::as_const(m_links))
        disconnect(c);
    m_links.clear();
    m_uploader = uploader;
    m_problem = problem;
    if (uploader) {
        m_links << connect(uploader, &Uploader::batchChanged, this, &UploadQueueModel::applyBatch,
                           Qt::QueuedConnection)
                << connect(uploader, &Uploader::progress, this, &UploadQueueModel::setProgress,
                           Qt::QueuedConnection);
    }
    if (storePath.isEmpty()) {
        m_reader.reset();
    } else if (!m_reader || m_reader->storePath() != storePath) {
        m_reader = std::make_unique<QueueReader>(storePath);
        connect(m_reader.get(), &QueueReader::loaded, this, &UploadQueueModel::onLoaded,
                Qt::QueuedConnection);
    }
    m_given.reset();
    m_newer.clear();
    m_stateOf.clear();
    m_counts = {};
    m_countsKnown = false;
    reload();
    Q_EMIT summaryChanged();
}

bool UploadQueueModel::running() const
{
    return !m_uploader.isNull();
}

bool UploadQueueModel::needsRegistration() const
{
    // The words of gatewayKey() (sinks/gascloud/Registration.cpp) when there is no usable key.
    return !running() && (m_problem.contains(QLatin1String("not registered")) ||
                          m_problem.contains(QLatin1String("register again")));
}

void UploadQueueModel::attach(Uploader* uploader, const QString& problem)
{
    attach(uploader, m_reader ? m_reader->storePath() : QString(), problem);
}

int UploadQueueModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant UploadQueueModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return queuerow::value(m_rows[index.row()], role);
}

QHash<int, QByteArray> UploadQueueModel::roleNames() const
{
    return {{NameRole, "name"},         {StateRole, "state"},     {StateLabelRole, "stateLabel"},
            {RowsRole, "rows"},         {SizeRole, "size"},       {ProgressRole, "progress"},
            {AttemptsRole, "attempts"}, {ErrorRole, "lastError"}, {ReadingsRole, "readings"},
            {UpdatedRole, "updated"},   {NumberRole, "number"},   {CanUploadNowRole, "canUploadNow"},
            {CanRetryRole, "canRetry"}};
}

bool UploadQueueModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_reader && !m_exhausted && m_pageTicket == 0;
}

void UploadQueueModel::fetchMore(const QModelIndex& parent)
{
    if (canFetchMore(parent))
        requestPage(false);
}

void UploadQueueModel::setFilter(const QString& text)
{
    const std::optional<batches::Filter> f = batches::filterFromString(text);
    if (!f) {
        qCWarning(lcApp).noquote() << "upload queue: no filter" << text
                                   << "(all, pending, uploaded or rejected)";
        return;
    }
    if (*f == m_filter)
        return;
    m_filter = *f;
    Q_EMIT filterChanged();
    reload();
}

void UploadQueueModel::uploadNow(qint64 id)
{
    Q_EMIT uploadNowRequested(id);
    if (Uploader* u = m_uploader.data())
        QMetaObject::invokeMethod(
            u, [u, id] { u->uploadNow(id); }, Qt::QueuedConnection);
}

void UploadQueueModel::retry(qint64 id)
{
    Q_EMIT retryRequested(id);
    if (Uploader* u = m_uploader.data())
        QMetaObject::invokeMethod(
            u, [u, id] { u->retry(id); }, Qt::QueuedConnection);
}

void UploadQueueModel::setBatches(const QList<UploadBatch>& batches)
{
    m_given = batches;
    m_stateOf.clear();
    for (const UploadBatch& b : batches)
        m_stateOf.insert(b.id, b.state);
    recount();
    reload();
}

void UploadQueueModel::applyBatch(const UploadBatch& b)
{
    const auto known = m_stateOf.constFind(b.id);
    const std::optional<UploadBatch::State> before =
        known == m_stateOf.cend() ? std::nullopt : std::optional(*known);
    m_stateOf.insert(b.id, b.state);
    if (m_given) {
        auto it = std::find_if(m_given->begin(), m_given->end(),
                               [&](const UploadBatch& g) { return g.id == b.id; });
        if (it == m_given->end())
            m_given->append(b);
        else
            *it = b;
    }
    if (before != b.state) {
        // Moved now for the eye; read again from the store shortly, which is the truth.
        if (before) {
            m_counts.move(before, b.state);
            Q_EMIT summaryChanged();
        }
        if (m_given)
            recount();
        else if (m_reader && !m_recountTimer.isActive())
            m_recountTimer.start();
    }
    const int row = m_rowOf.value(b.id, -1);
    const bool wanted = batches::matches(m_filter, b.state);
    if (row >= 0) {
        if (!wanted) {
            removeRow(row);
            return;
        }
        const QList<int> roles = queuerow::changedRoles(m_rows[row], b);
        m_rows[row] = b;
        if (!roles.isEmpty())
            Q_EMIT dataChanged(index(row), index(row), roles);
        return;
    }
    if (m_exhausted || b.id > oldestLoadedId()) {
        if (wanted)
            insertSorted(b);
        return;
    }
    m_newer.insert(b.id, b); // below the pages loaded: a page read before this change must not undo it
}

void UploadQueueModel::setProgress(qint64 batch, qint64 bytesSent, qint64)
{
    const int row = m_rowOf.value(batch, -1);
    if (row < 0)
        return;
    m_rows[row].bytesSent = bytesSent;
    m_progressDirty.insert(batch);
    if (!m_progressTimer.isActive())
        m_progressTimer.start();
}

void UploadQueueModel::flushProgress()
{
    for (qint64 id : std::as_const(m_progressDirty)) {
        const int row = m_rowOf.value(id, -1);
        if (row >= 0)
            Q_EMIT dataChanged(index(row), index(row), {ProgressRole});
    }
    m_progressDirty.clear();
}

void UploadQueueModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    m_progressDirty.clear();
    m_pageTicket = 0;
    if (m_given) {
        for (const UploadBatch& b : std::as_const(*m_given)) {
            if (batches::matches(m_filter, b.state))
                m_rows.append(b);
        }
        std::sort(m_rows.begin(), m_rows.end(), newerFirst);
        reindexFrom(0);
    }
    m_exhausted = m_given.has_value() || !m_reader;
    endResetModel();
    if (!m_exhausted)
        requestPage(true);
    Q_EMIT loadingChanged();
}

void UploadQueueModel::requestPage(bool withCounts)
{
    QueueRequest r;
    r.filter = m_filter;
    r.beforeId = m_rows.isEmpty() ? 0 : m_rows.last().id;
    r.limit = kPageSize;
    r.counts = withCounts;
    m_pageTicket = m_reader->request(r);
    Q_EMIT loadingChanged();
}

void UploadQueueModel::recount()
{
    if (m_given) {
        m_counts = {};
        for (const UploadBatch& b : std::as_const(*m_given))
            m_counts.add(b.state, 1);
        m_countsKnown = true;
        Q_EMIT summaryChanged();
    } else if (m_reader) {
        QueueRequest r;
        r.limit = 0;
        r.counts = true;
        m_countsTicket = m_reader->request(r);
    }
}

void UploadQueueModel::onLoaded(quint64 ticket, const QueuePage& page)
{
    if (ticket != m_pageTicket && ticket != m_countsTicket)
        return; // asked before the filter changed
    if (!page.error.isEmpty() || m_readError != page.error) {
        m_readError = page.error;
        if (!page.error.isEmpty()) {
            qCWarning(lcApp).noquote() << "upload queue:" << page.error;
            m_countsKnown = false;
        }
        Q_EMIT summaryChanged();
    }
    if (page.request.counts && page.error.isEmpty()) {
        m_counts = page.counts;
        m_countsKnown = true;
        Q_EMIT summaryChanged();
    }
    if (ticket == m_countsTicket) {
        m_countsTicket = 0;
        return;
    }
    m_pageTicket = 0;
    Q_EMIT loadingChanged();
    if (!page.error.isEmpty()) {
        m_exhausted = true; // no retry loop from the view; the error is shown
        return;
    }
    m_exhausted = page.batches.size() < page.request.limit;
    const qint64 upper =
        page.request.beforeId > 0 ? page.request.beforeId : std::numeric_limits<qint64>::max();
    const qint64 lower = m_exhausted ? 0 : page.batches.last().id;
    QHash<qint64, UploadBatch> merged;
    for (const UploadBatch& b : page.batches)
        merged.insert(b.id, b);
    // A change heard while this page was read wins over what the page says.
    for (auto it = m_newer.begin(); it != m_newer.end();) {
        if (it.key() >= lower && it.key() < upper) {
            merged.insert(it.key(), it.value());
            it = m_newer.erase(it);
        } else {
            ++it;
        }
    }
    QList<UploadBatch> rows;
    for (const UploadBatch& b : std::as_const(merged)) {
        m_stateOf.insert(b.id, b.state);
        if (batches::matches(m_filter, b.state) && !m_rowOf.contains(b.id))
            rows.append(b);
    }
    std::sort(rows.begin(), rows.end(), newerFirst);
    if (rows.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(rows.size()) - 1);
    m_rows.append(rows);
    reindexFrom(first);
    endInsertRows();
}

void UploadQueueModel::insertSorted(const UploadBatch& b)
{
    const auto at = std::lower_bound(m_rows.begin(), m_rows.end(), b, newerFirst);
    const int row = int(at - m_rows.begin());
    beginInsertRows({}, row, row);
    m_rows.insert(row, b);
    reindexFrom(row);
    endInsertRows();
}

void UploadQueueModel::removeRow(int row)
{
    beginRemoveRows({}, row, row);
    m_rowOf.remove(m_rows[row].id);
    m_progressDirty.remove(m_rows[row].id);
    m_rows.removeAt(row);
    reindexFrom(row);
    endRemoveRows();
}

void UploadQueueModel::reindexFrom(int row)
{
    for (int i = row; i < m_rows.size(); ++i)
        m_rowOf.insert(m_rows[i].id, i);
}

qint64 UploadQueueModel::oldestLoadedId() const
{
    return m_rows.isEmpty() ? std::numeric_limits<qint64>::max() : m_rows.last().id;
}

} // namespace fs
