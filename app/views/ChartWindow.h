// ChartWindow: the time window a chart shows — a span that follows the newest point, or one the
// user zoomed or panned to — as plain maths, so that pinch, wheel and buttons agree and can be tested.
#pragma once

#include <QtGlobal>

namespace fs {

class ChartWindow
{
public:
    static constexpr qint64 kMinSpanMs = 60'000;                  ///< zooming in stops at a minute
    static constexpr qint64 kMaxSpanMs = 31LL * 24 * 3600 * 1000; ///< and out at a month

    /// The chosen range: follows the newest point, unzoomed.
    void setRange(qint64 spanMs);
    qint64 rangeMs() const { return m_rangeMs; }
    /// The visible span (the range unless zoomed).
    qint64 spanMs() const { return m_spanMs; }
    /// 0 while following the newest point; else the fixed end of the window.
    qint64 endMs() const { return m_endMs; }
    bool following() const { return m_endMs == 0; }
    bool zoomed() const { return m_spanMs != m_rangeMs || m_endMs != 0; }

    /// The window's end given the newest point.
    qint64 end(qint64 newestMs) const { return following() ? newestMs : m_endMs; }
    qint64 start(qint64 newestMs) const { return end(newestMs) - m_spanMs; }

    /// Divides the span by `factor` (> 1 zooms in) keeping the time at `anchor` (0 = left edge,
    /// 1 = right edge) where it is on screen. A window reaching the newest point follows it again.
    void zoomBy(double factor, double anchor, qint64 newestMs);
    /// Moves the window by `fraction` of its span (negative: back in time); not past the newest point.
    void panBy(double fraction, qint64 newestMs);
    /// Back to the range, following.
    void reset() { m_spanMs = m_rangeMs, m_endMs = 0; }

private:
    void setEnd(qint64 endMs, qint64 newestMs);

    qint64 m_rangeMs = 3600'000;
    qint64 m_spanMs = 3600'000;
    qint64 m_endMs = 0;
};

} // namespace fs
