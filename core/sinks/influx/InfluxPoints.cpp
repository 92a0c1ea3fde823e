// InfluxPoints: Peper's layout for eGauge registers (measurement "measure", its tags, the register
// as the field, its units: =P in kW, =W in W), a source/node layout for everything else, and the si layout.
#include "InfluxPoints.h"

#include "model/SensorTypes.h"

#include <QSqlError>
#include <QSqlQuery>

namespace fs::influx {

namespace {

/// Peper wrote (counter difference) / (seconds × 1000), times 1000 again only for registers
/// configured =W, whatever their type: so power-like registers (quantum 1: W, VA, var, W/m², Pa, a
/// count) went out in kilo-units under any other letter (=P as kW), and milli-quantum ones (V, A, Hz,
/// °C, % …) as measured, or ×1000 under =W. The store keeps SI units; this gives Peper's number back.
/// A `#3` register (quantum 0.001) is stored as meter_number like `#` and is taken as quantum 1.
double peperScale(const QString& unit, int sensorType)
{
    static const QStringList quantumOne = {
        QStringLiteral("POW"),        QStringLiteral("apparent_power"), QStringLiteral("reactive_power"),
        QStringLiteral("irradiance"), QStringLiteral("pressure"),       QStringLiteral("meter_number")};
    const SensorType* type = sensorTypeById(sensorType);
    const double quantum = type && quantumOne.contains(type->code) ? 1.0 : 0.001;
    return (unit == QLatin1String("W") ? 1.0 : 0.001) / quantum;
}

} // namespace

PointBuilder::PointBuilder(const InfluxSettings& settings, SourceCatalog sources)
    : m_settings(settings), m_sources(std::move(sources))
{}

Status PointBuilder::load(Store& store)
{
    QSqlQuery q(store.db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT c.id, c.key, c.sensor_type_id, n.key, n.source FROM channels c "
                               "JOIN nodes n ON n.id = c.node_id")))
        return Error{QStringLiteral("reading channels for InfluxDB: %1").arg(q.lastError().text())};
    QHash<qint64, Plan> plans;
    while (q.next())
        plans.insert(q.value(0).toLongLong(), plan(q.value(4).toString(), q.value(3).toString(),
                                                   q.value(1).toString(), q.value(2).toInt()));
    m_plans = std::move(plans);
    return {};
}

PointBuilder::Plan PointBuilder::plan(const QString& source, const QString& nodeKey,
                                      const QString& channelKey, int sensorType) const
{
    Plan p;
    const auto info = m_sources.constFind(source);
    if (info == m_sources.cend())
        return p;
    const bool listed = m_settings.sources.isEmpty() ? info->type == QLatin1String("egauge")
                                                     : m_settings.sources.contains(source);
    if (!listed)
        return p;
    p.sent = true;
    p.field = escapeKey(channelKey);
    const QMap<QString, QString> configured = m_settings.tags.value(source);
    const bool egauge = info->type == QLatin1String("egauge");
    Tags tags;
    if (m_settings.layout == InfluxSettings::Layout::Peper && egauge) {
        // Peper: one series per meter and unit letter; the register is the field.
        for (const QString& key : InfluxSettings::peperTagKeys())
            tags.append({key, configured.value(key)});
        if (configured.value(QStringLiteral("ID")).isEmpty())
            tags[0].second = info->name;
        const QString unit = info->registerUnits.value(channelKey);
        tags.append({QStringLiteral("Unit"), unit});
        p.scale = peperScale(unit, sensorType);
    } else if (m_settings.layout == InfluxSettings::Layout::Peper) {
        tags = {{QStringLiteral("source"), source}, {QStringLiteral("node"), nodeKey}};
    } else {
        tags = {{QStringLiteral("source"), source}, {QStringLiteral("node"), nodeKey}};
        for (auto it = configured.cbegin(); it != configured.cend(); ++it)
            tags.append({m_settings.tagNames.value(it.key(), it.key()), it.value()});
        const SensorType* type = sensorTypeById(sensorType);
        tags.append({m_settings.tagNames.value(QStringLiteral("Unit"), QStringLiteral("Unit")),
                     type ? type->unit : QString()});
    }
    p.series = seriesKey(m_settings.measurementFor(info->type), tags);
    return p;
}

PointBuilder::Outcome PointBuilder::append(QByteArray& out, const StoredReading& r)
{
    const auto it = m_plans.constFind(r.channel);
    if (it == m_plans.cend())
        return Outcome::Unknown;
    if (!it->sent)
        return Outcome::Skipped;
    if (!appendPoint(out, it->series, it->field, r.value * it->scale,
                     timestampIn(r.timeMs, m_settings.precision))) {
        ++m_refused;
        return Outcome::Skipped;
    }
    return Outcome::Written;
}

} // namespace fs::influx
