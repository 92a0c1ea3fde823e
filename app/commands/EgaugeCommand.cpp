// egauge --set-password SOURCE: stores an eGauge meter's Digest password (read from standard
// input) in the secret store as "egauge/<source id>", where the egauge source reads it.
#include "PasswordInput.h"

#include "sources/egauge/EgaugeSettings.h"

#include <cstdio>

namespace fs {

int runEgaugeCommand(const CommandContext& ctx, const QStringList& args)
{
    if (args.size() != 2 || args[0] != QLatin1String("--set-password")) {
        std::fprintf(stderr, "usage: fieldstation egauge --set-password SOURCE  (password on stdin)\n");
        return 2;
    }
    const QString& id = args[1];
    const auto entry = std::find_if(ctx.settings.sources.begin(), ctx.settings.sources.end(),
                                    [&](const SourceSettings& s) { return s.id == id; });
    if (entry == ctx.settings.sources.end() || entry->type != QLatin1String("egauge")) {
        QStringList meters;
        for (const SourceSettings& s : ctx.settings.sources)
            if (s.type == QLatin1String("egauge"))
                meters << s.id;
        std::fprintf(stderr, "fieldstation: no egauge source \"%s\" in the settings (egauge sources: %s)\n",
                     qPrintable(id),
                     meters.isEmpty() ? "none" : qPrintable(meters.join(QStringLiteral(", "))));
        return 1;
    }
    if (entry->as<EgaugeSettings>().user.isEmpty())
        std::fprintf(stderr,
                     "fieldstation: note: source %s has no user: the password is used once one is set\n",
                     qPrintable(id));
    return storePasswordFromStdin(ctx, EgaugeSettings::passwordSecret(id),
                                  QStringLiteral("eGauge source %1").arg(id));
}

} // namespace fs
