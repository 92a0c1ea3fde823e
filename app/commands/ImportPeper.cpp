// import peper config.yaml: Peper_project_final.py's configuration (eGauge sensors polled through
// the egaug.es proxy, one InfluxDB 1.x database) as eGauge sources and an influx: section with
// Peper's layout and tags; the database password goes to the secret store, never the file.
#include "ImportHelpers.h"
#include "PeperTagText.h"
#include "sinks/gascloud/GascloudSetup.h"
#include "sinks/influx/InfluxSink.h"
#include "sources/egauge/EgaugeSettings.h"
#include "util/Redact.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <cstdio>
#include <yaml-cpp/yaml.h>

namespace fs {

namespace {

struct PeperSensor
{
    QString key; ///< sensor1 …
    QString id;
    QString name;
    QMap<QString, QString> tags; ///< Peper's tag name → value
    QStringList registers;       ///< "name=unit"
    QStringList notes;           ///< tag values written as Peper's YAML reader typed them
};

struct PeperDatabase
{
    QString name, host, user, password;
    int port = 8086;
};

/// Reads Peper's YAML; every problem is "file:line: key: what is wrong".
class PeperReader
{
public:
    explicit PeperReader(QString path) : m_path(std::move(path)) {}

    Status read(QList<PeperSensor>& sensors, PeperDatabase& db)
    {
        YAML::Node root;
        try {
            root = YAML::LoadFile(QFile::encodeName(m_path).toStdString());
        } catch (const YAML::Exception& e) {
            return Error{QStringLiteral("%1:%2: %3")
                             .arg(m_path)
                             .arg(e.mark.line + 1)
                             .arg(QString::fromStdString(e.msg))};
        }
        if (!root.IsMap())
            return Error{QStringLiteral("%1:1: not a mapping with sensors: and database:").arg(m_path)};
        const YAML::Node list = root["sensors"];
        if (!list || !list.IsMap() || list.size() == 0)
            fail(list ? list : root, QStringLiteral("sensors"),
                 QStringLiteral("must be a mapping of sensors (sensor1: {name: …, Registre: […]})"));
        else
            for (auto it = list.begin(); it != list.end(); ++it)
                sensor(QString::fromStdString(it->first.Scalar()), it->second, sensors);
        database(root["database"], root, db);
        return m_errors.isEmpty() ? Status() : Status(Error{m_errors.join(QLatin1Char('\n'))});
    }

private:
    void fail(const YAML::Node& at, const QString& key, const QString& message)
    {
        m_errors << QStringLiteral("%1:%2: %3: %4").arg(m_path).arg(at.Mark().line + 1).arg(key, message);
    }
    static QString text(const YAML::Node& n)
    {
        return n && n.IsScalar() ? QString::fromStdString(n.Scalar()) : QString();
    }

