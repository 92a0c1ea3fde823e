// CommandLine: QCommandLineParser set-up and mode validation.
#include "CommandLine.h"

#include "CommandHelp.h"

#include <QCommandLineParser>
#include <cstdio>
#include <cstring>

namespace fs {

bool CommandLine::wantsNoGui(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        const char* a = argv[i];
        if (!std::strcmp(a, "--headless") || !std::strcmp(a, "--help") || !std::strcmp(a, "-h") ||
            !std::strcmp(a, "--version") || !std::strcmp(a, "-v") || !std::strcmp(a, "--help-all"))
            return true;
        if (a[0] != '-') {
            // The first word that is not an option's value is a subcommand.
            const bool isValue =
                i > 1 &&
                (!std::strcmp(argv[i - 1], "--config") || !std::strcmp(argv[i - 1], "--data-dir") ||
                 !std::strcmp(argv[i - 1], "--screenshot-tour") || !std::strcmp(argv[i - 1], "--page"));
            if (!isValue)
                return true;
        }
    }
    return false;
}

bool CommandLine::wantsKiosk(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--kiosk"))
            return true;
    }
    return false;
}

CommandLine CommandLine::parse(const QCoreApplication& app)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("FieldStation: acquires, keeps, shows and forwards a field station's readings.\n\n") +
        commandhelp::commandList());
    p.addHelpOption();
    p.addVersionOption();
    const QCommandLineOption kiosk(QStringLiteral("kiosk"),
                                   QStringLiteral("Full screen, touch only (800×480)."));
    const QCommandLineOption desktop(QStringLiteral("desktop"),
                                     QStringLiteral("A normal window (the default)."));
    const QCommandLineOption headless(QStringLiteral("headless"),
                                      QStringLiteral("No GUI at all: a service."));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QStringLiteral("Emulate every device and remote end; keep data apart."));
    const QCommandLineOption config(QStringLiteral("config"), QStringLiteral("The settings file."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Where the store lives."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption page(
        QStringLiteral("page"),
        QStringLiteral(
            "The page shown first: home (default), particles, energy, solar, uploads, push, settings."),
        QStringLiteral("ID"));
    QCommandLineOption screenshotTour(QStringLiteral("screenshot-tour"),
                                      QStringLiteral("Save a PNG of every page into DIR, then quit."),
                                      QStringLiteral("DIR"));
    screenshotTour.setFlags(QCommandLineOption::HiddenFromHelp); // for tests/screenshots.sh
    p.addOptions({kiosk, desktop, headless, demo, config, dataDir, page, screenshotTour});
    p.addPositionalArgument(QStringLiteral("command"), QStringLiteral("Optional command, see above."),
                            QStringLiteral("[command …]"));
    // Everything after the command word belongs to the command (its own options included).
    p.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    p.process(app);

    CommandLine c;
    const int modes = int(p.isSet(kiosk)) + int(p.isSet(desktop)) + int(p.isSet(headless));
    if (modes > 1) {
        std::fprintf(stderr, "fieldstation: choose one of --kiosk, --desktop, --headless\n");
        std::exit(2);
    }
    c.mode = p.isSet(kiosk) ? Mode::Kiosk : p.isSet(headless) ? Mode::Headless : Mode::Desktop;
    c.demo = p.isSet(demo);
    c.configFile = p.value(config);
    c.dataDir = p.value(dataDir);
    c.startPage = p.value(page);
    c.screenshotTour = p.value(screenshotTour);
    if (!c.screenshotTour.isEmpty() && c.mode == Mode::Headless) {
        std::fprintf(stderr, "fieldstation: --screenshot-tour needs a window (--kiosk or --desktop)\n");
        std::exit(2);
    }
    c.command = p.positionalArguments();
    return c;
}

} // namespace fs
