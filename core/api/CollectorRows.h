// CollectorRows: the ISEMS collector's table rows rebuilt from the store (node isems:<nodeId>, one
// channel per field, one row = the readings of one node at one time, place and firmware from the
// node's "reported" states).
#pragma once

#include "util/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

class QSqlDatabase;

namespace fs::api {

/// One ISEMS node as the store holds it.
struct IsemsNode
{
    qint64 id = 0;  ///< nodes.id
    QString nodeId; ///< the collector's nodeId: the key after "isems:"
};

/// One row of the collector's table, with its time for the caller's own checks.
struct CollectorRow
{
    qint64 timeMs = 0;
    QJsonObject json;
};

class CollectorRows
{
public:
    explicit CollectorRows(QSqlDatabase& db) : m_db(db) {}

    /// Every node of kind "isems", by nodeId; `only` keeps the one with that nodeId.
    Result<QList<IsemsNode>> nodes(const QString& only = {});
    /// The node's newest `limit` rows, newest first, in the collector's JSON shape.
    Result<QList<CollectorRow>> rows(const IsemsNode& node, int limit);

    /// The collector's field names of the store channels, in the collector's column order.
    static const QStringList& numberFields();

private:
    struct Reported
    {
        qint64 timeMs = 0;
        QJsonObject detail;
    };
    Result<QList<Reported>> reportedStates(qint64 node);

    QSqlDatabase& m_db;
};

} // namespace fs::api
