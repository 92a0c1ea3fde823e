// IsemsPoller: fetches each node's log over HTTP on a schedule of its own, with a transfer
// timeout and backoff, and hands every answer to the IsemsIngest. Lives in the source's thread.
#pragma once

#include "IsemsIngest.h"

#include <QList>
#include <QObject>
#include <QSet>
#include <QUrl>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace fs::isems {

class IsemsPoller : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int intervalMs = 60000;          ///< per node; 60 s loses nothing of an ESP32's 75 s window
        int timeoutMs = 10000;           ///< a transfer silent this long is abandoned
        int maxBackoffMs = 15 * 60000;   ///< a dead node is retried at least this often
        qint64 maxAnswerBytes = 8 << 20; ///< far above a full router log (3660 lines, ~0.5 MB)
        std::function<qint64()> clock;   ///< UTC ms for the parser's future check; default: system
    };

    /// What the screen and the health detail say about one node URL.
    struct NodeStatus
    {
        QUrl url;
        bool polled = false; ///< has answered or failed at least once
        bool ok = false;     ///< the last poll gave a log (possibly empty)
        QString problem;     ///< why the last poll failed: "no answer within 10 s", "garbage: …"
        int failuresInRow = 0;
        QStringList nodeIds; ///< node ids this URL's log named (a router may log more than one)
        qint64 stored = 0, duplicates = 0, refused = 0;
    };

    /// `ingest` must outlive the poller.
    IsemsPoller(QList<QUrl> urls, Options options, IsemsIngest* ingest, QObject* parent = nullptr);
    ~IsemsPoller() override;

    /// Polls every node now, then each on its own schedule. In the poller's thread.
    void start();
    /// Aborts every transfer and stops the schedules; nothing is ingested afterwards.
    void stop();
    /// Polls node `index` now unless a poll of it is in flight (tests step a clock with this).
    void pollNow(int index);

    QList<NodeStatus> status() const { return m_status; }
    /// The wait before the next poll after `failuresInRow` failures: the interval, doubled from the
    /// second failure in a row, never above max(interval, maxBackoffMs).
    static qint64 nextDelayMs(const Options& options, int failuresInRow);
    /// "2 of 4 nodes ok; failing: <url> (<problem>), …"
    QString summary() const;

Q_SIGNALS:
    /// After every answer or failure of node `index`.
    void polled(int index);

private:
    void finished(int index, QNetworkReply* reply);
    void fail(int index, const QString& state, const QString& problem);
    void schedule(int index);
    qint64 now() const;

    QList<QUrl> m_urls;
    Options m_opt;
    IsemsIngest* m_ingest;
    QNetworkAccessManager* m_net;
    QList<QTimer*> m_timers;
    QList<QNetworkReply*> m_inFlight;
    QList<NodeStatus> m_status;
    QList<QSet<QString>> m_logged; // refused-line messages already logged, per node
    bool m_running = false;
};

} // namespace fs::isems
