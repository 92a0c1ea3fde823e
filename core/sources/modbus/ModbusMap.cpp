// ModbusMap: decoding of register words and grouping of reads, independent of any transport.
#include "ModbusMap.h"

#include "model/SensorTypes.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>

namespace fs::modbus {

namespace {

/// The words as one unsigned integer, most significant word first whatever the device's order.
quint64 assemble(std::span<const quint16> words, WordOrder order)
{
    quint64 v = 0;
    const size_t n = words.size();
    for (size_t i = 0; i < n; ++i)
        v = (v << 16) | words[order == WordOrder::Big ? i : n - 1 - i];
    return v;
}

QString hexWords(std::span<const quint16> words)
{
    QStringList parts;
    for (quint16 w : words)
        parts << QStringLiteral("%1").arg(w, 4, 16, QLatin1Char('0'));
    return parts.join(QLatin1Char(' '));
}

/// Units that name the same thing in different spellings.
QString canonicalUnit(const QString& unit)
{
    const QString u = unit.trimmed();
    if (u == QStringLiteral("°C") || u == QLatin1String("degC") || u == QLatin1String("deg.C"))
        return QStringLiteral("deg.C");
    if (u == QLatin1String("W/m2"))
        return QStringLiteral("W/m²");
    return u;
}

} // namespace

QStringList valueTypeNames()
{
    return {QStringLiteral("u16"), QStringLiteral("s16"), QStringLiteral("u32"), QStringLiteral("s32"),
            QStringLiteral("u64"), QStringLiteral("s64"), QStringLiteral("f32"), QStringLiteral("f64")};
}

QString valueTypeName(ValueType t)
{
    return valueTypeNames().value(int(t));
}

QString functionName(Function f)
{
    return f == Function::Holding ? QStringLiteral("holding") : QStringLiteral("input");
}

QString exceptionName(int code)
{
    static const char* const names[] = {"illegal function",   "illegal data address",
                                        "illegal data value", "server device failure",
                                        "acknowledge",        "server device busy"};
    if (code >= 1 && code <= 6)
        return QStringLiteral("exception %1, %2").arg(code).arg(QLatin1String(names[code - 1]));
    return QStringLiteral("exception %1").arg(code);
}

int wordCount(ValueType t)
{
    switch (t) {
    case ValueType::U16:
    case ValueType::S16:
        return 1;
    case ValueType::U32:
    case ValueType::S32:
    case ValueType::F32:
        return 2;
    case ValueType::U64:
    case ValueType::S64:
    case ValueType::F64:
        return 4;
    }
    return 1;
}

/// The double a person reads in a float32: 230.759 stays 230.759, not the 230.75904846191406 its
/// widening gives, so InfluxDB, the API and the screen show what the meter meant.
static double shortestDouble(float v)
{
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    double out = double(v);
    std::from_chars(buf, r.ptr, out);
    return out;
}

Result<double> decode(const RegisterEntry& entry, std::span<const quint16> words)
{
    if (int(words.size()) != wordCount(entry.type))
        return Error{QStringLiteral("%1 (%2 at %3): %4 words where %5 needs %6")
                         .arg(entry.channel)
                         .arg(functionName(entry.function))
                         .arg(entry.address)
                         .arg(words.size())
                         .arg(valueTypeName(entry.type))
                         .arg(wordCount(entry.type))};
    const quint64 bits = assemble(words, entry.wordOrder);
    double raw = 0;
    switch (entry.type) {
    case ValueType::U16:
    case ValueType::U32:
    case ValueType::U64:
        raw = double(bits);
        break;
    case ValueType::S16:
        raw = double(qint16(quint16(bits)));
        break;
    case ValueType::S32:
        raw = double(qint32(quint32(bits)));
        break;
    case ValueType::S64:
        raw = double(qint64(bits));
        break;
    case ValueType::F32:
        raw = shortestDouble(std::bit_cast<float>(quint32(bits)));
        break;
    case ValueType::F64:
        raw = std::bit_cast<double>(bits);
        break;
    }
    const double value = raw * entry.scale;
    if (!std::isfinite(value))
        return Error{QStringLiteral("%1 (%2 at %3): not a number (words %4 as %5)")
                         .arg(entry.channel, functionName(entry.function))
                         .arg(entry.address)
                         .arg(hexWords(words), valueTypeName(entry.type))};
    return value;
}

QList<quint16> encode(ValueType type, WordOrder order, double value)
{
    quint64 bits = 0;
    switch (type) {
    case ValueType::U16:
    case ValueType::U32:
    case ValueType::U64:
        bits = quint64(value);
        break;
    case ValueType::S16:
    case ValueType::S32:
    case ValueType::S64:
        bits = quint64(qint64(value));
        break;
    case ValueType::F32:
        bits = std::bit_cast<quint32>(float(value));
        break;
    case ValueType::F64:
        bits = std::bit_cast<quint64>(value);
        break;
    }
    const int n = wordCount(type);
    QList<quint16> words(n);
    for (int i = 0; i < n; ++i) {
        const quint16 w = quint16(bits >> (16 * (n - 1 - i)));
        words[order == WordOrder::Big ? i : n - 1 - i] = w;
    }
    return words;
}

QList<ReadBlock> planReads(const QList<RegisterEntry>& map, int maxRegisters)
{
    QList<int> order(map.size());
    for (int i = 0; i < map.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        if (map[a].function != map[b].function)
            return map[a].function < map[b].function;
        return map[a].address < map[b].address;
    });
    QList<ReadBlock> blocks;
    for (int i : order) {
        const RegisterEntry& e = map[i];
        const int end = e.address + wordCount(e.type);
        if (!blocks.isEmpty()) {
            ReadBlock& b = blocks.last();
            const int blockEnd = b.start + b.count;
            if (b.function == e.function && e.address <= blockEnd &&
                std::max(blockEnd, end) - b.start <= maxRegisters) {
                b.count = std::max(blockEnd, end) - b.start;
                b.entries.append(i);
                continue;
            }
        }
        blocks.append({e.function, e.address, end - e.address, {i}});
    }
    return blocks;
}

