// ServiceWatchdog: systemd's notify protocol through libsystemd. A worker thread shows progress by
// running a queued no-op; the Recorder by its writer loop's liveness stamp.
#include "ServiceWatchdog.h"

#include "store/Recorder.h"
#include "util/Logging.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <systemd/sd-daemon.h>

namespace fs {

namespace {

/// The Recorder's loop turns at least once a second; a loaded machine must not look jammed.
constexpr qint64 kMinStallLimitMs = 3000;

QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 1);
}

} // namespace

struct ServiceWatchdog::Probe
{
    QPointer<QThread> thread;
    QString name;
    QObject* receiver = nullptr; // lives in `thread`: a queued call to it runs in that thread's loop
    std::shared_ptr<std::atomic<qint64>> answeredMs = std::make_shared<std::atomic<qint64>>(0);
    qint64 postedMs = 0;
};

ServiceWatchdog::ServiceWatchdog(const Recorder& recorder, const QList<QThread*>& workers,
                                 QList<Heartbeat> heartbeats, QObject* parent)
    : QObject(parent), m_recorder(recorder), m_heartbeats(std::move(heartbeats))
{
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) > 0)
        m_watchdogMs = qint64(usec / 1000);
    // systemd advises pinging at half the timeout; checking more often costs nothing and a
    // recovered station is seen sooner.
    m_timer.setInterval(int(std::clamp<qint64>(m_watchdogMs / 4, 100, 1000)));
    m_stallLimitMs = std::max(kMinStallLimitMs, m_watchdogMs / 2);
    connect(&m_timer, &QTimer::timeout, this, &ServiceWatchdog::check);
    watch(workers);
}

void ServiceWatchdog::watch(const QList<QThread*>& workers)
{
    for (QThread* t : workers) {
        const bool watched = std::any_of(m_probes.begin(), m_probes.end(),
                                         [t](const std::unique_ptr<Probe>& p) { return p->thread == t; });
        if (!t || watched)
            continue;
        auto p = std::make_unique<Probe>();
        p->thread = t;
        p->name = t->objectName().isEmpty() ? QStringLiteral("worker") : t->objectName();
        p->receiver = new QObject;
        p->receiver->moveToThread(t);
        m_probes.push_back(std::move(p));
    }
}

ServiceWatchdog::~ServiceWatchdog()
{
    for (const auto& p : m_probes) {
        if (p->thread && p->thread->isRunning())
            p->receiver->deleteLater(); // a finishing thread still runs its deferred deletes
        else
            delete p->receiver; // its thread is gone: nothing else can touch it
    }
}

void ServiceWatchdog::start()
{
    notify("READY=1\nSTATUS=running");
    if (!watchdogEnabled())
        return;
    qCInfo(lcApp) << "systemd watchdog: checking every" << m_timer.interval() << "ms, stall limit"
                  << m_stallLimitMs << "ms";
    check();
    m_timer.start();
}

void ServiceWatchdog::stopping()
{
    m_timer.stop();
    notify("STOPPING=1\nSTATUS=stopping");
}

void ServiceWatchdog::notify(const QByteArray& state)
{
    if (const int rc = sd_notify(0, state.constData()); rc < 0)
        qCWarning(lcApp) << "systemd notify failed:" << strerror(-rc);
}

ServiceWatchdog::Stall ServiceWatchdog::findStall(qint64 nowMs)
{
    if (!m_recorder.isRunning())
        return {QStringLiteral("the recorder is not running"), 0};
    if (const qint64 quiet = nowMs - m_recorder.lastAliveMs(); quiet > m_stallLimitMs)
        return {QStringLiteral("the recorder's writer loop has not turned"), quiet};
    for (const Heartbeat& h : m_heartbeats) {
        if (const qint64 quiet = nowMs - h.lastAliveMs(); quiet > m_stallLimitMs)
            return {QStringLiteral("the %1 has shown no progress").arg(h.name), quiet};
    }
    Stall stall;
    for (const auto& p : m_probes) {
        if (!p->thread || !p->thread->isRunning()) {
            stall = {QStringLiteral("the %1 thread is not running").arg(p->name), 0};
            continue;
        }
        if (p->answeredMs->load() >= p->postedMs) {
            // The last no-op was answered: post the next one.
            p->postedMs = nowMs;
            QMetaObject::invokeMethod(
                p->receiver, [answered = p->answeredMs] { answered->store(Recorder::monotonicMs()); },
                Qt::QueuedConnection);
        } else if (nowMs - p->postedMs > m_stallLimitMs && stall.what.isEmpty()) {
            stall = {QStringLiteral("the %1 thread has not answered").arg(p->name), nowMs - p->postedMs};
        }
    }
    return stall;
}

void ServiceWatchdog::check()
{
    const Stall stall = findStall(Recorder::monotonicMs());
    const bool wasJammed = !m_stall.isEmpty();
    const QString before = m_stallWhat;
    m_stallWhat = stall.what;
    m_stall =
        stall.quietMs ? QStringLiteral("%1 for %2 s").arg(stall.what, seconds(stall.quietMs)) : stall.what;
    if (!m_stall.isEmpty()) {
        if (stall.what != before) // once per jam in the log; systemctl status shows it growing
            qCWarning(lcApp).noquote() << "withholding the systemd watchdog ping:" << m_stall;
        notify("STATUS=jammed: " + m_stall.toUtf8());
        Q_EMIT withheld(m_stall);
        return;
    }
    if (wasJammed) {
        qCInfo(lcApp) << "the station shows progress again; pinging the systemd watchdog";
        notify("STATUS=running");
    }
    notify("WATCHDOG=1");
    Q_EMIT pinged();
}

} // namespace fs
