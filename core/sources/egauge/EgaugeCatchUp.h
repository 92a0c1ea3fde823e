// EgaugeCatchUp: which egauge-show query comes next, so that a meter's stored rows since the last
// stored one come back in chunks: second rows while the meter holds them, minute rows for older gaps.
#pragma once

#include <QString>
#include <QtGlobal>

namespace fs {

/// One egauge-show request: row unit, row count and the time range (Unix seconds, 0 = open).
struct EgaugeQuery
{
    enum class Unit { Seconds, Minutes };
    Unit unit = Unit::Seconds;
    int rows = 0;
    qint64 newestS = 0; ///< `f=`: the newest row to return; 0 = now
    qint64 oldestS = 0; ///< `t=`: the oldest row to return; 0 = as many as `rows` allows

    /// "S&s=0&n=341", "m&s=0&n=3600&f=…&t=…": the query part of the URL.
    QString query() const;
    bool operator==(const EgaugeQuery&) const = default;
};

class EgaugeCatchUp
{
public:
    /// `maxRows` bounds every request; `firstRows` is what a meter with no stored history gives.
    EgaugeCatchUp(int maxRows, int firstRows);

    /// The newest row already stored (Unix seconds, 0 = none), e.g. from NodeChannels::lastTimeMs.
    void setStored(qint64 newestRowS);
    qint64 stored() const { return m_since; }

    /// The request to make at `nowS`.
    EgaugeQuery next(qint64 nowS) const;

    /// What to do with an answer to `q` whose rows span [oldestS, newestS] over all its blocks.
    struct Verdict
    {
        bool deliver = false; ///< store its rates (those newer than what is stored)
        bool more = false;    ///< ask again at once: the catch-up is not finished
        QString note;         ///< a gap the meter could not fill, for the log; empty when none
    };
    /// `newestStepS` is the row spacing of the answer's newest block (1 for second rows).
    Verdict answered(const EgaugeQuery& q, qint64 oldestS, qint64 newestS, int rows, qint64 nowS,
                     double newestStepS = 1);

private:
    int m_maxRows;
    int m_firstRows;
    qint64 m_since = 0;       // newest row stored
    qint64 m_minuteUntil = 0; // > m_since: fetch minute rows up to here, the meter has no seconds there
    bool m_acceptGap = false; // after a minute phase, take second rows even if they start late
};

} // namespace fs
