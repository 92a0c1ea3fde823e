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
    QString startPage;      ///< --page ID: the page shown first (empty: the dashboard)
    QString screenshotTour; ///< hidden --screenshot-tour DIR: visit every page, save a PNG of each, quit
    QStringList command;    ///< a subcommand and its arguments, e.g. {"decode", "opcn3", "f.hex"}

    /// Parses the application's arguments; on a usage error prints it and exits (code 2).
    static CommandLine parse(const QCoreApplication& app);
    /// Whether argv asks for a program without any GUI (headless, a subcommand, --help, --version).
    static bool wantsNoGui(int argc, char** argv);
    /// Whether argv asks for the kiosk (read before the application exists: the input method is
    /// chosen from the environment when it is created).
    static bool wantsKiosk(int argc, char** argv);
};

} // namespace fs
