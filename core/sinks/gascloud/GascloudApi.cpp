// GascloudApi: form-encoded POSTs and JSON answers; every failure names the call and the cause.
// The gateway key goes in headers and form fields only, never in a log line or an error text.
#include "GascloudApi.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QUrlQuery>

namespace fs {

namespace {

QByteArray formEncode(const FormFields& fields)
{
    QByteArray out;
    for (const auto& [k, v] : fields) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(k) + '=' + QUrl::toPercentEncoding(v);
    }
    return out;
}

QString excerpt(const QByteArray& body)
{
    QString s = QString::fromUtf8(body.left(200)).simplified();
    return s.isEmpty() ? QStringLiteral("(empty body)") : s;
}

/// The server's own words for a refusal, if it sent any as JSON ("detail", "error", …).
QString reason(const QByteArray& body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    for (const char* k : {"detail", "error", "message", "errors"}) {
        const QJsonValue v = o.value(QLatin1String(k));
        if (v.isString())
            return v.toString();
        if (v.isObject())
            return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
        if (v.isArray())
            return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    }
    return excerpt(body);
}

} // namespace

bool isGatewayKey(const QString& key)
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{20}$"));
    return re.match(key).hasMatch();
}

bool isBatchId(const QString& id)
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{32}$"));
    return re.match(id).hasMatch();
}

QString shownBatchId(const QString& id)
{
    return id.size() > 8 ? id.left(8) + QStringLiteral("…") : id;
}

QString shortenBatchIds(QString text)
{
    static const QRegularExpression re(QStringLiteral("(?<![0-9a-f])([0-9a-f]{8})[0-9a-f]{24}(?![0-9a-f])"));
    return text.replace(re, QStringLiteral("\\1…"));
}

Status checkApiScheme(const QString& api, bool allowInsecureHttp)
{
    const QUrl url(api);
    if (url.scheme() == QLatin1String("https"))
        return {};
    if (url.scheme() == QLatin1String("http")) {
        if (allowInsecureHttp)
            return {};
        return Error{QStringLiteral("%1 is http://: the gateway key would go in clear and the answer could "
                                    "send the batch anywhere; use https:// (allow_insecure_http: true is "
                                    "for test emulators only)")
                         .arg(url.toString(QUrl::RemoveUserInfo))};
    }
    return Error{QStringLiteral("\"%1\" is not an https:// URL").arg(api)};
}

GascloudApi::GascloudApi(QString apiBase, int timeoutS, bool allowInsecureHttp)
    : m_base(std::move(apiBase)), m_timeoutMs(timeoutS * 1000), m_allowInsecureHttp(allowInsecureHttp),
      m_nam(std::make_unique<QNetworkAccessManager>())
{
    while (m_base.endsWith(QLatin1Char('/')))
        m_base.chop(1);
}

GascloudApi::~GascloudApi() = default;

Result<GascloudApi::Reply> GascloudApi::send(const QString& path, const QString& key, const QByteArray* form)
{
    if (Status s = checkApiScheme(m_base, m_allowInsecureHttp); !s)
        return Error{s.error()};
    const QUrl url(m_base + path);
    QNetworkRequest req(url);
    req.setTransferTimeout(m_timeoutMs);
    req.setRawHeader("Accept", "application/json");
    if (!key.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + key.toUtf8());
    const QString what = QStringLiteral("%1 %2").arg(form ? QStringLiteral("POST") : QStringLiteral("GET"),
                                                     url.toString(QUrl::RemoveUserInfo));
    if (stopped())
        return Error{QStringLiteral("%1: not sent, the uploader is stopping").arg(what)};
    std::unique_ptr<QNetworkReply> owned;
    if (form) {
        req.setHeader(QNetworkRequest::ContentTypeHeader,
                      QStringLiteral("application/x-www-form-urlencoded"));
        owned.reset(m_nam->post(req, *form));
    } else {
        owned.reset(m_nam->get(req));
    }
    QNetworkReply* reply = owned.get();
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    {
        // stop() comes from another thread: the abort is posted to the reply, which the nested loop
        // below runs at once. Released before the reply goes, so it never reaches a deleted one.
        SinkStop::Registration cut;
        if (m_stop)
            cut = m_stop->onStop(
                [reply] { QMetaObject::invokeMethod(reply, &QNetworkReply::abort, Qt::QueuedConnection); });
        if (!reply->isFinished())
            loop.exec(); // returns at once when the thread is quitting
    }
    if (!reply->isFinished())
        reply->abort();
    if (stopped())
        return Error{QStringLiteral("%1: abandoned, the uploader is stopping").arg(what)};
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        const QString why = reply->error() == QNetworkReply::OperationCanceledError
                                ? QStringLiteral("no answer within %1 s").arg(m_timeoutMs / 1000)
                                : reply->errorString();
        return Error{QStringLiteral("%1: %2").arg(what, why)};
    }
    return Reply{status, reply->readAll()};
}

