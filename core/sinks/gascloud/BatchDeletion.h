// BatchDeletion: delete_reading_on_zip: the readings of a batch go once every other sink has passed
// them, folded into minute aggregates first, in bounded jobs on the Recorder.
#pragma once

#include "util/Result.h"

#include <QStringList>
#include <utility>
#include <vector>

namespace fs {

class Recorder;

namespace batchdeletion {

struct Outcome
{
    Status status;
    qint64 deleted = 0; ///< readings folded and deleted
    qint64 kept = 0;    ///< readings of the batch left for retention: some other sink has not passed them
};

/// Folds into their minutes and deletes the readings with seq in `ranges` (none of another source's)
/// up to `lastSeq` and to every cursor in `otherSinkCursors` (one never moved has passed nothing), at
/// most a few thousand readings per Recorder job, so new readings never wait behind a day's delete.
Outcome deleteRows(Recorder& recorder, qint64 lastSeq, const std::vector<std::pair<qint64, qint64>>& ranges,
                   const QStringList& otherSinkCursors);

} // namespace batchdeletion

} // namespace fs
