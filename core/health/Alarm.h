// Alarm: one active health problem of the station, as the screen, the log and /api/nodes name it.
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace fs {

struct Alarm
{
    enum class Severity { Warn, Fail };

    QString code; ///< what is wrong, stable for tests and API clients: "opc_laser", "silent", …
    Severity severity = Severity::Warn;
    QString subject; ///< node key, source id, "sink:<name>" or "store"
    QString source;  ///< the source the subject belongs to (a node's, or itself); empty for sinks and store
    qint64 sinceMs = 0; ///< when the problem began (as far as the station knows), UTC ms
    QString text;       ///< one short sentence for a person, e.g. "fan stopped"

    /// Code and subject: one alarm of a kind per subject at a time.
    QString identity() const { return code + QLatin1Char('@') + subject; }
    bool operator==(const Alarm&) const = default;
};

QString toString(Alarm::Severity severity); ///< "warn" or "fail", the screen's level names

/// The page a person opens to see more about a subject: particles, energy, solar, uploads, push,
/// or home for the store and anything unknown.
QString pageOfSubject(const QString& subject, const QString& nodeKind = {});

} // namespace fs

Q_DECLARE_METATYPE(fs::Alarm)
