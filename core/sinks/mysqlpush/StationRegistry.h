// StationRegistry: the FieldStationStation table in a Cogent-house database, where each station
// that pushes without a configured node_id_base takes a block of node ids of its own.
#pragma once

#include "util/Result.h"

#include <QSqlDatabase>
#include <QString>

namespace fs::cogent {

/// Node ids per station: a station's Cogent node id is its base plus its store's node id.
constexpr int kNodeIdBlock = 10000;
/// The first base given out: above the 16-bit radio addresses Cogent-house's own motes use.
constexpr int kFirstNodeIdBase = 100000;

/// Creates the table if absent (an additive table; Cogent-house never reads it) and takes the next
/// free block for `station` in one transaction: above every block given out and above every Node
/// id already in the database. Safe against stations allocating at the same moment.
Result<int> allocateNodeIdBase(QSqlDatabase& db, const QString& station);

} // namespace fs::cogent
