// push --once [--set-password SERVER]: push every enabled server now and print what happened;
// or store a server's MySQL password (read from standard input) in the secret store.
#include "PasswordInput.h"

#include "Station.h"
#include "sinks/gascloud/GascloudSetup.h"
#include "sinks/mysqlpush/Pusher.h"
#include "store/Recorder.h"
#include "util/DataDirLock.h"
#include "util/Redact.h"

#include <QDateTime>
#include <cstdio>

namespace fs {

int runPushCommand(const CommandContext& ctx, const QStringList& args)
{
    const SecretStore secrets = gascloud::secretStore(ctx.settings, ctx.dataDir, true, ctx.demo);
    if (args.size() == 2 && args[0] == QLatin1String("--set-password"))
        return storePasswordFromStdin(ctx, Pusher::passwordSecret(args[1]),
                                      QStringLiteral("push server %1").arg(args[1]));
    if (args != QStringList{QStringLiteral("--once")}) {
        std::fprintf(stderr,
                     "usage: fieldstation push --once | push --set-password SERVER  (password on stdin)\n");
        return 2;
    }
    if (ctx.settings.push.servers.isEmpty()) {
        std::fprintf(stderr, "fieldstation: no push servers in the settings (push.servers)\n");
        return 1;
    }
    const auto lock = DataDirLock::take(ctx.dataDir); // the running station pushes on its own
    if (!lock) {
        std::fprintf(stderr, "fieldstation: push --once: %s\n", qPrintable(lock.error()));
        return 1;
    }
    Recorder recorder(Station::storePathIn(ctx.dataDir, ctx.demo));
    if (Status s = recorder.start(); !s) {
        std::fprintf(stderr, "fieldstation: %s\n", qPrintable(s.error()));
        return 1;
    }
    Pusher pusher(recorder, recorder.storePath(), ctx.settings.push, ctx.dataDir, secrets);
    bool allOk = true;
    for (const PushStatus& s : pusher.pushAll()) {
        allOk = allOk && s.ok;
        if (s.ok)
            std::printf("%s: pushed %lld readings and %lld node states (%.0f rows/s); %lld readings behind\n",
                        qPrintable(s.server), static_cast<long long>(s.pushedReadings),
                        static_cast<long long>(s.pushedStates), s.rowsPerSecond,
                        static_cast<long long>(s.rowsBehind));
        if (s.mergedReadings > 0)
            std::printf("%s: %lld readings shared a second with another of their channel; the server keeps "
                        "whole seconds, so the last of each second was kept\n",
                        qPrintable(s.server), static_cast<long long>(s.mergedReadings));
        else
            std::printf("%s: FAILED: %s; %lld readings behind\n", qPrintable(s.server),
                        qPrintable(redact::apply(s.lastError)), static_cast<long long>(s.rowsBehind));
    }
    return allOk ? 0 : 1;
}

} // namespace fs
