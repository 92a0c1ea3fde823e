// IsemsDataJson: the data.json message of ISEMS ESP32 telemetry (ISEMS-ESP32 telemetry.lua): the
// collector's fields without nodeId, isemsRevision and timestamp, so node and time come from outside.
#pragma once

#include "IsemsLine.h"

#include <QByteArrayView>
#include <QString>

namespace fs::isems {

/// The node id in `topic` = <channel><nodeId>/data.json; empty when the topic is not of that form.
QString dataJsonNode(const QString& topic, const QString& channel);

/// The subscription for `channel`: <channel>+/data.json ('/' added when the channel lacks it).
QString dataJsonFilter(const QString& channel);

/// Parses one data.json payload of node `nodeId` that arrived at `arrivalMs` (UTC ms): the record
/// carries that time with timeFromArrival set. Numbers may come as JSON numbers or as numeric text
/// (the Lua encoder sends whatever type the firmware's variable had); status is hex text. The
/// error names the field, or the byte where the JSON breaks.
Result<Record> parseDataJson(QByteArrayView payload, const QString& nodeId, qint64 arrivalMs);

} // namespace fs::isems
