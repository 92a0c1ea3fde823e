// InfluxSettings: validation of the `influx:` keys; the defaults reproduce Peper's writes.
#include "InfluxSettings.h"

#include "config/YamlReader.h"

#include <QRegularExpression>
#include <QUrl>

namespace fs {

const QStringList& InfluxSettings::peperTagKeys()
{
    static const QStringList keys = {
        QStringLiteral("ID"),    QStringLiteral("IP"), QStringLiteral("GPS_lat"), QStringLiteral("GPS_long"),
        QStringLiteral("Ville"), QStringLiteral("CP"), QStringLiteral("Rue")};
    return keys;
}

QString InfluxSettings::measurementFor(const QString& type) const
{
    if (layout == Layout::Peper)
        return type != QLatin1String("egauge") ? type
               : measurement.isEmpty()         ? QStringLiteral("measure")
                                               : measurement;
    return measurement.isEmpty() ? type : measurement;
}

void InfluxSettings::read(YamlReader& r, InfluxSettings& s)
{
    r.boolean("enabled", s.enabled);
    r.text("name", s.name, false);
    r.text("url", s.url);
    r.text("database", s.database);
    r.text("user", s.user);
    r.boolean("create_database", s.createDatabase);
    int layout = int(s.layout);
    r.choice("layout", layout, {QStringLiteral("peper"), QStringLiteral("si")});
    s.layout = Layout(layout);
    r.text("measurement", s.measurement);
    int precision = int(s.precision);
    r.choice("precision", precision, {QStringLiteral("s"), QStringLiteral("ms"), QStringLiteral("ns")});
    s.precision = influx::Precision(precision);
    r.integer("batch_points", s.batchPoints, 1, 100000);
    r.integer("interval_s", s.intervalS, 1, 86400);
    r.integer("timeout_s", s.timeoutS, 1, 600);
    r.textList("sources", s.sources);
    r.namedSections("tags", [&](const QString& source, YamlReader& tr) {
        QMap<QString, QString>& tags = s.tags[source];
        for (const QString& key : peperTagKeys()) {
            QString value;
            const QByteArray k = key.toLatin1();
            tr.text(k.constData(), value);
            if (!value.isEmpty())
                tags.insert(key, value);
        }
    });
    r.textMap("tag_names", s.tagNames);
    static const QRegularExpression nameChars(QStringLiteral("^[A-Za-z0-9_.-]+$"));
    if (!nameChars.match(s.name).hasMatch())
        r.fail(r.at("name"), "name",
               QStringLiteral("must be letters, digits, \".\", \"-\" or \"_\", not \"%1\"").arg(s.name));
    for (auto it = s.tagNames.cbegin(); it != s.tagNames.cend(); ++it) {
        if (!peperTagKeys().contains(it.key()) && it.key() != QLatin1String("Unit"))
            r.fail(r.at("tag_names"), "tag_names",
                   QStringLiteral("\"%1\" is not one of %2, Unit")
                       .arg(it.key(), peperTagKeys().join(QStringLiteral(", "))));
    }
    if (!s.enabled)
        return;
    const QUrl url(s.url);
    if (s.url.isEmpty() || !url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        r.fail(r.at("url"), "url",
               QStringLiteral("must be an http:// or https:// URL when influx is enabled, not \"%1\"")
                   .arg(s.url));
    if (s.database.trimmed().isEmpty())
        r.fail(r.at("database"), "database", QStringLiteral("must be set when influx is enabled"));
}

} // namespace fs
