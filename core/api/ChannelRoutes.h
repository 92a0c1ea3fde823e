// ChannelRoutes: FieldStation's own API over every node and channel: /api/nodes, /api/channels and
// /api/channels/<id>/readings.
#pragma once

#include <QHttpServerResponse>
#include <QUrlQuery>

namespace fs {
class Store;
class AlarmBook;
} // namespace fs

namespace fs::api {

/// Points per answer when the client names no max_points, and the most it may ask for.
constexpr int kDefaultMaxPoints = 800;
constexpr int kMostMaxPoints = 100'000;

/// {"nodes":[{"id","key","kind","name","state","last_seen","alarms"}],"station_alarms":[…]}: state
/// is "alarm" while a health alarm is active on the node (its own or its source's), else the newest
/// node state (null when none); last_seen the newest reading's time as ISO-8601 UTC (null when
/// none). An alarm is {"code","severity","subject","since","text"}; station_alarms are those of the
/// sinks ("sink:…") and the store. `alarms` may be null (no alarms known: empty lists).
QHttpServerResponse nodeList(Store& store, const AlarmBook* alarms = nullptr);
/// {"channels":[{"id","node","key","sensor_type","name","unit"}]}: sensor_type is the global id of
/// the sensor-type table (as /rest/sensortype/ lists it), name that type's name.
QHttpServerResponse channelList(Store& store);
/// {"channel","unit","decimated","points":[[time_ms,value],…]}; from/to are ms since the epoch or
/// ISO-8601 (default: the last 24 hours up to now), max_points 1…kMostMaxPoints.
QHttpServerResponse channelReadings(Store& store, const QString& id, const QUrlQuery& query, qint64 nowMs);

} // namespace fs::api
