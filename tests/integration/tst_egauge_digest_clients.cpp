// The eGauge emulator's Digest check against the HTTP clients people point at password-protected
// meters (protocol note A.4): curl --digest, Python requests' HTTPDigestAuth and httpx.DigestAuth
// (egauge-async's) must pass --strict with no quirk. Qt's QAuthenticator: tst_egauge_emulator.
// Python is Debian's (/usr/bin), where install-deps puts python3-requests and python3-httpx.
#include "TestSupport.h"
#include "sim/EgaugeEmulator.h"

#include <QEventLoop>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using fs::sim::EgaugeEmulator;

namespace {

struct ProcessRun
{
    int exitCode = -1; ///< -1: crashed or did not finish in time
    QByteArray out, err;
};

// Runs a client without blocking this thread, on which the emulator has to answer it.
ProcessRun runClient(const QString& program, const QStringList& args)
{
    QProcess p;
    QEventLoop loop;
    QObject::connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&p, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(fs::test::timeoutMs(20000), &loop, &QEventLoop::quit);
    p.start(program, args);
    loop.exec();
    if (p.state() != QProcess::NotRunning) {
        p.kill(); // our own child, by its handle
        p.waitForFinished(5000);
        return {};
    }
    ProcessRun r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

const char* const kRequests = "import sys, requests\n"
                              "from requests.auth import HTTPDigestAuth\n"
                              "r = requests.get(sys.argv[1], auth=HTTPDigestAuth(sys.argv[2], sys.argv[3]), "
                              "timeout=15)\n"
                              "print(r.status_code)\n";
const char* const kHttpx =
    "import sys, httpx\n"
    "r = httpx.get(sys.argv[1], auth=httpx.DigestAuth(sys.argv[2], sys.argv[3]), timeout=15)\n"
    "print(r.status_code)\n";

} // namespace

class TestEgaugeDigestClients : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        EgaugeEmulator::Options o;
        o.user = QStringLiteral("owner");
        o.password = QStringLiteral("s3cret");
        o.strict = true;
        m_meter = std::make_unique<EgaugeEmulator>(o);
        QVERIFY(m_meter->listen().ok());
        m_curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
        m_python = QStandardPaths::findExecutable(QStringLiteral("python3"), {QStringLiteral("/usr/bin")});
        QVERIFY2(!m_curl.isEmpty(), "curl is not installed");
        QVERIFY2(!m_python.isEmpty(), "/usr/bin/python3 is not installed (packaging/install-deps.sh)");
    }

    void clients_data()
    {
        QTest::addColumn<QString>("client");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("status");
        QTest::newRow("curl") << "curl"
                              << "s3cret"
                              << "S&s=0&n=4" << 200;
        QTest::newRow("curl, T with a comma") << "curl"
                                              << "s3cret"
                                              << "T=1719835200,1719835100" << 200;
        QTest::newRow("curl, wrong password") << "curl"
                                              << "guess"
                                              << "S&n=2" << 401;
        QTest::newRow("requests") << "requests"
                                  << "s3cret"
                                  << "S&s=0&n=4" << 200;
        QTest::newRow("requests, T percent-encoded") << "requests"
                                                     << "s3cret"
                                                     << "T=1719835200%2C1719835100" << 200;
        QTest::newRow("requests, wrong password") << "requests"
                                                  << "guess"
                                                  << "S&n=2" << 401;
        QTest::newRow("httpx") << "httpx"
                               << "s3cret"
                               << "S&s=0&n=4" << 200;
        QTest::newRow("httpx, a and T") << "httpx"
                                        << "s3cret"
                                        << "a&T=1719835200,1719835100" << 200;
        QTest::newRow("httpx, wrong password") << "httpx"
                                               << "guess"
                                               << "S&n=2" << 401;
    }
    void clients()
    {
        QFETCH(QString, client);
        QFETCH(QString, password);
        QFETCH(QString, query);
        QFETCH(int, status);
        const QString url = m_meter->baseUrl() + QStringLiteral("/cgi-bin/egauge-show?") + query;
        const int answeredBefore = int(m_meter->requests().size());
        ProcessRun r;
        if (client == u"curl")
            r = runClient(m_curl, {QStringLiteral("-sS"), QStringLiteral("--digest"), QStringLiteral("-u"),
                                   QStringLiteral("owner:") + password, QStringLiteral("-o"),
                                   QStringLiteral("/dev/null"), QStringLiteral("-w"),
                                   QStringLiteral("%{http_code}"), url});
        else
            r = runClient(m_python,
                          {QStringLiteral("-c"), QLatin1String(client == u"httpx" ? kHttpx : kRequests), url,
                           QStringLiteral("owner"), password});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out.trimmed().toInt(), status);
        QCOMPARE(int(m_meter->requests().size()) - answeredBefore, status == 200 ? 1 : 0);
        QVERIFY2(m_meter->warnings().isEmpty(), qPrintable(m_meter->warnings().join(u'\n')));
    }

private:
    std::unique_ptr<EgaugeEmulator> m_meter;
    QString m_curl, m_python;
};

QTEST_GUILESS_MAIN(TestEgaugeDigestClients)
#include "tst_egauge_digest_clients.moc"
