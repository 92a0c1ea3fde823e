// IsemsIngest: the one door through which ISEMS records (HTTP logs, MQTT payloads) reach the store,
// deduplicated on (node, timestamp), with each node declared on first sight.
#pragma once

#include "IsemsLine.h"
#include "model/SampleSink.h"

#include <QHash>
#include <QSet>
#include <QStringList>
#include <deque>
#include <functional>
#include <mutex>

namespace fs::isems {

class IsemsIngest
{
public:
    /// Registers a node with the store (IsemsSource passes its declareNode, which also lists the
    /// node for the screen). Called with the ingest lock held, from whichever thread ingests.
    using Declare = std::function<Result<NodeChannels>(const NodeSpec&)>;

    /// What one call did. `errors` holds "line N: reason" for every refused line.
    struct Batch
    {
        int stored = 0;
        int duplicates = 0;
        int refused = 0;
        QStringList nodeIds; ///< every node id with a well-formed line, in order of first sight
        QStringList errors;
    };

    struct Totals
    {
        qint64 stored = 0;
        qint64 duplicates = 0;
        qint64 refused = 0;
    };

    /// Memory bound per node: a router log holds at most ~3660 lines, an MQTT window 5.
    static constexpr int kSeenPerNode = 8192;

    /// `sink` may be null (nothing is recorded).
    IsemsIngest(QString sourceId, SampleSink* sink, Declare declare);

    /// Thread-safe, callable from the HTTP poller's and the MQTT client's threads at once; blocks
    /// only while a new node is registered. Parses every line of `text` (one fetch of a log, one
    /// MQTT payload); a bad line is refused and counted and never stops the others.
    Batch ingestText(QByteArrayView text, qint64 nowMs);
    /// Thread-safe. Records parsed elsewhere, e.g. MQTT data.json with timeFromArrival set.
    Batch ingestRecords(const QList<Record>& records);

    /// Thread-safe. Records a failure ("unreachable", "garbage") of a node declared before;
    /// returns false when the node id was never seen (there is no store node to attach it to).
    bool reportNodeFailure(const QString& nodeId, const QString& state, const QString& detail, qint64 timeMs);

    Totals totals() const;

private:
    struct Node
    {
        NodeChannels ids;
        QSet<qint64> seen;          // times stored (or known stored) in this run
        std::deque<qint64> arrival; // the same times in the order they came: the first is forgotten first
        qint64 storedUpToMs = 0;    // newest stored before this run (from the store)
        bool caughtUp = false;      // the first batch after start has been matched against the store
        bool failing = false;
        QString reported; // the last "reported" detail submitted
    };

    Node* nodeFor(const QString& nodeId, QString* error);
    /// Per node, the index of its last record in `records` that is known: its time was seen in
    /// this run, or (first batch after start) it is the store's newest time. -1 when none is.
    QHash<QString, qsizetype> knownThrough(const QList<Record>& records);
    bool isDuplicate(const Node& node, qint64 timeMs, bool firstBatch, qsizetype index,
                     qsizetype knownThrough) const;
    void remember(Node& node, qint64 timeMs);
    void ingestLocked(const QList<Record>& records, Batch& batch);

    const QString m_sourceId;
    SampleSink* const m_sink;
    const Declare m_declare;
    mutable std::mutex m_mutex;
    QHash<QString, Node> m_nodes;
    Totals m_totals;
};

} // namespace fs::isems
