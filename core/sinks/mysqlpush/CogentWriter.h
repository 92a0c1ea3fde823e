// CogentWriter: the push's writes into a Cogent-house database on an open connection: readings as
// typed multi-row upserts (values bound as doubles, so the FLOAT column rounds once), node states
// inserted only where the node has none for that time (NodeState has no unique key), one
// transaction per chunk.
#pragma once

#include "CogentRows.h"
#include "util/Result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <optional>

namespace fs::cogent {

class CogentWriter
{
public:
    explicit CogentWriter(QSqlDatabase db);

    /// Reads the fractional-second digits of Reading.time and NodeState.time (information_schema).
    Status detectPrecision();
    TimePrecision readingPrecision() const { return m_reading; }
    TimePrecision statePrecision() const { return m_state; }

    /// In one transaction: the readings upserted, then each node state inserted unless the node
    /// already has one in its window. The number of node states inserted.
    Result<int> write(const QList<ReadingRow>& readings, const QList<NodeStateRow>& states);
    /// Who pushed, when, with what version (Cogent's Pushstatus table).
    Status writePushstatus();

private:
    Status insertReadings(const QList<ReadingRow>& readings);
    Result<int> insertStates(const QList<NodeStateRow>& states);

    QSqlDatabase m_db;
    TimePrecision m_reading;
    TimePrecision m_state;
    std::optional<QSqlQuery> m_upsert; // prepared for m_upsertRows rows, reused chunk after chunk
    int m_upsertRows = 0;
};

} // namespace fs::cogent
