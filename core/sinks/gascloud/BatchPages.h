// BatchPages: the batches table read a page at a time for a view (a week-long outage is thousands of
// batches), newest first, by the filter a person picks, with the count in each state.
#pragma once

#include "UploadBatch.h"
#include "util/Result.h"

#include <QList>
#include <QString>
#include <optional>

namespace fs {

class Store;

namespace batches {

/// What the queue page shows. A batch still being cut ("building") is in none: it has no files yet.
enum class Filter { All, Pending, Uploaded, Rejected };

QString toString(Filter f);
/// "all", "pending", "uploaded" or "rejected"; nothing for any other text.
std::optional<Filter> filterFromString(const QString& text);
/// Whether a batch in `state` belongs under `filter`.
bool matches(Filter filter, UploadBatch::State state);

struct Counts
{
    int pending = 0; ///< every open state: waiting, requesting, ticketed, uploading, checking
    int uploaded = 0;
    int rejected = 0;
    int of(Filter f) const;
    /// Adds `n` (may be negative, never below 0) to the bucket of `state`; building counts nowhere.
    void add(std::optional<UploadBatch::State> state, int n);
    /// Moves one batch from the bucket of `from` to that of `to` (either may be none: building).
    void move(std::optional<UploadBatch::State> from, std::optional<UploadBatch::State> to);
};

/// Up to `limit` batches under `filter` with an id below `beforeId` (0: from the newest), newest first.
Result<QList<UploadBatch>> page(Store& store, Filter filter, qint64 beforeId, int limit);
/// The number of batches in each bucket (one GROUP BY over the state index).
Result<Counts> counts(Store& store);
/// One batch; nothing when no batch has that id.
Result<std::optional<UploadBatch>> byId(Store& store, qint64 id);

} // namespace batches
} // namespace fs
