// SourceTypes: the table of source types. A new type is its own folder under core/sources/ plus
// one registration line in SourceTypes.cpp; Settings, Station and the screen need no change.
#pragma once

#include "Source.h"
#include "config/Settings.h"
#include "util/Result.h"

#include <memory>

namespace fs {

class YamlReader;
class SecretStore;

/// What a factory gets besides the entry's settings.
struct SourceContext
{
    SampleSink* sink = nullptr; ///< where samples go (the Station's live tap in front of the Recorder)
    bool demo = false;          ///< build the source over its emulator instead of the device
    const SecretStore* secrets = nullptr; ///< passwords of devices (e.g. "egauge/<id>"); may be null
    QString stationName = {};             ///< settings' station.name, e.g. for MQTT client ids
};

struct SourceType
{
    QString type;        ///< the value of `type:` in settings, e.g. "opcn3"
    QString displayName; ///< e.g. "OPC-N3"
    /// Reads the type's own keys of one `sources:` entry; problems go to the reader with file:line.
    std::shared_ptr<const SourceOptions> (*read)(YamlReader& reader) = nullptr;
    /// Builds the source (not yet started); an error names the device that could not be opened.
    Result<std::unique_ptr<Source>> (*create)(const SourceSettings& settings,
                                              const SourceContext& context) = nullptr;
};

/// Every type, in the order `--demo` starts them when no sources are configured.
const QList<SourceType>& sourceTypes();
/// The type named `type`, or null.
const SourceType* findSourceType(const QString& type);
/// An entry of `type` with every key at its default and id = the type's name (for `--demo`).
SourceSettings defaultSourceSettings(const SourceType& type);

} // namespace fs
