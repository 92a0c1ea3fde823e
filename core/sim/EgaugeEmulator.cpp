// EgaugeEmulator: the HTTP side of the simulated meter; what it answers is EgaugeShowXml's, who may
// ask is HttpDigestServer's. Every request is logged (fs.sim) with its verdict.
#include "sim/EgaugeEmulator.h"

#include "util/Logging.h"

#include <QDateTime>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTimer>
#include <QUrl>

namespace fs::sim {

namespace {

using Http = QHttpServerResponder::StatusCode;

QByteArray targetOf(const QHttpServerRequest& req)
{
    const QUrl url = req.url();
    QByteArray t = url.path(QUrl::FullyEncoded).toUtf8();
    if (url.hasQuery())
        t += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    return t;
}

} // namespace

EgaugeEmulator::EgaugeEmulator() : EgaugeEmulator(Options{}) {}

EgaugeEmulator::EgaugeEmulator(Options options, QObject* parent)
    : QObject(parent), m_opt(std::move(options)), m_meter(m_opt.meter), m_storage(m_opt.storage),
      m_server(new QHttpServer(this))
{
    if (m_storage.epoch == 0)
        m_storage.epoch = m_opt.meter.epoch;
    if (!m_opt.user.isEmpty()) {
        HttpDigestServer::Options d;
        d.user = m_opt.user;
        d.password = m_opt.password;
        d.nonceLifetimeS = m_opt.nonceLifetimeS;
        d.nowS = [this] { return now(); };
        d.strict = m_opt.strict;
        m_digest = std::make_unique<HttpDigestServer>(d);
    }
    m_server->route(QStringLiteral("/cgi-bin/egauge-show"), QHttpServerRequest::Method::Get,
                    [this](const QHttpServerRequest& req, QHttpServerResponder&& resp) {
                        onRequest(req, std::move(resp), true);
                    });
    m_server->route(QStringLiteral("/cgi-bin/egauge"), QHttpServerRequest::Method::Get,
                    [this](const QHttpServerRequest& req, QHttpServerResponder&& resp) {
                        onRequest(req, std::move(resp), false);
                    });
}

EgaugeEmulator::~EgaugeEmulator() = default;

Result<quint16> EgaugeEmulator::listen(const QHostAddress& address, quint16 port)
{
    const quint16 bound = m_server->listen(address, port);
    if (bound == 0)
        return Error{
            QStringLiteral("eGauge emulator: cannot listen on %1:%2").arg(address.toString()).arg(port)};
    m_baseUrl = QStringLiteral("http://%1:%2").arg(address.toString()).arg(bound);
    qCInfo(lcSim).noquote() << "eGauge emulator on" << m_baseUrl << "serial"
                            << QStringLiteral("0x%1").arg(m_storage.serial, 0, 16)
                            << (m_digest ? QStringLiteral("(digest auth, user %1)").arg(m_opt.user)
                                         : QStringLiteral("(no auth)"));
    return bound;
}

qint64 EgaugeEmulator::now() const
{
    return m_opt.nowS ? m_opt.nowS() : QDateTime::currentSecsSinceEpoch();
}

void EgaugeEmulator::failNext(int count, int status)
{
    m_failCount = count;
    m_failStatus = status;
}

void EgaugeEmulator::answerSlowly(int count)
{
    m_slowCount = count;
}

void EgaugeEmulator::stallNext(int count)
{
    m_stallCount = count;
}

void EgaugeEmulator::resetCounters(qint64 epochS)
{
    m_storage.epoch = epochS;
    m_storage.reset = true;
}

void EgaugeEmulator::setSerial(quint64 serial)
{
    m_storage.serial = serial;
}

void EgaugeEmulator::warn(const QString& text)
{
    m_warnings << text;
    qCWarning(lcSim).noquote() << "eGauge emulator, LENIENT:" << text;
}

void EgaugeEmulator::onRequest(const QHttpServerRequest& req, QHttpServerResponder&& resp, bool show)
{
    const QByteArray target = targetOf(req);
    if (m_digest) {
        const auto verdict = m_digest->check("GET", target, req.value("Authorization"));
        if (!verdict.ok) {
            ++m_unauthorized;
            qCInfo(lcSim).noquote() << "eGauge emulator:" << target << "-> 401," << verdict.problem;
            resp.write(
                "<html><body>401 Unauthorized</body></html>\n",
                {{"Content-Type", "text/html"}, {"WWW-Authenticate", m_digest->challenge(verdict.stale)}},
                Http::Unauthorized);
            return;
        }
        for (const QString& q : verdict.quirks)
            warn(q);
    }
    if (m_stallCount > 0) {
        --m_stallCount;
        qCInfo(lcSim).noquote() << "eGauge emulator:" << target << "-> no answer (injected)";
        m_stalled.push_back(std::make_unique<QHttpServerResponder>(std::move(resp)));
        return;
    }
    if (m_failCount > 0) {
        --m_failCount;
        qCInfo(lcSim).noquote() << "eGauge emulator:" << target << "->" << m_failStatus << "(injected)";
        resp.write("injected failure\n", {{"Content-Type", "text/plain"}}, Http(m_failStatus));
        return;
    }
    QByteArray body;
    if (show) {
        QStringList unknown;
        const auto q = ShowQuery::parse(req.url().query(QUrl::FullyEncoded).toUtf8(), &unknown);
        if (q.ok() && !unknown.isEmpty()) {
            const QString w = QStringLiteral("%1: unknown parameter(s) %2")
                                  .arg(QString::fromUtf8(target), unknown.join(u','));
            if (m_opt.strict) {
                resp.write(w.toUtf8() + '\n', {{"Content-Type", "text/plain"}}, Http::BadRequest);
                return;
            }
            warn(w);
        }
        if (!q.ok() || q->csv) {
            const QString why = q.ok() ? QStringLiteral("CSV (c) is not emulated") : q.error();
            qCInfo(lcSim).noquote() << "eGauge emulator:" << target << "-> 400," << why;
            resp.write(why.toUtf8() + '\n', {{"Content-Type", "text/plain"}}, Http::BadRequest);
            return;
        }
        body = showXml(m_meter, m_storage, *q, now());
    } else {
        const QUrlQuery query = req.query();
        body = instXml(m_meter, m_storage, query.hasQueryItem(QStringLiteral("inst")),
                       query.hasQueryItem(QStringLiteral("tot")), now());
    }
    m_requests << QString::fromUtf8(target);
    qCInfo(lcSim).noquote() << "eGauge emulator:" << target << "->" << body.size() << "bytes";
    if (m_slowCount > 0) {
        --m_slowCount;
        auto held = std::make_shared<QHttpServerResponder>(std::move(resp));
        QTimer::singleShot(m_opt.slowAnswerMs, this, [held, body] {
            held->write(body, {{"Content-Type", "text/xml"}}, Http::Ok);
        });
        return;
    }
    resp.write(body, {{"Content-Type", "text/xml"}}, Http::Ok);
}

} // namespace fs::sim
