// GascloudSetup: turns settings and the data folder into the uploader's options and folders, the
// same way for the station, the command line and --demo.
#pragma once

#include "Uploader.h"
#include "config/SecretStore.h"
#include "config/Settings.h"

namespace fs::gascloud {

/// The uploader's options; `key` is the gateway key, `demo` puts everything under demo folders.
/// builder.sources is the settings' list, or when it is empty only "" (nodes with no source id): the
/// caller then adds its OPC-N3 source ids. The caller fills builder.otherSinkCursors.
Uploader::Options uploaderOptions(const GascloudSettings& s, const QString& dataDir, const QString& key,
                                  bool demo);
/// Where the SSH host keys of quarantine hosts are pinned.
QString knownHostsPath(const GascloudSettings& s, const QString& dataDir, bool demo);
/// The station's secret store; headless and kiosk have no keychain service.
SecretStore secretStore(const Settings& s, const QString& dataDir, bool keychainUsable, bool demo);

} // namespace fs::gascloud
