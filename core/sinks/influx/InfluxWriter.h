// InfluxWriter: the HTTP calls to one InfluxDB 1.x server: POST /write of a line-protocol body and
// CREATE DATABASE through /query. Blocking, with a time limit, and ended at once by the sink's stop
// token; for the sink's worker thread, never the GUI thread.
#pragma once

#include "InfluxSettings.h"
#include "sinks/SinkStop.h"
#include "util/Result.h"

#include <QList>
#include <QNetworkAccessManager>
#include <memory>

namespace fs::influx {

/// What the server said about one /write.
struct WriteOutcome
{
    /// 400: the server wrote the points it could parse and refused the rest, for good; sending them
    /// again would change nothing. Empty after a 204.
    QString refused;
};

class InfluxWriter
{
public:
    /// Lives on the thread that calls it (its network manager is created there).
    InfluxWriter(const InfluxSettings& settings, QString password, SinkStop& stop);
    ~InfluxWriter();

    /// Only a 204, or a 400 (refused lines named in the outcome), confirms the body. Everything else
    /// is an error saying which: credentials refused (401/403), no such database (404), the server
    /// failing (5xx), no answer within timeout_s, or stopped.
    Result<WriteOutcome> write(const QByteArray& body);
    /// Posts every body at once, each on a connection of its own (up to the network manager's six
    /// per host), and waits for all: one answer per body, in order. Parallel requests keep the
    /// server busy while each waits on TCP acknowledgements it cannot hurry from here.
    QList<Result<WriteOutcome>> writeAll(const QList<QByteArray>& bodies);
    /// CREATE DATABASE (a no-op when it exists). A user without admin rights gets a 403: not an error,
    /// the database may well exist; bad credentials are.
    Status createDatabase();
    /// "InfluxDB http://host:port/db as user": for messages, never with the password.
    QString describe() const;

private:
    struct Reply
    {
        int status = 0;
        QByteArray body;
    };
    QList<Result<Reply>> postAll(const QUrl& url, const QList<QByteArray>& bodies,
                                 const QByteArray& contentType);
    Result<WriteOutcome> outcome(const Result<Reply>& reply) const;
    QUrl endpoint(const QString& path) const;

    const InfluxSettings& m_settings;
    QByteArray m_authorization;
    SinkStop& m_stop;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

} // namespace fs::influx
