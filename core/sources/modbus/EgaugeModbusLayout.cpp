// EgaugeModbusLayout: eGauge register names and unit letters turned into Modbus map entries.
#include "EgaugeModbusLayout.h"

namespace fs::modbus::egauge {

namespace {

struct UnitLetter
{
    const char* letter;
    const char* unit;
    const char* sensorType;
};

// Peper's letters plus eGauge's own type codes for the same quantities; rates come in SI units.
constexpr UnitLetter kLetters[] = {
    {"A", "A", "current"},
    {"I", "A", "current"},
    {"V", "V", "voltage"},
    {"W", "W", "POW"},
    {"P", "W", "POW"},
    {"Hz", "Hz", "frequency"},
    {"F", "Hz", "frequency"},
    {"VA", "VA", "apparent_power"},
    {"S", "VA", "apparent_power"},
    {"var", "var", "reactive_power"},
    {"T", "deg.C", "T"},
};

const UnitLetter* findLetter(const QString& letter)
{
    for (const UnitLetter& u : kLetters) {
        if (letter == QLatin1String(u.letter))
            return &u;
    }
    return nullptr;
}

} // namespace

Result<Register> parseRegister(const QString& text, int position)
{
    QString rest = text.trimmed();
    Register r;
    r.index = position;
    const qsizetype colon = rest.indexOf(QLatin1Char(':'));
    if (colon >= 0) {
        bool ok = false;
        r.index = rest.left(colon).trimmed().toInt(&ok);
        if (!ok || r.index < 0 || r.index > 249)
            return Error{QStringLiteral("\"%1\": the index before ':' must be a whole number from 0 to 249")
                             .arg(text)};
        rest = rest.mid(colon + 1).trimmed();
    }
    const qsizetype eq = rest.indexOf(QLatin1Char('='));
    if (eq <= 0 || eq == rest.size() - 1)
        return Error{QStringLiteral("\"%1\" must be name=unit, e.g. CT1_Amperage=A").arg(text)};
    r.name = rest.left(eq).trimmed();
    r.unit = rest.mid(eq + 1).trimmed();
    if (!findLetter(r.unit))
        return Error{QStringLiteral("\"%1\": unit \"%2\" is not one of A, V, W, P, Hz, F, VA, S, var, T")
                         .arg(text, r.unit)};
    return r;
}

Result<QList<RegisterEntry>> entriesFor(const QList<Register>& registers, const QString& where)
{
    QList<RegisterEntry> out;
    for (const Register& r : registers) {
        const UnitLetter* u = findLetter(r.unit);
        if (!u)
            return Error{QStringLiteral("register %1: unknown unit \"%2\"").arg(r.name, r.unit)};
        RegisterEntry rate;
        rate.address = kRate + 2 * r.index;
        rate.type = ValueType::F32;
        rate.unit = QString::fromUtf8(u->unit);
        rate.channel = r.name;
        rate.sensorType = QString::fromLatin1(u->sensorType);
        rate.where = where;
        out.append(rate);
        if (rate.sensorType == QLatin1String("POW")) {
            RegisterEntry energy = rate;
            energy.address = kCumulative + 4 * r.index;
            energy.type = ValueType::S64;
            energy.scale = 1.0 / 3.6e6; // W·s to kWh
            energy.unit = QStringLiteral("kWh");
            energy.channel = r.name + QStringLiteral("_kWh");
            energy.sensorType = QStringLiteral("CON");
            out.append(energy);
        }
    }
    return out;
}

} // namespace fs::modbus::egauge
