// CogentMapping: the id table is append-only: central databases keep the ids forever.
#include "CogentMapping.h"

#include "sources/opcn3/OpcN3Channels.h"

#include <QDateTime>
#include <QHash>

namespace fs::cogent {

std::optional<int> sensorTypeId(const QString& code)
{
    static const QHash<QString, int> ids = [] {
        QHash<QString, int> h = {{QStringLiteral("temperature"), 0}, {QStringLiteral("humidity"), 2}};
        // OPC-N3 quantities in the order of its channel table (which only ever grows at the end).
        int next = 1000;
        for (const ChannelSpec& c : opcn3::channels()) {
            if (!h.contains(c.sensorType))
                h.insert(c.sensorType, next);
            ++next;
        }
        return h;
    }();
    const auto it = ids.find(code);
    return it == ids.end() ? std::nullopt : std::optional<int>(*it);
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
