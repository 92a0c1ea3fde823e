// CogentMapping: sensor type ids come from the one table, never from a source's channel list.
#include "CogentMapping.h"

#include "model/SensorTypes.h"

#include <QDateTime>

namespace fs::cogent {

std::optional<int> sensorTypeId(const QString& code)
{
    const SensorType* t = sensorTypeByCode(code);
    return t ? std::optional<int>(t->id) : std::nullopt;
}

RoomSpec parseRoom(const QString& spec, const QString& defaultType)
{
    const qsizetype slash = spec.indexOf(QLatin1Char('/'));
    if (slash < 0)
        return {spec.trimmed(), defaultType};
    return {spec.left(slash).trimmed(), spec.mid(slash + 1).trimmed()};
}

QString sqlTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

} // namespace fs::cogent
