// MinMaxColumns: one pass, constant memory per column, for ring buffers and store reads alike.
#include "MinMaxColumns.h"

#include <algorithm>

namespace fs {

MinMaxColumns::MinMaxColumns(double fromX, double toX, int columns)
    : m_columns(size_t(std::max(1, columns))), m_from(fromX), m_span(std::max(1.0, toX - fromX))
{}

void MinMaxColumns::add(double x, double y)
{
    const QPointF p(x, y);
    if (!m_any)
        m_first = p;
    m_any = true;
    m_last = p;
    const int n = int(m_columns.size());
    const int i = std::clamp(int((x - m_from) * n / m_span), 0, n - 1);
    Column& c = m_columns[size_t(i)];
    if (!c.used) {
        c.lo = c.hi = p;
        c.used = true;
        return;
    }
    if (y < c.lo.y())
        c.lo = p;
    if (y > c.hi.y())
        c.hi = p;
}

QList<QPointF> MinMaxColumns::points() const
{
    QList<QPointF> out;
    if (!m_any)
        return out;
    out.reserve(qsizetype(2 * m_columns.size() + 2));
    out.append(m_first);
    const auto keep = [&out](const QPointF& p) {
        if (p.x() > out.last().x())
            out.append(p);
    };
    for (const Column& c : m_columns) {
        if (!c.used)
            continue;
        const bool loFirst = c.lo.x() <= c.hi.x();
        keep(loFirst ? c.lo : c.hi);
        keep(loFirst ? c.hi : c.lo);
    }
    keep(m_last);
    return out;
}

} // namespace fs
