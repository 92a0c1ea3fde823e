// PasswordInput: one line of stdin into the secret store the settings choose.
#include "PasswordInput.h"

#include "sinks/gascloud/GascloudSetup.h"

#include <QTextStream>
#include <cstdio>

namespace fs {

int storePasswordFromStdin(const CommandContext& ctx, const QString& name, const QString& what)
{
    QTextStream in(stdin);
    const QString password = in.readLine();
    const SecretStore secrets = gascloud::secretStore(ctx.settings, ctx.dataDir, true, ctx.demo);
    if (Status s = secrets.write(name, password); !s) {
        std::fprintf(stderr, "fieldstation: %s\n", qPrintable(s.error()));
        return 1;
    }
    std::printf("stored the password of %s in %s\n", qPrintable(what), qPrintable(secrets.describe(name)));
    return 0;
}

const SourceSettings* sourceOfType(const CommandContext& ctx, const QString& id, const QString& type)
{
    QStringList ofType;
    for (const SourceSettings& s : ctx.settings.sources) {
        if (s.type != type)
            continue;
        if (s.id == id)
            return &s;
        ofType << s.id;
    }
    std::fprintf(stderr, "fieldstation: no %s source \"%s\" in the settings (%s sources: %s)\n",
                 qPrintable(type), qPrintable(id), qPrintable(type),
                 ofType.isEmpty() ? "none" : qPrintable(ofType.join(QStringLiteral(", "))));
    return nullptr;
}

} // namespace fs
