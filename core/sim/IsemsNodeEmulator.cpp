// IsemsNodeEmulator: the lines are a pure function of the node and the time, so a test knows
// exactly which lines a node held at any instant and can count what a poller lost.
#include "IsemsNodeEmulator.h"

#include <QDateTime>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtMath>

namespace fs {

namespace {

const QString kLogPath = QStringLiteral("/ISEMS/ffopenmppt.log");
const QString kGarbagePath = QStringLiteral("/garbage/ISEMS/ffopenmppt.log");

struct Profile
{
    const char* firmware;
    double capacityAh;
    double panelW;
    double latitude;
    double longitude;
    double phaseH;        // shifts the day so the two nodes do not move in step
    bool uppercaseStatus; // the ESP32 prints %03X, the router's Lua lower case
};

const Profile kRouter = {"ATmega8_A_1", 18, 20, 52.507309, 13.458635, 0.0, false};
const Profile kEsp = {"ESP_2.0", 50, 60, 52.52, 13.4, 0.7, true};

qint64 floorTo(qint64 ms, int intervalS)
{
    const qint64 step = qint64(intervalS) * 1000;
    return ms - ((ms % step) + step) % step;
}

QByteArray composeLine(const QString& id, const Profile& p, qint64 timeMs)
{
    // Local solar time from longitude; the sun is up from 6 to 18 and peaks at noon.
    const double hours = std::fmod(timeMs / 3.6e6 + p.longitude / 15.0 + p.phaseH, 24.0);
    const double sun = qMax(0.0, qSin(M_PI * (hours - 6.0) / 12.0));
    // Charge lags the sun: lowest before dawn, highest late afternoon.
    const double charge = qBound(5.0, 70.0 + 25.0 * qSin(2 * M_PI * (hours - 10.0) / 24.0), 100.0);
    const double battery = 11.9 + 0.02 * charge;
    const double temperature = 18.0 + 6.0 * qSin(2 * M_PI * (hours - 9.0) / 24.0);
    const bool charging = sun > 0.05;
    int status = charging ? 0x900 : 0x500; // charging or discharging, healthy
    if (charge >= 95.0)
        status = 0x300; // fully charged, healthy
    const QByteArray hex = QByteArray::number(status, 16).rightJustified(3, '0');
    const QList<QByteArray> f = {
        id.toUtf8(),
        "1",
        QByteArray::number(timeMs / 1000),
        p.firmware,
        QByteArray::number(qRound(charge * 8)),
        "0",
        QByteArray::number(charging ? 21.3 - 0.4 * (1 - sun) : 0.0, 'f', 3),
        QByteArray::number(charging ? 17.9 * (0.6 + 0.4 * sun) : 0.0, 'f', 3),
        QByteArray::number(battery, 'f', 3),
        QByteArray::number(qRound(charge)),
        "100",
        QByteArray::number(temperature, 'f', 1),
        "11.67",
        "14.086",
        QByteArray::number(p.capacityAh),
        QByteArray::number(p.panelW),
        QByteArray::number(p.latitude, 'f', 6),
        QByteArray::number(p.longitude, 'f', 6),
        p.uppercaseStatus ? hex.toUpper() : hex,
    };
    return f.join(';');
}

} // namespace

IsemsNodeEmulator::IsemsNodeEmulator(Options options, QObject* parent)
    : QObject(parent), m_opt(std::move(options))
{
    if (!m_opt.clock)
        m_opt.clock = [] { return QDateTime::currentMSecsSinceEpoch(); };
    m_startMs = m_opt.clock();
}

IsemsNodeEmulator::~IsemsNodeEmulator() = default;

qint64 IsemsNodeEmulator::now() const
{
    return m_opt.clock();
}

Status IsemsNodeEmulator::start(const QHostAddress& address)
{
    m_address = address;
    m_http = new QHttpServer(this);
    m_http->route(kLogPath, [this](const QHttpServerRequest&) {
        ++m_requests[int(Node::Router)];
        return QHttpServerResponse("text/plain", logAt(Node::Router, now()));
    });
    m_http->route(kGarbagePath, [this](const QHttpServerRequest&) {
        ++m_requests[int(Node::Garbage)];
        // What a captive portal or a crashed uhttpd CGI hands back instead of the log.
        return QHttpServerResponse("text/html", logAt(Node::Garbage, now()));
    });
    m_httpPort = m_http->listen(address, 0);
    if (m_httpPort == 0)
        return Error{QStringLiteral("ISEMS emulator: cannot listen on %1").arg(address.toString())};

    m_esp = new QTcpServer(this);
    m_silent = new QTcpServer(this);
    if (!m_esp->listen(address, 0) || !m_silent->listen(address, 0))
        return Error{QStringLiteral("ISEMS emulator: cannot listen on %1").arg(address.toString())};
    connect(m_esp, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* s = m_esp->nextPendingConnection()) {
            connect(s, &QTcpSocket::readyRead, this, [this, s] { answerEsp32(s); });
            connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
        }
    });
    connect(m_silent, &QTcpServer::newConnection, this, [this] {
        // Accepts and reads, never answers: a node whose uhttpd hangs. The socket stays open
        // until the client gives up.
        while (QTcpSocket* s = m_silent->nextPendingConnection()) {
            ++m_requests[int(Node::Silent)];
            connect(s, &QTcpSocket::readyRead, s, [s] { s->readAll(); });
            connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
        }
    });
    return {};
}