    void sensor(const QString& key, const YAML::Node& n, QList<PeperSensor>& out)
    {
        const QString where = QStringLiteral("sensors.") + key;
        if (!n.IsMap()) {
            fail(n, where,
                 QStringLiteral(
                     "must be a mapping (name, iplocal, GPS_lat, GPS_long, Ville, CP, Rue, Registre)"));
            return;
        }
        PeperSensor s;
        s.key = key;
        s.name = text(n["name"]).trimmed();
        static const QRegularExpression meterName(QStringLiteral("^[A-Za-z0-9-]+$"));
        if (!meterName.match(s.name).hasMatch()) {
            fail(n["name"] ? n["name"] : n, where + QStringLiteral(".name"),
                 QStringLiteral("must be the meter's name on egaug.es (letters, digits, \"-\"), not \"%1\"")
                     .arg(s.name));
            return;
        }
        s.id = s.name.toLower();
        for (const SensorState& seen : std::as_const(m_seen)) {
            if (seen.id == s.id) {
                fail(n["name"], where + QStringLiteral(".name"),
                     QStringLiteral("\"%1\" is already the meter of sensors.%2").arg(s.name, seen.key));
                return;
            }
        }
        m_seen.append({s.id, key});
        s.tags.insert(QStringLiteral("ID"), s.name);
        const QList<QPair<const char*, const char*>> tagKeys = {
            {"iplocal", "IP"},  {"GPS_lat", "GPS_lat"}, {"GPS_long", "GPS_long"},
            {"Ville", "Ville"}, {"CP", "CP"},           {"Rue", "Rue"}};
        for (const auto& [peper, tag] : tagKeys) {
            const YAML::Node v = n[peper];
            if (v && !v.IsScalar())
                fail(v, where + QLatin1Char('.') + QLatin1String(peper),
                     QStringLiteral("must be a single value"));
            else if (const QString raw = text(v).trimmed(); !raw.isEmpty()) {
                // Peper wrote str() of what PyYAML read: 48.85660 went out as 48.8566, CP 06000
                // (octal to YAML 1.1) as 3072. The same text keeps the same series in InfluxDB.
                const QString written = peper::tagText(raw, v.Tag() == "?");
                s.tags.insert(QLatin1String(tag), written);
                if (written != raw)
                    s.notes << QStringLiteral("%1.%2: %3 is written as %4, the text Peper's YAML reader made "
                                              "of it, so the InfluxDB series continue")
                                   .arg(where, QLatin1String(peper), raw, written);
            }
        }
        const YAML::Node regs = n["Registre"];
        QList<QPair<QString, YAML::Node>> items;
        if (regs && regs.IsSequence())
            for (const YAML::Node& r : regs)
                items.append({text(r), r});
        else if (regs && regs.IsScalar()) // "A=A, B=P" written as one text
            for (const QString& r : text(regs).split(QLatin1Char(','), Qt::SkipEmptyParts))
                items.append({r.trimmed(), regs});
        if (items.isEmpty()) {
            fail(regs ? regs : n, where + QStringLiteral(".Registre"),
                 QStringLiteral("must list the registers, e.g. [CT1_Amperage=A, L1_Voltage=V]"));
            return;
        }
        for (int i = 0; i < items.size(); ++i) {
            auto reg = EgaugeSettings::parseRegister(items[i].first);
            if (!reg)
                fail(items[i].second, QStringLiteral("%1.Registre[%2]").arg(where).arg(i), reg.error());
            else
                s.registers << reg->name + QLatin1Char('=') + reg->unit;
        }
        out.append(s);
    }

    void database(const YAML::Node& section, const YAML::Node& root, PeperDatabase& db)
    {
        if (!section || !section.IsMap() || section.size() == 0) {
            fail(section ? section : root, QStringLiteral("database"),
                 QStringLiteral(
                     "must be a mapping: database: {database: {name, port, ip, identifiant, mdp}}"));
            return;
        }
        // Peper nests one block (named "database" in its README) under database:; a flat block is read too.
        YAML::Node n = section;
        QString where = QStringLiteral("database");
        if (!section["name"]) {
            auto first = section.begin();
            where += QLatin1Char('.') + QString::fromStdString(first->first.Scalar());
            n.reset(first->second); // operator= would write into `section` (a Node is a handle)
            if (section.size() > 1)
                std::fprintf(stderr,
                             "%s:%d: database: %zu blocks; Peper used the first for every sensor, so "
                             "does FieldStation (%s)\n",
                             qPrintable(m_path), section.Mark().line + 1, section.size(), qPrintable(where));
        }
        if (!n.IsMap()) {
            fail(n, where, QStringLiteral("must be a mapping (name, port, ip, identifiant, mdp)"));
            return;
        }
        db.name = text(n["name"]).trimmed();
        db.host = text(n["ip"]).trimmed();
        db.user = text(n["identifiant"]).trimmed();
        db.password = text(n["mdp"]);
        if (db.name.isEmpty())
            fail(n["name"] ? n["name"] : n, where + QStringLiteral(".name"),
                 QStringLiteral("must name the database"));
        if (db.host.isEmpty())
            fail(n["ip"] ? n["ip"] : n, where + QStringLiteral(".ip"),
                 QStringLiteral("must be the InfluxDB host"));
        if (n["port"]) {
            bool ok = false;
            db.port = text(n["port"]).toInt(&ok);
            if (!ok || db.port < 1 || db.port > 65535)
                fail(n["port"], where + QStringLiteral(".port"),
                     QStringLiteral("must be a port number, not \"%1\"").arg(text(n["port"])));
        }
    }

