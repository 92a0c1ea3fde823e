// BatchScan: reads the readings of the configured sources after the cursor into the rows of a batch CSV.
#pragma once

#include "BatchBuilder.h"
#include "UploadBatch.h"
#include "sinks/SinkStop.h"
#include "util/Result.h"

#include <QHash>
#include <QIODevice>
#include <QString>
#include <QStringList>
#include <utility>
#include <vector>

namespace fs {

class Store;

namespace batchscan {

/// Which channels feed which column: every channel of a node of a configured source.
struct Targets
{
    struct Target
    {
        qint64 node;
        int column;
    };
    QHash<qint64, Target> byChannel;
    QString inList; ///< the channel ids, comma-separated, for SQL
    QString pm1List;
};

/// What one scan wrote, for the meta, the cursor and the deletion.
struct Scan
{
    qint64 lastSeq = 0;
    int sameSecondDropped = 0;
    std::vector<std::pair<qint64, qint64>> rowRanges; // seq ranges of the rows written
};

/// The channels of the nodes of `sources`, read through `reader`; none when `sources` is empty.
Result<Targets> selectTargets(Store& reader, const QStringList& sources);
/// Appends to `csv` one row per settled reading after `scan.lastSeq`, at most `opt.maxRows` in `b`,
/// and moves `scan.lastSeq` past what it passed. Ends with an error between chunks once `stop` is
/// requested (`stop` may be null).
Status scanInto(Store& reader, QIODevice& csv, UploadBatch& b, qint64 nowMs, const Targets& targets,
                const BatchBuilder::Options& opt, const SinkStop* stop, Scan& scan);

} // namespace batchscan

} // namespace fs
