// GascloudApi: the three HTTP calls of the gascloud contract (activate, quarantine request, status).
// Blocking, with a time limit, and ended at once by its stop token; for the uploader thread and the
// command line, never the GUI thread.
#pragma once

#include "sinks/SinkStop.h"
#include "util/Result.h"

#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>
#include <memory>

namespace fs {

/// What a quarantine request returns: where and as whom to SCP one batch, for ten minutes.
struct QuarantineTicket
{
    QString batchId; ///< 32 lowercase hex; also the SCP password
    QString domain;
    int port = 22;
    QString destination; ///< remote directory prefix
    qint64 expiresMs = 0;
};

using FormFields = QList<QPair<QString, QString>>;

class GascloudApi
{
public:
    /// An http:// base is refused (every call fails, naming why) unless `allowInsecureHttp`.
    GascloudApi(QString apiBase, int timeoutS, bool allowInsecureHttp = false);
    ~GascloudApi();

    /// POST /activate/ → the 20-character gateway key.
    Result<QString> activate(const QString& deviceId, const QString& pin, const QString& name);
    /// POST /quarantine_request/ with the payload fields, as the gateway `key`.
    Result<QuarantineTicket> requestQuarantine(const QString& key, const FormFields& payload);
    /// GET /upload_status/<batchid>/ → "Unprocessed", "Processed", "Rejected", or anything else.
    Result<QString> uploadStatus(const QString& key, const QString& batchId);

    QString apiBase() const { return m_base; }
    /// Once `stop` is requested, a request under way is aborted and new ones fail at once, with
    /// stopped() true. The token must outlive this object.
    void setStopToken(SinkStop* stop) { m_stop = stop; }
    bool stopped() const { return m_stop && m_stop->requested(); }

private:
    struct Reply
    {
        int status = 0;
        QByteArray body;
    };
    Result<Reply> send(const QString& path, const QString& key, const QByteArray* form);

    QString m_base;
    int m_timeoutMs;
    bool m_allowInsecureHttp;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    SinkStop* m_stop = nullptr;
};

/// A gateway key as the contract wants it: 20 characters of [0-9a-f] (whitespace trimmed first).
bool isGatewayKey(const QString& key);
/// The 32-hex batch id of a ticket, and of a batch file that was already sent (<batchid>.zip).
bool isBatchId(const QString& id);
/// A batch id is the SCP password for ten minutes: on screen and in info logs only its first
/// eight characters are shown ("3f2a9c01…").
QString shownBatchId(const QString& id);
/// `text` with every 32-hex batch id in it shortened as shownBatchId does.
QString shortenBatchIds(QString text);
/// Why `api` may not be used, or nothing: an http:// API sends the gateway key in clear and lets the
/// answer choose the SCP host.
Status checkApiScheme(const QString& api, bool allowInsecureHttp);

} // namespace fs