void IsemsNodeEmulator::answerEsp32(QTcpSocket* socket)
{
    // The firmware's server looks only for ".log" anywhere in the raw request, answers with
    // HTTP/1.0, text/html and no length, and closes.
    QByteArray request = socket->property("request").toByteArray() + socket->readAll();
    socket->setProperty("request", request);
    if (!request.contains("\r\n\r\n") && !request.contains("\n\n"))
        return;
    ++m_requests[int(Node::Esp32)];
    if (request.contains(".log")) {
        socket->write("HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n");
        socket->write(logAt(Node::Esp32, now()));
    } else {
        socket->write("HTTP/1.0 404 Not Found\r\nContent-Type: text/html\r\n\r\nnot found");
    }
    socket->disconnectFromHost();
}

QUrl IsemsNodeEmulator::url(Node node) const
{
    QUrl u;
    u.setScheme(QStringLiteral("http"));
    u.setHost(m_address.toString());
    switch (node) {
    case Node::Router:
        u.setPort(m_httpPort);
        u.setPath(kLogPath);
        break;
    case Node::Garbage:
        u.setPort(m_httpPort);
        u.setPath(kGarbagePath);
        break;
    case Node::Esp32:
        u.setPort(m_esp ? m_esp->serverPort() : 0);
        u.setPath(QStringLiteral("/csv.log")); // any path with .log will do on an ESP32
        break;
    case Node::Silent:
        u.setPort(m_silent ? m_silent->serverPort() : 0);
        u.setPath(kLogPath);
        break;
    }
    return u;
}

QList<QUrl> IsemsNodeEmulator::urls() const
{
    return {url(Node::Router), url(Node::Esp32), url(Node::Garbage), url(Node::Silent)};
}

int IsemsNodeEmulator::requests(Node node) const
{
    return m_requests[int(node)];
}

QByteArray IsemsNodeEmulator::lineAt(Node node, qint64 timeMs) const
{
    return node == Node::Esp32 ? composeLine(m_opt.espId, kEsp, timeMs)
                               : composeLine(m_opt.routerId, kRouter, timeMs);
}

QByteArray IsemsNodeEmulator::logAt(Node node, qint64 nowMs) const
{
    QByteArray out;
    switch (node) {
    case Node::Router: {
        const qint64 step = qint64(m_opt.routerIntervalS) * 1000;
        const qint64 first = floorTo(m_startMs - qint64(m_opt.routerHistoryS) * 1000, m_opt.routerIntervalS);
        if (nowMs < first)
            break;
        // The router's script archives the log once it holds routerRotateLines lines and serves
        // an empty one again: only the lines since the last archiving are served.
        const qint64 written = (nowMs - first) / step + 1;
        const qint64 rotate = qMax(1, m_opt.routerRotateLines);
        for (qint64 k = written / rotate * rotate; k < written; ++k)
            out += lineAt(node, first + k * step) + '\n';
        break;
    }
    case Node::Esp32: {
        const qint64 step = qint64(m_opt.espIntervalS) * 1000;
        const qint64 newest = floorTo(nowMs, m_opt.espIntervalS);
        const qint64 firstMs = m_startMs - qint64(m_opt.espUptimeS) * 1000;
        if (newest < firstMs) {
            // Before its first measurement the firmware serves a placeholder with timestamp 0.
            out = m_opt.espId.toUtf8() + ";1;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0\n";
            break;
        }
        for (int k = m_opt.espWindow - 1; k >= 0; --k) {
            if (newest - k * step >= firstMs)
                out += lineAt(node, newest - k * step) + '\n';
        }
        break;
    }
    case Node::Garbage:
        out = "<html><head><title>502 Bad Gateway</title></head>\n<body>uhttpd: no data</body></html>\n";
        break;
    case Node::Silent:
        break;
    }
    return out;
}

} // namespace fs
