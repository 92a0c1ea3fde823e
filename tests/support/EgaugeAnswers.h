// Composes egauge-show answers for the parser tests: blocks of rows, cnames, a group around them.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace fs::test::egauge {

inline QByteArray cell(qint64 v)
{
    return "<c>" + QByteArray::number(v) + "</c>";
}

inline QByteArray row(const QList<qint64>& cells)
{
    QByteArray r = "<r>";
    for (qint64 v : cells)
        r += cell(v);
    return r + "</r>\n";
}

// A block: the first carries columns and cnames (types/names), later ones only their timing.
inline QByteArray block(qint64 ts, const QByteArray& delta, const QList<QList<qint64>>& rows,
                        const QList<QPair<QByteArray, QByteArray>>& cnames = {}, const QByteArray& extra = {})
{
    QByteArray b = "<data";
    if (!cnames.isEmpty())
        b += " columns=\"" + QByteArray::number(cnames.size()) + "\"";
    b += " time_stamp=\"0x" + QByteArray::number(ts, 16) + "\" time_delta=\"" + delta + "\"" + extra + ">\n";
    for (const auto& [type, name] : cnames)
        b += " <cname t=\"" + type + "\" did=\"0\">" + name + "</cname>\n";
    for (const auto& r : rows)
        b += row(r);
    return b + "</data>\n";
}

inline QByteArray group(const QByteArray& blocks, const QByteArray& serial = "0x4e842294")
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<group serial=\"" + serial + "\">\n" + blocks +
           "</group>\n";
}

inline const QList<QPair<QByteArray, QByteArray>> kPV = {{"P", "Grid"}, {"V", "L1_Voltage"}};
} // namespace fs::test::egauge
