// UploadQueueModel: the gascloud batches for QML, newest first, a page of 100 at a time under a filter;
// a change to one batch changes its one row (dataChanged), never the whole model.
#pragma once

#include "sinks/gascloud/BatchPages.h"
#include "sinks/gascloud/UploadBatch.h"

#include <QAbstractListModel>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QtQml/qqmlregistration.h>
#include <memory>
#include <optional>

namespace fs {

class QueueReader;
struct QueuePage;
class Uploader;

class UploadQueueModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("UploadQueueModel is provided by the application")

    /// "all", "pending", "uploaded" or "rejected"; anything else is refused with a warning.
    Q_PROPERTY(QString filter READ filter WRITE setFilter NOTIFY filterChanged)
    Q_PROPERTY(int allCount READ allCount NOTIFY summaryChanged)
    Q_PROPERTY(int pendingCount READ pendingCount NOTIFY summaryChanged)
    Q_PROPERTY(int uploadedCount READ uploadedCount NOTIFY summaryChanged)
    Q_PROPERTY(int rejectedCount READ rejectedCount NOTIFY summaryChanged)
    Q_PROPERTY(bool running READ running NOTIFY summaryChanged)
    Q_PROPERTY(QString problem READ problem NOTIFY summaryChanged)
    /// Not uploading because the station has no gateway key yet: the page offers the wizard.
    Q_PROPERTY(bool needsRegistration READ needsRegistration NOTIFY summaryChanged)
    /// Why the batches could not be read, if they could not.
    Q_PROPERTY(QString readError READ readError NOTIFY summaryChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)

public:
    enum Roles {
        NameRole = Qt::UserRole + 1,
        StateRole,
        StateLabelRole,
        RowsRole,
        SizeRole,
        ProgressRole,
        AttemptsRole,
        ErrorRole,
        ReadingsRole,
        UpdatedRole,
        NumberRole,       ///< the batch's row id: what uploadNow and retry take
        CanUploadNowRole, ///< waiting for its turn or its back-off
        CanRetryRole,     ///< rejected
    };
    Q_ENUM(Roles)
    static constexpr int kPageSize = 100;
    static constexpr int kProgressIntervalMs = 1000; ///< progress of a row is shown at most once a second

    explicit UploadQueueModel(QObject* parent = nullptr);
    ~UploadQueueModel() override;

    /// Reads the batches of the store at `storePath` (none: only setBatches fills it) and follows
    /// `uploader` in its thread; `problem` says why there is none. May be called again (after a
    /// registration starts the uploader).
    void attach(Uploader* uploader, const QString& storePath, const QString& problem);
    /// The same, keeping the store already given (after a registration starts the uploader).
    void attach(Uploader* uploader, const QString& problem);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

    QString filter() const { return batches::toString(m_filter); }
    void setFilter(const QString& filter);
    int allCount() const { return m_counts.of(batches::Filter::All); }
    int pendingCount() const { return m_counts.pending; }
    int uploadedCount() const { return m_counts.uploaded; }
    int rejectedCount() const { return m_counts.rejected; }
    bool running() const;
    QString problem() const { return m_problem; }
    bool needsRegistration() const;
    QString readError() const { return m_readError; }
    /// The counts were read from the store (or the given batches) since the last attach, without error.
    bool countsKnown() const { return m_countsKnown; }
    bool loading() const { return m_pageTicket != 0; }
    /// The row of a batch, or -1 when it is not loaded (tests, QML).
    Q_INVOKABLE int rowOf(qint64 id) const { return m_rowOf.value(id, -1); }

    /// Asks the uploader to attempt this batch now, skipping its back-off.
    Q_INVOKABLE void uploadNow(qint64 id);
    /// Asks the uploader to queue this rejected batch again.
    Q_INVOKABLE void retry(qint64 id);

public Q_SLOTS:
    /// Shows exactly these batches (any order), with no store behind them: a view or a test with rows
    /// at hand. The filter still applies; nothing more is fetched.
    void setBatches(const QList<fs::UploadBatch>& batches);
    /// One batch as it is now: its row changes in place, or it comes in or leaves by the filter.
    void applyBatch(const fs::UploadBatch& batch);
    void setProgress(qint64 batch, qint64 bytesSent, qint64 bytesTotal);

Q_SIGNALS:
    void summaryChanged();
    void filterChanged();
    void loadingChanged();
    void uploadNowRequested(qint64 id);
    void retryRequested(qint64 id);

private:
    void reload();
    void requestPage(bool withCounts);
    void onLoaded(quint64 ticket, const fs::QueuePage& page);
    void insertSorted(const UploadBatch& b);
    void removeRow(int row);
    void reindexFrom(int row);
    void flushProgress();
    void recount();
    qint64 oldestLoadedId() const;

    std::unique_ptr<QueueReader> m_reader;
    QPointer<Uploader> m_uploader;
    QList<QMetaObject::Connection> m_links;
    QString m_problem, m_readError;
    batches::Filter m_filter = batches::Filter::All;
    QList<UploadBatch> m_rows; // newest first
    QHash<qint64, int> m_rowOf;
    std::optional<QList<UploadBatch>> m_given; // setBatches: rows with no store behind them
    // Changes to batches below the loaded pages: a page read before such a change must not undo it.
    QHash<qint64, UploadBatch> m_newer;
    QHash<qint64, UploadBatch::State> m_stateOf; // every batch seen: moves the counts on a change
    batches::Counts m_counts;
    bool m_countsKnown = false;
    bool m_exhausted = false;
    quint64 m_pageTicket = 0, m_countsTicket = 0;
    QSet<qint64> m_progressDirty;
    QTimer m_progressTimer;
    QTimer m_recountTimer; // the counts are read again after changes, at most once a second
};

} // namespace fs
