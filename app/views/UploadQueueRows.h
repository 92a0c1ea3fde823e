// UploadQueueRows: one gascloud batch as a row of the upload queue model.
#pragma once

#include "sinks/gascloud/UploadBatch.h"

#include <QList>
#include <QVariant>

namespace fs::queuerow {

/// The value of one of UploadQueueModel's roles for `b`.
QVariant value(const UploadBatch& b, int role);
/// The roles whose value differs between two versions of one batch.
QList<int> changedRoles(const UploadBatch& a, const UploadBatch& b);

} // namespace fs::queuerow
