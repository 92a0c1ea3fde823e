// LiveSeries: a fixed-size ring of (time, value) points, decimated to min/max per pixel column.
#pragma once

#include <QList>
#include <QPointF>
#include <vector>

namespace fs {

class LiveSeries
{
public:
    explicit LiveSeries(int capacity = 3600);

    void append(qint64 timeMs, double value);
    int size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    /// True once a point has been pushed out of the ring.
    bool hasDropped() const { return m_dropped; }
    qint64 firstTime() const;
    qint64 lastTime() const;
    double maxValue() const;

    /// At most 2 × `columns` + 2 points spanning the buffer: each column keeps its min and max, in
    /// time order, so spikes survive decimation, and the first and last points are always kept. With fewer
    /// points than 2 × columns, every point.
    QList<QPointF> decimated(int columns) const;
    /// The same, over the points at or after `fromMs` only.
    QList<QPointF> since(qint64 fromMs, int columns) const;
    /// The same, over the points in [fromMs, toMs] only.
    QList<QPointF> between(qint64 fromMs, qint64 toMs, int columns) const;
    /// The newest point; only when not empty.
    QPointF last() const { return at(m_size - 1); }

private:
    const QPointF& at(int i) const { return m_points[size_t((m_start + i) % m_points.size())]; }

    std::vector<QPointF> m_points;
    int m_start = 0;
    int m_size = 0;
    bool m_dropped = false;
};

} // namespace fs
