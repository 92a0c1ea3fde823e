// Synthetic OPC-N3 readings recorded through a real Recorder, for sink tests and benchmarks.
#pragma once

#include "sources/opcn3/OpcN3Channels.h"
#include "store/Recorder.h"

namespace fs::test {

/// Records `count` readings, one a second, starting at `startMs`; returns the node's channel ids.
inline NodeChannels recordOpcN3Readings(Recorder& rec, int count, qint64 startMs,
                                        const QString& serial = QStringLiteral("1"))
{
    const NodeChannels ids = rec.registerNode({QStringLiteral("opcn3:") + serial, QStringLiteral("opcn3"),
                                               QStringLiteral("OPC-N3"), opcn3::channels(), QString()})
                                 .value();
    for (int i = 0; i < count; ++i) {
        OpcN3Histogram h;
        h.bins[0] = uint16_t(100 + i % 50);
        h.bins[1] = uint16_t(i % 7);
        h.periodRaw = 100;
        h.flowRaw = 502;
        h.temperatureRaw = 26776;
        h.humidityRaw = 19398;
        h.pm1 = 1.5f + float(i % 10);
        h.pm2_5 = 2.5f;
        h.pm10 = 3.5f;
        h.laserStatus = 604;
        h.crc = uint16_t(0xA0CE + i);
        const auto samples = opcn3::samplesFor(h, ids.channels, startMs + qint64(i) * 1000, 0);
        rec.submit(std::span<const Sample>(samples));
    }
    rec.flush();
    return ids;
}

} // namespace fs::test
