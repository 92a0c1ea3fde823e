// The emulator's Digest check against responses computed per RFC 2617 §3.2.2 (the helper itself
// checked on the RFC's own example), and its strict / lenient handling of older client habits.
#include "sim/HttpDigestServer.h"

#include <QCryptographicHash>
#include <QTest>

using fs::sim::HttpDigestServer;

namespace {

QByteArray md5(const QByteArray& s)
{
    return QCryptographicHash::hash(s, QCryptographicHash::Md5).toHex();
}

struct Answer
{
    QByteArray user = "owner", password = "s3cret", realm = "eGauge Administration", nonce;
    QByteArray uri = "/cgi-bin/egauge-show?S&n=3", qop = "auth", nc = "00000001", cnonce = "0a4f113b";
    QByteArray algorithm = "MD5", method = "GET";

    QByteArray response() const
    {
        QByteArray ha1 = md5(user + ':' + realm + ':' + password);
        if (algorithm == "MD5-sess")
            ha1 = md5(ha1 + ':' + nonce + ':' + cnonce);
        const QByteArray ha2 = md5(method + ':' + uri);
        return qop.isEmpty() ? md5(ha1 + ':' + nonce + ':' + ha2)
                             : md5(ha1 + ':' + nonce + ':' + nc + ':' + cnonce + ':' + qop + ':' + ha2);
    }
    QByteArray header() const
    {
        QByteArray h = "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce +
                       "\", uri=\"" + uri + "\", algorithm=" + algorithm + ", response=\"" + response() +
                       "\"";
        if (!qop.isEmpty())
            h += ", qop=" + qop + ", nc=" + nc + ", cnonce=\"" + cnonce + "\"";
        return h;
    }
};

QByteArray nonceOf(const QByteArray& challenge)
{
    return HttpDigestServer::parseParams(challenge).value("nonce");
}

} // namespace

class TestHttpDigest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void helperMatchesRfc2617Example()
    {
        Answer a;
        a.user = "Mufasa";
        a.password = "Circle Of Life";
        a.realm = "testrealm@host.com";
        a.nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093";
        a.uri = "/dir/index.html";
        QCOMPARE(a.response(), QByteArray("6629fae49393a05397450978507c4ef1"));
    }

    void parseParams()
    {
        const auto p = HttpDigestServer::parseParams(
            "Digest username=\"a,b\", realm=\"x \\\"y\\\"\", nc=00000001, qop=auth, uri=\"/p?a&b\"");
        QCOMPARE(p.value("username"), QByteArray("a,b"));
        QCOMPARE(p.value("realm"), QByteArray("x \"y\""));
        QCOMPARE(p.value("nc"), QByteArray("00000001"));
        QCOMPARE(p.value("qop"), QByteArray("auth"));
        QCOMPARE(p.value("uri"), QByteArray("/p?a&b"));
    }

    void checks()
    {
        qint64 now = 1700000000;
        HttpDigestServer::Options o;
        o.user = QStringLiteral("owner");
        o.password = QStringLiteral("s3cret");
        o.nowS = [&now] { return now; };
        o.strict = true;
        HttpDigestServer strict(o);
        o.strict = false;
        HttpDigestServer lenient(o);

        const QByteArray challenge = strict.challenge();
        QVERIFY(challenge.startsWith("Digest realm=\"eGauge Administration\""));
        QVERIFY(challenge.contains("qop=\"auth\""));
        Answer a;
        a.nonce = nonceOf(challenge);
        const QByteArray target = a.uri;
        QVERIFY(strict.check("GET", target, a.header()).ok);

        Answer sess = a;
        sess.algorithm = "MD5-sess";
        QVERIFY(strict.check("GET", target, sess.header()).ok);

        Answer wrong = a;
        wrong.password = "guess";
        QCOMPARE(strict.check("GET", target, wrong.header()).problem,
                 QStringLiteral("wrong response (bad password?)"));
        Answer stranger = a;
        stranger.nonce = "feedface";
        QVERIFY(!strict.check("GET", target, stranger.header()).ok);
        QVERIFY(!strict.check("GET", target, QByteArray()).ok);
        QVERIFY(!strict.check("GET", target, "Basic b3duZXI6czNjcmV0").ok);

        // RFC 2069 (no qop) and a uri other than the target: refused strict, let pass with a quirk lenient.
        Answer old = a;
        old.qop.clear();
        QVERIFY(!strict.check("GET", target, old.header()).ok);
        old.nonce = nonceOf(lenient.challenge());
        const auto o2069 = lenient.check("GET", target, old.header());
        QVERIFY(o2069.ok);
        QCOMPARE(o2069.quirks.size(), 1);
        Answer elsewhere = a;
        elsewhere.uri = "/cgi-bin/egauge-show";
        QVERIFY(!strict.check("GET", target, elsewhere.header()).ok);
        elsewhere.nonce = nonceOf(lenient.challenge());
        const auto moved = lenient.check("GET", target, elsewhere.header());
        QVERIFY(moved.ok);
        QCOMPARE(moved.quirks.size(), 1);

        // The scheme name is case-insensitive (RFC 7235 §2.1): not even a quirk.
        const auto lower = strict.check("GET", target, "digest" + a.header().mid(6));
        QVERIFY2(lower.ok, qPrintable(lower.problem));
        QVERIFY(lower.quirks.isEmpty());
        QVERIFY(strict.check("GET", target, "DIGEST" + a.header().mid(6)).ok);
        QVERIFY(!strict.check("GET", target, "Digestive" + a.header().mid(6)).ok);

        // After the nonce's lifetime: stale, so the client retries with the new nonce, no new password.
        now += o.nonceLifetimeS + 1;
        const auto stale = strict.check("GET", target, a.header());
        QVERIFY(!stale.ok);
        QVERIFY(stale.stale);
        QVERIFY(strict.challenge(true).endsWith(", stale=true"));
    }

    // A client that only ever fetches challenges must not grow the nonce table without bound, even
    // within one nonce lifetime: the oldest nonces go first, the newest stay valid.
    void nonceTableIsBounded()
    {
        HttpDigestServer::Options o;
        o.user = QStringLiteral("owner");
        o.password = QStringLiteral("s3cret");
        o.nowS = [] { return qint64(1700000000); };
        o.strict = true;
        HttpDigestServer server(o);
        Answer first;
        first.nonce = nonceOf(server.challenge());
        QVERIFY(server.check("GET", first.uri, first.header()).ok);
        for (int i = 0; i < 20000; ++i)
            server.challenge();
        Answer last;
        last.nonce = nonceOf(server.challenge());
        QVERIFY(server.check("GET", last.uri, last.header()).ok);
        QCOMPARE(server.check("GET", first.uri, first.header()).problem,
                 QStringLiteral("nonce not issued here"));
    }
};

QTEST_APPLESS_MAIN(TestHttpDigest)
#include "tst_httpdigest.moc"
