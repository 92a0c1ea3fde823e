// AlarmRules: OPC-N3 laser/fan/reject share, ISEMS status flags, silence, failing sinks, disk room.
#include "AlarmRules.h"

#include "sources/isems/IsemsLine.h"

#include <QCoreApplication>

namespace fs {

namespace {

/// An alarm's words in the screen's language (the translator the app installed; English without
/// one). API clients go by `Alarm::code`, which never changes. Each text is marked with
/// QT_TRANSLATE_NOOP so that lupdate files it under "AlarmRules".
QString trAlarm(const char* text)
{
    return QCoreApplication::translate("AlarmRules", text);
}

/// The value of `type`, or nullopt when it is missing or not a number.
std::optional<double> known(const NodeHealthFacts& node, const char* type)
{
    const auto it = node.latest.constFind(QLatin1String(type));
    if (it == node.latest.cend() || !std::isfinite(*it))
        return std::nullopt;
    return *it;
}

Alarm make(const char* code, Alarm::Severity severity, const QString& subject, const QString& source,
           qint64 sinceMs, const QString& text)
{
    return Alarm{QString::fromLatin1(code), severity, subject, source, sinceMs, text};
}

} // namespace

namespace {

/// "850 MB", "54.2 GB": room on a disk, for alarm texts.
QString sizeText(qint64 mb)
{
    return mb < 1024 ? trAlarm(QT_TRANSLATE_NOOP("AlarmRules", "%1 MB")).arg(mb)
                     : trAlarm(QT_TRANSLATE_NOOP("AlarmRules", "%1 GB")).arg(double(mb) / 1024, 0, 'f', 1);
}

} // namespace

QString durationText(qint64 ms)
{
    const qint64 min = ms / 60'000;
    if (min < 1)
        return trAlarm(QT_TRANSLATE_NOOP("AlarmRules", "%1 s")).arg(ms / 1000);
    if (min < 60)
        return trAlarm(QT_TRANSLATE_NOOP("AlarmRules", "%1 min")).arg(min);
    if (min < 48 * 60)
        return min % 60 ? trAlarm(QT_TRANSLATE_NOOP("AlarmRules", "%1 h %2 min")).arg(min / 60).arg(min % 60)
                        : trAlarm(QT_TRANSLATE_NOOP("AlarmRules", "%1 h")).arg(min / 60);
    return trAlarm(QT_TRANSLATE_NOOP("AlarmRules", "%1 days")).arg(min / (24 * 60));
}

QList<Alarm> AlarmRules::evaluate(const HealthSnapshot& s, qint64 nowMs) const
{
    QList<Alarm> out;
    for (const NodeHealthFacts& n : s.nodes)
        nodeAlarms(n, nowMs, out);
    for (const HeartbeatFacts& b : s.heartbeats)
        heartbeatAlarm(b, nowMs, out);
    for (const SinkHealthFacts& k : s.sinks)
        sinkAlarm(k, nowMs, out);
    diskAlarms(s.disk, nowMs, out);
    return out;
}

void AlarmRules::nodeAlarms(const NodeHealthFacts& n, qint64 nowMs, QList<Alarm>& out) const
{
    using S = Alarm::Severity;
    if (auto laser = known(n, "opc_laser_status"); laser && *laser < m_t.laserMin)
        out.append(make("opc_laser", S::Fail, n.key, n.source, nowMs,
                        trAlarm(QT_TRANSLATE_NOOP("AlarmRules", "laser weak (status %1, needs %2)"))
                            .arg(*laser)
                            .arg(m_t.laserMin)));
    if (auto fan = known(n, "opc_fan_rev_count"); fan && *fan == 0)
        out.append(make("opc_fan", S::Fail, n.key, n.source, nowMs,
                        trAlarm(QT_TRANSLATE_NOOP("AlarmRules", "fan stopped"))));
    if (auto reject = known(n, "opc_reject_pct"); reject && *reject > m_t.rejectMaxPct)
        out.append(make(
            "opc_reject", S::Warn, n.key, n.source, nowMs,
            trAlarm(QT_TRANSLATE_NOOP("AlarmRules", "%1 % of particles rejected")).arg(qRound(*reject))));
    const auto bits = known(n, "solar_status_bits");
    if (!bits || *bits < 0 || *bits > 0xFFF)
        return;
    // The firmware's own flag names, decoded once in isems::flagNames().
    const QStringList flags = isems::flagNames(int(*bits));
    if (flags.contains(QLatin1String("battery_level_low")))
        out.append(make("isems_battery_low", S::Warn, n.key, n.source, nowMs,
                        trAlarm(QT_TRANSLATE_NOOP("AlarmRules", "battery low"))));
    if (flags.contains(QLatin1String("battery_overheating")))
        out.append(make("isems_overheating", S::Fail, n.key, n.source, nowMs,
                        trAlarm(QT_TRANSLATE_NOOP("AlarmRules", "battery overheating"))));
    if (flags.contains(QLatin1String("no_solar_communication")))
        out.append(make("isems_no_controller", S::Fail, n.key, n.source, nowMs,
                        trAlarm(QT_TRANSLATE_NOOP("AlarmRules", "charge controller not answering"))));
}

void AlarmRules::heartbeatAlarm(const HeartbeatFacts& b, qint64 nowMs, QList<Alarm>& out) const
{
    if (b.intervalMs <= 0 || b.lastHeardMs <= 0)
        return;
    const qint64 bound = qint64(m_t.silentIntervals) * b.intervalMs + (b.heard ? 0 : m_t.startGraceMs);
    const qint64 silent = nowMs - b.lastHeardMs;
    if (silent <= bound)
        return;
    out.append(make("silent", Alarm::Severity::Fail, b.subject, b.source, b.lastHeardMs + bound,
                    trAlarm(QT_TRANSLATE_NOOP("AlarmRules", "no data for %1")).arg(durationText(silent))));
}

void AlarmRules::sinkAlarm(const SinkHealthFacts& k, qint64 nowMs, QList<Alarm>& out) const
{
    if (!k.failing || k.failingSinceMs <= 0)
        return;
    const qint64 failing = nowMs - k.failingSinceMs;
    if (failing <= m_t.sinkFailingMs)
        return;
    // Readings wait in the store, so a sink that fails is a warning, not a loss.
    QString text =
        trAlarm(QT_TRANSLATE_NOOP("AlarmRules", "%1 failing for %2")).arg(k.name, durationText(failing));
    if (!k.lastError.isEmpty())
        text += QStringLiteral(": ") + k.lastError.left(120);
    out.append(make("sink_failing", Alarm::Severity::Warn, QStringLiteral("sink:") + k.name, {},
                    k.failingSinceMs + m_t.sinkFailingMs, text));
}

void AlarmRules::diskAlarms(const DiskHealthFacts& d, qint64 nowMs, QList<Alarm>& out) const
{
    const QString store = QStringLiteral("store");
    if (d.writeFailing)
        out.append(make("store_failing", Alarm::Severity::Fail, store, {}, nowMs,
                        trAlarm(QT_TRANSLATE_NOOP("AlarmRules", "readings cannot be saved: %1"))
                            .arg(d.writeError.left(120))));
    if (d.freeMb < 0 || d.minFreeMb <= 0)
        return;
    if (d.freeMb < d.minFreeMb)
        out.append(make("disk_low", Alarm::Severity::Fail, store, {}, nowMs,
                        trAlarm(QT_TRANSLATE_NOOP("AlarmRules", "disk almost full: %1 free, needs %2"))
                            .arg(sizeText(d.freeMb), sizeText(d.minFreeMb))));
    else if (d.freeMb < 2 * d.minFreeMb)
        out.append(make(
            "disk_low", Alarm::Severity::Warn, store, {}, nowMs,
            trAlarm(QT_TRANSLATE_NOOP("AlarmRules", "disk getting full: %1 free")).arg(sizeText(d.freeMb))));
}

} // namespace fs
