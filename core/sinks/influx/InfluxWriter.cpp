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

QList<Result<InfluxWriter::Reply>> InfluxWriter::postAll(const QUrl& url, const QList<QByteArray>& bodies,
                                                         const QByteArray& contentType)
{
    QList<Result<Reply>> out;
    if (m_stop.requested()) {
        for (qsizetype i = 0; i < bodies.size(); ++i)
            out.append(Error{QStringLiteral("%1: not sent, the sink is stopping").arg(describe())});
        return out;
    }
    QNetworkRequest req(url);
    req.setTransferTimeout(m_settings.timeoutS * 1000);
    req.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (!m_authorization.isEmpty())
        req.setRawHeader("Authorization", m_authorization);
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    QEventLoop loop;
    qsizetype open = bodies.size();
    for (const QByteArray& body : bodies) {
        replies.emplace_back(m_nam->post(req, body));
        QObject::connect(replies.back().get(), &QNetworkReply::finished, &loop, [&] {
            if (--open == 0)
                loop.quit();
        });
    }
    {
        // stop() comes from another thread: the aborts are posted to the replies and run by the loop
        // below. Released before the replies go, so they never reach a deleted one.
        SinkStop::Registration cut = m_stop.onStop([&replies] {
            for (const auto& r : replies)
                QMetaObject::invokeMethod(r.get(), &QNetworkReply::abort, Qt::QueuedConnection);
        });
        if (open > 0)
            loop.exec();
    }
    for (const auto& reply : replies) {
        if (!reply->isFinished())
            reply->abort();
        if (m_stop.requested()) {
            out.append(Error{QStringLiteral("%1: abandoned, the sink is stopping").arg(describe())});
            continue;
        }
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0) {
            const QString why = reply->error() == QNetworkReply::OperationCanceledError
                                    ? QStringLiteral("no answer within %1 s").arg(m_settings.timeoutS)
                                    : reply->errorString();
            out.append(Error{QStringLiteral("%1: %2").arg(describe(), why)});
            continue;
        }
        out.append(Reply{status, reply->readAll()});
    }
    return out;
}

Result<WriteOutcome> InfluxWriter::write(const QByteArray& body)
{
    return writeAll({body}).first();
}

QList<Result<WriteOutcome>> InfluxWriter::writeAll(const QList<QByteArray>& bodies)
{
    QUrl url = endpoint(QStringLiteral("/write"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("db"), m_settings.database);
    query.addQueryItem(QStringLiteral("precision"), QString::fromLatin1(precisionName(m_settings.precision)));
    url.setQuery(query);
    QList<Result<WriteOutcome>> out;
    for (const Result<Reply>& r : postAll(url, bodies, QByteArrayLiteral("text/plain; charset=utf-8")))
        out.append(outcome(r));
    return out;
}

Result<WriteOutcome> InfluxWriter::outcome(const Result<Reply>& r) const
{
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
    auto r = postAll(endpoint(QStringLiteral("/query")), {form},
                     QByteArrayLiteral("application/x-www-form-urlencoded"))
                 .first();
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
