// InfluxSources: the one place the sink's folder reads a source type's own settings (eGauge's).
#include "InfluxSources.h"

#include "config/Settings.h"
#include "sources/egauge/EgaugeSettings.h"

namespace fs::influx {

SourceCatalog sourceCatalog(const Settings& settings)
{
    SourceCatalog out;
    for (const SourceSettings& s : settings.sources) {
        SourceInfo info{s.type, s.name, {}};
        if (s.type == QLatin1String("egauge")) {
            for (const EgaugeRegister& r : s.as<EgaugeSettings>().registers)
                info.registerUnits.insert(r.name, r.unit);
        }
        out.insert(s.id, info);
    }
    return out;
}

} // namespace fs::influx
