// The channels an OPC-N3 node records, and the samples one histogram becomes.
#pragma once

#include "OpcN3Frame.h"
#include "model/Sample.h"

#include <vector>

namespace fs::opcn3 {

/// The node's channels, in a fixed order that samplesFor() follows.
QList<ChannelSpec> channels();

/// Index of a channel key in channels(), or -1.
int channelIndex(const QString& key);

/// One sample per channel for a histogram taken at `timeMs`; `ids` from the store, in channels() order.
std::vector<Sample> samplesFor(const OpcN3Histogram& h, const QList<ChannelId>& ids, qint64 timeMs,
                               int consecutiveErrors);

} // namespace fs::opcn3
