// ImportHelpers: what every `import` subcommand needs: YAML quoting and appending converted
// sections (and entries of `sources:`) to the settings file, valid or not at all.
#pragma once

#include "Commands.h"
#include "util/Result.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace fs {

/// YAML scalar text, quoted so that any value survives.
QString quoted(const QString& v);

/// A top-level section: its name and its lines (the first is "name:").
using SettingsSection = QPair<QByteArray, QStringList>;

/// Appends `sourceEntries` (lines of "  - id: …" items) to the `sources:` list, made when absent,
/// and `sections` to the settings file, refusing to replace a section of the same name; checks that
/// the result is valid settings before writing it. Returns the parsed settings.
Result<Settings> appendImport(const QString& target, const QString& origin, const QStringList& sourceEntries,
                              const QList<SettingsSection>& sections);
/// One section, no sources.
Result<Settings> appendSection(const QString& target, const char* name, const QString& origin,
                               const QStringList& section);

/// import peper config.yaml: Peper's eGauge sensors and InfluxDB database.
int importPeper(const CommandContext& ctx, const QStringList& args);

} // namespace fs
