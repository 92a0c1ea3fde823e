// CogentMapping: how the station's store maps onto the Cogent-house tables: global sensor type ids,
// node ids, rooms.
#pragma once

#include <QString>
#include <optional>

namespace fs::cogent {

/// The Cogent SensorType id of a FieldStation sensor type code: Cogent's own for the quantities it
/// has (temperature 0, humidity 2), fixed FieldStation ids from 1000 up for the others; nothing
/// for a code without one (its readings are not pushed).
std::optional<int> sensorTypeId(const QString& code);

struct RoomSpec
{
    QString room;
    QString type;
};

/// "Room" or "Room/Room type"; the type defaults to `defaultType`.
RoomSpec parseRoom(const QString& spec, const QString& defaultType);

/// 'yyyy-MM-dd HH:mm:ss.zzz' in UTC, for a DATETIME(3) column.
QString sqlTime(qint64 ms);

} // namespace fs::cogent
