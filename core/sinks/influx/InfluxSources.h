// InfluxSources: what the InfluxDB sink needs of the configured sources (type, name, eGauge unit
// letters), taken from the settings so the sink never reads a source type's own settings itself.
#pragma once

#include "InfluxPoints.h"

namespace fs {
struct Settings;
}

namespace fs::influx {

/// Every configured source by id; eGauge sources with their registers' Peper unit letters.
SourceCatalog sourceCatalog(const Settings& settings);

} // namespace fs::influx
