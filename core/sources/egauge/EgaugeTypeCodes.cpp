// EgaugeTypeCodes: the register type codes of the eGauge XML API: unit, quantum, direction.
#include "sources/egauge/EgaugeXml.h"

namespace fs::egauge {

const QList<TypeCode>& typeCodes()
{
    // Rate unit and quantum from the eGauge XML API §2.2.1 as egauge-async and SolarNetwork read it.
    static const QList<TypeCode> table = {
        {QStringLiteral("P"), QStringLiteral("W"), 1, true},
        {QStringLiteral("S"), QStringLiteral("VA"), 1, true},
        {QStringLiteral("var"), QStringLiteral("var"), 1, true},
        {QStringLiteral("V"), QStringLiteral("V"), 0.001, false},
        {QStringLiteral("I"), QStringLiteral("A"), 0.001, false},
        {QStringLiteral("F"), QStringLiteral("Hz"), 0.001, false},
        {QStringLiteral("T"), QStringLiteral("°C"), 0.001, true},
        {QStringLiteral("h"), QStringLiteral("%"), 0.001, false},
        {QStringLiteral("Pa"), QStringLiteral("Pa"), 1, false},
        {QStringLiteral("R"), QStringLiteral("Ω"), 1, false},
        {QStringLiteral("Qe"), QStringLiteral("Ah"), 0.001, true},
        {QStringLiteral("Q"), QStringLiteral("g/s"), 1, false},
        {QStringLiteral("Qv"), QStringLiteral("m³/s"), 1e-9, false},
        {QStringLiteral("v"), QStringLiteral("m/s"), 0.001, false},
        {QStringLiteral("m"), QStringLiteral("g"), 0.001, false},
        {QStringLiteral("a"), QStringLiteral("°"), 0.001, true},
        {QStringLiteral("THD"), QStringLiteral("%"), 0.001, false},
        {QStringLiteral("%"), QStringLiteral("%"), 0.001, false},
        {QStringLiteral("Ee"), QStringLiteral("W/m²"), 1, false},
        {QStringLiteral("ppm"), QStringLiteral("ppm"), 0.001, false},
        {QStringLiteral("aq"), QString(), 0.001, false},
        {QStringLiteral("$"), QStringLiteral("$/s"), 1.0 / (1 << 29), true},
        {QStringLiteral("#"), QString(), 1, true},
        {QStringLiteral("#3"), QString(), 0.001, true},
        {QStringLiteral("d"), QString(), 1, true},
    };
    return table;
}

const TypeCode* typeCode(QStringView code)
{
    for (const TypeCode& t : typeCodes()) {
        if (t.code == code)
            return &t;
    }
    return nullptr;
}

} // namespace fs::egauge
