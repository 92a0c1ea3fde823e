// EgaugeEmulator: an eGauge meter's XML API over HTTP (QtHttpServer) for --demo and the tests:
// /cgi-bin/egauge-show and /cgi-bin/egauge answered from a HouseMeter, optional Digest auth, an
// injectable clock, and faults (slow, silent, failing answers; counter reset; another serial).
#pragma once

#include "sim/EgaugeShowXml.h"
#include "sim/HouseMeter.h"
#include "sim/HttpDigestServer.h"
#include "util/Result.h"

#include <QHostAddress>
#include <QObject>
#include <QStringList>
#include <functional>
#include <memory>
#include <vector>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace fs::sim {

class EgaugeEmulator : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        HouseMeter::Options meter;
        MeterStorage storage; ///< storage.epoch 0: the meter's own epoch
        QString user;         ///< empty: no authentication (a public meter, as Peper polls)
        QString password;
        qint64 nonceLifetimeS = 3600;
        std::function<qint64()> nowS; ///< the meter's clock; the system's when unset
        /// Our own clients to the letter: unknown query keys → 400, RFC 2069 digests and a digest uri
        /// other than the target are refused. Off: accepted with a warning (real clients vary).
        bool strict = false;
        int slowAnswerMs = 3000; ///< how late a slow answer comes
    };

    EgaugeEmulator();
    explicit EgaugeEmulator(Options options, QObject* parent = nullptr);
    ~EgaugeEmulator() override;

    /// Port 0: a free one; the port bound is returned.
    Result<quint16> listen(const QHostAddress& address = QHostAddress::LocalHost, quint16 port = 0);
    /// e.g. http://127.0.0.1:41234
    QString baseUrl() const { return m_baseUrl; }

    const HouseMeter& meter() const { return m_meter; }
    qint64 now() const;

    /// The next `count` data requests get `status` (e.g. 500, 503) instead of an answer.
    void failNext(int count, int status = 500);
    /// The next `count` data requests are answered after options().slowAnswerMs.
    void answerSlowly(int count);
    /// The next `count` data requests are never answered (until the emulator is destroyed).
    void stallNext(int count);
    /// The meter restarts recording at `epochS`: counters start again from 0 there, rows before it are gone.
    void resetCounters(qint64 epochS);
    void setSerial(quint64 serial);

    /// Request targets answered with data (path?query), in order.
    QStringList requests() const { return m_requests; }
    /// Requests refused for missing or wrong credentials.
    int unauthorized() const { return m_unauthorized; }
    /// Every leniency used (also logged).
    QStringList warnings() const { return m_warnings; }

private:
    void onRequest(const QHttpServerRequest& req, QHttpServerResponder&& resp, bool show);
    void warn(const QString& text);

    Options m_opt;
    HouseMeter m_meter;
    MeterStorage m_storage;
    std::unique_ptr<HttpDigestServer> m_digest;
    QHttpServer* m_server;
    QString m_baseUrl;
    int m_failCount = 0, m_failStatus = 500, m_slowCount = 0, m_stallCount = 0;
    std::vector<std::unique_ptr<QHttpServerResponder>> m_stalled;
    QStringList m_requests, m_warnings;
    int m_unauthorized = 0;
};

} // namespace fs::sim
