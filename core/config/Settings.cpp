// Settings: maps the YAML file onto typed settings; every key is validated.
#include "Settings.h"

#include "YamlReader.h"
#include "sources/SourceTypes.h"

#include <QDateTime>
#include <QFile>
#include <QRegularExpression>
#include <QUrl>
#include <algorithm>

namespace fs {

namespace {

void readStation(YamlReader& r, StationSettings& s)
{
    r.text("name", s.name, false);
    r.text("data_dir", s.dataDir);
    int secrets = int(s.secrets);
    r.choice("secrets", secrets,
             {QStringLiteral("auto"), QStringLiteral("keychain"), QStringLiteral("file")});
    s.secrets = StationSettings::Secrets(secrets);
    const QStringList languages = {QStringLiteral("auto"), QStringLiteral("en"), QStringLiteral("de"),
                                   QStringLiteral("fr")};
    int language = int(languages.indexOf(s.language));
    r.choice("language", language, languages);
    s.language = languages.value(language);
}

void readGascloud(YamlReader& r, GascloudSettings& s)
{
    r.boolean("enabled", s.enabled);
    r.text("api", s.api);
    r.text("gadget_id", s.gadgetId);
    r.integer("upload_interval_secs", s.uploadIntervalS, 10, 86400);
    const QStringList modes = {QStringLiteral("LIVE"), QStringLiteral("TEST"), QStringLiteral("PASS")};
    int mode = int(modes.indexOf(s.batchMode));
    r.choice("batch_mode", mode, modes);
    s.batchMode = modes.value(mode);
    r.text("batch_type", s.batchType, false);
    r.text("batch_dir_pending", s.pendingDir);
    r.text("batch_dir_uploaded", s.uploadedDir);
    r.text("batch_dir_rejected", s.rejectedDir);
    r.boolean("delete_batch_on_upload", s.deleteBatchOnUpload);
    r.boolean("delete_reading_on_zip", s.deleteReadingOnZip);
    r.text("destination_suffix", s.destinationSuffix);
    r.text("known_hosts", s.knownHosts);
    r.integer("max_rows_per_batch", s.maxRowsPerBatch, 1, 1000000);
    r.integer("request_timeout_secs", s.requestTimeoutS, 1, 600);
    r.integer("retry_min_secs", s.retryMinS, 1, 86400);
    r.integer("retry_max_secs", s.retryMaxS, 1, 604800);
    r.textList("sources", s.sources);
    r.boolean("allow_insecure_http", s.allowInsecureHttp);
    if (s.enabled) {
        const QUrl url(s.api);
        if (s.api.isEmpty() || !url.isValid() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
            r.fail(r.at("api"), "api",
                   QStringLiteral("must be an http:// or https:// URL when gascloud is enabled, not \"%1\"")
                       .arg(s.api));
        else if (url.scheme() == QLatin1String("http") && !s.allowInsecureHttp)
            r.fail(r.at("api"), "api",
                   QStringLiteral("is http://, which sends the gateway key in clear and lets the answer "
                                  "choose the SCP host; use https://, or set allow_insecure_http: true "
                                  "for a test emulator"));
        if (s.gadgetId.trimmed().isEmpty())
            r.fail(r.at("gadget_id"), "gadget_id", QStringLiteral("must be set when gascloud is enabled"));
    }
    if (s.retryMaxS < s.retryMinS)
        r.fail(r.at("retry_max_secs"), "retry_max_secs",
               QStringLiteral("must not be less than retry_min_secs (%1)").arg(s.retryMinS));
}

void readRecorder(YamlReader& r, RecorderSettings& s)
{
    r.integer("flush_interval_ms", s.flushIntervalMs, 50, 10000);
    r.integer("max_batch", s.maxBatch, 1, 100000);
}

void readStore(YamlReader& r, StoreSettings& s)
{
    r.integer("keep_days", s.keepDays, 1, 3650);
    r.integer("min_free_mb", s.minFreeMb, 0, 1000000);
    r.integer("max_memory_samples", s.maxMemorySamples, 1000, 50000000);
}

/// The keys every entry has, then the type's own; `ids` maps each id seen so far to its line.
void readSource(YamlReader& r, SourceSettings& s, QMap<QString, int>& ids)
{
    s.where = r.position();
    r.text("id", s.id);
    r.text("type", s.type);
    r.text("name", s.name);
    r.boolean("enabled", s.enabled);
    static const QRegularExpression idChars(QStringLiteral("^[A-Za-z0-9_-]+$"));
    const int line = r.at("id").Mark().line + 1;
    if (s.id.isEmpty())
        r.fail(r.at("id"), "id", QStringLiteral("must be set: a short name, unique among the sources"));
    else if (!idChars.match(s.id).hasMatch())
        r.fail(r.at("id"), "id",
               QStringLiteral("must be letters, digits, \"-\" or \"_\", not \"%1\"").arg(s.id));
    else if (ids.contains(s.id))
        r.fail(r.at("id"), "id",
               QStringLiteral("\"%1\" is already the id of the source at line %2").arg(s.id).arg(ids[s.id]));
    else
        ids.insert(s.id, line);
    QStringList known;
    for (const SourceType& t : sourceTypes())
        known << t.type;
    const SourceType* type = findSourceType(s.type);
    if (!type) {
        r.fail(r.at("type"), "type",
               s.type.isEmpty()
                   ? QStringLiteral("must be set, to one of %1").arg(known.join(QStringLiteral(", ")))
                   : QStringLiteral("unknown source type \"%1\"; known: %2")
                         .arg(s.type, known.join(QStringLiteral(", "))));
        r.ignoreRest(); // the type's keys cannot be judged without the type
        return;
    }
    if (s.name.isEmpty())
        s.name = type->displayName;
    s.options = type->read(r);
}

/// The single `opcn3:` section of older files: one OPC-N3 with id "opcn3", and a warning.
void readLegacyOpcN3(YamlReader& sub, Settings& settings, QMap<QString, int>& ids)
{
    const SourceType* type = findSourceType(QStringLiteral("opcn3"));
    SourceSettings s;
    s.id = s.type = type->type;
    s.name = type->displayName;
    s.where = sub.position();
    sub.boolean("enabled", s.enabled);
    sub.text("name", s.name, false);
    s.options = type->read(sub);
    ids.insert(s.id, s.where.section(QLatin1Char(':'), -1).toInt());
    settings.sources.append(s);
    settings.warnings.append(
        QStringLiteral("%1: opcn3: a single \"opcn3:\" section is still read, as the source \"opcn3\", but "
                       "is deprecated; write it as an entry of the sources list:\n"
                       "sources:\n  - id: opcn3\n    type: opcn3\n    # … the keys of the opcn3 section")
            .arg(s.where));
}

/// Cogent-house's columns are short (Room.name and RoomType.name are VARCHAR(20)): a longer name
/// fails every push on a strict server, or is cut on another and then never found again by its
/// full name, so that each pass makes another row. Refused here, where the file and line are known.
void checkCogentLength(YamlReader& r, const char* key, const QString& value, int max,
                       const QString& what = {})
{
    if (value.size() > max)
        r.fail(r.at(key), key,
               QStringLiteral("%1\"%2\" is %3 characters; Cogent-house keeps at most %4")
                   .arg(what, value)
                   .arg(value.size())
                   .arg(max));
}

void readPush(YamlReader& r, PushSettings& s)
{
    int base = -1;
    r.integer("node_id_base", base, 0, 2000000000);
    if (base >= 0)
        s.nodeIdBase = base;
    r.text("deployment", s.deployment, false);
    r.text("deployment_description", s.deploymentDescription);
    r.text("house", s.house);
    r.text("room", s.room, false);
    r.text("room_type", s.roomType, false);
    r.textMap("rooms", s.rooms);
    checkCogentLength(r, "deployment", s.deployment, 255);
    checkCogentLength(r, "deployment_description", s.deploymentDescription, 255);
    checkCogentLength(r, "house", s.house, 255);
    checkCogentLength(r, "room", s.room, 20);
    checkCogentLength(r, "room_type", s.roomType, 20);
    for (auto it = s.rooms.cbegin(); it != s.rooms.cend(); ++it) {
        const QString node = QStringLiteral("%1: ").arg(it.key());
        checkCogentLength(r, "rooms", it.value().section(QLatin1Char('/'), 0, 0).trimmed(), 20,
                          node + QStringLiteral("room "));
        checkCogentLength(r, "rooms", it.value().section(QLatin1Char('/'), 1).trimmed(), 20,
                          node + QStringLiteral("room type "));
    }
    r.namedSections("servers", [&](const QString& name, YamlReader& sr) {
        PushServerSettings p;
        p.name = name;
        sr.boolean("enabled", p.enabled);
        sr.text("host", p.host, false);
        sr.integer("port", p.port, 1, 65535);
        sr.text("database", p.database, false);
        sr.text("user", p.user);
        sr.integer("push_limit", p.pushLimit, 1, 100000);
        sr.integer("interval_secs", p.intervalS, 10, 86400);
        sr.integer("timeout_secs", p.timeoutS, 1, 600);
        sr.text("start_from", p.startFrom);
        sr.text("ssh_host", p.sshHost);
        sr.integer("ssh_port", p.sshPort, 1, 65535);
        sr.text("ssh_user", p.sshUser);
        sr.text("ssh_key", p.sshKey);
        sr.text("known_hosts", p.knownHosts);
        sr.text("tunnel_target", p.tunnelTarget, false);
        if (p.user.isEmpty())
            sr.fail(sr.at("user"), "user", QStringLiteral("must be set"));
        if (!p.startFrom.isEmpty() &&
            !QDateTime::fromString(p.startFrom, QStringLiteral("yyyy-MM-dd HH:mm:ss")).isValid())
            sr.fail(sr.at("start_from"), "start_from",
                    QStringLiteral("must be yyyy-MM-dd HH:mm:ss, not \"%1\"").arg(p.startFrom));
        if (!p.sshHost.isEmpty() && (p.sshUser.isEmpty() || p.sshKey.isEmpty()))
            sr.fail(sr.at("ssh_host"), "ssh_host", QStringLiteral("needs ssh_user and ssh_key too"));
        s.servers.append(p);
    });
    const bool anyEnabled = std::any_of(s.servers.begin(), s.servers.end(),
                                        [](const PushServerSettings& p) { return p.enabled; });
    if (anyEnabled && s.house.trimmed().isEmpty())
        r.fail(r.at("house"), "house", QStringLiteral("must be set when a push server is enabled"));
}

} // namespace

Result<Settings> Settings::parse(const QByteArray& yaml, const QString& origin)
{
    YAML::Node root;
    try {
        root = YAML::Load(yaml.toStdString());
    } catch (const YAML::Exception& e) {
        return Error{
            QStringLiteral("%1:%2: %3").arg(origin).arg(e.mark.line + 1).arg(QString::fromStdString(e.msg))};
    }
    Settings s;
    if (root.IsNull())
        return s;
    if (!root.IsMap())
        return Error{QStringLiteral("%1:%2: the settings file must be a mapping of sections")
                         .arg(origin)
                         .arg(root.Mark().line + 1)};
    QStringList errors;
    YamlReader r(root, origin, QString(), &errors);
    r.section("station", [&](YamlReader& sub) { readStation(sub, s.station); });
    r.section("recorder", [&](YamlReader& sub) { readRecorder(sub, s.recorder); });
    r.section("store", [&](YamlReader& sub) { readStore(sub, s.store); });
    QMap<QString, int> sourceIds;
    r.sectionList("sources", "id", [&](int, YamlReader& sub) {
        SourceSettings source;
        readSource(sub, source, sourceIds);
        if (source.options)
            s.sources.append(source);
    });
    const bool listed = !s.sources.isEmpty() || !sourceIds.isEmpty();
    r.section("opcn3", [&](YamlReader& sub) {
        if (listed)
            r.fail(r.at("opcn3"), "opcn3",
                   QStringLiteral("cannot stand beside \"sources:\"; move its keys "
                                  "into a sources entry with type: opcn3"));
        readLegacyOpcN3(sub, s, sourceIds);
    });
    r.section("gascloud", [&](YamlReader& sub) { readGascloud(sub, s.gascloud); });
    r.section("push", [&](YamlReader& sub) { readPush(sub, s.push); });
    r.section("influx", [&](YamlReader& sub) { InfluxSettings::read(sub, s.influx); });
    r.section("api", [&](YamlReader& sub) { readApiSettings(sub, s.api); });
    r.text("log_rules", s.logRules);
    r.finish();
    if (!errors.isEmpty()) {
        // In the order of the file, whichever check found them.
        const auto line = [&origin](const QString& e) {
            return e.mid(origin.size() + 1).section(QLatin1Char(':'), 0, 0).toInt();
        };
        std::stable_sort(errors.begin(), errors.end(),
                         [&](const QString& a, const QString& b) { return line(a) < line(b); });
        return Error{errors.join(QLatin1Char('\n'))};
    }
    return s;
}

Result<Settings> Settings::load(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("%1: cannot read: %2").arg(path, f.errorString())};
    return parse(f.readAll(), path);
}

} // namespace fs
