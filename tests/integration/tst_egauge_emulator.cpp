// The eGauge emulator through Qt's own HTTP client: Digest auth as QNetworkAccessManager does it,
// every egauge-show parameter the pollers use, storage tiers giving several blocks, faults, and
// each answer parsed back with the real parser and differenced against the house's counters.
#include "TestSupport.h"
#include "sim/EgaugeEmulator.h"
#include "sources/egauge/EgaugeRates.h"
#include "sources/egauge/EgaugeXml.h"

#include <QAuthenticator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>
#include <QTimer>

#include <cmath>
#include <functional>
#include <limits>

using namespace fs;
using fs::sim::EgaugeEmulator;

namespace {

constexpr qint64 kNow = 1719835200; // 2024-07-01T12:00:00Z: the sun is up, the house exports

struct Reply
{
    int status = 0;
    QByteArray body;
    QByteArray wwwAuthenticate;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
};

class Client
{
public:
    QString user, password;
    int authAsks = 0;

    Reply get(const QString& url, int timeoutMs = 10000)
    {
        QNetworkRequest req{QUrl(url)};
        req.setTransferTimeout(timeoutMs);
        QNetworkReply* r = m_nam.get(req);
        QObject::connect(&m_nam, &QNetworkAccessManager::authenticationRequired, r,
                         [this](QNetworkReply*, QAuthenticator* a) {
                             // Offer the credentials once; a second ask means they were refused.
                             if (++authAsks > 1 || user.isEmpty())
                                 return;
                             a->setUser(user);
                             a->setPassword(password);
                         });
        QEventLoop loop;
        QObject::connect(r, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(test::timeoutMs(timeoutMs + 20000), &loop, &QEventLoop::quit);
        loop.exec();
        Reply out;
        out.status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = r->isOpen() ? r->readAll() : QByteArray();
        out.wwwAuthenticate = r->rawHeader("WWW-Authenticate");
        out.error = r->error();
        r->deleteLater();
        authAsks = 0;
        return out;
    }

private:
    QNetworkAccessManager m_nam;
};

EgaugeEmulator::Options fixedClock(qint64* now)
{
    EgaugeEmulator::Options o;
    o.nowS = [now] { return *now; };
    o.strict = true;
    return o;
}

// A meter on a free port with its clock stopped at `now` (tests move it), and a client.
struct Rig
{
    qint64 now = kNow;
    EgaugeEmulator e;
    Client c;

    explicit Rig(const std::function<void(EgaugeEmulator::Options&)>& tweak = {}) : e(options(tweak))
    {
        if (!e.listen().ok())
            qFatal("the eGauge emulator cannot listen");
    }

private:
    EgaugeEmulator::Options options(const std::function<void(EgaugeEmulator::Options&)>& tweak)
    {
        auto o = fixedClock(&now);
        if (tweak)
            tweak(o);
        return o;
    }
};

egauge::ShowAnswer parsed(const Reply& r)
{
    const auto a = egauge::parseShow(r.body);
    if (!a.ok())
        qFatal("answer does not parse: %s", qPrintable(a.error()));
    return *a;
}

// The rate a client must find between two rows, straight from the house's counters.
double houseRate(const EgaugeEmulator& e, int reg, qint64 newer, qint64 older)
{
    const auto& m = e.meter();
    const qint64 d = qint64(quint64(m.counter(reg, newer)) - quint64(m.counter(reg, older)));
    return double(d) * egauge::typeCode(m.registers()[reg].type)->quantum / double(newer - older);
}

} // namespace

class TestEgaugeEmulator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void peperQueryRoundTrip()
    {
        Rig rig;
        auto& [now, e, c] = rig;
        const Reply r = c.get(e.baseUrl() + QStringLiteral("/cgi-bin/egauge-show?S&s=0&n=341"));
        QCOMPARE(r.status, 200);
        const auto a = parsed(r);
        QCOMPARE(a.serial, quint64(0x4e842294));
        QCOMPARE(a.columns.size(), e.meter().registers().size());
        QCOMPARE(a.blocks.size(), 1);
        QCOMPARE(a.blocks[0].rows, 341);
        QCOMPARE(a.blocks[0].timeStamp, kNow);
        QCOMPARE(a.blocks[0].timeDelta, 1.0);
        const auto rates = egauge::differences(a);
        QCOMPARE(rates.timesMs.size(), 340);
        QCOMPARE(rates.breaks + rates.resets, 0);
        const int grid = e.meter().indexOf(u"Grid");
        for (int k : {0, 17, 339}) {
            QCOMPARE(rates.timesMs[k], (kNow - k) * 1000);
            for (int reg = 0; reg < a.columns.size(); ++reg)
                QCOMPARE(rates.value(k, reg), houseRate(e, reg, kNow - k, kNow - k - 1));
        }
        QVERIFY(rates.value(0, grid) < 0); // export at noon
        QCOMPARE(e.requests(), QStringList{QStringLiteral("/cgi-bin/egauge-show?S&s=0&n=341")});
    }

