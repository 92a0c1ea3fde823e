// egauge --set-password SOURCE: stores an eGauge meter's Digest password (read from standard
// input) in the secret store as "egauge/<source id>", where the egauge source reads it.
#include "Commands.h"

#include "sinks/gascloud/GascloudSetup.h"
#include "sources/egauge/EgaugeSettings.h"

#include <QTextStream>
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
    QTextStream in(stdin);
    const QString password = in.readLine();
    const SecretStore secrets = gascloud::secretStore(ctx.settings, ctx.dataDir, true, ctx.demo);
    const QString name = EgaugeSettings::passwordSecret(id);
    if (Status s = secrets.write(name, password); !s) {
        std::fprintf(stderr, "fieldstation: %s\n", qPrintable(s.error()));
        return 1;
    }
    std::printf("stored the password of eGauge source %s in %s\n", qPrintable(id),
                qPrintable(secrets.describe(name)));
    return 0;
}

} // namespace fs
