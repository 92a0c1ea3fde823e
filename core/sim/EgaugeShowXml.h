// EgaugeShowXml: what an eGauge meter answers to `egauge-show?…` and `egauge?inst&tot`, written
// from a HouseMeter: the query's parameters, the meter's storage tiers (seconds for a while,
// minutes for a year, hours before) and the XML. Pure; the HTTP side is EgaugeEmulator.
#pragma once

#include "sim/HouseMeter.h"
#include "util/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QStringList>
#include <optional>

namespace fs::sim {

/// The parameters of an egauge-show request (eGauge XML API; see the protocol note A.3).
struct ShowQuery
{
    int unitS = 60; ///< S 1, m 60 (the default), h 3600, d 86400
    int skip = 0;   ///< s: rows skipped after each returned row
    std::optional<int> n;
    std::optional<qint64> f;    ///< newest row
    std::optional<qint64> t;    ///< oldest row
    QList<qint64> T;            ///< one block per timestamp
    bool delta = false;         ///< C
    bool epochRelative = false; ///< E
    bool csv = false;           ///< c (not served)
    bool totals = false;        ///< a: the virtual registers use and gen too

    /// Parses a raw query string ("S&s=0&n=341"). Keys the meter does not know go to `unknown`.
    static Result<ShowQuery> parse(QByteArrayView rawQuery, QStringList* unknown = nullptr);
};

/// How the simulated meter stores its data.
struct MeterStorage
{
    quint64 serial = 0x4e842294;
    qint64 epoch = 0;                 ///< recording start: no rows before; counters start here after a reset
    bool reset = false;               ///< counters were reset at `epoch` (they restart from 0 there)
    qint64 secondsKept = 3600;        ///< second rows exist for the last hour
    qint64 minutesKept = 365 * 86400; ///< minute rows for a year; hour rows before that
    int maxRows = 100000;             ///< rows in one answer at most, whatever n asks
};

/// The XML answer of egauge-show, newest row first; several <data> blocks where a range crosses
/// into coarser storage or T lists several times.
QByteArray showXml(const HouseMeter& meter, const MeterStorage& storage, const ShowQuery& q, qint64 nowS);

/// The instantaneous answer of /cgi-bin/egauge (inst: <i> rates; tot: Total Usage/Generation).
QByteArray instXml(const HouseMeter& meter, const MeterStorage& storage, bool inst, bool tot, qint64 nowS);

} // namespace fs::sim