    void digestRequired()
    {
        Rig rig([](EgaugeEmulator::Options& o) {
            o.user = QStringLiteral("owner");
            o.password = QStringLiteral("s3cret");
        });
        auto& [now, e, unused] = rig;
        const QString url = e.baseUrl() + QStringLiteral("/cgi-bin/egauge-show?S&n=3");

        Client anonymous;
        const Reply refused = anonymous.get(url);
        QCOMPARE(refused.status, 401);
        QVERIFY2(refused.wwwAuthenticate.startsWith("Digest "), refused.wwwAuthenticate.constData());
        QVERIFY(refused.wwwAuthenticate.contains("qop=\"auth\""));
        QVERIFY(refused.wwwAuthenticate.contains("nonce=\""));
        QVERIFY(e.requests().isEmpty());

        Client wrong;
        wrong.user = QStringLiteral("owner");
        wrong.password = QStringLiteral("guess");
        QCOMPARE(wrong.get(url).status, 401);
        QVERIFY(e.requests().isEmpty());

        Client right;
        right.user = QStringLiteral("owner");
        right.password = QStringLiteral("s3cret");
        const Reply ok = right.get(url);
        QCOMPARE(ok.status, 200);
        QCOMPARE(parsed(ok).blocks[0].rows, 3);
        // Qt keeps the credentials for the host: the next request passes without a new 401.
        const int refusedBefore = e.unauthorized();
        QCOMPARE(right.get(url).status, 200);
        QCOMPARE(e.unauthorized(), refusedBefore);
        QCOMPARE(e.requests().size(), 2);
        // A nonce older than its lifetime is stale: Qt answers the new challenge by itself.
        now += 7200;
        QCOMPARE(right.get(url).status, 200);
        QCOMPARE(e.unauthorized(), refusedBefore + 1);
        QVERIFY(e.warnings().isEmpty()); // Qt's digest is the strict kind
    }

