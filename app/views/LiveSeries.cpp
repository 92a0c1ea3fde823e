// LiveSeries: ring buffer plus min/max decimation for QXYSeries::replace().
#include "LiveSeries.h"

#include "model/MinMaxColumns.h"

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
        m_dropped = true;
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
    return since(std::numeric_limits<qint64>::min(), columns);
}

QList<QPointF> LiveSeries::since(qint64 fromMs, int columns) const
{
    return between(fromMs, std::numeric_limits<qint64>::max(), columns);
}

QList<QPointF> LiveSeries::between(qint64 fromMs, qint64 toMs, int columns) const
{
    int first = 0;
    while (first < m_size && at(first).x() < double(fromMs))
        ++first;
    int end = m_size;
    while (end > first && at(end - 1).x() > double(toMs))
        --end;
    const int n = end - first;
    QList<QPointF> out;
    if (n <= 2 * std::max(1, columns)) {
        out.reserve(n);
        for (int i = first; i < end; ++i)
            out.append(at(i));
        return out;
    }
    MinMaxColumns d(at(first).x(), at(end - 1).x(), columns);
    for (int i = first; i < end; ++i)
        d.add(at(i).x(), at(i).y());
    return d.points();
}

} // namespace fs
