// MinMaxColumns: decimates a time-ordered stream of points to the min and max of each pixel column,
// so a chart gets at most two points a column and still shows every spike.
#pragma once

#include <QList>
#include <QPointF>
#include <vector>

namespace fs {

class MinMaxColumns
{
public:
    /// Columns of equal width over [fromX, toX]; points outside fall into the first or last column.
    MinMaxColumns(double fromX, double toX, int columns);

    /// The next point; x must not go back.
    void add(double x, double y);
    /// At most 2 × columns + 2 points in x order: the first point, each column's min and max in the
    /// order they came, and the last point.
    QList<QPointF> points() const;
    bool isEmpty() const { return !m_any; }

private:
    struct Column
    {
        QPointF lo, hi;
        bool used = false;
    };
    std::vector<Column> m_columns;
    double m_from;
    double m_span;
    QPointF m_first, m_last;
    bool m_any = false;
};

} // namespace fs
