// OpcN3Settings: validation of the OPC-N3 keys against the limits of the device and opcn3.md.
#include "OpcN3Settings.h"

#include "config/YamlReader.h"

namespace fs {

std::shared_ptr<const SourceOptions> OpcN3Settings::read(YamlReader& r)
{
    auto s = std::make_shared<OpcN3Settings>();
    r.text("device", s->device, false);
    r.integer("speed_hz", s->speedHz, 100000, 750000);
    int cs = int(s->chipSelect);
    r.choice("chip_select", cs, {QStringLiteral("message"), QStringLiteral("byte")});
    s->chipSelect = ChipSelect(cs);
    r.integer("byte_delay_us", s->byteDelayUs, 0, 100000);
    r.integer("poll_interval_ms", s->pollIntervalMs, 0, 100);
    r.integer("max_polls", s->maxPolls, 1, 100);
    r.integer("exchange_gap_ms", s->exchangeGapMs, 0, 100);
    r.integer("read_interval_s", s->readIntervalS, 1, 10);
    r.integer("laser_wait_ms", s->laserWaitMs, 0, 10000);
    r.integer("fan_wait_ms", s->fanWaitMs, 0, 20000);
    // The OPC needs more than 2 s of silence after an error to clear its buffer.
    r.integer("error_backoff_ms", s->errorBackoffMs, 2001, 60000);
    return s;
}

} // namespace fs
