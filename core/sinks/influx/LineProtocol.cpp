// LineProtocol: escaping rules of the InfluxDB 1.x line-protocol reference ("Special characters").
#include "LineProtocol.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace fs::influx {

namespace {

QByteArray escape(const QString& text, const char* special)
{
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 8);
    for (char c : utf8) {
        if (c == '\n' || c == '\r')
            c = ' ';
        if (c != 0 && std::strchr(special, c))
            out += '\\';
        out += c;
    }
    return out;
}

} // namespace

QByteArray precisionName(Precision p)
{
    switch (p) {
    case Precision::Seconds:
        return QByteArrayLiteral("s");
    case Precision::Nanoseconds:
        return QByteArrayLiteral("ns");
    case Precision::Milliseconds:
        break;
    }
    return QByteArrayLiteral("ms");
}

qint64 timestampIn(qint64 timeMs, Precision p)
{
    switch (p) {
    case Precision::Seconds:
        return timeMs >= 0 ? timeMs / 1000 : -((-timeMs + 999) / 1000);
    case Precision::Nanoseconds:
        return timeMs * 1000000;
    case Precision::Milliseconds:
        break;
    }
    return timeMs;
}

QByteArray escapeMeasurement(const QString& name)
{
    return escape(name, ", ");
}

QByteArray escapeKey(const QString& key)
{
    return escape(key, ",= ");
}

QByteArray quoteString(const QString& value)
{
    return '"' + escape(value, "\"\\") + '"';
}

QByteArray floatText(double value)
{
    if (!std::isfinite(value))
        return {};
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    return QByteArray(buf, int(r.ptr - buf));
}

QByteArray seriesKey(const QString& measurement, Tags tags)
{
    std::sort(tags.begin(), tags.end(),
              [](const auto& a, const auto& b) { return a.first.toUtf8() < b.first.toUtf8(); });
    QByteArray out = escapeMeasurement(measurement);
    for (const auto& [key, value] : tags) {
        if (key.isEmpty() || value.isEmpty())
            continue;
        out += ',' + escapeKey(key) + '=' + escapeKey(value);
    }
    return out;
}

bool appendPoint(QByteArray& out, const QByteArray& series, const QByteArray& escapedField, double value,
                 qint64 timestamp)
{
    if (!std::isfinite(value))
        return false;
    char buf[64];
    out += series;
    out += ' ';
    out += escapedField;
    out += '=';
    auto r = std::to_chars(buf, buf + sizeof buf, value);
    out.append(buf, int(r.ptr - buf));
    out += ' ';
    r = std::to_chars(buf, buf + sizeof buf, timestamp);
    out.append(buf, int(r.ptr - buf));
    out += '\n';
    return true;
}

} // namespace fs::influx
