// influx --set-password: stores the InfluxDB sink's password (read from standard input) as
// "influx/<influx.name>", for a site configured by hand or whose password changed after the import.
#include "PasswordInput.h"

#include "sinks/influx/InfluxSink.h"

#include <cstdio>

namespace fs {

int runInfluxCommand(const CommandContext& ctx, const QStringList& args)
{
    if (args != QStringList{QStringLiteral("--set-password")}) {
        std::fprintf(stderr, "usage: fieldstation influx --set-password  (password on stdin)\n");
        return 2;
    }
    const InfluxSettings& influx = ctx.settings.influx;
    if (influx.user.isEmpty())
        std::fprintf(stderr,
                     "fieldstation: note: influx: has no user: the password is used once one is set\n");
    return storePasswordFromStdin(ctx, InfluxSink::secretName(influx.name),
                                  QStringLiteral("InfluxDB %1").arg(influx.name));
}

} // namespace fs
