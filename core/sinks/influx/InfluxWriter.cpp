// InfluxWriter: one QNetworkAccessManager per writer, so the connection to the server is kept alive
// across the chunks of a pass; a nested event loop per request that stop ends at once.
#include "InfluxWriter.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QUrlQuery>

namespace fs::influx {

namespace {

/// InfluxDB answers errors as {"error": "…"}; anything else is shown cut short.
QString reason(const QByteArray& body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject() && doc.object().value(QLatin1String("error")).isString())
        return doc.object().value(QLatin1String("error")).toString();
    return QString::fromUtf8(body.left(300)).trimmed();
}

} // namespace

InfluxWriter::InfluxWriter(const InfluxSettings& settings, QString password, SinkStop& stop)
    : m_settings(settings), m_stop(stop), m_nam(std::make_unique<QNetworkAccessManager>())
{
    // Basic auth sent up front: InfluxDB 1.x never challenges, it answers 401 at once.
    if (!settings.user.isEmpty())
        m_authorization = "Basic " + (settings.user + QLatin1Char(':') + password).toUtf8().toBase64();
}

InfluxWriter::~InfluxWriter() = default;

QString InfluxWriter::describe() const
{
    QUrl url(m_settings.url);
    const QString base = url.toString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
    return m_settings.user.isEmpty()
               ? QStringLiteral("InfluxDB %1/%2").arg(base, m_settings.database)
               : QStringLiteral("InfluxDB %1/%2 as %3").arg(base, m_settings.database, m_settings.user);
}

QUrl InfluxWriter::endpoint(const QString& path) const
{
    QUrl url(m_settings.url);
    QString p = url.path();
    while (p.endsWith(QLatin1Char('/')))
        p.chop(1);
    url.setPath(p + path);
    url.setUserInfo(QString());
    return url;
}

Result<InfluxWriter::Reply> InfluxWriter::post(const QUrl& url, const QByteArray& body,
                                               const QByteArray& contentType)
{
    if (m_stop.requested())
        return Error{QStringLiteral("%1: not sent, the sink is stopping").arg(describe())};
    QNetworkRequest req(url);
    req.setTransferTimeout(m_settings.timeoutS * 1000);
    req.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (!m_authorization.isEmpty())
        req.setRawHeader("Authorization", m_authorization);
    std::unique_ptr<QNetworkReply> reply(m_nam->post(req, body));
    QEventLoop loop;
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    {
        // stop() comes from another thread: the abort is posted to the reply and run by the loop
        // below. Released before the reply goes, so it never reaches a deleted one.
        SinkStop::Registration cut = m_stop.onStop(
            [r = reply.get()] { QMetaObject::invokeMethod(r, &QNetworkReply::abort, Qt::QueuedConnection); });
        if (!reply->isFinished())
            loop.exec();
    }
    if (!reply->isFinished())
        reply->abort();
    if (m_stop.requested())
        return Error{QStringLiteral("%1: abandoned, the sink is stopping").arg(describe())};
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        const QString why = reply->error() == QNetworkReply::OperationCanceledError
                                ? QStringLiteral("no answer within %1 s").arg(m_settings.timeoutS)
                                : reply->errorString();
        return Error{QStringLiteral("%1: %2").arg(describe(), why)};
    }
    return Reply{status, reply->readAll()};
}

Result<WriteOutcome> InfluxWriter::write(const QByteArray& body)
{
    QUrl url = endpoint(QStringLiteral("/write"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("db"), m_settings.database);
    query.addQueryItem(QStringLiteral("precision"), QString::fromLatin1(precisionName(m_settings.precision)));
    url.setQuery(query);
    auto r = post(url, body, QByteArrayLiteral("text/plain; charset=utf-8"));
    if (!r)
        return Error{r.error()};
    switch (r->status) {
    case 204:
        return WriteOutcome{};
    case 400:
        return WriteOutcome{reason(r->body)};
    case 401:
    case 403:
        return Error{QStringLiteral("%1: credentials refused (HTTP %2): %3")
                         .arg(describe())
                         .arg(r->status)
                         .arg(reason(r->body))};
    case 404:
        return Error{QStringLiteral("%1: no such database (HTTP 404): %2").arg(describe(), reason(r->body))};
    default:
        return Error{QStringLiteral("%1: write failed (HTTP %2): %3")
                         .arg(describe())
                         .arg(r->status)
                         .arg(reason(r->body))};
    }
}

Status InfluxWriter::createDatabase()
{
    QString name = m_settings.database;
    name.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('"'), QLatin1String("\\\""));
    const QByteArray form =
        "q=" + QUrl::toPercentEncoding(QStringLiteral("CREATE DATABASE \"%1\"").arg(name));
    auto r = post(endpoint(QStringLiteral("/query")), form,
                  QByteArrayLiteral("application/x-www-form-urlencoded"));
    if (!r)
        return Error{r.error()};
    if (r->status == 200 || r->status == 403)
        return {};
    if (r->status == 401)
        return Error{
            QStringLiteral("%1: credentials refused (HTTP 401): %2").arg(describe(), reason(r->body))};
    return Error{QStringLiteral("%1: CREATE DATABASE failed (HTTP %2): %3")
                     .arg(describe())
                     .arg(r->status)
                     .arg(reason(r->body))};
}

} // namespace fs::influx
