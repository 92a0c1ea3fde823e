// IsemsChannels: the field → sensor-type table the REST API relies on to rebuild collector rows.
#include "IsemsChannels.h"
#include "util/JsonText.h"

#include "model/SensorTypes.h"

namespace fs::isems {

namespace {

struct Field
{
    const char* key;        // the collector's field name, also the channel key
    const char* sensorType; // code in the one sensor-type table
};

// Order matters only to channelValues(), which follows it.
const Field kFields[] = {
    {"batteryVoltage", "BAT"},
    {"batteryChargeEstimate", "state_of_charge"},
    {"batteryHealthEstimate", "battery_health"},
    {"batteryTemperature", "T"},
    {"openCircuitVoltage", "panel_open_circuit_voltage"},
    {"mppVoltage", "panel_voltage"},
    {"timeToShutdown", "time_to_shutdown"},
    {"isPowerSaveMode", "power_save_level"},
    {"status", "solar_status_bits"},
    {"lowVoltageDisconnectVoltage", "low_voltage_disconnect"},
    {"temperatureCorrectedVoltage", "charge_end_voltage"},
    {"rateBatteryCapacity", "battery_rated_capacity"},
    {"ratedSolarModuleCapacity", "panel_rated_power"},
};

QString jsonString(const QString& s)
{
    return QString::fromUtf8(json::string(s));
}

QString jsonNumber(double v)
{
    return QString::fromUtf8(json::number(v));
}

} // namespace

QString nodeKey(const QString& nodeId)
{
    return QStringLiteral("isems:") + nodeId;
}

NodeSpec nodeSpec(const QString& nodeId, const QString& sourceId)
{
    NodeSpec spec;
    spec.key = nodeKey(nodeId);
    spec.kind = QStringLiteral("isems");
    spec.name = nodeId;
    spec.source = sourceId;
    for (const Field& f : kFields) {
        ChannelSpec c;
        c.key = QString::fromLatin1(f.key);
        c.sensorType = QString::fromLatin1(f.sensorType);
        if (const SensorType* t = sensorTypeByCode(c.sensorType)) {
            c.name = t->name;
            c.unit = t->unit;
        }
        spec.channels.append(c);
    }
    return spec;
}

QList<std::optional<double>> channelValues(const Record& r)
{
    std::optional<double> status;
    if (r.status)
        status = double(*r.status);
    return {r.batteryVoltage,
            r.batteryChargeEstimate,
            r.batteryHealthEstimate,
            r.batteryTemperature,
            r.openCircuitVoltage,
            r.mppVoltage,
            r.timeToShutdown,
            double(r.isPowerSaveMode),
            status,
            r.lowVoltageDisconnectVoltage,
            r.temperatureCorrectedVoltage,
            r.rateBatteryCapacity,
            r.ratedSolarModuleCapacity};
}

QString reportedDetail(const Record& r)
{
    // Written by hand rather than through QJsonObject, which would sort the keys: the contract
    // fixes this order so that equal details compare equal as text.
    return QStringLiteral("{\"isemsRevision\":%1,\"openMPPTFirmwareVersion\":%2,\"latitude\":%3,"
                          "\"longitude\":%4,\"timeSource\":\"%5\"}")
        .arg(jsonString(r.isemsRevision), jsonString(r.openMPPTFirmwareVersion), jsonNumber(r.latitude),
             jsonNumber(r.longitude), r.timeFromArrival ? QStringLiteral("arrival") : QStringLiteral("node"));
}

} // namespace fs::isems
