// ModbusSource's entry in the source-type table: its settings reader and its factory, which builds
// the source over a device's address or, for --demo, over an eGauge Modbus emulator of its own.
#include "EgaugeModbusLayout.h"
#include "ModbusSettings.h"
#include "ModbusSource.h"
#include "sim/ModbusMeterEmulator.h"
#include "sources/SourceTypes.h"

namespace fs {

using namespace modbus;

namespace {

Result<std::unique_ptr<Source>> create(const SourceSettings& settings, const SourceContext& context)
{
    const auto& s = settings.as<ModbusSettings>();
    ModbusSource::Options o;
    o.name = settings.name;
    o.host = s.host;
    o.port = s.port;
    o.unitId = s.unitId;
    o.intervalMs = s.intervalS * 1000;
    o.timeoutMs = s.timeoutS * 1000;
    o.registers = s.registers;
    std::unique_ptr<ModbusMeterEmulator> emulator;
    if (context.demo) {
        emulator = std::make_unique<ModbusMeterEmulator>();
        if (o.registers.isEmpty()) {
            auto entries = egauge::entriesFor(emulator->registers(), settings.where);
            if (!entries)
                return Error{entries.error()};
            o.registers = entries.value();
        }
    }
    if (o.registers.isEmpty())
        return Error{QStringLiteral("%1 (modbus, %2): no registers: give registers: or map: egauge with "
                                    "egauge_registers:")
                         .arg(settings.id, settings.where)};
    auto source = std::make_unique<ModbusSource>(settings.id, o, context.sink);
    if (emulator)
        source->adoptEmulator(std::move(emulator));
    return std::unique_ptr<Source>(std::move(source));
}

} // namespace

SourceType ModbusSource::sourceType()
{
    return {QStringLiteral("modbus"), QStringLiteral("Modbus meter"), &ModbusSettings::read, &create};
}

} // namespace fs
