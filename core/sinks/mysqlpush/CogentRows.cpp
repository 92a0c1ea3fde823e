// CogentRows: on whole seconds the last reading of a second wins, because the far end's upsert
// makes the last write win across chunk boundaries and resends anyway: "last" is the only rule
// that gives the same row whether a second arrives in one chunk or two, once or twice.
#include "CogentRows.h"

#include "CogentRemote.h"

#include <QDateTime>
#include <limits>

namespace fs::cogent {

namespace {

qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

quint64 pairKey(int a, int b)
{
    return (quint64(quint32(a)) << 32) | quint32(b);
}

} // namespace

qint64 TimePrecision::unitMs() const
{
    return digits >= 3 ? 1 : digits == 2 ? 10 : digits == 1 ? 100 : 1000;
}

qint64 TimePrecision::floor(qint64 ms) const
{
    return floorDiv(ms, unitMs()) * unitMs();
}

QString TimePrecision::format(qint64 ms) const
{
    const QString full = QDateTime::fromMSecsSinceEpoch(floor(ms), Qt::UTC)
                             .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    const int keep = std::min(digits, 3);
    return keep == 0 ? full.left(19) : full.left(20 + keep);
}

ReadingFolder::ReadingFolder(TimePrecision precision, qint64 heartbeatMs)
    : m_precision(precision), m_heartbeatMs(std::max<qint64>(1000, heartbeatMs))
{}

FoldedChunk ReadingFolder::fold(const QList<StoredReading>& chunk, const CogentTargets& targets,
                                ChannelId mappedChannels) const
{
    FoldedChunk out;
    out.upto = chunk.isEmpty() ? 0 : chunk.first().seq - 1;
    QHash<QPair<qint64, quint64>, qsizetype> rowOf; // (time unit, node/type) → index in out.rows
    QHash<quint64, qsizetype> beatOf;               // (node, heartbeat window) → index in out.heartbeats
    for (const StoredReading& r : chunk) {
        const auto target = targets.channels.constFind(r.channel);
        if (target == targets.channels.constEnd()) {
            if (r.channel > mappedChannels) {
                out.unmappedAhead = true; // registered after the mapping: map it before going on
                break;
            }
            out.upto = r.seq; // a channel that is mapped and not pushed (no Cogent sensor type)
            continue;
        }
        out.upto = r.seq;
        const qint64 unit = m_precision.floor(r.timeMs);
        const quint64 channelKey = pairKey(target->node, target->type);
        const auto key = qMakePair(unit, channelKey);
        const auto found = rowOf.constFind(key);
        if (found != rowOf.constEnd()) {
            ReadingRow& row = out.rows[*found];
            ++out.merged;
            if (r.timeMs >= row.sourceTimeMs) {
                row.value = r.value;
                row.sourceTimeMs = r.timeMs;
                row.sourceSeq = r.seq;
            }
        } else {
            if (m_lastUnit.value(channelKey, std::numeric_limits<qint64>::min()) == unit)
                ++out.merged; // an earlier chunk delivered this unit; the upsert keeps this, the last
            rowOf.insert(key, out.rows.size());
            out.rows.append({unit, target->node, target->type, target->location, r.value, r.timeMs, r.seq});
        }
        const qint64 window = floorDiv(r.timeMs, m_heartbeatMs);
        const quint64 beatKey = pairKey(target->node, int(window));
        const auto beat = beatOf.constFind(beatKey);
        if (beat == beatOf.constEnd()) {
            beatOf.insert(beatKey, out.heartbeats.size());
            out.heartbeats.append(
                {target->node, r.timeMs, window * m_heartbeatMs, (window + 1) * m_heartbeatMs, -1});
        } else if (out.heartbeats[*beat].timeMs < r.timeMs) {
            out.heartbeats[*beat].timeMs = r.timeMs; // the window's newest reading: the node was alive then
        }
    }
    return out;
}

void ReadingFolder::delivered(const FoldedChunk& chunk)
{
    for (const ReadingRow& row : chunk.rows) {
        const quint64 key = pairKey(row.node, row.type);
        m_lastUnit.insert(key, std::max(row.timeMs, m_lastUnit.value(key, row.timeMs)));
    }
}

} // namespace fs::cogent