    void parametersHonoured()
    {
        Rig rig;
        auto& [now, e, c] = rig;
        const QString show = e.baseUrl() + QStringLiteral("/cgi-bin/egauge-show?");

        // t alone (Peper's catch-up): every second from now back to t, both ends included.
        auto a = parsed(c.get(show + QStringLiteral("S&s=0&t=%1").arg(kNow - 600)));
        QCOMPARE(a.blocks.size(), 1);
        QCOMPARE(a.blocks[0].rows, 601);
        QCOMPARE(a.blocks[0].rowTimeMs(600), (kNow - 600) * 1000);

        // f and n: the newest row is f, n rows.
        a = parsed(c.get(show + QStringLiteral("S&f=%1&n=10").arg(kNow - 100)));
        QCOMPARE(a.blocks[0].timeStamp, kNow - 100);
        QCOMPARE(a.blocks[0].rows, 10);

        // s: one row per minute out of second data.
        a = parsed(c.get(show + QStringLiteral("S&s=59&n=5")));
        QCOMPARE(a.blocks[0].timeDelta, 60.0);
        QCOMPARE(a.blocks[0].rows, 5);

        // m, h, d: minute, hour and day rows aligned to their unit.
        for (const auto& [flag, unit] : {std::pair{"m", 60}, std::pair{"h", 3600}, std::pair{"d", 86400}}) {
            a = parsed(c.get(show + QStringLiteral("%1&n=4&f=%2").arg(QLatin1String(flag)).arg(kNow - 1)));
            QCOMPARE(a.blocks[0].timeDelta, double(unit));
            QCOMPARE(a.blocks[0].timeStamp % unit, 0);
            QCOMPARE(a.rowCount(), 4);
        }

        // C: delta rows, the same counters once made absolute.
        const auto plain = parsed(c.get(show + QStringLiteral("S&n=20")));
        const auto delta = parsed(c.get(show + QStringLiteral("S&n=20&C")));
        QVERIFY(delta.blocks[0].wasDelta);
        QCOMPARE(delta.blocks[0].cells, plain.blocks[0].cells);

        // T: one block per listed time, newest first.
        a = parsed(c.get(show + QStringLiteral("T=%1,%2").arg(kNow - 10).arg(kNow - 86400 * 2)));
        QCOMPARE(a.blocks.size(), 2);
        QCOMPARE(a.blocks[0].timeStamp, kNow - 10);
        QCOMPARE(a.blocks[1].timeStamp, kNow - 86400 * 2); // minute storage, on a minute boundary
        QCOMPARE(a.blocks[1].rows, 1);

        // E: counters from the recording start (0 there).
        a = parsed(c.get(show + QStringLiteral("S&E&n=1&f=%1").arg(e.meter().options().epoch)));
        QCOMPARE(a.blocks[0].cells, QList<qint64>(a.columns.size(), 0));

        // egauge-async's query (a first, T percent-encoded): virtual registers use and gen follow the real
        // ones.
        a = parsed(c.get(show + QStringLiteral("a&t=%1&f=%2&m&s=14&n=4").arg(kNow - 7200).arg(kNow)));
        QCOMPARE(a.columns.size(), e.meter().registers().size() + 2);
        QCOMPARE(a.columns.last().name, QStringLiteral("gen"));
        QCOMPARE(a.columns.last().did, -1);
        QCOMPARE(a.blocks[0].timeDelta, 900.0);
        const auto rates = egauge::differences(a);
        const int use = int(a.columns.size()) - 2;
        double loads = 0;
        for (int n = 1; n <= 3; ++n) {
            const int reg = e.meter().indexOf(QStringLiteral("CT%1_Power").arg(n));
            loads += houseRate(e, reg, kNow, kNow - 900);
        }
        QVERIFY(std::abs(rates.value(0, use) - loads) < 1e-6);
        a = parsed(c.get(show + QStringLiteral("a&T=") + QString::number(kNow - 5) + QStringLiteral("%2C") +
                         QString::number(kNow - 65)));
        QCOMPARE(a.blocks.size(), 2);
        QCOMPARE(a.blocks[1].timeStamp, kNow - 65);

        // An unknown key is refused in strict mode, a bad value always.
        QCOMPARE(c.get(show + QStringLiteral("S&n=2&zz")).status, 400);
        QCOMPARE(c.get(show + QStringLiteral("S&n=abc")).status, 400);
    }

    void lenientAcceptsUnknownWithWarning()
    {
        Rig rig([](EgaugeEmulator::Options& o) { o.strict = false; });
        auto& [now, e, c] = rig;
        QCOMPARE(c.get(e.baseUrl() + QStringLiteral("/cgi-bin/egauge-show?S&n=2&zz")).status, 200);
        QCOMPARE(e.warnings().size(), 1);
        QVERIFY(e.warnings().first().contains(QStringLiteral("zz")));
    }

    void rangeCrossesIntoMinuteStorage()
    {
        // Second rows exist for the last hour only: a two-hour S request gets a second block of minutes.
        Rig rig;
        auto& [now, e, c] = rig;
        const auto a =
            parsed(c.get(e.baseUrl() + QStringLiteral("/cgi-bin/egauge-show?S&s=0&t=%1").arg(kNow - 7200)));
        QCOMPARE(a.blocks.size(), 2);
        QCOMPARE(a.blocks[0].timeDelta, 1.0);
        QCOMPARE(a.blocks[0].rows, 3600);
        QCOMPARE(a.blocks[1].timeDelta, 60.0);
        QCOMPARE(a.blocks[1].timeStamp, kNow - 3600);
        QCOMPARE(a.blocks[1].rows, 61);
        const auto rates = egauge::differences(a);
        QCOMPARE(rates.breaks, 0);
        QCOMPARE(rates.timesMs.size(), 3600 + 60);
        const int v = e.meter().indexOf(u"L1_Voltage");
        QCOMPARE(rates.value(3600, v), houseRate(e, v, kNow - 3600, kNow - 3660));
    }