    struct SensorState
    {
        QString id, key;
    };
    QString m_path;
    QStringList m_errors;
    QList<SensorState> m_seen;
};

int failImport(const QString& s)
{
    std::fprintf(stderr, "fieldstation import peper: %s\n", qPrintable(redact::apply(s)));
    return 1;
}

} // namespace

int importPeper(const CommandContext& ctx, const QStringList& args)
{
    if (args.size() != 2)
        return failImport(QStringLiteral("usage: fieldstation [--config FILE] import peper config.yaml"));
    QList<PeperSensor> sensors;
    PeperDatabase db;
    if (Status s = PeperReader(args[1]).read(sensors, db); !s)
        return failImport(s.error());
    if (!db.password.isEmpty())
        redact::addSecret(db.password);

    QStringList entries, ids;
    QStringList influx = {QStringLiteral("influx:"), QStringLiteral("  enabled: true")};
    const QString host =
        db.host.contains(QLatin1String("://")) ? db.host : QStringLiteral("http://") + db.host;
    influx << QStringLiteral("  url: %1").arg(quoted(QStringLiteral("%1:%2").arg(host).arg(db.port)))
           << QStringLiteral("  database: %1").arg(quoted(db.name));
    if (!db.user.isEmpty())
        influx << QStringLiteral("  user: %1").arg(quoted(db.user));
    influx << QStringLiteral("  layout: peper") << QStringLiteral("  measurement: measure")
           << QStringLiteral("  interval_s: 300");
    QStringList tags = {QStringLiteral("  tags:")};
    for (const PeperSensor& s : sensors) {
        QStringList regs;
        for (const QString& r : s.registers)
            regs << quoted(r);
        entries << QStringLiteral("  - id: %1").arg(s.id) << QStringLiteral("    type: egauge")
                << QStringLiteral("    name: %1").arg(quoted(s.name))
                << QStringLiteral("    url: %1").arg(quoted(QStringLiteral("http://%1.egaug.es").arg(s.id)))
                << QStringLiteral("    interval_s: 300")
                // Peper stopped, FieldStation not yet started: fetch what the meter kept meanwhile.
                << QStringLiteral("    backfill_h: 24")
                << QStringLiteral("    registers: [%1]").arg(regs.join(QStringLiteral(", ")));
        ids << s.id;
        tags << QStringLiteral("    %1:").arg(s.id);
        for (auto it = s.tags.cbegin(); it != s.tags.cend(); ++it)
            tags << QStringLiteral("      %1: %2").arg(it.key(), quoted(it.value()));
    }
    influx << QStringLiteral("  sources: [%1]").arg(ids.join(QStringLiteral(", "))) << tags;

    auto written = appendImport(ctx.configFile, args[1], entries, {{QByteArrayLiteral("influx"), influx}});
    if (!written)
        return failImport(written.error());
    for (const PeperSensor& s : sensors)
        std::printf(
            "%s: eGauge source %s at http://%s.egaug.es (through the egaug.es proxy, as Peper polled it), "
            "%lld registers%s\n",
            qPrintable(s.key), qPrintable(s.id), qPrintable(s.id), static_cast<long long>(s.registers.size()),
            s.tags.contains(QStringLiteral("IP"))
                ? qPrintable(QStringLiteral("; iplocal %1 is written as the IP tag only")
                                 .arg(s.tags.value(QStringLiteral("IP"))))
                : "");
    for (const PeperSensor& s : sensors)
        for (const QString& note : s.notes)
            std::printf("%s\n", qPrintable(note));
    std::printf("wrote %lld eGauge sources and the influx section (Peper's layout: measurement \"measure\", "
                "=P registers in kW) to %s\n",
                static_cast<long long>(sensors.size()), qPrintable(ctx.configFile));
    if (!db.password.isEmpty()) {
        const QString secret = InfluxSink::secretName(written->influx.name);
        const SecretStore secrets = gascloud::secretStore(written.value(), ctx.dataDir, true, ctx.demo);
        if (Status s = secrets.write(secret, db.password); !s)
            return failImport(s.error());
        std::printf("the database password is stored in %s, not in the settings file\n",
                    qPrintable(secrets.describe(secret)));
    }
    return 0;
}

} // namespace fs
