// OPC-N3 channel table: measurements first, then health. Sensor-type codes are those of
// model/SensorTypes.cpp (temperature and humidity are Cogent-house's T and RH).
#include "OpcN3Channels.h"

namespace fs::opcn3 {

namespace {

constexpr int kFixed = 16; // channels before the bins

} // namespace

QList<ChannelSpec> channels()
{
    static const QList<ChannelSpec> list = [] {
        const QString ugm3 = QStringLiteral("µg/m³");
        QList<ChannelSpec> l = {
            {QStringLiteral("pm1"), QStringLiteral("pm1"), QStringLiteral("PM1"), ugm3},
            {QStringLiteral("pm2_5"), QStringLiteral("pm2_5"), QStringLiteral("PM2.5"), ugm3},
            {QStringLiteral("pm10"), QStringLiteral("pm10"), QStringLiteral("PM10"), ugm3},
            {QStringLiteral("temperature"), QStringLiteral("T"), QStringLiteral("Temperature"),
             QStringLiteral("°C")},
            {QStringLiteral("humidity"), QStringLiteral("RH"), QStringLiteral("Relative humidity"),
             QStringLiteral("%")},
            {QStringLiteral("flow_rate"), QStringLiteral("flow_rate"), QStringLiteral("Sample flow rate"),
             QStringLiteral("ml/s")},
            {QStringLiteral("sampling_period"), QStringLiteral("sampling_period"),
             QStringLiteral("Sampling period"), QStringLiteral("s")},
            {QStringLiteral("reject_glitch"), QStringLiteral("opc_reject_glitch"),
             QStringLiteral("Rejected: glitch"), QStringLiteral("count")},
            {QStringLiteral("reject_long_tof"), QStringLiteral("opc_reject_long_tof"),
             QStringLiteral("Rejected: long TOF"), QStringLiteral("count")},
            {QStringLiteral("reject_ratio"), QStringLiteral("opc_reject_ratio"),
             QStringLiteral("Rejected: ratio"), QStringLiteral("count")},
            {QStringLiteral("reject_out_of_range"), QStringLiteral("opc_reject_out_of_range"),
             QStringLiteral("Rejected: out of range"), QStringLiteral("count")},
            {QStringLiteral("reject_pct"), QStringLiteral("opc_reject_pct"), QStringLiteral("Rejected share"),
             QStringLiteral("%")},
            {QStringLiteral("fan_rev_count"), QStringLiteral("opc_fan_rev_count"),
             QStringLiteral("Fan revolutions"), QStringLiteral("count")},
            {QStringLiteral("laser_status"), QStringLiteral("opc_laser_status"),
             QStringLiteral("Laser status"), QStringLiteral("raw")},
            {QStringLiteral("consecutive_errors"), QStringLiteral("consecutive_errors"),
             QStringLiteral("Consecutive errors"), QStringLiteral("count")},
            {QStringLiteral("checksum"), QStringLiteral("opc_checksum"),
             QStringLiteral("Frame CRC as received"), QStringLiteral("raw")},
        };
        for (int i = 0; i < kBins; ++i)
            l.append({QStringLiteral("bin_%1").arg(i), QStringLiteral("opc_bin_%1").arg(i),
                      QStringLiteral("OPC bin %1").arg(i), QStringLiteral("count")});
        for (int b : {1, 3, 5, 7})
            l.append({QStringLiteral("bin%1_mtof").arg(b), QStringLiteral("opc_bin%1_mtof").arg(b),
                      QStringLiteral("Bin %1 mean time of flight").arg(b), QStringLiteral("µs")});
        return l;
    }();
    return list;
}

int channelIndex(const QString& key)
{
    const QList<ChannelSpec>& l = channels();
    for (int i = 0; i < l.size(); ++i) {
        if (l[i].key == key)
            return i;
    }
    return -1;
}

std::vector<Sample> samplesFor(const OpcN3Histogram& h, const QList<ChannelId>& ids, qint64 timeMs,
                               int consecutiveErrors)
{
    std::vector<double> v = {
        h.pm1,
        h.pm2_5,
        h.pm10,
        h.temperatureC(),
        h.humidityPct(),
        h.flowRateMlS(),
        h.samplingPeriodS(),
        double(h.rejectGlitch),
        double(h.rejectLongTof),
        double(h.rejectRatio),
        double(h.rejectOutOfRange),
        h.rejectPct(),
        double(h.fanRevCount),
        double(h.laserStatus),
        double(consecutiveErrors),
        double(h.crc),
    };
    static_assert(kFixed == 16);
    for (uint16_t b : h.bins)
        v.push_back(b);
    for (int i = 0; i < 4; ++i)
        v.push_back(h.mtofUs(i));
    std::vector<Sample> out;
    out.reserve(v.size());
    for (size_t i = 0; i < v.size() && i < size_t(ids.size()); ++i)
        out.push_back({timeMs, ids[qsizetype(i)], v[i]});
    return out;
}

} // namespace fs::opcn3
