// CogentMapping: how the station's store maps onto the Cogent-house tables: global sensor type ids,
// node ids, rooms.
#pragma once

#include <QString>
#include <optional>

namespace fs::cogent {

/// The Cogent SensorType id of a sensor type code: its id in the one sensor-type table
/// (model/SensorTypes.h); nothing for a code that is not there (its readings are not pushed).
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
