// EgaugeCatchUp: the catch-up plan as plain arithmetic on row times, testable without a network.
#include "EgaugeCatchUp.h"

#include <QDateTime>
#include <algorithm>

namespace fs {

namespace {

constexpr qint64 kMinute = 60;

QString utc(qint64 s)
{
    return QDateTime::fromSecsSinceEpoch(s, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

QString EgaugeQuery::query() const
{
    QString q = QStringLiteral("%1&s=0&n=%2")
                    .arg(unit == Unit::Seconds ? QLatin1Char('S') : QLatin1Char('m'))
                    .arg(rows);
    if (newestS > 0)
        q += QStringLiteral("&f=%1").arg(newestS);
    if (oldestS > 0)
        q += QStringLiteral("&t=%1").arg(oldestS);
    return q;
}

EgaugeCatchUp::EgaugeCatchUp(int maxRows, int firstRows)
    : m_maxRows(std::max(2, maxRows)), m_firstRows(std::clamp(firstRows, 2, m_maxRows))
{}

void EgaugeCatchUp::setStored(qint64 newestRowS)
{
    m_since = std::max<qint64>(0, newestRowS);
    m_minuteUntil = 0;
    m_acceptGap = false;
}

EgaugeQuery EgaugeCatchUp::next(qint64 nowS) const
{
    EgaugeQuery q;
    if (m_since <= 0) {
        q.rows = m_firstRows; // no history: the last few minutes, like Peper's first run
        return q;
    }
    if (m_minuteUntil > m_since) {
        // From the minute at or before the stored row, so the first minute rate joins up with it.
        q.unit = EgaugeQuery::Unit::Minutes;
        q.rows = m_maxRows;
        q.oldestS = m_since - m_since % kMinute;
        q.newestS = std::min(m_minuteUntil, q.oldestS + kMinute * (m_maxRows - 1));
        return q;
    }
    // From the stored row again (its counters are what the next rate needs), or the minute before
    // it, so that a meter which keeps only minute rows there still joins up with what is stored.
    q.rows = m_maxRows;
    q.oldestS = m_since - m_since % kMinute;
    if (nowS - q.oldestS + 1 > m_maxRows)
        q.newestS = q.oldestS + m_maxRows - 1;
    return q;
}

EgaugeCatchUp::Verdict EgaugeCatchUp::answered(const EgaugeQuery& q, qint64 oldestS, qint64 newestS, int rows,
                                               qint64 nowS, double newestStepS)
{
    Verdict v;
    if (q.unit == EgaugeQuery::Unit::Minutes) {
        v.deliver = rows > 0;
        if (rows > 0 && newestS > m_since) {
            m_since = newestS;
            if (m_since + kMinute > m_minuteUntil)
                m_minuteUntil = 0; // as close as minute rows get; seconds from here
        } else {
            v.note =
                QStringLiteral("the meter holds no rows from %1 to %2").arg(utc(m_since), utc(m_minuteUntil));
            m_minuteUntil = 0;
        }
        if (m_minuteUntil == 0)
            m_acceptGap = true;
        v.more = true;
        return v;
    }
    if (m_since > 0 && !m_acceptGap && (rows == 0 || oldestS > m_since + kMinute)) {
        // The meter no longer holds seconds back to the stored row: fill the gap with minute rows
        // up to where its seconds begin (or, with none in that range, up to one chunk before now).
        m_minuteUntil = rows > 0 ? oldestS : std::max(m_since + kMinute, nowS - m_maxRows);
        v.more = true;
        return v;
    }
    if (m_since > 0 && q.newestS > 0 && rows > 0 && newestStepS >= kMinute && newestS > m_since &&
        oldestS <= m_since + kMinute) {
        // A chunk of seconds came back as coarser rows: the meter keeps no seconds that far back.
        // Take them, and go on in whole chunks of minute rows up to one chunk before now.
        v.deliver = true;
        m_since = newestS;
        m_minuteUntil = std::max(m_since + kMinute, nowS - m_maxRows);
        m_acceptGap = false;
        v.more = true;
        return v;
    }
    if (m_since > 0 && rows > 0 && oldestS > m_since + kMinute)
        v.note = QStringLiteral("the meter holds no rows from %1 to %2").arg(utc(m_since), utc(oldestS));
    m_acceptGap = false;
    v.deliver = rows > 0;
    const bool progress = rows > 0 && newestS > m_since;
    if (progress)
        m_since = newestS;
    // A chunk bounded by f= means more rows wait behind it.
    v.more = q.newestS > 0 && progress && m_since < nowS - 1;
    return v;
}

} // namespace fs
