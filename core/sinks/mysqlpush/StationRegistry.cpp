// StationRegistry: the unique key on base settles a race; the loser tries again with the next block.
#include "StationRegistry.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace fs::cogent {

namespace {

constexpr int kAttempts = 20;

/// Another station allocated at the same moment: a duplicate base (1062) or a deadlock (1213).
bool lostTheRace(const QSqlQuery& q)
{
    const int code = q.lastError().nativeErrorCode().toInt();
    return code == 1062 || code == 1213;
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
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
        if (!db.transaction())
            return Error{QStringLiteral("begin: %1").arg(db.lastError().text())};
        const auto fail = [&](const QString& what) -> Result<int> {
            const QString e = QStringLiteral("%1: %2").arg(what, q.lastError().text());
            db.rollback();
            return Error{e};
        };
        if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(base), 0) FROM FieldStationStation")) || !q.next())
            return fail(QStringLiteral("reading FieldStationStation"));
        const qint64 maxBase = q.value(0).toLongLong();
        if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM Node")) || !q.next())
            return fail(QStringLiteral("reading Node"));
        const qint64 maxNode = q.value(0).toLongLong();
        const qint64 base = std::max({qint64(kFirstNodeIdBase), maxBase ? maxBase + kNodeIdBlock : 0,
                                      roundUp(maxNode + 1, kNodeIdBlock)});
        if (base > 2000000000) {
            db.rollback();
            return Error{QStringLiteral("no node id block is left below 2 000 000 000")};
        }
        q.prepare(QStringLiteral(
            "INSERT INTO FieldStationStation (name, base, created) VALUES (?, ?, UTC_TIMESTAMP())"));
        q.addBindValue(station.left(255));
        q.addBindValue(base);
        if (!q.exec()) {
            if (lostTheRace(q)) {
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
    return Error{QStringLiteral("could not allocate a node id block after %1 attempts: %2")
                     .arg(kAttempts)
                     .arg(lastError)};
}

} // namespace fs::cogent
