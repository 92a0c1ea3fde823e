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
    const SourceSettings* entry = sourceOfType(ctx, id, QStringLiteral("egauge"));
    if (!entry)
        return 1;
    if (entry->as<EgaugeSettings>().user.isEmpty())
        std::fprintf(stderr,
                     "fieldstation: note: source %s has no user: the password is used once one is set\n",
                     qPrintable(id));
    return storePasswordFromStdin(ctx, EgaugeSettings::passwordSecret(id),
                                  QStringLiteral("eGauge source %1").arg(id));
}

} // namespace fs
