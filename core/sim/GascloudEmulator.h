// GascloudEmulator: the gascloud API as the contract describes it, for --demo, tests, and other
// clients (`fieldstation sim gascloud`). Files arrive by SCP into `inboxRoot` (a real sshd) or by
// the demo's local copy; the emulator checks each one on the first status query.
#pragma once

#include "util/Result.h"

#include <QHash>
#include <QHostAddress>
#include <QMap>
#include <QObject>
#include <functional>
#include <memory>
#include <vector>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

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
        /// Called for each ticket with (user, password) = (key, batch id): a test sets the password of
        /// the SSH account here, as the real quarantine host would.
        std::function<void(const QString& user, const QString& password)> onTicket;
    };
    enum class Fault { ServerError, Timeout, ExpiredTicket, RejectNext };

    /// A batch whose file arrived.
    struct Received
    {
        QString batchId, sourceRef, md5;
        qint64 size = 0;
        int rows = 0;
        int duplicateRows = 0; ///< rows whose timestamp an earlier batch already brought
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

private:
    struct Ticket
    {
        QString key, sourceRef, md5;
        qint64 size = 0, expiresMs = 0;
        bool examined = false, reject = false;
        int polls = 0;
        Received result;
    };
    void onActivate(const QHttpServerRequest& req, QHttpServerResponder&& resp);
    void onQuarantine(const QHttpServerRequest& req, QHttpServerResponder&& resp);
    void onStatus(const QString& id, const QHttpServerRequest& req, QHttpServerResponder&& resp);
    bool injected(QHttpServerResponder& resp, const char* what);
    QString authorisedKey(const QHttpServerRequest& req) const;
    void examine(const QString& id, Ticket& t);

    Options m_opt;
    QHttpServer* m_server; // a child, so it moves threads with the emulator
    QString m_apiUrl;
    QHash<QString, Ticket> m_tickets;
    QHash<QString, QString> m_seenRows; // gadget + timestamp → batch id
    QMap<Fault, int> m_faults;
    std::vector<std::unique_ptr<QHttpServerResponder>> m_stalled; // Timeout: answered never
};

} // namespace fs
