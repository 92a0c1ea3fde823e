// BatchBuilder: cuts the readings of the configured sources after its cursor into one gascloud batch:
// <ref>.csv and the meta YAML zipped into <ref>.zip, plus the quarantine payload <ref>.yaml.
#pragma once

#include "UploadBatch.h"
#include "sinks/SinkStop.h"
#include "util/Result.h"

#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

namespace fs {

class Recorder;
class Store;
namespace batchscan {
struct Targets;
struct Scan;
} // namespace batchscan

class BatchBuilder
{
public:
    struct Options
    {
        QString pendingDir;
        QString key; ///< the gateway key: in the ref, the meta and the payload
        QString gadgetId;
        QString batchType = QStringLiteral("OPC"); ///< the only type the old tool ever sent
        QString batchMode = QStringLiteral("PASS");
        int maxRows = 86400;
        /// Delete the batched readings once the batch is on disk, but only those every sink named in
        /// otherSinkCursors has passed; the rest stay for retention (store.keep_days) to delete.
        bool deleteReadingOnZip = false;
        QStringList otherSinkCursors; ///< cursor names of every other enabled sink
        /// Ids of the sources (nodes.source) whose readings are batched; empty selects nothing.
        QStringList sources;
        /// A reading newer than this is only batched once a later one shows it is complete.
        int settleMs = 60000;
    };
    static constexpr const char* kCursor = "gascloud-batch";

    /// Reads through its own read-only connection to `storePath`; writes through `recorder`.
    BatchBuilder(Recorder& recorder, QString storePath, Options options);
    ~BatchBuilder();

    /// Removes what a crash left half-built: batches in state "building" and their files, and
    /// stray temporary files. Their readings are still after the cursor and are batched again.
    Status recover();
    /// Builds at most one batch from the readings after the cursor; nothing when there are none.
    Result<std::optional<UploadBatch>> buildNext(qint64 nowMs);
    /// Once `stop` is requested, a batch being built is dropped between chunks (its readings stay
    /// after the cursor for the next start). Must outlive this.
    void setStopToken(const SinkStop* stop) { m_stop = stop; }

private:
    Status openReader();
    Result<std::optional<UploadBatch>> build(qint64 nowMs, qint64 cursor, const batchscan::Targets& targets);
    void deleteBatched(const UploadBatch& b, const batchscan::Scan& scan);

    Recorder& m_recorder;
    QString m_storePath;
    Options m_opt;
    std::unique_ptr<Store> m_reader;
    const SinkStop* m_stop = nullptr;
};

/// The canonical CSV header (protocol note, part C), one line with its newline.
QByteArray batchCsvHeader();

} // namespace fs
