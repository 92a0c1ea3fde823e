// CogentRows: turns chunks of the store's readings into the rows Cogent-house's Reading and
// NodeState tables get: times at the precision the far end keeps, one value per channel and time
// unit (the last), heartbeat node states, and never a step past a channel the mapping has not seen.
#pragma once

#include "model/Sample.h"
#include "store/Store.h"

#include <QHash>
#include <QList>
#include <QString>

namespace fs {
struct CogentTargets;
}

namespace fs::cogent {

/// The fractional-second digits of a DATETIME column (0 for Cogent's own, 3 for DATETIME(3)).
struct TimePrecision
{
    int digits = 0;

    /// The column's time unit in ms (1000 for whole seconds, 1 from 3 digits on).
    qint64 unitMs() const;
    /// `ms` down to the column's unit: what the column keeps of it.
    qint64 floor(qint64 ms) const;
    /// 'yyyy-MM-dd HH:mm:ss[.f…]' in UTC with the column's digits, of floor(ms).
    QString format(qint64 ms) const;
};

/// One Reading row: the primary key is (time, nodeId, type).
struct ReadingRow
{
    qint64 timeMs = 0; ///< already at the column's unit
    int node = 0;
    int type = 0;
    int location = 0;
    double value = 0;
    qint64 sourceTimeMs = 0; ///< the stored reading's own time, to choose the last of a unit
    qint64 sourceSeq = 0;
};

/// A NodeState row inserted only when the node has none in [windowFromMs, windowToMs).
struct NodeStateRow
{
    int node = 0;
    qint64 timeMs = 0;
    qint64 windowFromMs = 0;
    qint64 windowToMs = 0;
    qint64 seqNum = -1; ///< -1: NULL (a heartbeat has no packet sequence)
};

/// What one chunk of readings becomes.
struct FoldedChunk
{
    QList<ReadingRow> rows;
    QList<NodeStateRow> heartbeats;
    qint64 upto = 0;            ///< seq of the last stored reading this chunk accounts for
    qint64 merged = 0;          ///< readings folded into another of the same channel and unit
    bool unmappedAhead = false; ///< stopped before a channel newer than the mapping
};

/// Folds the readings of one push pass. Keeps, across chunks, what it already delivered, so that a
/// merge across a chunk boundary is counted too.
class ReadingFolder
{
public:
    /// `heartbeatMs`: each node gets a NodeState at least once per this much reading time.
    ReadingFolder(TimePrecision precision, qint64 heartbeatMs);

    /// `mappedChannels`: the highest channel id the mapping saw; a channel above it stops the chunk.
    FoldedChunk fold(const QList<StoredReading>& chunk, const CogentTargets& targets,
                     ChannelId mappedChannels) const;
    /// Call once the far end has confirmed `chunk`.
    void delivered(const FoldedChunk& chunk);

private:
    TimePrecision m_precision;
    qint64 m_heartbeatMs;
    QHash<quint64, qint64> m_lastUnit; // (node, type) → the newest time unit delivered in this pass
};

} // namespace fs::cogent
