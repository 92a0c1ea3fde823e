// StationRegistry: the unique key on base settles a race; the loser takes the next block.
#include "StationRegistry.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace fs::cogent {

namespace {

/// The MySQL error number of a failed query (1062: duplicate key).
int mysqlErrno(const QSqlQuery& q)
{
    return q.lastError().nativeErrorCode().toInt();
}

qint64 roundUp(qint64 v, qint64 block)
{
    return (v + block - 1) / block * block;
}

} // namespace

Result<int> allocateNodeIdBase(QSqlDatabase& db, const QString& station)
{
    QSqlQuery q(db);
    // DDL commits implicitly in MySQL: it runs before the allocation's transaction.
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS FieldStationStation ("
                               " id INT NOT NULL AUTO_INCREMENT,"
                               " name VARCHAR(255) NOT NULL,"
                               " base INT NOT NULL,"
                               " created DATETIME NOT NULL,"
                               " PRIMARY KEY (id),"
                               " UNIQUE KEY fieldstation_base (base)"
                               ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4")))
        return Error{
            QStringLiteral("cannot create the FieldStationStation table to allocate this station's "
                           "node ids (set push.node_id_base, or let the push user create tables): %1")
                .arg(q.lastError().text())};
    QString lastError;
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (!db.transaction())
            return Error{QStringLiteral("begin: %1").arg(db.lastError().text())};
        const auto fail = [&](const QString& what) -> Result<int> {
            const QString e = QStringLiteral("%1: %2").arg(what, q.lastError().text());
            db.rollback();
            return Error{e};
        };
        // FOR UPDATE locks the table's index to its end: a second station waits here.
        if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(base), 0) FROM FieldStationStation FOR UPDATE")) ||
            !q.next())
            return fail(QStringLiteral("reading FieldStationStation"));
        const qint64 maxBase = q.value(0).toLongLong();
        if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM Node")) || !q.next())
            return fail(QStringLiteral("reading Node"));
        const qint64 maxNode = q.value(0).toLongLong();
        const qint64 base = std::max({qint64(kFirstNodeIdBase), maxBase ? maxBase + kNodeIdBlock : 0,
                                      roundUp(maxNode + 1, kNodeIdBlock)});
        if (base > 2000000000)
            return fail(QStringLiteral("no node id block is left below 2 000 000 000"));
        q.prepare(QStringLiteral(
            "INSERT INTO FieldStationStation (name, base, created) VALUES (?, ?, UTC_TIMESTAMP())"));
        q.addBindValue(station.left(255));
        q.addBindValue(base);
        if (!q.exec()) {
            if (mysqlErrno(q) == 1062) { // another station took this block first
                lastError = q.lastError().text();
                db.rollback();
                continue;
            }
            return fail(QStringLiteral("registering this station"));
        }
        if (!db.commit())
            return fail(QStringLiteral("commit"));
        return int(base);
    }
    return Error{QStringLiteral("could not allocate a node id block after 5 attempts: %1").arg(lastError)};
}

} // namespace fs::cogent
