// ApiGate: what every request passes before a route runs (method, token) and what every answer gets
// on its way out (CORS headers).
#pragma once

#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QStringList>
#include <optional>

namespace fs::api {

class ApiGate
{
public:
    /// `token` empty: no token asked for. `corsOrigins`: "*" or the allowed origins.
    ApiGate(QString token, QStringList corsOrigins);

    /// The answer that ends the request here (preflight, 405, 401), or nothing: the route runs.
    std::optional<QHttpServerResponse> check(const QHttpServerRequest& request) const;
    /// Adds the CORS headers this request's origin is due.
    void decorate(QHttpServerResponse& response, const QHttpServerRequest& request) const;

private:
    bool authorised(const QHttpServerRequest& request) const;

    QByteArray m_token;
    QStringList m_origins;
};

} // namespace fs::api