Result<QString> sensorTypeForUnit(const QString& unit)
{
    static const QList<std::pair<QString, QString>> table = {
        {QStringLiteral("W"), QStringLiteral("POW")},
        {QStringLiteral("V"), QStringLiteral("voltage")},
        {QStringLiteral("A"), QStringLiteral("current")},
        {QStringLiteral("Hz"), QStringLiteral("frequency")},
        {QStringLiteral("kWh"), QStringLiteral("CON")},
        {QStringLiteral("VA"), QStringLiteral("apparent_power")},
        {QStringLiteral("var"), QStringLiteral("reactive_power")},
        {QStringLiteral("deg.C"), QStringLiteral("T")},
        {QStringLiteral("W/m²"), QStringLiteral("irradiance")},
        {QStringLiteral("Pa"), QStringLiteral("pressure")},
    };
    const QString u = canonicalUnit(unit);
    if (u.isEmpty())
        return Error{QStringLiteral("no unit: set unit (W, V, A, Hz, kWh, VA, var, °C, W/m², Pa) or "
                                    "sensor_type")};
    if (u == QLatin1String("%"))
        return Error{QStringLiteral("unit % could be humidity (RH), state of charge (state_of_charge), "
                                    "battery health (battery_health) or distortion "
                                    "(harmonic_distortion): set sensor_type")};
    for (const auto& [unitName, code] : table) {
        if (unitName == u)
            return code;
    }
    return Error{QStringLiteral("unit \"%1\" has no default sensor type: set sensor_type to a code "
                                "of the sensor-type table, and scale to its unit")
                     .arg(unit)};
}

QString checkEntry(const RegisterEntry& e)
{
    if (e.address < 0 || e.address + wordCount(e.type) - 1 > 65535)
        return QStringLiteral("address %1 with %2 registers of %3 goes past 65535")
            .arg(e.address)
            .arg(wordCount(e.type))
            .arg(valueTypeName(e.type));
    if (!std::isfinite(e.scale) || e.scale == 0)
        return QStringLiteral("scale must be a finite number other than 0");
    const SensorType* t = sensorTypeByCode(e.sensorType);
    if (!t)
        return QStringLiteral("sensor_type \"%1\" is not in the sensor-type table").arg(e.sensorType);
    if (!e.unit.isEmpty() && !t->unit.isEmpty() && canonicalUnit(e.unit) != canonicalUnit(t->unit))
        return QStringLiteral("unit \"%1\" is not the unit of sensor type %2 (%3): scale the value to %3 "
                              "and write unit: %3")
            .arg(e.unit, t->code, t->unit);
    return {};
}

} // namespace fs::modbus
