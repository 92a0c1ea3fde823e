// IsemsChannels: the store mapping of an ISEMS line (contracts.md): one channel per collector field.
#pragma once

#include "IsemsLine.h"
#include "model/Sample.h"

#include <QList>
#include <optional>

namespace fs::isems {

/// Store key of a node: "isems:<nodeId>".
QString nodeKey(const QString& nodeId);

/// The node a node id becomes in the store, with every channel of channelValues() in its order.
NodeSpec nodeSpec(const QString& nodeId, const QString& sourceId);

/// The channels' values of one record, in nodeSpec()'s channel order; empty where the line has
/// no value (status on an 18-field line).
QList<std::optional<double>> channelValues(const Record& r);

/// What a node reports about itself besides readings, as the compact JSON of its "reported" state:
/// revision, firmware, place and whether the time is the node's or the time of arrival.
QString reportedDetail(const Record& r);

} // namespace fs::isems
