// ServiceWatchdog: tells systemd the station is ready, and pings its watchdog only while the
// Recorder's writer loop and every worker thread show progress.
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <QTimer>
#include <functional>
#include <memory>
#include <vector>

namespace fs {

class Recorder;

/// A worker without an event loop (a sink's own std::thread) that stamps a monotonic clock
/// (Recorder::monotonicMs) whenever it shows progress.
struct Heartbeat
{
    QString name;
    std::function<qint64()> lastAliveMs;
};

class ServiceWatchdog : public QObject
{
    Q_OBJECT
public:
    /// Watches `recorder`'s writer loop, each of `workers` (threads running an event loop) and each
    /// of `heartbeats`. Lives on the main thread: when that one jams, its timer stops and so do the
    /// pings. The ping interval and the stall limit come from systemd's WATCHDOG_USEC (WatchdogSec=).
    ServiceWatchdog(const Recorder& recorder, const QList<QThread*>& workers,
                    QList<Heartbeat> heartbeats = {}, QObject* parent = nullptr);
    ~ServiceWatchdog() override;

    /// READY=1 to systemd; then, when the unit asked for a watchdog, checks and pings on a timer.
    /// Without NOTIFY_SOCKET (not run by systemd) it sends nothing.
    void start();
    /// STOPPING=1 to systemd; no pings after it.
    void stopping();
    /// Watches each of `workers` not watched yet: a worker started later (the uploader after a
    /// registration from the screen). Main thread.
    void watch(const QList<QThread*>& workers);

    /// Whether systemd asked for watchdog pings (WATCHDOG_USEC set for this process).
    bool watchdogEnabled() const { return m_watchdogMs > 0; }
    /// How often the station is checked and, when it shows progress, systemd pinged.
    int pingIntervalMs() const { return m_timer.interval(); }
    /// A part silent for longer than this withholds the ping.
    qint64 stallLimitMs() const { return m_stallLimitMs; }
    /// Why the last check withheld the ping; empty while everything shows progress.
    QString stall() const { return m_stall; }

Q_SIGNALS:
    void pinged();
    void withheld(const QString& why);

private:
    struct Probe;
    struct Stall
    {
        QString what;       ///< which part shows no progress; empty when all do
        qint64 quietMs = 0; ///< for how long, when that is known
    };
    void check();
    Stall findStall(qint64 nowMs);
    void notify(const QByteArray& state);

    const Recorder& m_recorder;
    std::vector<std::unique_ptr<Probe>> m_probes;
    QList<Heartbeat> m_heartbeats;
    QTimer m_timer;
    qint64 m_watchdogMs = 0;
    qint64 m_stallLimitMs = 0;
    QString m_stall;
    QString m_stallWhat;
};

} // namespace fs
