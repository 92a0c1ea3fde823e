// HttpDigestServer: the server side of HTTP Digest access authentication (RFC 2617 / RFC 7616, MD5
// and MD5-sess, qop=auth), as a password-protected eGauge meter asks for it.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>
#include <deque>
#include <functional>

namespace fs::sim {

class HttpDigestServer
{
public:
    struct Options
    {
        QString realm = QStringLiteral("eGauge Administration");
        QString user;
        QString password;
        qint64 nonceLifetimeS = 3600; ///< older nonces get a stale=true challenge
        std::function<qint64()> nowS; ///< the clock; the system's when unset
        bool strict = false;          ///< refuse RFC 2069 answers (no qop) and a uri that is not the target
    };
    struct Outcome
    {
        bool ok = false;
        bool stale = false; ///< the nonce expired: challenge again with stale=true
        QString problem;    ///< why not ok (for the log)
        QStringList quirks; ///< what a lenient check let pass
    };

    explicit HttpDigestServer(Options options);

    /// Checks an Authorization header for a request (method, request target as sent).
    Outcome check(const QByteArray& method, const QByteArray& target, const QByteArray& authorization);
    /// A fresh WWW-Authenticate header value with a new nonce.
    QByteArray challenge(bool stale = false);

    /// `Digest a=b, c="d"` → {a: b, c: d}; quoted strings may hold commas and \" escapes.
    static QHash<QByteArray, QByteArray> parseParams(const QByteArray& header);

private:
    qint64 now() const;

    Options m_opt;
    QByteArray m_opaque;
    QHash<QByteArray, qint64> m_nonces;  // nonce → issue time
    std::deque<QByteArray> m_issueOrder; // the same nonces, oldest first
};

} // namespace fs::sim
