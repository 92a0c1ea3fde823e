// ApiServer: the local REST API (QtHttpServer) in a thread of its own, reading the store over its own
// read-only connection: the ISEMS collector's routes, FieldStation's /api/…, Cogent's /rest/sensortype/.
#pragma once

#include "util/Result.h"

#include <QObject>
#include <QStringList>
#include <QThread>
#include <memory>

class QHttpServer;

namespace fs {

class Store;
class AlarmBook;

struct ApiServerOptions
{
    QString storePath;                          ///< the store; it must exist (the Recorder creates it)
    QString host = QStringLiteral("127.0.0.1"); ///< an IP address, or localhost
    quint16 port = 8090;                        ///< 0: any free port (see port())
    /// Asked for as "Authorization: Bearer <token>" on every route when `host` is not loopback;
    /// start() refuses a non-loopback host without one.
    QString token;
    /// Access-Control-Allow-Origin: "*" or the origins echoed back; empty: no CORS headers.
    QStringList corsOrigins;
    int hideInactiveAfterDays = 30; ///< /measurements/latest hides nodes silent for longer
    /// The station's health alarms for /api/nodes (thread-safe, outlives the server); null: none.
    const AlarmBook* alarms = nullptr;
};

class ApiServer : public QObject
{
    Q_OBJECT
public:
    explicit ApiServer(ApiServerOptions options, QObject* parent = nullptr);
    /// Stops the server and its thread.
    ~ApiServer() override;

    /// Any thread but the API's own; blocks until the server listens or failed to.
    Status start();
    /// Closes the connections and the store connection in the API thread, then ends it. Safe twice;
    /// start() may follow.
    void stop();
    /// The port it listens on (the chosen one when options.port was 0); 0 when not listening.
    quint16 port() const { return m_port; }
    bool requiresToken() const;
    /// The thread requests run in, for the service watchdog's liveness check.
    QThread* requestThread() { return &m_thread; }

private:
    void buildRoutes();
    Store* store(QString* error); // API thread only

    const ApiServerOptions m_options;
    QThread m_thread;
    QObject* m_worker;              // lives in m_thread: the context requests run in
    QHttpServer* m_http = nullptr;  // created, used and deleted in m_thread
    std::unique_ptr<Store> m_store; // opened on first request, closed in m_thread
    quint16 m_port = 0;
};

} // namespace fs
