// LiveSeries: ring buffer plus min/max decimation for QXYSeries::replace().
#include "LiveSeries.h"

#include <algorithm>
#include <limits>

namespace fs {

LiveSeries::LiveSeries(int capacity) : m_points(size_t(std::max(2, capacity))) {}

void LiveSeries::append(qint64 timeMs, double value)
{
    const QPointF p(double(timeMs), value);
    if (m_size < int(m_points.size())) {
        m_points[size_t((m_start + m_size) % m_points.size())] = p;
        ++m_size;
    } else {
        m_points[size_t(m_start)] = p;
        m_start = (m_start + 1) % int(m_points.size());
    }
}

qint64 LiveSeries::firstTime() const
{
    return m_size ? qint64(at(0).x()) : 0;
}

qint64 LiveSeries::lastTime() const
{
    return m_size ? qint64(at(m_size - 1).x()) : 0;
}

double LiveSeries::maxValue() const
{
    double m = 0;
    for (int i = 0; i < m_size; ++i)
        m = std::max(m, at(i).y());
    return m;
}

QList<QPointF> LiveSeries::decimated(int columns) const
{
    QList<QPointF> out;
    if (m_size == 0)
        return out;
    columns = std::max(1, columns);
    if (m_size <= 2 * columns) {
        out.reserve(m_size);
        for (int i = 0; i < m_size; ++i)
            out.append(at(i));
        return out;
    }
    const double t0 = at(0).x();
    const double span = std::max(1.0, at(m_size - 1).x() - t0);
    out.reserve(2 * columns);
    int i = 0;
    for (int c = 0; c < columns && i < m_size; ++c) {
        const double end = t0 + span * (c + 1) / columns;
        int lo = -1, hi = -1;
        for (; i < m_size && (at(i).x() <= end || c == columns - 1); ++i) {
            if (lo < 0 || at(i).y() < at(lo).y())
                lo = i;
            if (hi < 0 || at(i).y() > at(hi).y())
                hi = i;
        }
        if (lo < 0)
            continue;
        // The ends are kept too, so the line starts at the oldest point and reaches the newest.
        const int first = c == 0 ? 0 : -1;
        const int last = c == columns - 1 ? m_size - 1 : -1;
        int keep[4] = {first, std::min(lo, hi), std::max(lo, hi), last};
        for (int k = 0; k < 4; ++k) {
            if (keep[k] >= 0 && (out.isEmpty() || at(keep[k]).x() > out.last().x()))
                out.append(at(keep[k]));
        }
    }
    return out;
}

} // namespace fs
