// LineProtocol: InfluxDB 1.x line protocol: escaping of names and tag values, and one point a line.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QtGlobal>

namespace fs::influx {

/// The timestamp unit of /write?precision=…; a point's time is converted from the store's UTC ms.
enum class Precision { Seconds, Milliseconds, Nanoseconds };

/// "s", "ms" or "ns", as /write wants it.
QByteArray precisionName(Precision p);
/// A UTC time in ms in the unit of `p` (seconds are floored, so a reading never moves ahead).
qint64 timestampIn(qint64 timeMs, Precision p);

/// A measurement name: commas and spaces escaped.
QByteArray escapeMeasurement(const QString& name);
/// A tag key, tag value or field key: commas, equals signs and spaces escaped. Line breaks have no
/// escape in 1.x and would end the line: they become spaces.
QByteArray escapeKey(const QString& key);
/// A string field value in double quotes: quotes and backslashes escaped.
QByteArray quoteString(const QString& value);
/// A float field value, shortest text that reads back to the same double; empty when not finite.
QByteArray floatText(double value);

using Tags = QList<QPair<QString, QString>>;

/// "measurement,tag=v,…" with tags sorted by key (what InfluxDB does itself, and its advice for
/// speed) and tags with an empty value left out (1.x refuses them). Built once per series.
QByteArray seriesKey(const QString& measurement, Tags tags);

/// Appends "<series> <field>=<value> <timestamp>\n" to `out`; false (nothing appended) when the
/// value is not finite.
bool appendPoint(QByteArray& out, const QByteArray& series, const QByteArray& escapedField, double value,
                 qint64 timestamp);

} // namespace fs::influx
