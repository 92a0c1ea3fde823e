// isems --set-password SOURCE: stores the MQTT broker password of an ISEMS source (read from
// standard input) in the secret store as "isems/<source id>/mqtt", where the isems source reads it.
#include "PasswordInput.h"

#include "sources/isems/IsemsSettings.h"

#include <cstdio>

namespace fs {

int runIsemsCommand(const CommandContext& ctx, const QStringList& args)
{
    if (args.size() != 2 || args[0] != QLatin1String("--set-password")) {
        std::fprintf(stderr, "usage: fieldstation isems --set-password SOURCE  (password on stdin)\n");
        return 2;
    }
    const QString& id = args[1];
    const SourceSettings* entry = sourceOfType(ctx, id, QStringLiteral("isems"));
    if (!entry)
        return 1;
    if (entry->as<IsemsSettings>().mqtt.user.isEmpty())
        std::fprintf(
            stderr, "fieldstation: note: source %s has no mqtt: user: the password is used once one is set\n",
            qPrintable(id));
    return storePasswordFromStdin(ctx, IsemsSettings::mqttPasswordSecret(id),
                                  QStringLiteral("ISEMS source %1's MQTT broker").arg(id));
}

} // namespace fs
