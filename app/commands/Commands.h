// The subcommands of `fieldstation`: each takes its arguments (after the command word) and returns
// the exit code. They run on the main thread of a QCoreApplication, with no GUI.
#pragma once

#include "config/Settings.h"

#include <QStringList>

namespace fs {

struct CommandContext
{
    Settings settings;
    QString dataDir;
    QString configFile; ///< the settings file in use, or where `import` writes one
    bool demo = false;
};

int runRegisterCommand(const CommandContext& ctx, const QStringList& args);
int runUploadCommand(const CommandContext& ctx, const QStringList& args);
int runQueueCommand(const CommandContext& ctx, const QStringList& args);
int runPushCommand(const CommandContext& ctx, const QStringList& args);
int runEgaugeCommand(const CommandContext& ctx, const QStringList& args);
int runInfluxCommand(const CommandContext& ctx, const QStringList& args);
int runIsemsCommand(const CommandContext& ctx, const QStringList& args);
int runImportCommand(const CommandContext& ctx, const QStringList& args);
int runApiCommand(const CommandContext& ctx, const QStringList& args);
int runSimCommand(const QStringList& args);

} // namespace fs
