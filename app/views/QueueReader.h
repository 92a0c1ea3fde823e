// QueueReader: reads pages of the gascloud batches table and the counts per state in its own thread,
// over its own read-only connection, for the upload queue page (never the GUI thread).
#pragma once

#include "sinks/gascloud/BatchPages.h"
#include "store/StoreReaderThread.h"

#include <QObject>

namespace fs {

class Store;

struct QueueRequest
{
    batches::Filter filter = batches::Filter::All;
    qint64 beforeId = 0; ///< 0: from the newest batch
    int limit = 100;     ///< 0: counts only
    bool counts = false; ///< also count the batches in each state
};

struct QueuePage
{
    QueueRequest request;
    QList<UploadBatch> batches; ///< newest first
    batches::Counts counts;     ///< when request.counts
    QString error;
};

class QueueReader : public QObject
{
    Q_OBJECT
public:
    /// The store at `storePath` must exist (the Recorder creates it); it is opened on first request.
    explicit QueueReader(QString storePath, QObject* parent = nullptr);
    /// Waits for a read in progress, closes the connection in its thread, ends the thread.
    ~QueueReader() override;

    QString storePath() const { return m_reader.storePath(); }
    /// Any thread; returns at once. `loaded` follows, from the reader's thread, with the same ticket.
    quint64 request(const QueueRequest& request);

Q_SIGNALS:
    void loaded(quint64 ticket, const fs::QueuePage& page);

private:
    QueuePage read(Store& store, const QueueRequest& request) const;

    StoreReaderThread m_reader;
};

} // namespace fs

Q_DECLARE_METATYPE(fs::QueuePage)
