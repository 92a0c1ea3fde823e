// import gascloud settings.yaml [gateway_key.txt]: converts the old uploader's settings into a
// gascloud: section of FieldStation's settings file, and its key into the secret store.
#include "Commands.h"
#include "ImportHelpers.h"

#include "sinks/gascloud/GascloudApi.h"
#include "sinks/gascloud/GascloudSetup.h"
#include "sinks/gascloud/LegacyBatches.h"
#include "sinks/gascloud/Registration.h"
#include "util/Redact.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QUrl>
#include <cstdio>
#include <yaml-cpp/yaml.h>

namespace fs {

namespace {

int fail(const QString& s)
{
    std::fprintf(stderr, "fieldstation import: %s\n", qPrintable(redact::apply(s)));
    return 1;
}

struct CogentTunnel
{
    QString host, user, key; ///< host empty: no tunnel
};

/// The SSH tunnel of a synchronise.conf server section, in either form the old pushers wrote:
/// url = user@host with sshkey a path, or (the documented form) url = host with sshuser, sshfolder
/// and sshkey a file in that folder. The key named is sometimes the .pub by mistake.
Result<CogentTunnel> sshTunnel(const QSettings& ini)
{
    const auto value = [&ini](const char* key) { return ini.value(QLatin1String(key)).toString().trimmed(); };
    const QString url = value("url");
    CogentTunnel t;
    if (url.contains(QLatin1Char('@'))) {
        t.host = url.section(QLatin1Char('@'), 1);
        t.user = value("sshuser").isEmpty() ? url.section(QLatin1Char('@'), 0, 0) : value("sshuser");
    } else if (!value("sshuser").isEmpty() &&
               !QStringList{QString(), QStringLiteral("local"), QStringLiteral("localhost"),
                            QStringLiteral("127.0.0.1")}
                    .contains(url)) {
        t.host = url;
        t.user = value("sshuser");
    }
    if (t.host.isEmpty())
        return t;
    t.key = value("sshkey");
    const QString folder = value("sshfolder");
    if (t.key.isEmpty())
        return Error{
            QStringLiteral("tunnels to %1 but names no sshkey: FieldStation needs the private key file")
                .arg(t.host)};
    if (!folder.isEmpty() && QFileInfo(t.key).isRelative())
        t.key = QDir(folder).filePath(t.key);
    if (t.key.endsWith(QLatin1String(".pub")))
        t.key.chop(4);
    return t;
}

int importCogent(const CommandContext& ctx, const QStringList& args)
{
    if (args.size() != 2)
        return fail(QStringLiteral("usage: fieldstation [--config FILE] import cogent synchronise.conf"));
    const QString conf = args[1];
    if (!QFile::exists(conf))
        return fail(QStringLiteral("%1: no such file").arg(conf));
    QSettings ini(conf, QSettings::IniFormat);
    if (ini.status() != QSettings::NoError)
        return fail(QStringLiteral("%1: not an INI file the old pusher could have read").arg(conf));
    ini.beginGroup(QStringLiteral("general"));
    const int pushLimit = ini.value(QStringLiteral("pushlimit"), 5000).toInt();
    const int syncMinutes = ini.value(QStringLiteral("synctime"), 10).toInt();
    ini.endGroup();
    ini.beginGroup(QStringLiteral("locations"));
    QMap<QString, bool> flags;
    for (const QString& name : ini.childKeys())
        flags.insert(name, ini.value(name).toString().trimmed() == QLatin1String("1"));
    ini.endGroup();
    if (flags.isEmpty())
        return fail(QStringLiteral("%1: [locations] names no server").arg(conf));
    QStringList section = {QStringLiteral("push:"),
                           QStringLiteral("  house: %1").arg(quoted(ctx.settings.station.name)),
                           QStringLiteral("  servers:")};
    QList<QPair<QString, QString>> passwords;
    for (auto it = flags.begin(); it != flags.end(); ++it) {
        ini.beginGroup(it.key());
        // dbstring: mysql://user:password@host:port/database (SQLAlchemy)
        const QUrl db(ini.value(QStringLiteral("dbstring"))
                          .toString()
                          .trimmed()
                          .replace(QStringLiteral("mysql+mysqldb://"), QStringLiteral("mysql://")));
        if (!db.isValid() || db.host().isEmpty()) {
            ini.endGroup();
            return fail(QStringLiteral("%1: [%2] dbstring is not mysql://user:password@host:port/database")
                            .arg(conf, it.key()));
        }
        auto tunnel = sshTunnel(ini);
        if (!tunnel) {
            ini.endGroup();
            return fail(QStringLiteral("%1: [%2] %3").arg(conf, it.key(), tunnel.error()));
        }
        // The old pusher's tunnel ran from dbstring's host:port here to MySQL on the SSH host's
        // 127.0.0.1:3306; FieldStation's tunnel names that far end.
        const bool loopback =
            db.host() == QLatin1String("127.0.0.1") || db.host() == QLatin1String("localhost");
        const int port = tunnel->host.isEmpty() || !loopback ? db.port(3306) : 3306;
        section << QStringLiteral("    %1:").arg(it.key())
                << QStringLiteral("      enabled: %1")
                       .arg(it.value() ? QStringLiteral("true") : QStringLiteral("false"))
                << QStringLiteral("      host: %1").arg(quoted(db.host()))
                << QStringLiteral("      port: %1").arg(port)
                << QStringLiteral("      database: %1").arg(quoted(db.path().mid(1)))
                << QStringLiteral("      user: %1").arg(quoted(db.userName()))
                << QStringLiteral("      push_limit: %1").arg(std::clamp(pushLimit, 1, 100000))
                << QStringLiteral("      interval_secs: %1").arg(std::clamp(syncMinutes * 60, 10, 86400));
        const QString last = ini.value(QStringLiteral("lastupdate")).toString().trimmed();
        if (!last.isEmpty() && last != QLatin1String("None"))
            section << QStringLiteral("      start_from: %1").arg(quoted(last.left(19)));
        if (!tunnel->host.isEmpty()) {
            section << QStringLiteral("      ssh_host: %1").arg(quoted(tunnel->host))
                    << QStringLiteral("      ssh_user: %1").arg(quoted(tunnel->user))
                    << QStringLiteral("      ssh_key: %1").arg(quoted(tunnel->key));
            if (!loopback)
                section << QStringLiteral("      tunnel_target: %1").arg(quoted(db.host()));
        }
        if (!db.password().isEmpty())
            passwords.append({it.key(), db.password()});
        ini.endGroup();
    }
    for (const auto& [name, pw] : passwords)
        redact::addSecret(pw);
    auto written = appendSection(ctx.configFile, "push", conf, section);
    if (!written)
        return fail(written.error());
    std::printf("wrote the push section to %s (house \"%s\": check it, and push.deployment and push.rooms)\n",
                qPrintable(ctx.configFile), qPrintable(ctx.settings.station.name));
    const SecretStore secrets = gascloud::secretStore(written.value(), ctx.dataDir, true, ctx.demo);
    for (const auto& [name, pw] : passwords) {
        if (Status s = secrets.write(QStringLiteral("push/%1/password").arg(name), pw); !s)
            return fail(s.error());
        std::printf("the password of %s is stored in %s\n", qPrintable(name),
                    qPrintable(secrets.describe(QStringLiteral("push/%1/password").arg(name))));
    }
    return 0;
}

/// The gateway key file: the one named, else gateway_key.txt or device_key.txt (its older name)
/// beside the old settings. Empty when there is none.
Result<QString> oldGatewayKey(const QString& settingsPath, const QStringList& args, QString* from)
{
    QStringList candidates;
    if (args.size() == 3)
        candidates << args[2];
    else
        for (const char* name : {"gateway_key.txt", "device_key.txt"})
            candidates << QFileInfo(settingsPath).dir().filePath(QLatin1String(name));
    for (const QString& path : candidates) {
        QFile f(path);
        if (!f.exists() && args.size() < 3)
            continue;
        if (!f.open(QIODevice::ReadOnly))
            return Error{QStringLiteral("%1: %2").arg(path, f.errorString())};
        *from = path;
        return QString::fromUtf8(f.readAll()).trimmed(); // the old file often ends in a newline
    }
    return QString();
}

int importGascloud(const CommandContext& ctx, const QStringList& args)
{
    if (args.size() < 2 || args.size() > 3)
        return fail(QStringLiteral(
            "usage: fieldstation [--config FILE] import gascloud settings.yaml [gateway_key.txt]"));
    const QString oldPath = args[1];
    YAML::Node old;
    try {
        old = YAML::LoadFile(QFile::encodeName(oldPath).toStdString());
    } catch (const YAML::Exception& e) {
        return fail(
            QStringLiteral("%1:%2: %3").arg(oldPath).arg(e.mark.line + 1).arg(QString::fromStdString(e.msg)));
    }
    if (!old.IsMap())
        return fail(QStringLiteral("%1: not a mapping of settings").arg(oldPath));

    // Old key → new key; DBNAME and the like belong to the old logger and have no counterpart.
    const QList<QPair<const char*, const char*>> map = {
        {"API", "api"},
        {"GADGET_ID", "gadget_id"},
        {"UPLOAD_INTERVAL_SECS", "upload_interval_secs"},
        {"BATCH_MODE", "batch_mode"},
        {"BATCH_TYPE", "batch_type"},
        {"BATCH_DIR_PENDING", "batch_dir_pending"},
        {"BATCH_DIR_UPLOADED", "batch_dir_uploaded"},
        {"DELETE_BATCH_ON_UPLOAD", "delete_batch_on_upload"},
        {"DELETE_READING_ON_ZIP", "delete_reading_on_zip"},
    };
    QStringList section = {QStringLiteral("gascloud:"), QStringLiteral("  enabled: true")};
    QString pendingDir, gadgetId;
    for (auto it = old.begin(); it != old.end(); ++it) {
        const QString name = QString::fromStdString(it->first.Scalar());
        QString value = it->second.IsScalar() ? QString::fromStdString(it->second.Scalar()) : QString();
        const int line = it->first.Mark().line + 1;
        if (name == QLatin1String("GASCLOUD_KEY")) {
            // The old README: "not used yet but will be required to make initial register call".
            std::fprintf(
                stderr,
                "%s:%d: GASCLOUD_KEY: not carried over: the old tool never used it (\"will be required "
                "to make initial register call\"); it is not the gateway key, which comes from "
                "gateway_key.txt (or device_key.txt) or `fieldstation register --pin PIN`\n",
                qPrintable(oldPath), line);
            continue;
        }
        const auto m = std::find_if(map.begin(), map.end(),
                                    [&](const auto& p) { return name == QLatin1String(p.first); });
        if (m == map.end()) {
            std::fprintf(stderr, "%s:%d: %s: not carried over (FieldStation has no such setting)\n",
                         qPrintable(oldPath), line, qPrintable(name));
            continue;
        }
        // The old tool ran from its own folder: its relative folders are relative to its settings.
        if (name.startsWith(QLatin1String("BATCH_DIR_")) && !value.isEmpty())
            value = QDir::cleanPath(QFileInfo(oldPath).absoluteDir().absoluteFilePath(value));
        if (name == QLatin1String("BATCH_DIR_PENDING"))
            pendingDir = value;
        if (name == QLatin1String("GADGET_ID"))
            gadgetId = value;
        const bool number = name == QLatin1String("UPLOAD_INTERVAL_SECS");
        const bool boolean = name.startsWith(QLatin1String("DELETE_"));
        section << QStringLiteral("  %1: %2")
                       .arg(QLatin1String(m->second), number || boolean ? value.toLower() : quoted(value));
    }
    QString keyFile;
    auto found = oldGatewayKey(oldPath, args, &keyFile);
    if (!found)
        return fail(found.error());
    const QString key = found.value();
    if (!key.isEmpty() && !isGatewayKey(key))
        return fail(QStringLiteral("%1: the gateway key is not 20 characters of 0-9a-f (%2 characters)")
                        .arg(keyFile)
                        .arg(key.size()));
    redact::addSecret(key);

    auto written = appendSection(ctx.configFile, "gascloud", oldPath, section);
    if (!written)
        return fail(written.error());
    std::printf("wrote the gascloud section to %s\n", qPrintable(ctx.configFile));
    if (!key.isEmpty()) {
        const SecretStore secrets = gascloud::secretStore(written.value(), ctx.dataDir, true, ctx.demo);
        if (Status s = secrets.write(kGatewayKeySecret, key); !s)
            return fail(s.error());
        std::printf("the gateway key from %s is stored in %s\n", qPrintable(keyFile),
                    qPrintable(secrets.describe(kGatewayKeySecret)));
    } else {
        std::printf("no gateway key file (gateway_key.txt or device_key.txt): register with `fieldstation "
                    "register --pin PIN`\n");
    }
    // Batches the old tool built and never sent: their payloads get the zip's real MD5 now; the
    // uploader queues them at its next start, under their own source refs.
    if (!pendingDir.isEmpty() && QFileInfo(pendingDir).isDir()) {
        auto unsent = legacy::adoptUnsent(pendingDir, gadgetId, {});
        if (!unsent)
            return fail(unsent.error());
        for (const legacy::UnsentBatch& b : unsent.value())
            std::printf("unsent batch of the old tool: %s (%lld bytes, MD5 %s%s); the uploader sends it\n",
                        qPrintable(redact::apply(b.sourceRef)), b.zipSize, qPrintable(b.zipMd5),
                        b.payloadFixed ? ", payload corrected" : "");
    }
    return 0;
}

} // namespace

int runImportCommand(const CommandContext& ctx, const QStringList& args)
{
    if (args.value(0) == QLatin1String("gascloud"))
        return importGascloud(ctx, args);
    if (args.value(0) == QLatin1String("cogent"))
        return importCogent(ctx, args);
    if (args.value(0) == QLatin1String("peper"))
        return importPeper(ctx, args);
    return fail(QStringLiteral("usage: fieldstation import gascloud settings.yaml [gateway_key.txt] | import "
                               "cogent synchronise.conf | import peper config.yaml"));
}

} // namespace fs
