// EgaugeModbusLayout: where an eGauge meter's Modbus TCP server puts its registers, so that
// `map: egauge` needs only the meter's register names. Shared by the source and the emulator.
#pragma once

#include "ModbusMap.h"

namespace fs::modbus::egauge {

// eGauge's kb "Modbus Output Communication" writes input registers as 3xxxx: the protocol address
// is that number minus 30000, read with function 4. Confirmed there: the channel checker's line
// voltages (RMS) from 30500, line frequencies from 31500, sensor values (RMS) from 32000, all
// float32, and register data from 35000. NOT confirmed (the page's table is cut off where we could
// read it): that register data holds the cumulative values as s64 from 35000 (4 registers each, in
// the meter's register order) and the rates as float32 from 36000 (2 each). The meter publishes
// its exact map as CSV under Settings → Modbus Server; where it differs, write an explicit map.
// Also from that page: these index-based ranges are the pre-v4.0 ones, which firmware v4.0 keeps
// only as deprecated (they move when a register is renamed, added or removed; virtual registers
// follow the settings page's order); v4.0 adds ranges tied to the register id, not used here. One
// version of the page shows the same layout at 4xxxx (holding registers, function 3) instead.
// So `map: egauge` is a convenience to be checked against the meter's CSV, not a verified map.
constexpr int kLineVoltageRms = 500;
constexpr int kLineFrequency = 1500;
constexpr int kSensorRms = 2000;
constexpr int kCumulative = 5000;
constexpr int kRate = 6000;

/// One register of the meter as configured for the preset: "CT1_Amperage=A", or "3:CT1_Amperage=A"
/// where 3 is its index in the meter's register list (default: its position in our list).
struct Register
{
    QString name;
    QString unit; ///< the letter after '=' as in Peper's Registre: A, V, W, P, Hz/F, VA/S, var, T
    int index = 0;
};

Result<Register> parseRegister(const QString& text, int position);

/// The map entries for these registers: the rate of each (float32), and for power registers (W, P)
/// also the energy counter (s64 in W·s, stored as kWh in channel "<name>_kWh").
Result<QList<RegisterEntry>> entriesFor(const QList<Register>& registers, const QString& where);

} // namespace fs::modbus::egauge