Result<QString> GascloudApi::activate(const QString& deviceId, const QString& pin, const QString& name)
{
    const QByteArray form = formEncode({{QStringLiteral("device_id"), deviceId},
                                        {QStringLiteral("pin"), pin},
                                        {QStringLiteral("name"), name}});
    auto r = send(QStringLiteral("/activate/"), QString(), &form);
    if (!r)
        return Error{QStringLiteral("registration failed: %1").arg(r.error())};
    if (r->status != 200)
        return Error{
            QStringLiteral("registration refused (HTTP %1): %2").arg(r->status).arg(reason(r->body))};
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(r->body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return Error{QStringLiteral("registration answer is not JSON (%1 at byte %2): %3")
                         .arg(pe.errorString())
                         .arg(pe.offset)
                         .arg(excerpt(r->body))};
    const QJsonValue v = doc.object().value(QLatin1String("key"));
    if (!v.isString())
        return Error{QStringLiteral("registration answer has no \"key\" string")};
    const QString key = v.toString().trimmed();
    if (!isGatewayKey(key))
        return Error{
            QStringLiteral("registration answer's key is not 20 characters of 0-9a-f (it has %1 characters)")
                .arg(key.size())};
    return key;
}

Result<QuarantineTicket> GascloudApi::requestQuarantine(const QString& key, const FormFields& payload)
{
    const QByteArray form = formEncode(payload);
    auto r = send(QStringLiteral("/quarantine_request/"), key, &form);
    if (!r)
        return Error{QStringLiteral("quarantine request failed: %1").arg(r.error())};
    if (r->status != 200)
        return Error{
            QStringLiteral("quarantine request refused (HTTP %1): %2").arg(r->status).arg(reason(r->body))};
    const QJsonObject o = QJsonDocument::fromJson(r->body).object();
    QuarantineTicket t;
    t.batchId = o.value(QLatin1String("batchid")).toString();
    t.domain = o.value(QLatin1String("domain")).toString();
    const QJsonValue port = o.value(QLatin1String("port"));
    bool portOk = port.isDouble();
    t.port = port.isString() ? port.toString().toInt(&portOk) : port.toInt();
    t.destination = o.value(QLatin1String("destination")).toString();
    t.expiresMs = QDateTime::currentMSecsSinceEpoch() + 10 * 60 * 1000; // the contract's ten minutes
    if (!isBatchId(t.batchId))
        return Error{
            QStringLiteral("quarantine answer: batchid is not 32 hex characters: %1").arg(excerpt(r->body))};
    if (t.domain.isEmpty() || !portOk || t.port <= 0 || t.port > 65535)
        return Error{QStringLiteral("quarantine answer: no usable domain/port: %1").arg(excerpt(r->body))};
    return t;
}

Result<QString> GascloudApi::uploadStatus(const QString& key, const QString& batchId)
{
    auto r = send(QStringLiteral("/upload_status/%1/").arg(batchId), key, nullptr);
    if (!r)
        return Error{QStringLiteral("status check failed: %1").arg(r.error())};
    if (r->status != 200)
        return Error{QStringLiteral("status check for %1 refused (HTTP %2): %3")
                         .arg(shownBatchId(batchId))
                         .arg(r->status)
                         .arg(reason(r->body))};
    const QJsonValue v = QJsonDocument::fromJson(r->body).object().value(QLatin1String("status"));
    if (!v.isString())
        return Error{QStringLiteral("status answer for %1 has no \"status\": %2")
                         .arg(shownBatchId(batchId), excerpt(r->body))};
    return v.toString();
}

} // namespace fs
