// ModbusSettings: validation of the connection keys and of every register-map entry.
#include "ModbusSettings.h"

#include "EgaugeModbusLayout.h"
#include "config/YamlReader.h"

#include <QHash>
#include <cmath>

namespace fs {

using namespace modbus;

namespace {

const QStringList kWordOrders = {QStringLiteral("big"), QStringLiteral("little")};
const QStringList kFunctions = {QStringLiteral("holding"), QStringLiteral("input")};

/// A number key: YamlReader has integers only, and a scale is often 0.001 or 1e-3.
void readReal(YamlReader& r, const char* key, double& out)
{
    QString text;
    r.text(key, text);
    if (text.isEmpty())
        return;
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v)) {
        r.fail(r.at(key), key, QStringLiteral("must be a number, not \"%1\"").arg(text));
        return;
    }
    out = v;
}

/// One `registers:` item; false when it has an error (already reported).
bool readEntry(YamlReader& r, WordOrder defaultOrder, RegisterEntry& e)
{
    e.where = r.position();
    e.wordOrder = defaultOrder;
    e.address = -1;
    r.integer("address", e.address, 0, 65535);
    int type = -1;
    r.choice("type", type, valueTypeNames());
    int order = int(e.wordOrder);
    r.choice("word_order", order, kWordOrders);
    e.wordOrder = WordOrder(order);
    int function = int(Function::Input);
    r.choice("function", function, kFunctions);
    e.function = Function(function);
    readReal(r, "scale", e.scale);
    r.text("unit", e.unit);
    r.text("channel", e.channel, false);
    r.text("sensor_type", e.sensorType, false);
    bool ok = true;
    if (e.address < 0) {
        r.fail(r.at("address"), "address", QStringLiteral("is required (the register's protocol address)"));
        ok = false;
    }
    if (type < 0) {
        r.fail(r.at("type"), "type",
               QStringLiteral("is required: one of %1").arg(valueTypeNames().join(QStringLiteral(", "))));
        ok = false;
    } else {
        e.type = ValueType(type);
    }
    if (e.channel.trimmed().isEmpty()) {
        r.fail(r.at("channel"), "channel", QStringLiteral("is required (the channel's name)"));
        ok = false;
    }
    if (!ok)
        return false;
    if (e.sensorType.isEmpty()) {
        const Result<QString> t = sensorTypeForUnit(e.unit);
        if (!t) {
            r.fail(r.at("unit"), "unit", t.error());
            return false;
        }
        e.sensorType = t.value();
    }
    const QString problem = checkEntry(e);
    if (!problem.isEmpty()) {
        const char* key = problem.startsWith(QLatin1String("address"))       ? "address"
                          : problem.startsWith(QLatin1String("scale"))       ? "scale"
                          : problem.startsWith(QLatin1String("sensor_type")) ? "sensor_type"
                                                                             : "unit";
        r.fail(r.at(key), key, problem);
        return false;
    }
    return true;
}

} // namespace

std::shared_ptr<const SourceOptions> ModbusSettings::read(YamlReader& r)
{
    auto s = std::make_shared<ModbusSettings>();
    r.text("host", s->host, false);
    r.integer("port", s->port, 1, 65535);
    r.integer("unit_id", s->unitId, 0, 255);
    r.integer("interval_s", s->intervalS, 1, 86400);
    r.integer("timeout_s", s->timeoutS, 1, 300);
    int order = int(WordOrder::Big);
    r.choice("word_order", order, kWordOrders);

    int map = 0;
    r.choice("map", map, {QStringLiteral("explicit"), QStringLiteral("egauge")});
    QStringList egaugeRegisters;
    r.textList("egauge_registers", egaugeRegisters);
    if (map == 1) {
        QList<egauge::Register> regs;
        for (int i = 0; i < egaugeRegisters.size(); ++i) {
            Result<egauge::Register> reg = egauge::parseRegister(egaugeRegisters[i], i);
            if (!reg)
                r.fail(r.at("egauge_registers"), "egauge_registers", reg.error());
            else
                regs.append(reg.value());
        }
        if (egaugeRegisters.isEmpty())
            r.fail(r.at("map"), "egauge_registers",
                   QStringLiteral("map: egauge needs the meter's registers, e.g. "
                                  "egauge_registers: [L1_Voltage=V, CT1_Amperage=A, Grid=P]"));
        const auto entries = egauge::entriesFor(regs, r.position());
        if (entries)
            s->registers = entries.value();
    } else if (!egaugeRegisters.isEmpty()) {
        r.fail(r.at("egauge_registers"), "egauge_registers", QStringLiteral("only with map: egauge"));
    }

    r.sectionList("registers", "channel", [&](int, YamlReader& item) {
        RegisterEntry e;
        if (readEntry(item, WordOrder(order), e))
            s->registers.append(e);
    });

    QHash<QString, QString> seen;
    for (const RegisterEntry& e : std::as_const(s->registers)) {
        if (seen.contains(e.channel))
            r.fail(r.at("registers"), "registers",
                   QStringLiteral("channel \"%1\" given twice (%2 and %3)")
                       .arg(e.channel, seen[e.channel], e.where));
        seen.insert(e.channel, e.where);
    }
    return s;
}

} // namespace fs
