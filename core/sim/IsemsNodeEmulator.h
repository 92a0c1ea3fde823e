// IsemsNodeEmulator: ISEMS solar nodes on loopback for --demo and tests: a router with a growing
// log, an ESP32 with its 5-line window and HTTP/1.0 quirks, one node that answers garbage and one
// that never answers. Values follow the day (sun, charge, temperature) from an injectable clock.
#pragma once

#include "util/Result.h"

#include <QHostAddress>
#include <QObject>
#include <QUrl>
#include <functional>

class QHttpServer;
class QTcpServer;
class QTcpSocket;

namespace fs {

class IsemsNodeEmulator : public QObject
{
    Q_OBJECT
public:
    enum class Node { Router, Esp32, Garbage, Silent };

    struct Options
    {
        /// UTC ms; a test steps it to walk a node through hours in milliseconds.
        std::function<qint64()> clock;
        QString routerId = QStringLiteral("Solar-Dach-01");
        QString espId = QStringLiteral("ESP-Hof-Nord");
        int routerIntervalS = 60;  ///< the router appends one line a minute
        int espIntervalS = 15;     ///< the ESP32 measures every 15 s …
        int espWindow = 5;         ///< … and keeps the last 5 lines
        int routerHistoryS = 3600; ///< the router's log already holds this much when started
        /// At this many lines the router's script archives the log and serves an empty one again.
        int routerRotateLines = 3660;
        int espUptimeS = 0; ///< how long the ESP32 has measured when started; 0: placeholder first
    };

    explicit IsemsNodeEmulator(Options options, QObject* parent = nullptr);
    ~IsemsNodeEmulator() override;

    /// Listens on free ports of `address`: one QHttpServer for the router and the garbage node,
    /// raw sockets for the ESP32 (HTTP/1.0 by hand) and the silent node.
    Status start(const QHostAddress& address = QHostAddress::LocalHost);
    QUrl url(Node node) const;
    /// Every node's URL, in enum order.
    QList<QUrl> urls() const;
    /// Requests each node received so far.
    int requests(Node node) const;

    /// What the node serves at `nowMs` (the router's whole log, the ESP32's window), for tests.
    QByteArray logAt(Node node, qint64 nowMs) const;
    /// One line of the node at `timeMs`, as its firmware would write it.
    QByteArray lineAt(Node node, qint64 timeMs) const;

private:
    qint64 now() const;
    void answerEsp32(QTcpSocket* socket);

    Options m_opt;
    qint64 m_startMs = 0;
    QHttpServer* m_http = nullptr;
    QTcpServer* m_esp = nullptr;
    QTcpServer* m_silent = nullptr;
    quint16 m_httpPort = 0;
    QHostAddress m_address;
    int m_requests[4] = {0, 0, 0, 0};
};

} // namespace fs
