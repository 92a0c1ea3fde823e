// AlarmRules: the station's health rules as a pure function of a snapshot and a clock, so that every
// bound is tested without waiting and the headless station and the screen raise the same alarms.
#pragma once

#include "Alarm.h"

#include <QHash>
#include <QList>
#include <QString>
#include <cmath>
#include <limits>

namespace fs {

/// The newest values of one node's watched channels, by sensor-type code ("opc_laser_status",
/// "opc_fan_rev_count", "opc_reject_pct", "solar_status_bits"). Absent or NaN: not known, no alarm.
struct NodeHealthFacts
{
    QString key;    ///< node key, the subject of value alarms
    QString source; ///< id of the source that reads it
    QHash<QString, double> latest;
};

/// Something that should be heard from every interval: a meter (its source) or a mesh node.
struct HeartbeatFacts
{
    QString subject;
    QString source;
    QString what;           ///< how a person calls it in the text: "eGauge house", "node 12"
    qint64 lastHeardMs = 0; ///< newest sample, else when it was first expected (start); 0: never expected
    int intervalMs = 0;     ///< 0: unknown, no silence rule
    bool heard = true;      ///< false: nothing arrived yet, lastHeardMs is when it started
};

/// One far end of a sink: "push/central", "influx/lab", "gascloud".
struct SinkHealthFacts
{
    QString name;
    bool failing = false;
    qint64 failingSinceMs = 0; ///< the last success, else when failing was first seen
    QString lastError;
};

struct DiskHealthFacts
{
    qint64 freeMb = -1;        ///< -1: not measured yet
    qint64 minFreeMb = 0;      ///< store.min_free_mb
    bool writeFailing = false; ///< the Recorder's last commit failed
    QString writeError;
};

struct HealthSnapshot
{
    QList<NodeHealthFacts> nodes;
    QList<HeartbeatFacts> heartbeats;
    QList<SinkHealthFacts> sinks;
    DiskHealthFacts disk;
};

struct AlarmThresholds
{
    double laserMin = 100;            ///< OPC-N3 laser_status below this: the laser is weak or off
    double rejectMaxPct = 50;         ///< OPC-N3 reject share above this: counts are not trustworthy
    int silentIntervals = 3;          ///< silent for more than this many intervals
    qint64 startGraceMs = 60'000;     ///< more before a first sample: an OPC-N3 spins its fan up first
    qint64 sinkFailingMs = 3'600'000; ///< a sink failing for longer than this
};

class AlarmRules
{
public:
    explicit AlarmRules(AlarmThresholds thresholds = {}) : m_t(thresholds) {}

    /// Every alarm the snapshot shows at `nowMs`. sinceMs is when the problem began where the
    /// snapshot knows it (silence, a failing sink), else `nowMs` (the book keeps the first one).
    QList<Alarm> evaluate(const HealthSnapshot& snapshot, qint64 nowMs) const;

    const AlarmThresholds& thresholds() const { return m_t; }

private:
    void nodeAlarms(const NodeHealthFacts& node, qint64 nowMs, QList<Alarm>& out) const;
    void heartbeatAlarm(const HeartbeatFacts& beat, qint64 nowMs, QList<Alarm>& out) const;
    void sinkAlarm(const SinkHealthFacts& sink, qint64 nowMs, QList<Alarm>& out) const;
    void diskAlarms(const DiskHealthFacts& disk, qint64 nowMs, QList<Alarm>& out) const;

    AlarmThresholds m_t;
};

/// "3 min", "1 h 20 min": how long, for alarm texts.
QString durationText(qint64 ms);

} // namespace fs
