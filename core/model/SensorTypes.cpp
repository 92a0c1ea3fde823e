// SensorTypes: append new types at the end of their block; never renumber or recode one.
#include "SensorTypes.h"

#include <QHash>

namespace fs {

namespace {

SensorType type(int id, const char* code, const char* name, const QString& unit)
{
    return {id, QString::fromUtf8(code), QString::fromUtf8(name), unit};
}

QList<SensorType> build()
{
    const QString ugm3 = QStringLiteral("µg/m³");
    const QString count = QStringLiteral("count");
    QList<SensorType> l = {
        // Cogent-house's seeded types (populateData), as it has them: same id, code and unit.
        type(0, "T", "Temperature", QStringLiteral("deg.C")),
        type(2, "RH", "Humidity", QStringLiteral("%")),
        type(6, "BAT", "Battery Voltage", QStringLiteral("V")),
        type(8, "CO2", "CO2", QStringLiteral("ppm")),
        type(11, "POW", "Power", QStringLiteral("W")),
        type(17, "CON", "Power Consumption", QStringLiteral("kWh")),
        // OPC-N3 (1000-1099). The ids are those the push derived from the order of the OPC-N3
        // channel table before this table existed; 1003 and 1004 were never given out (temperature
        // and humidity already had Cogent's ids).
        type(1000, "pm1", "PM1", ugm3),
        type(1001, "pm2_5", "PM2.5", ugm3),
        type(1002, "pm10", "PM10", ugm3),
        type(1005, "flow_rate", "Sample flow rate", QStringLiteral("ml/s")),
        type(1006, "sampling_period", "Sampling period", QStringLiteral("s")),
        type(1007, "opc_reject_glitch", "Rejected: glitch", count),
        type(1008, "opc_reject_long_tof", "Rejected: long TOF", count),
        type(1009, "opc_reject_ratio", "Rejected: ratio", count),
        type(1010, "opc_reject_out_of_range", "Rejected: out of range", count),
        type(1011, "opc_reject_pct", "Rejected share", QStringLiteral("%")),
        type(1012, "opc_fan_rev_count", "Fan revolutions", count),
        type(1013, "opc_laser_status", "Laser status", QStringLiteral("raw")),
        type(1014, "consecutive_errors", "Consecutive errors", count),
        type(1015, "opc_checksum", "Frame CRC as received", QStringLiteral("raw")),
    };
    for (int i = 0; i < 24; ++i)
        l.append({1016 + i, QStringLiteral("opc_bin_%1").arg(i), QStringLiteral("OPC bin %1").arg(i), count});
    for (int i = 0; i < 4; ++i) {
        const int bin = 1 + 2 * i;
        l.append({1040 + i, QStringLiteral("opc_bin%1_mtof").arg(bin),
                  QStringLiteral("Bin %1 mean time of flight").arg(bin), QStringLiteral("µs")});
    }
    l += {
        // Electricity meters such as the eGauge (1100-1199); power and energy are Cogent's 11 and 17.
        type(1100, "voltage", "Voltage", QStringLiteral("V")),
        type(1101, "current", "Current", QStringLiteral("A")),
        type(1102, "frequency", "Frequency", QStringLiteral("Hz")),
        type(1103, "power_factor", "Power factor", QString()),
        type(1104, "apparent_power", "Apparent power", QStringLiteral("VA")),
        type(1105, "reactive_power", "Reactive power", QStringLiteral("var")),
        type(1106, "irradiance", "Irradiance", QStringLiteral("W/m²")),
        type(1107, "pressure", "Pressure", QStringLiteral("Pa")),
        type(1108, "harmonic_distortion", "Total harmonic distortion", QStringLiteral("%")),
        type(1109, "meter_number", "Meter number", QString()),
        // Solar nodes such as ISEMS (1200-1299); battery voltage is Cogent's 6.
        type(1200, "battery_temperature", "Battery temperature", QStringLiteral("deg.C")),
        type(1201, "state_of_charge", "State of charge", QStringLiteral("%")),
        type(1202, "charge_state", "Charge state", QStringLiteral("state")),
        type(1203, "panel_voltage", "Solar panel voltage", QStringLiteral("V")),
        type(1204, "panel_open_circuit_voltage", "Solar panel open-circuit voltage", QStringLiteral("V")),
        type(1205, "panel_power", "Solar panel power", QStringLiteral("W")),
        type(1206, "load_current", "Load current", QStringLiteral("A")),
        type(1207, "battery_health", "Battery health", QStringLiteral("%")),
        type(1208, "time_to_shutdown", "Time to load shutdown", QStringLiteral("min")),
        type(1209, "power_save_level", "Power-save level", QStringLiteral("level")),
        type(1210, "solar_status_bits", "Solar controller status bits", QStringLiteral("bits")),
        type(1211, "low_voltage_disconnect", "Low-voltage disconnect", QStringLiteral("V")),
        type(1212, "charge_end_voltage", "Temperature-corrected charge-end voltage", QStringLiteral("V")),
        type(1213, "battery_rated_capacity", "Rated battery capacity", QStringLiteral("Ah")),
        type(1214, "panel_rated_power", "Rated solar module power", QStringLiteral("W")),
    };
    return l;
}

/// The table with its two lookups, built once.
struct Index
{
    QList<SensorType> all = build();
    QHash<QString, const SensorType*> byCode;
    QHash<int, const SensorType*> byId;
    Index()
    {
        for (const SensorType& t : all) {
            byCode.insert(t.code, &t);
            byId.insert(t.id, &t);
        }
    }
};

const Index& index()
{
    static const Index i;
    return i;
}

} // namespace

const QList<SensorType>& sensorTypes()
{
    return index().all;
}

const SensorType* sensorTypeByCode(QStringView code)
{
    return index().byCode.value(code.toString());
}

const SensorType* sensorTypeById(int id)
{
    return index().byId.value(id);
}

} // namespace fs
