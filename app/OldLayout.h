// OldLayout: settings and data where versions up to 0.1 put them, one "fieldstation" folder too deep.
#pragma once

#include <QStringList>

namespace fs {

/// A line per folder of the old layout that still exists, saying how to move it up, for the
/// settings when they come from the default place and for the data when it is the default data
/// dir; empty when there is none. Call after the application name is set.
QStringList oldLayoutWarnings(bool defaultConfig, bool defaultData);

} // namespace fs
