// AlarmBook: the active alarms, one snapshot shared by the screen, the REST API thread and the log.
#pragma once

#include "Alarm.h"

#include <QHash>
#include <QObject>
#include <mutex>

namespace fs {

class AlarmBook : public QObject
{
    Q_OBJECT
public:
    /// What one update changed: alarms that began (or changed severity) and alarms that ended.
    struct Change
    {
        QList<Alarm> raised;
        QList<Alarm> cleared;
        bool any() const { return !raised.isEmpty() || !cleared.isEmpty(); }
    };

    explicit AlarmBook(QObject* parent = nullptr);

    /// Replaces the active set with `current`. An alarm that stays keeps its first sinceMs; its text
    /// follows (e.g. "no data for 5 min" grows). Emits changed() when anything differs. Any thread.
    Change update(const QList<Alarm>& current);
    /// The active alarms, most severe first, then oldest first. Any thread.
    QList<Alarm> snapshot() const;
    /// Which source reads a node, so that a source's alarm shows on each of its nodes. Any thread.
    void setNodeSource(const QString& nodeKey, const QString& source);
    QHash<QString, QString> nodeSources() const;
    /// The alarms on a node: its own and its source's. Any thread.
    QList<Alarm> forNode(const QString& nodeKey) const;
    /// The alarms on a sink or the store (subjects "sink:…" and "store"). Any thread.
    QList<Alarm> stationAlarms() const;

Q_SIGNALS:
    /// From the thread that called update(); connect queued from another thread.
    void changed();

private:
    mutable std::mutex m_mutex;
    QList<Alarm> m_active; // sorted as snapshot() answers
    QHash<QString, QString> m_nodeSources;
};

} // namespace fs
