// GascloudEmulator: the gascloud API for --demo, tests, and other clients (`fieldstation sim
// gascloud`). By default as lenient as the real service evidently is (the old batonopc client
// worked against it with its bugs); `strict` holds clients to the contract, as FieldStation's own
// tests do. Files arrive by SCP into `inboxRoot` (a real sshd) or by the demo's local copy; the
// emulator checks each one on the first status query.
#pragma once

#include "util/Result.h"

#include <QHash>
#include <QHostAddress>
#include <QMap>
#include <QObject>
#include <QStringList>
#include <functional>
#include <memory>
#include <vector>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QJsonObject;
class QUrlQuery;

namespace fs {

class GascloudEmulator : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QMap<QString, QString> pins = {{QStringLiteral("1234"), QStringLiteral("a1b2c3d4e5f60718293a")}};
        QString scpHost = QStringLiteral("127.0.0.1");
        int scpPort = 22;
        QString inboxRoot; ///< the ticket's destination; files land in <root>/<key>/inbox/
        qint64 ticketLifetimeMs = 10 * 60 * 1000;
        /// The contract to the letter: the Authorization header names the key, zip_md5 is the zip's,
        /// gadget_id is set, the CSV is the canonical layout. Off: what the old client sent passes,
        /// with a warning in the log for each leniency used.
        bool strict = false;
        int slowAnswerMs = 3000; ///< how late a SlowAnswer fault answers
        /// Called for each ticket with (user, password) = (key, batch id): a test sets the password of
        /// the SSH account here, as the real quarantine host would.
        std::function<void(const QString& user, const QString& password)> onTicket;
    };
    enum class Fault { ServerError, Timeout, ExpiredTicket, RejectNext, SlowAnswer };

    /// A batch whose file arrived.
    struct Received
    {
        QString batchId, sourceRef, md5;
        qint64 size = 0;
        int rows = 0;
        int duplicateRows = 0; ///< rows whose timestamp an earlier batch already brought
        QString layout;        ///< the CSV layout (GascloudInbox)
        QString status;
        QString problem;
    };

    explicit GascloudEmulator(Options options, QObject* parent = nullptr);
    ~GascloudEmulator() override;

    Result<quint16> listen(const QHostAddress& address, quint16 port);
    /// The API base a client uses, e.g. http://127.0.0.1:8080/api/v1
    QString apiUrl() const { return m_apiUrl; }
    void injectFault(Fault fault, int times = 1);
    QList<Received> received() const;
    const Options& options() const { return m_opt; }
    /// The most requests that were ever waiting for their answer at one time.
    int maxConcurrentRequests() const { return m_maxInFlight; }
    /// Every warning a leniency gave, in order (also logged).
    QStringList warnings() const { return m_warnings; }

private:
    /// What a handler needs of a request; a copy, so that a slow answer can be given later.
    struct Request
    {
        QByteArray body, authorization;
    };
    struct Ticket
    {
        QString key, sourceRef, md5;
        qint64 size = 0, expiresMs = 0;
        bool examined = false, reject = false;
        bool md5OfNothing = false; ///< the old client's zip_md5, accepted when not strict
        int polls = 0;
        Received result;
    };
    void serve(const QString& what, const QHttpServerRequest& req, QHttpServerResponder&& resp,
               std::function<void(const Request&, QHttpServerResponder&)> handler);
    void onActivate(const Request& req, QHttpServerResponder& resp);
    void onQuarantine(const Request& req, QHttpServerResponder& resp);
    void onStatus(const QString& id, const Request& req, QHttpServerResponder& resp);
    bool injected(QHttpServerResponder& resp, const QString& what);
    QString keyOf(const QByteArray& authorization, const QString& formKey, const QString& what);
    QJsonObject contractErrors(const QUrlQuery& form, const QString& key);
    void warn(const QString& text);
    void examine(const QString& id, Ticket& t);

    Options m_opt;
    QHttpServer* m_server; // a child, so it moves threads with the emulator
    QString m_apiUrl;
    QHash<QString, Ticket> m_tickets;
    QHash<QString, QString> m_seenRows; // gadget + timestamp → batch id
    QMap<Fault, int> m_faults;
    std::vector<std::unique_ptr<QHttpServerResponder>> m_stalled; // Timeout: answered never
    int m_inFlight = 0, m_maxInFlight = 0;
    QStringList m_warnings;
};

} // namespace fs
