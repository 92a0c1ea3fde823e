// DashboardCanned: a small station's nodes and readings fed into a real LiveStream, for the
// dashboard's model test and its QML fixture: an OPC-N3, an eGauge with four registers (two powers,
// a voltage, a current), two ISEMS nodes.
#pragma once

#include "LiveStream.h"
#include "views/DashboardTiles.h"

namespace fs::test {

constexpr qint64 kCannedT0 = 1'700'000'000'000; // 2023-11-14, a fixed day

inline ChannelSpec cannedChannel(const char* key, const char* type, const char* unit)
{
    return {QString::fromLatin1(key), QString::fromLatin1(type), QString::fromLatin1(key),
            QString::fromUtf8(unit)};
}

/// Channel ids: OPC 10.., eGauge 20.., ISEMS node a 30.., node b 40...
inline void cannedNodes(LiveStream& stream)
{
    stream.onNodeRegistered({QStringLiteral("opcn3:177"),
                             QStringLiteral("opcn3"),
                             QStringLiteral("OPC-N3"),
                             {cannedChannel("pm1", "pm1", "µg/m³"), cannedChannel("pm2_5", "pm2_5", "µg/m³"),
                              cannedChannel("pm10", "pm10", "µg/m³"),
                              cannedChannel("fan_rev_count", "opc_fan_rev_count", "count"),
                              cannedChannel("laser_status", "opc_laser_status", "")},
                             QStringLiteral("opc")},
                            {1, {10, 11, 12, 13, 14}});
    // The eGauge "house": one node per register (as EgaugeSource registers them), ids as they came.
    const struct
    {
        const char *key, *type, *unit;
        NodeId node;
        ChannelId channel;
    } registers[] = {{"Grid", "POW", "W", 2, 20},
                     {"L1", "voltage", "V", 3, 21},
                     {"Solar", "POW", "W", 6, 22},
                     {"CT1_Amperage", "current", "A", 7, 23}};
    for (const auto& r : registers) {
        const QString key = QString::fromLatin1(r.key);
        stream.onNodeRegistered({QStringLiteral("egauge:house:") + key,
                                 QStringLiteral("egauge"),
                                 QStringLiteral("House ") + key,
                                 {cannedChannel(r.key, r.type, r.unit)},
                                 QStringLiteral("house")},
                                {r.node, {r.channel}});
    }
    for (int n = 0; n < 2; ++n) {
        const QString id = n == 0 ? QStringLiteral("a") : QStringLiteral("b");
        const ChannelId base = n == 0 ? 30 : 40;
        stream.onNodeRegistered({QStringLiteral("isems:") + id,
                                 QStringLiteral("isems"),
                                 id,
                                 {cannedChannel("batteryVoltage", "BAT", "V"),
                                  cannedChannel("batteryChargeEstimate", "state_of_charge", "%"),
                                  cannedChannel("status", "solar_status_bits", "")},
                                 QStringLiteral("solar")},
                                {4 + n, {base, base + 1, base + 2}});
    }
}

/// One second of readings at `timeMs`: PM2.5 `pm25`, the grid drawing 2.5 kW, node a charging.
inline void cannedSecond(LiveStream& stream, qint64 timeMs, double pm25)
{
    stream.onSamples({{timeMs, 10, pm25 / 2},
                      {timeMs, 11, pm25},
                      {timeMs, 12, pm25 * 2},
                      {timeMs, 13, 120},
                      {timeMs, 14, 604},
                      {timeMs, 20, 2500},
                      {timeMs, 21, 231.4},
                      {timeMs, 22, 310},
                      {timeMs, 23, 10.9},
                      {timeMs, 30, 13.1},
                      {timeMs, 31, 84},
                      {timeMs, 32, 0x800},
                      {timeMs, 40, 12.2},
                      {timeMs, 41, 40},
                      {timeMs, 42, 0x400}});
}

inline QList<DashboardSource> cannedSources()
{
    return {{QStringLiteral("opc"),
             QStringLiteral("opcn3"),
             QStringLiteral("OPC-N3 roof"),
             QStringLiteral("Ok"),
             {}},
            {QStringLiteral("house"),
             QStringLiteral("egauge"),
             QStringLiteral("eGauge house"),
             QStringLiteral("Ok"),
             {}},
            {QStringLiteral("solar"),
             QStringLiteral("isems"),
             QStringLiteral("Solar nodes"),
             QStringLiteral("Ok"),
             {}}};
}

inline SinkStatus cannedPush(bool ok, qint64 lastSuccessMs)
{
    SinkStatus s;
    s.server = QStringLiteral("central");
    s.ok = ok;
    s.lastSuccessMs = lastSuccessMs;
    s.rowsBehind = ok ? 12 : 5400;
    s.lastError = ok ? QString() : QStringLiteral("connection refused");
    return s;
}

} // namespace fs::test
