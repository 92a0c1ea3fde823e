// EgaugeSettings: validation of the eGauge keys; every problem names file:line and the key.
#include "EgaugeSettings.h"

#include "config/YamlReader.h"

#include <QSet>
#include <QUrl>

namespace fs {

Result<EgaugeRegister> EgaugeSettings::parseRegister(const QString& text)
{
    const qsizetype eq = text.lastIndexOf(QLatin1Char('='));
    if (eq < 0)
        return Error{QStringLiteral("\"%1\" needs =UNIT (e.g. %1=W)").arg(text)};
    EgaugeRegister reg{text.left(eq).trimmed(), text.mid(eq + 1).trimmed()};
    if (reg.name.isEmpty())
        return Error{QStringLiteral("\"%1\" has no register name before =").arg(text)};
    if (reg.unit.isEmpty())
        return Error{QStringLiteral("\"%1\" needs a unit after = (A, V, W, P …)").arg(text)};
    if (reg.unit.contains(QLatin1Char(' ')))
        return Error{QStringLiteral("\"%1\": the unit \"%2\" must be one word").arg(text, reg.unit)};
    return reg;
}

std::shared_ptr<const SourceOptions> EgaugeSettings::read(YamlReader& r)
{
    auto s = std::make_shared<EgaugeSettings>();
    r.text("url", s->url, false);
    r.text("user", s->user);
    r.integer("interval_s", s->intervalS, 10, 86400);
    r.integer("timeout_s", s->timeoutS, 1, 600);
    // More than about 40 000 rows in one answer often fails on the meter (protocol note A.3).
    r.integer("max_rows", s->maxRows, 2, 40000);
    // The meter keeps minute rows for about a year (protocol note A.2).
    r.integer("backfill_h", s->backfillH, 0, 8760);
    QStringList texts;
    r.textList("registers", texts);

    const QUrl url(s->url, QUrl::StrictMode);
    if (s->url.isEmpty())
        r.fail(r.at("url"), "url", QStringLiteral("must name the meter, e.g. http://egauge12345.egaug.es"));
    else if (!url.isValid() ||
             (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
             url.host().isEmpty())
        r.fail(r.at("url"), "url",
               QStringLiteral("must be an http:// or https:// address, not \"%1\"").arg(s->url));

    const YAML::Node list = r.at("registers");
    QSet<QString> names;
    for (int i = 0; i < texts.size(); ++i) {
        // Point at the item's own line when the list is written one item a line.
        const YAML::Node item = list.IsSequence() && std::size_t(i) < list.size() ? list[i] : list;
        const QByteArray key = QStringLiteral("registers[%1]").arg(i).toUtf8();
        Result<EgaugeRegister> reg = parseRegister(texts[i]);
        if (!reg) {
            r.fail(item, key.constData(), reg.error());
            continue;
        }
        if (names.contains(reg->name)) {
            r.fail(item, key.constData(), QStringLiteral("\"%1\" is listed twice").arg(reg->name));
            continue;
        }
        names.insert(reg->name);
        s->registers.append(reg.value());
    }
    if (texts.isEmpty())
        r.fail(r.at("registers"), "registers",
               QStringLiteral(
                   "lists no register: nothing would be recorded (e.g. [CT1_Amperage=A, L1_Voltage=V])"));
    return s;
}

} // namespace fs
