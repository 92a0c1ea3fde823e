// HistoryReader: loads a channel's time range from the store in its own thread, over its own
// read-only connection, min/max-decimated to the pixel columns a chart asks for.
#pragma once

#include "store/StoreReaderThread.h"
#include "util/Result.h"

#include <QList>
#include <QObject>
#include <QPointF>
#include <QSet>
#include <mutex>

namespace fs {

class Store;

/// One channel of one configured source over [fromMs, toMs].
struct HistoryRequest
{
    QString source;     ///< the source id (nodes.source); every node it ever read counts
    QString channelKey; ///< e.g. "pm2_5"
    qint64 fromMs = 0;
    qint64 toMs = 0;
    int columns = 400;    ///< the chart's width in pixels: at most 2 × columns + 2 points come back
    QString nodeKey = {}; ///< empty: every node of the source; else only this one (a network of nodes)
};

class HistoryReader : public QObject
{
    Q_OBJECT
public:
    /// Above this span, minutes are read where the store has them: minute_aggregates (schema 5,
    /// retention) and chart_minutes (schema 6, folded every minute).
    static constexpr qint64 kAggregatesAboveMs = 6 * 3600 * 1000;

    /// The store at `storePath` must exist (the Recorder creates it); it is opened on first request.
    explicit HistoryReader(QString storePath, QObject* parent = nullptr);
    /// Waits for a read in progress, closes the connection in its thread, ends the thread.
    ~HistoryReader() override;

    /// Any thread; returns at once. `loaded` follows, from the reader's thread, with the same ticket.
    quint64 request(const HistoryRequest& request);
    /// Any thread: a request not yet started is skipped and never answered (a chart that changed its
    /// window or went away). One already running is answered.
    void cancel(quint64 ticket);

    /// The read itself on the caller's connection: raw readings, or for spans above
    /// kAggregatesAboveMs the minute tables where they exist, then raw readings after it.
    static Result<QList<QPointF>> read(Store& store, const HistoryRequest& request);

Q_SIGNALS:
    void loaded(quint64 ticket, const fs::HistoryRequest& request, const QList<QPointF>& points,
                const QString& error);

private:
    std::mutex m_cancelMutex;
    QSet<quint64> m_cancelled;  // tickets to skip, removed when their turn comes
    quint64 m_started = 0;      // the newest ticket whose turn came (requests run in order)
    StoreReaderThread m_reader; // last: its thread ends before the members its jobs use go
};

} // namespace fs

Q_DECLARE_METATYPE(fs::HistoryRequest)
