// CommandLine: what the user asked for on the command line.
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace fs {

struct CommandLine
{
    enum class Mode { Kiosk, Desktop, Headless };
    Mode mode = Mode::Desktop;
    bool demo = false;
    QString configFile;
    QString dataDir;
    QStringList command; ///< a subcommand and its arguments, e.g. {"decode", "opcn3", "f.hex"}

    /// Parses the application's arguments; on a usage error prints it and exits (code 2).
    static CommandLine parse(const QCoreApplication& app);
    /// Whether argv asks for a program without any GUI (headless, a subcommand, --help, --version).
    static bool wantsNoGui(int argc, char** argv);
};

} // namespace fs
