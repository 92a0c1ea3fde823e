// register, upload --once, queue: the gascloud uploader from a terminal, with what it did printed.
#include "Commands.h"

#include "Station.h"
#include "sinks/gascloud/GascloudApi.h"
#include "sinks/gascloud/GascloudSetup.h"
#include "sinks/gascloud/Registration.h"
#include "sinks/gascloud/Uploader.h"
#include "store/Recorder.h"
#include "store/Store.h"
#include "util/DataDirLock.h"
#include "util/Redact.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QThread>
#include <cstdio>

namespace fs {

namespace {

void out(const QString& s)
{
    std::printf("%s\n", qPrintable(redact::apply(s)));
    std::fflush(stdout);
}

int fail(const QString& s)
{
    std::fprintf(stderr, "fieldstation: %s\n", qPrintable(redact::apply(s)));
    return 1;
}

QString when(qint64 ms)
{
    return ms ? QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
              : QStringLiteral("-");
}

/// The batch id (shortened: it is the SCP password) once there is one; before, the source ref
/// without the gateway key in it.
QString displayName(const UploadBatch& b)
{
    if (!b.batchId.isEmpty())
        return shownBatchId(b.batchId);
    const qsizetype cut = b.sourceRef.indexOf(QLatin1Char('_'));
    return cut > 0 ? QStringLiteral("…") + b.sourceRef.mid(cut) : b.sourceRef;
}

void printQueue(const QList<UploadBatch>& list)
{
    out(QStringLiteral("   id  state            rows      bytes  tries  batch"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const UploadBatch& b : list) {
        out(QStringLiteral("%1  %2 %3 %4 %5  %6")
                .arg(b.id, 5)
                .arg(toString(b.state), -15)
                .arg(b.rows, 6)
                .arg(b.zipSize, 10)
                .arg(b.attempts, 6)
                .arg(displayName(b)));
        out(QStringLiteral("       readings %1 .. %2, created %3, updated %4%5")
                .arg(when(b.readingFromMs), when(b.readingToMs), when(b.createdMs), when(b.updatedMs),
                     b.nextAttemptMs > now ? QStringLiteral(", next try %1").arg(when(b.nextAttemptMs))
                                           : QString()));
        if (!b.lastError.isEmpty())
            out(QStringLiteral("       %1").arg(b.lastError));
    }
    if (list.isEmpty())
        out(QStringLiteral("(no batches)"));
}

} // namespace

int runRegisterCommand(const CommandContext& ctx, const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption pin(QStringLiteral("pin"), QStringLiteral("The registration PIN."),
                                 QStringLiteral("PIN"));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("This station's name."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption api(QStringLiteral("api"),
                                 QStringLiteral("The gascloud API (default: gascloud.api)."),
                                 QStringLiteral("URL"));
    const QCommandLineOption insecure(
        QStringLiteral("allow-insecure-http"),
        QStringLiteral("Allow an http:// API (test emulators only; also gascloud.allow_insecure_http)."));
    p.addOptions({pin, name, api, insecure});
    if (!p.parse(QStringList{QStringLiteral("register")} + args) || !p.isSet(pin))
        return fail(QStringLiteral(
            "usage: fieldstation register --pin PIN [--name NAME] [--api URL] [--allow-insecure-http]"));
    const SecretStore secrets = gascloud::secretStore(ctx.settings, ctx.dataDir, true, ctx.demo);
    auto where = registerGateway(p.isSet(api) ? p.value(api) : ctx.settings.gascloud.api,
                                 ctx.settings.gascloud.requestTimeoutS, p.value(pin),
                                 p.isSet(name) ? p.value(name) : ctx.settings.station.name, secrets,
                                 p.isSet(insecure) || ctx.settings.gascloud.allowInsecureHttp);
    if (!where)
        return fail(where.error());
    out(QStringLiteral("registered; the gateway key is stored in %1").arg(where.value()));
    return 0;
}

int runUploadCommand(const CommandContext& ctx, const QStringList& args)
{
    if (args != QStringList{QStringLiteral("--once")})
        return fail(QStringLiteral("usage: fieldstation upload --once"));
    const auto lock = DataDirLock::take(ctx.dataDir); // the running station uploads on its own
    if (!lock)
        return fail(QStringLiteral("upload --once: %1").arg(lock.error()));
    const SecretStore secrets = gascloud::secretStore(ctx.settings, ctx.dataDir, true, ctx.demo);
    auto key = gatewayKey(secrets);
    if (!key)
        return fail(key.error());
    Recorder recorder(Station::storePathIn(ctx.dataDir, ctx.demo));
    if (Status s = recorder.start(); !s)
        return fail(s.error());
    const GascloudSettings& g = ctx.settings.gascloud;
    const Uploader::Options options = gascloud::uploaderOptions(g, ctx.dataDir, key.value(), ctx.demo);
    Uploader uploader(recorder, recorder.storePath(), options,
                      std::make_unique<ScpTransport>(gascloud::knownHostsPath(g, ctx.dataDir, ctx.demo),
                                                     g.requestTimeoutS));
    if (Status s = uploader.recover(); !s)
        return fail(s.error());
    QStringList problems = uploader.runCycle(QDateTime::currentMSecsSinceEpoch(), true);
    // Sent batches wait for their status: look a few times, as the old uploader did.
    for (int i = 0; i < 10; ++i) {
        const QList<UploadBatch> q = uploader.snapshot();
        if (std::none_of(q.begin(), q.end(),
                         [](const UploadBatch& b) { return b.state == UploadBatch::State::AwaitingStatus; }))
            break;
        QThread::msleep(1000);
        // A status that is not decided yet is looked at again a tick later: that tick is now.
        const qint64 nextTick = QDateTime::currentMSecsSinceEpoch() + qint64(options.tickS) * 1000;
        problems += uploader.runCycle(nextTick, false);
    }
    printQueue(uploader.snapshot());
    for (const QString& p : problems)
        std::fprintf(stderr, "fieldstation: %s\n", qPrintable(redact::apply(p)));
    return problems.isEmpty() ? 0 : 1;
}

int runQueueCommand(const CommandContext& ctx, const QStringList& args)
{
    if (!args.isEmpty())
        return fail(QStringLiteral("usage: fieldstation queue"));
    auto store = Store::open(Station::storePathIn(ctx.dataDir, ctx.demo), Store::Mode::ReadOnly);
    if (!store)
        return fail(store.error());
    auto list = batches::recent(*store.value(), 1000);
    if (!list)
        return fail(list.error());
    printQueue(list.value());
    return 0;
}

} // namespace fs
