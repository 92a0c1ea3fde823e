// ChartWindow: zoom keeps the anchor's time under the finger; the right edge snaps back to "live".
#include "ChartWindow.h"

#include <algorithm>
#include <cmath>

namespace fs {

void ChartWindow::setRange(qint64 spanMs)
{
    m_rangeMs = std::clamp(spanMs, kMinSpanMs, kMaxSpanMs);
    reset();
}

void ChartWindow::zoomBy(double factor, double anchor, qint64 newestMs)
{
    if (!(factor > 0) || !std::isfinite(factor))
        return;
    anchor = std::clamp(anchor, 0.0, 1.0);
    const qint64 oldStart = start(newestMs);
    const double anchorMs = double(oldStart) + anchor * double(m_spanMs);
    const qint64 span = std::clamp(qint64(std::llround(double(m_spanMs) / factor)), kMinSpanMs, kMaxSpanMs);
    const qint64 newStart = qint64(std::llround(anchorMs - anchor * double(span)));
    m_spanMs = span;
    setEnd(newStart + span, newestMs);
}

void ChartWindow::panBy(double fraction, qint64 newestMs)
{
    if (!std::isfinite(fraction))
        return;
    setEnd(end(newestMs) + qint64(std::llround(fraction * double(m_spanMs))), newestMs);
}

void ChartWindow::setEnd(qint64 endMs, qint64 newestMs)
{
    // Within a second of the newest point counts as live: a pinch rarely lands on it exactly.
    m_endMs = endMs >= newestMs - 1000 ? 0 : endMs;
}

} // namespace fs
