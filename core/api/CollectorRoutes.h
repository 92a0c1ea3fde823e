// CollectorRoutes: /measurements/latest and /measurements/<nodeId>/latest, answered as the ISEMS
// collector (isems-data-collector) answered them, rebuilt from the store's ISEMS nodes.
#pragma once

#include <QHttpServerResponse>
#include <QUrlQuery>

namespace fs {
class Store;
}

namespace fs::api {

/// How many rows /measurements/<nodeId>/latest serves: a day of one line a minute, as the collector.
constexpr int kNodeRows = 1440;

/// The newest row of every ISEMS node; nodes whose newest row is older than `hideAfterDays`
/// before `nowMs` only with ?all=true.
QHttpServerResponse latestMeasurements(Store& store, const QUrlQuery& query, int hideAfterDays, qint64 nowMs);

/// The newest kNodeRows rows of one node, newest first; an unknown node has none (as the collector).
QHttpServerResponse nodeMeasurements(Store& store, const QString& nodeId);

} // namespace fs::api