    void countersWrapPast2to63()
    {
        qint64 now = kNow;
        auto o = fixedClock(&now);
        o.meter.wrapAtS = kNow - 3;
        EgaugeEmulator wrapping(o);
        EgaugeEmulator plain(fixedClock(&now));
        QVERIFY(wrapping.listen().ok() && plain.listen().ok());
        Client c;
        const QString q = QStringLiteral("/cgi-bin/egauge-show?S&n=8");
        const auto w = parsed(c.get(wrapping.baseUrl() + q));
        const auto p = parsed(c.get(plain.baseUrl() + q));
        QCOMPARE(w.blocks[0].cell(3, 0, int(w.columns.size())), std::numeric_limits<qint64>::max());
        QVERIFY(w.blocks[0].cell(2, 0, int(w.columns.size())) < 0);
        const auto rw = egauge::differences(w), rp = egauge::differences(p);
        QCOMPARE(rw.values, rp.values);
        QCOMPARE(rw.resets, 0);
    }

    void faults()
    {
        Rig rig([](EgaugeEmulator::Options& o) { o.slowAnswerMs = 1500; });
        auto& [now, e, c] = rig;
        const QString url = e.baseUrl() + QStringLiteral("/cgi-bin/egauge-show?S&n=2");
        e.failNext(2, 503);
        QCOMPARE(c.get(url).status, 503);
        QCOMPARE(c.get(url).status, 503);
        QCOMPARE(c.get(url).status, 200);

        e.stallNext(1);
        const Reply silent = c.get(url, 300);
        QCOMPARE(silent.error, QNetworkReply::OperationCanceledError); // the transfer timeout
        QCOMPARE(c.get(url).status, 200);

        e.answerSlowly(1);
        QElapsedTimer t;
        t.start();
        QCOMPARE(c.get(url, test::timeoutMs(30000)).status, 200);
        QVERIFY(t.elapsed() >= 1400);

        // After a reset the epoch changes and the counters restart: a pair across it is dropped.
        const auto before = parsed(c.get(url));
        e.resetCounters(kNow - 1);
        now += 5;
        const auto after = parsed(c.get(url));
        QCOMPARE(after.blocks[0].epoch, std::optional<qint64>(kNow - 1));
        QVERIFY(after.blocks[0].cell(0, 0, int(after.columns.size())) <
                before.blocks[0].cell(0, 0, int(after.columns.size())));
        const auto r = egauge::differences(after, {egauge::newestRow(before), std::nullopt});
        QCOMPARE(r.breaks, 1);
        QCOMPARE(r.timesMs.size(), 1);
        // Another serial (a swapped meter) is never paired either.
        e.setSerial(0x1234);
        now += 5;
        const auto swapped = parsed(c.get(url));
        QCOMPARE(swapped.serial, quint64(0x1234));
        QCOMPARE(egauge::differences(swapped, {egauge::newestRow(after), std::nullopt}).breaks, 1);
    }

    void instantaneous()
    {
        Rig rig;
        auto& [now, e, c] = rig;
        const Reply r = c.get(e.baseUrl() + QStringLiteral("/cgi-bin/egauge?inst&tot"));
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.contains("<ts>1719835200</ts>"));
        QVERIFY(r.body.contains("n=\"Total Usage\""));
        QVERIFY(r.body.contains("<i>"));
        const int grid = e.meter().indexOf(u"Grid");
        QVERIFY(r.body.contains("<v>" + QByteArray::number(e.meter().counter(grid, kNow)) + "</v>"));
    }
};

QTEST_MAIN(TestEgaugeEmulator)
#include "tst_egauge_emulator.moc"
