// CogentRoutes: /rest/sensortype/ as Cogent-house's REST interface (cogentviewer) answered it, so its
// clients (the push script's connection test, the viewer's type list) can read ours.
#pragma once

#include <QHttpServerResponse>

namespace fs::api {

/// A JSON list of every type of the sensor-type table, each as Cogent's model dict():
/// {"__table__":"SensorType","id","name","code","units","c0","c1","c2","c3"}; with `id`, the list
/// holds that one type, or nothing when there is none (Cogent answered an empty list, not 404).
QHttpServerResponse sensorTypeList(const QString& id = {});

} // namespace fs::api
