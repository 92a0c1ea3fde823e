// ApiGate: the API is read-only (GET, and OPTIONS for browsers' preflight); a token compared in
// constant time; CORS per api.cors_origins.
#include "ApiGate.h"

#include "ApiReply.h"

namespace fs::api {

namespace {

const QByteArray kAllow = QByteArrayLiteral("GET, OPTIONS");

bool sameBytes(const QByteArray& a, const QByteArray& b)
{
    // Every byte is looked at whatever matches, so the time taken does not tell how much of a
    // guessed token was right.
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i % b.size()]); // b is never empty here
    return diff == 0;
}

} // namespace

ApiGate::ApiGate(QString token, QStringList corsOrigins)
    : m_token(token.toUtf8()), m_origins(std::move(corsOrigins))
{}

bool ApiGate::authorised(const QHttpServerRequest& request) const
{
    if (m_token.isEmpty())
        return true;
    const QByteArray header = request.value(QByteArrayLiteral("Authorization")).trimmed();
    if (!header.startsWith("Bearer ") && !header.startsWith("bearer "))
        return false;
    return sameBytes(header.mid(7).trimmed(), m_token);
}

std::optional<QHttpServerResponse> ApiGate::check(const QHttpServerRequest& request) const
{
    using Status = QHttpServerResponse::StatusCode;
    if (request.method() == QHttpServerRequest::Method::Options) {
        // A preflight carries no credentials by the CORS rules: answered without the token.
        QHttpServerResponse r(Status::NoContent);
        r.setHeader(QByteArrayLiteral("Allow"), kAllow);
        r.setHeader(QByteArrayLiteral("Access-Control-Allow-Methods"), kAllow);
        r.setHeader(QByteArrayLiteral("Access-Control-Allow-Headers"),
                    QByteArrayLiteral("Authorization, Content-Type"));
        r.setHeader(QByteArrayLiteral("Access-Control-Max-Age"), QByteArrayLiteral("600"));
        return r;
    }
    if (request.method() != QHttpServerRequest::Method::Get) {
        QHttpServerResponse r =
            error(Status::MethodNotAllowed,
                  QStringLiteral("this API is read-only: only GET (and OPTIONS) are answered"));
        r.setHeader(QByteArrayLiteral("Allow"), kAllow);
        return r;
    }
    if (!authorised(request)) {
        QHttpServerResponse r = error(
            Status::Unauthorized, QStringLiteral("this API asks for \"Authorization: Bearer <token>\" (the "
                                                 "token in the station's secret store as api/token)"));
        r.setHeader(QByteArrayLiteral("WWW-Authenticate"),
                    QByteArrayLiteral("Bearer realm=\"fieldstation\""));
        return r;
    }
    return std::nullopt;
}

void ApiGate::decorate(QHttpServerResponse& response, const QHttpServerRequest& request) const
{
    if (m_origins.isEmpty())
        return;
    if (m_origins.contains(QLatin1String("*"))) {
        response.setHeader(QByteArrayLiteral("Access-Control-Allow-Origin"), QByteArrayLiteral("*"));
        return;
    }
    const QByteArray origin = request.value(QByteArrayLiteral("Origin"));
    if (!origin.isEmpty() && m_origins.contains(QString::fromUtf8(origin))) {
        response.setHeader(QByteArrayLiteral("Access-Control-Allow-Origin"), origin);
        response.setHeader(QByteArrayLiteral("Vary"), QByteArrayLiteral("Origin"));
    }
}

} // namespace fs::api
