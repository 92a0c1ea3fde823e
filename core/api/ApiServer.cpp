// ApiServer: QHttpServer and the store connection both live in the API thread, so a slow query
// holds up other API requests but never the screen, the Recorder or a source.
#include "ApiServer.h"

#include "ApiGate.h"
#include "ApiReply.h"
#include "ChannelRoutes.h"
#include "CogentRoutes.h"
#include "CollectorRoutes.h"
#include "store/Store.h"

#include <QDateTime>
#include <QHostAddress>
#include <QHttpServer>
#include <QLoggingCategory>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>

Q_LOGGING_CATEGORY(lcApi, "fs.api", QtInfoMsg)

namespace fs {

namespace {

QHostAddress addressOf(const QString& host)
{
    return host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0
               ? QHostAddress(QHostAddress::LocalHost)
               : QHostAddress(host);
}

/// Answers go out as a header write and a body write: with Nagle's algorithm the body waits for the
/// client's delayed ACK of the headers, about 40 ms a request. TCP_NODELAY sends it at once.
class NoDelayServer : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto* socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        addPendingConnection(socket);
    }
};

} // namespace

ApiServer::ApiServer(ApiServerOptions options, QObject* parent)
    : QObject(parent), m_options(std::move(options)), m_worker(new QObject)
{
    m_thread.setObjectName(QStringLiteral("api"));
    m_worker->moveToThread(&m_thread); // kept across stop() and start(): deleted with the server
}

ApiServer::~ApiServer()
{
    stop();
    delete m_worker; // its thread has ended, so nothing can be queued to it any more
}

bool ApiServer::requiresToken() const
{
    return !addressOf(m_options.host).isLoopback();
}

Status ApiServer::start()
{
    if (m_thread.isRunning())
        return Error{QStringLiteral("the API is already running")};
    const QHostAddress address = addressOf(m_options.host);
    if (address.isNull())
        return Error{QStringLiteral("api.listen: \"%1\" is not an IP address").arg(m_options.host)};
    if (requiresToken() && m_options.token.isEmpty())
        return Error{
            QStringLiteral(
                "api.listen is %1, not loopback, and no token is set: store one as the secret "
                "\"api/token\" (fieldstation api --set-token, token on stdin) or listen on 127.0.0.1")
                .arg(m_options.host)};
    m_thread.start();
    Status result;
    QMetaObject::invokeMethod(
        m_worker,
        [&] {
            m_http = new QHttpServer;
            buildRoutes();
            auto* tcp = new NoDelayServer(m_http); // goes with the HTTP server
            if (tcp->listen(address, m_options.port)) {
                m_http->bind(tcp);
                m_port = tcp->serverPort();
            } else {
                delete tcp;
            }
            if (m_port == 0) {
                result =
                    Error{QStringLiteral("the API cannot listen on %1:%2 (in use, or not an address of this "
                                         "machine)")
                              .arg(m_options.host)
                              .arg(m_options.port)};
                delete m_http;
                m_http = nullptr;
            }
        },
        Qt::BlockingQueuedConnection);
    if (!result) {
        m_thread.quit();
        m_thread.wait();
        return result;
    }
    qCInfo(lcApi).noquote() << QStringLiteral("REST API on http://%1:%2/ (%3)")
                                   .arg(address.protocol() == QAbstractSocket::IPv6Protocol
                                            ? QStringLiteral("[%1]").arg(m_options.host)
                                            : m_options.host)
                                   .arg(m_port)
                                   .arg(requiresToken() ? QStringLiteral("not loopback: every request needs "
                                                                         "Authorization: Bearer <api/token>")
                                                        : QStringLiteral("loopback only, no token"));
    return {};
}

void ApiServer::stop()
{
    if (!m_thread.isRunning())
        return;
    QMetaObject::invokeMethod(
        m_worker,
        [this] {
            delete m_http; // closes its sockets here, in the thread that owns them
            m_http = nullptr;
            m_store.reset();
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    m_port = 0;
}

Store* ApiServer::store(QString* error)
{
    if (!m_store) {
        auto opened = Store::open(m_options.storePath, Store::Mode::ReadOnly);
        if (!opened) {
            *error = opened.error();
            return nullptr;
        }
        m_store = std::move(opened).value();
        // The chart queries scan index ranges: a larger page cache and memory-mapped reads for this
        // connection only (the writer keeps its own settings).
        QSqlQuery q(m_store->db());
        q.exec(QStringLiteral("PRAGMA cache_size = -16000"));
        q.exec(QStringLiteral("PRAGMA mmap_size = 268435456"));
    }
    return m_store.get();
}

void ApiServer::buildRoutes()
{
    auto gate = std::make_shared<api::ApiGate>(m_options.token, m_options.corsOrigins);
    using Body = std::function<QHttpServerResponse(Store&, const QHttpServerRequest&)>;
    // Every route: the gate first, then the store (opened on first use), then the route's body.
    const auto guarded = [this, gate](Body body) {
        return [this, gate, body](const QHttpServerRequest& request) -> QHttpServerResponse {
            if (auto stop = gate->check(request))
                return std::move(*stop);
            QString why;
            Store* s = store(&why);
            if (!s)
                return api::error(QHttpServerResponse::StatusCode::ServiceUnavailable,
                                  QStringLiteral("the store cannot be read: %1").arg(why));
            return body(*s, request);
        };
    };
    const int hideDays = m_options.hideInactiveAfterDays;
    m_http->route(
        QStringLiteral("/measurements/latest"), guarded([hideDays](Store& s, const QHttpServerRequest& r) {
            return api::latestMeasurements(s, r.query(), hideDays, QDateTime::currentMSecsSinceEpoch());
        }));
    m_http->route(QStringLiteral("/measurements/<arg>/latest"),
                  [guarded](const QString& node, const QHttpServerRequest& r) {
                      return guarded([node](Store& s, const QHttpServerRequest&) {
                          return api::nodeMeasurements(s, node);
                      })(r);
                  });
    const AlarmBook* alarms = m_options.alarms;
    m_http->route(QStringLiteral("/api/nodes"), guarded([alarms](Store& s, const QHttpServerRequest&) {
                      return api::nodeList(s, alarms);
                  }));
    m_http->route(QStringLiteral("/api/channels"),
                  guarded([](Store& s, const QHttpServerRequest&) { return api::channelList(s); }));
    m_http->route(QStringLiteral("/api/channels/<arg>/readings"), [guarded](const QString& id,
                                                                            const QHttpServerRequest& r) {
        return guarded([id](Store& s, const QHttpServerRequest& req) {
            return api::channelReadings(s, id, req.query(), QDateTime::currentMSecsSinceEpoch());
        })(r);
    });
    m_http->route(QStringLiteral("/rest/sensortype/"),
                  guarded([](Store&, const QHttpServerRequest&) { return api::sensorTypeList(); }));
    m_http->route(
        QStringLiteral("/rest/sensortype/<arg>"), [guarded](const QString& id, const QHttpServerRequest& r) {
            return guarded([id](Store&, const QHttpServerRequest&) { return api::sensorTypeList(id); })(r);
        });
    m_http->afterRequest([gate](QHttpServerResponse&& response, const QHttpServerRequest& request) {
        gate->decorate(response, request);
        return std::move(response);
    });
    m_http->setMissingHandler([gate](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
        QHttpServerResponse r = api::error(QHttpServerResponse::StatusCode::NotFound,
                                           QStringLiteral("no such path: %1").arg(request.url().path()));
        gate->decorate(r, request);
        r.write(std::move(responder));
    });
}

} // namespace fs
