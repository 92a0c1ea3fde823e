// EgaugePoller: polls one eGauge meter's egauge-show on its own schedule with HTTP Digest auth, a
// transfer timeout and back-off, catching up from the last stored row. Never blocks its thread.
#pragma once

#include "EgaugeCatchUp.h"
#include "EgaugeRates.h"
#include "EgaugeXml.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <functional>

class QAuthenticator;
class QNetworkAccessManager;
class QNetworkReply;

namespace fs {

class EgaugePoller : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl url;         ///< base URL of the meter; /cgi-bin/egauge-show is appended
        QString user;     ///< empty: no credentials are offered
        QString password; ///< offered once per request when the meter asks (Digest)
        int intervalMs = 300'000;
        int timeoutMs = 30'000;
        int maxRows = 3600;
        int firstRows = 341;             ///< rows of a meter with nothing stored (Peper's n=341)
        qint64 backfillS = 0;            ///< > 0: with nothing stored, catch up from this far back
        int maxBackoffMs = 3600'000;     ///< the longest wait between tries at a meter that stays offline
        std::function<qint64()> clockMs; ///< "now" in ms since the epoch; empty: the system clock
    };

    explicit EgaugePoller(Options options, QObject* parent = nullptr);
    ~EgaugePoller() override;

    /// Told the first good answer of a run (its columns say each register's type), it answers with
    /// the Unix seconds of the newest row already stored (0 = none), from where the catch-up starts.
    using FirstAnswer = std::function<qint64(const egauge::ShowAnswer& answer)>;

    /// Begins polling at once. With a `firstAnswer` handler, the first answer only tells where the
    /// store stands (unless nothing is stored); without, the catch-up starts from `storedNewestS`.
    /// Call in the poller's thread.
    void start(qint64 storedNewestS, FirstAnswer firstAnswer = {});
    /// Stops the schedule and aborts a request in flight; returns at once.
    void stop();

    /// Another meter address (e.g. an emulator's port, known only once it listens). Before start().
    void setUrl(const QUrl& url) { m_opt.url = url; }

    qint64 storedNewestS() const { return m_plan.stored(); }
    int consecutiveFailures() const { return m_failures; }
    const Options& options() const { return m_opt; }

Q_SIGNALS:
    /// An answer to store, with its rates (joined to the previous answer's newest row). Rates at
    /// or before rows already stored may come again: the receiver drops them.
    void answered(const fs::egauge::ShowAnswer& answer, const fs::egauge::Rates& rates);
    /// A poll (with its catch-up chunks) went through.
    void polled();
    /// A request failed or its answer was refused; nothing from it was stored. `why` names the
    /// meter's address and the problem (timeout, refused credentials, element + row of bad XML).
    void failed(const QString& why);

private:
    void poll();
    void scheduleNext(int delayMs);
    void onFinished(QNetworkReply* reply);
    void onAuthentication(QNetworkReply* reply, QAuthenticator* auth);
    void fail(const QString& why);
    qint64 nowMs() const;
    QString describeError(QNetworkReply* reply) const;

    Options m_opt;
    EgaugeCatchUp m_plan;
    QNetworkAccessManager* m_nam = nullptr; // made in start(), in the poller's thread
    QTimer m_timer;
    QPointer<QNetworkReply> m_reply;
    EgaugeQuery m_query;
    FirstAnswer m_firstAnswer;            // set until the first good answer of a run
    std::optional<egauge::Anchor> m_last; // newest row delivered, to pair with the next answer
    QElapsedTimer m_pollStarted;          // monotonic: the schedule ignores changes of the wall clock
    bool m_continuing = false;            // the next request is a further catch-up chunk of the same poll
    int m_failures = 0;
    bool m_running = false;
};

} // namespace fs
