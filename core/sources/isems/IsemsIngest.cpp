// IsemsIngest: dedupe without blocking. The old collector kept only lines newer than the newest
// stored one, so one far-future timestamp blocked a node for good; here a line is a duplicate
// when its time was taken in, or when it comes before such a line in the same log (logs and
// windows grow at their end); after a restart the line at the store's newest time marks how far
// the log was stored.
#include "IsemsIngest.h"

#include "IsemsChannels.h"

#include <algorithm>

namespace fs::isems {

IsemsIngest::IsemsIngest(QString sourceId, SampleSink* sink, Declare declare)
    : m_sourceId(std::move(sourceId)), m_sink(sink), m_declare(std::move(declare))
{}

IsemsIngest::Batch IsemsIngest::ingestText(QByteArrayView text, qint64 nowMs)
{
    Batch batch;
    QList<Record> records;
    int lineNo = 0;
    for (const QByteArray& line : text.toByteArray().split('\n')) {
        ++lineNo;
        if (line.trimmed().isEmpty())
            continue; // the final newline, or blank lines between payloads: nothing to refuse
        Result<Record> r = parseLine(line, nowMs);
        if (!r) {
            ++batch.refused;
            batch.errors.append(QStringLiteral("line %1: %2").arg(lineNo).arg(r.error()));
            continue;
        }
        records.append(std::move(r).value());
    }
    std::lock_guard lock(m_mutex);
    m_totals.refused += batch.refused;
    ingestLocked(records, batch);
    return batch;
}

IsemsIngest::Batch IsemsIngest::ingestRecords(const QList<Record>& records)
{
    Batch batch;
    std::lock_guard lock(m_mutex);
    ingestLocked(records, batch);
    return batch;
}

IsemsIngest::Node* IsemsIngest::nodeFor(const QString& nodeId, QString* error)
{
    auto it = m_nodes.find(nodeId);
    if (it != m_nodes.end())
        return &it.value();
    if (!m_declare) {
        *error = QStringLiteral("no store to declare node %1 in").arg(nodeId);
        return nullptr;
    }
    Result<NodeChannels> ids = m_declare(nodeSpec(nodeId, m_sourceId));
    if (!ids) {
        *error = QStringLiteral("node %1 not declared: %2").arg(nodeId, ids.error());
        return nullptr;
    }
    Node node;
    node.ids = ids.value();
    for (qint64 t : node.ids.lastTimeMs)
        node.storedUpToMs = std::max(node.storedUpToMs, t);
    return &m_nodes.insert(nodeId, node).value();
}

QHash<QString, qsizetype> IsemsIngest::knownThrough(const QList<Record>& records)
{
    QHash<QString, qsizetype> through;
    QSet<QString> undeclared; // asked once here; the main pass refuses their records
    for (qsizetype i = 0; i < records.size(); ++i) {
        if (undeclared.contains(records[i].nodeId))
            continue;
        QString ignored;
        const Node* node = nodeFor(records[i].nodeId, &ignored);
        if (!node) {
            undeclared.insert(records[i].nodeId);
            continue;
        }
        const qint64 t = records[i].timeMs;
        if (node->seen.contains(t) || (!node->caughtUp && node->storedUpToMs > 0 && t == node->storedUpToMs))
            through.insert(records[i].nodeId, i);
    }
    return through;
}

bool IsemsIngest::isDuplicate(const Node& node, qint64 timeMs, bool firstBatch, qsizetype index,
                              qsizetype knownThrough) const
{
    // A log or window grows at its end: every line before a known one was there when that one
    // was taken in, so it is known too, whatever its time and even when `seen` forgot it. Lines
    // after the last known one are new, also when a clock set back or a line ahead of the clock
    // (up to a day is accepted) makes their times smaller.
    if (node.seen.contains(timeMs) || index <= knownThrough)
        return true;
    // A restart's first batch with no line at the store's newest time (a rotated log, a window
    // that moved on): what the store already holds is judged by time.
    return firstBatch && knownThrough < 0 && timeMs <= node.storedUpToMs;
}

void IsemsIngest::remember(Node& node, qint64 timeMs)
{
    // Forgotten in the order they came, not oldest time first, with no "older than the forgotten
    // is a duplicate" rule: that rule dropped every line of a node whose clock went back further
    // than the remembered span, for good. A forgotten line that comes again before a known one is
    // still a duplicate (isDuplicate).
    if (node.seen.contains(timeMs))
        return;
    node.seen.insert(timeMs);
    node.arrival.push_back(timeMs);
    while (node.arrival.size() > size_t(kSeenPerNode)) {
        node.seen.remove(node.arrival.front());
        node.arrival.pop_front();
    }
}

void IsemsIngest::ingestLocked(const QList<Record>& records, Batch& batch)
{
    std::vector<Sample> samples;
    QList<NodeState> states;
    QSet<QString> firstBatch;
    const QHash<QString, qsizetype> through = knownThrough(records);
    for (qsizetype i = 0; i < records.size(); ++i) {
        const Record& r = records[i];
        if (!batch.nodeIds.contains(r.nodeId))
            batch.nodeIds.append(r.nodeId);
        QString error;
        Node* node = nodeFor(r.nodeId, &error);
        if (!node) {
            ++batch.refused;
            ++m_totals.refused;
            batch.errors.append(error);
            continue;
        }
        if (!node->caughtUp) {
            firstBatch.insert(r.nodeId);
            node->caughtUp = true;
        }
        if (isDuplicate(*node, r.timeMs, firstBatch.contains(r.nodeId), i, through.value(r.nodeId, -1))) {
            remember(*node, r.timeMs);
            ++batch.duplicates;
            ++m_totals.duplicates;
            continue;
        }
        remember(*node, r.timeMs);
        const QList<std::optional<double>> values = channelValues(r);
        for (int i = 0; i < values.size() && i < node->ids.channels.size(); ++i) {
            if (values[i])
                samples.push_back(Sample{r.timeMs, node->ids.channels[i], *values[i]});
        }
        const QString detail = reportedDetail(r);
        if (detail != node->reported || node->failing) {
            states.append(NodeState{node->ids.node, r.timeMs, QStringLiteral("reported"), detail});
            node->reported = detail;
            node->failing = false;
        }
        ++batch.stored;
        ++m_totals.stored;
    }
    if (!m_sink)
        return;
    // States first: the REST API looks up the "reported" state at or before a row's time.
    for (const NodeState& s : states)
        m_sink->submitState(s);
    if (!samples.empty())
        m_sink->submit(samples);
}

bool IsemsIngest::reportNodeFailure(const QString& nodeId, const QString& state, const QString& detail,
                                    qint64 timeMs)
{
    std::lock_guard lock(m_mutex);
    auto it = m_nodes.find(nodeId);
    if (it == m_nodes.end())
        return false;
    it->failing = true;
    if (m_sink)
        m_sink->submitState(NodeState{it->ids.node, timeMs, state, detail});
    return true;
}

IsemsIngest::Totals IsemsIngest::totals() const
{
    std::lock_guard lock(m_mutex);
    return m_totals;
}

} // namespace fs::isems
