// HttpDigestServer: nonces are random and remembered with their issue time; the expected response
// is recomputed from the stored password exactly as RFC 2617 §3.2.2 defines it.
#include "sim/HttpDigestServer.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QRandomGenerator>

namespace fs::sim {

namespace {

QByteArray md5Hex(const QByteArray& s)
{
    return QCryptographicHash::hash(s, QCryptographicHash::Md5).toHex();
}

QByteArray randomHex(int bytes)
{
    QByteArray b(bytes, '\0');
    QRandomGenerator::system()->generate(b.begin(), b.end());
    return b.toHex();
}

} // namespace

HttpDigestServer::HttpDigestServer(Options options) : m_opt(std::move(options)), m_opaque(randomHex(16)) {}

qint64 HttpDigestServer::now() const
{
    return m_opt.nowS ? m_opt.nowS() : QDateTime::currentSecsSinceEpoch();
}

QByteArray HttpDigestServer::challenge(bool stale)
{
    const QByteArray nonce = randomHex(16);
    m_nonces.insert(nonce, now());
    m_issueOrder.push_back(nonce);
    // Bound the memory a client that never authenticates can make us use: the oldest nonce goes.
    constexpr qsizetype kMaxNonces = 10000;
    while (m_issueOrder.size() > kMaxNonces) {
        m_nonces.remove(m_issueOrder.front());
        m_issueOrder.pop_front();
    }
    return "Digest realm=\"" + m_opt.realm.toUtf8() + "\", qop=\"auth\", algorithm=MD5, nonce=\"" + nonce +
           "\", opaque=\"" + m_opaque + "\"" + (stale ? ", stale=true" : "");
}

QHash<QByteArray, QByteArray> HttpDigestServer::parseParams(const QByteArray& header)
{
    QHash<QByteArray, QByteArray> out;
    int i = header.indexOf(' ');
    if (i < 0)
        return out;
    const int n = int(header.size());
    while (i < n) {
        while (i < n && (header[i] == ' ' || header[i] == ','))
            ++i;
        const int eq = int(header.indexOf('=', i));
        if (eq < 0)
            break;
        const QByteArray key = header.mid(i, eq - i).trimmed().toLower();
        i = eq + 1;
        QByteArray value;
        if (i < n && header[i] == '"') {
            ++i;
            while (i < n && header[i] != '"') {
                if (header[i] == '\\' && i + 1 < n)
                    ++i;
                value += header[i++];
            }
            ++i; // closing quote
        } else {
            const int end = int(header.indexOf(',', i));
            value = header.mid(i, end < 0 ? -1 : end - i).trimmed();
            i = end < 0 ? n : end;
        }
        out.insert(key, value);
    }
    return out;
}

HttpDigestServer::Outcome HttpDigestServer::check(const QByteArray& method, const QByteArray& target,
                                                  const QByteArray& authorization)
{
    Outcome o;
    if (authorization.isEmpty()) {
        o.problem = QStringLiteral("no Authorization header");
        return o;
    }
    // The scheme name is case-insensitive (RFC 7235 §2.1).
    if (authorization.size() < 7 || authorization.left(7).toLower() != "digest ") {
        o.problem =
            QStringLiteral("Authorization is not Digest: %1").arg(QString::fromUtf8(authorization.left(12)));
        return o;
    }
    const auto p = parseParams(authorization);
    const QByteArray user = p.value("username"), nonce = p.value("nonce"), uri = p.value("uri"),
                     response = p.value("response").toLower(), qop = p.value("qop"), nc = p.value("nc"),
                     cnonce = p.value("cnonce"), algorithm = p.value("algorithm", "MD5");
    if (user != m_opt.user.toUtf8()) {
        o.problem = QStringLiteral("unknown user \"%1\"").arg(QString::fromUtf8(user));
        return o;
    }
    if (p.value("realm") != m_opt.realm.toUtf8()) {
        o.problem = QStringLiteral("wrong realm \"%1\"").arg(QString::fromUtf8(p.value("realm")));
        return o;
    }
    const auto issued = m_nonces.constFind(nonce);
    if (issued == m_nonces.constEnd()) {
        o.problem = QStringLiteral("nonce not issued here");
        return o;
    }
    if (uri != target) {
        if (m_opt.strict) {
            o.problem = QStringLiteral("uri \"%1\" is not the request target").arg(QString::fromUtf8(uri));
            return o;
        }
        o.quirks << QStringLiteral("digest uri \"%1\" differs from the request target")
                        .arg(QString::fromUtf8(uri));
    }
    QByteArray ha1 = md5Hex(user + ':' + m_opt.realm.toUtf8() + ':' + m_opt.password.toUtf8());
    if (algorithm.compare("MD5-sess", Qt::CaseInsensitive) == 0)
        ha1 = md5Hex(ha1 + ':' + nonce + ':' + cnonce);
    else if (algorithm.compare("MD5", Qt::CaseInsensitive) != 0) {
        o.problem = QStringLiteral("algorithm %1 not offered").arg(QString::fromUtf8(algorithm));
        return o;
    }
    const QByteArray ha2 = md5Hex(method + ':' + uri);
    QByteArray expected;
    if (qop.isEmpty()) {
        if (m_opt.strict) {
            o.problem = QStringLiteral("no qop (RFC 2069 digest)");
            return o;
        }
        o.quirks << QStringLiteral("RFC 2069 digest without qop");
        expected = md5Hex(ha1 + ':' + nonce + ':' + ha2);
    } else if (qop == "auth") {
        expected = md5Hex(ha1 + ':' + nonce + ':' + nc + ':' + cnonce + ':' + qop + ':' + ha2);
    } else {
        o.problem = QStringLiteral("qop %1 not offered").arg(QString::fromUtf8(qop));
        return o;
    }
    if (response != expected) {
        o.problem = QStringLiteral("wrong response (bad password?)");
        return o;
    }
    if (now() - issued.value() > m_opt.nonceLifetimeS) {
        o.stale = true;
        o.problem = QStringLiteral("nonce expired");
        return o;
    }
    o.ok = true;
    return o;
}

} // namespace fs::sim
