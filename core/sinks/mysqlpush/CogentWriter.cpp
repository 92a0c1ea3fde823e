// CogentWriter: prepared statements with typed binds; a statement carries at most kRowsPerInsert
// rows, well under MySQL's 65 535 placeholders.
#include "CogentWriter.h"

#include <QDateTime>
#include <QSqlError>
#include <QSysInfo>
#include <limits>

namespace fs::cogent {

namespace {

constexpr int kRowsPerInsert = 5000;
constexpr int kReadingColumns = 5;

QString upsertSql(int rows)
{
    QString values;
    values.reserve(rows * 12);
    for (int i = 0; i < rows; ++i)
        values += i ? QStringLiteral(",(?,?,?,?,?)") : QStringLiteral("(?,?,?,?,?)");
    return QStringLiteral("INSERT INTO Reading (time, nodeId, type, locationId, value) VALUES %1 "
                          "ON DUPLICATE KEY UPDATE value = VALUES(value), locationId = VALUES(locationId)")
        .arg(values);
}

Error sqlError(const QString& what, const QSqlError& e)
{
    return Error{QStringLiteral("%1: %2").arg(what, e.text())};
}

} // namespace

CogentWriter::CogentWriter(QSqlDatabase db) : m_db(std::move(db)) {}

Status CogentWriter::detectPrecision()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT TABLE_NAME, DATETIME_PRECISION FROM information_schema.COLUMNS "
                               "WHERE TABLE_SCHEMA = DATABASE() AND COLUMN_NAME = 'time' "
                               "AND TABLE_NAME IN ('Reading', 'NodeState')")))
        return sqlError(QStringLiteral("reading the precision of Reading.time"), q.lastError());
    int found = 0;
    while (q.next()) {
        const TimePrecision p{q.value(1).toInt()};
        (q.value(0).toString() == QLatin1String("Reading") ? m_reading : m_state) = p;
        ++found;
    }
    if (found < 2)
        return Error{QStringLiteral("the database has no Reading.time or NodeState.time column: not a "
                                    "Cogent-house schema")};
    return {};
}

Result<int> CogentWriter::write(const QList<ReadingRow>& readings, const QList<NodeStateRow>& states)
{
    if (!m_db.transaction())
        return sqlError(QStringLiteral("begin"), m_db.lastError());
    Status s = insertReadings(readings);
    Result<int> inserted = s ? insertStates(states) : Result<int>(Error{s.error()});
    if (!inserted) {
        m_db.rollback();
        return inserted;
    }
    if (!m_db.commit())
        return sqlError(QStringLiteral("commit"), m_db.lastError());
    return inserted;
}

Status CogentWriter::insertReadings(const QList<ReadingRow>& readings)
{
    for (qsizetype from = 0; from < readings.size(); from += kRowsPerInsert) {
        const int rows = int(std::min<qsizetype>(kRowsPerInsert, readings.size() - from));
        if (!m_upsert || m_upsertRows != rows) {
            m_upsert.emplace(m_db);
            if (!m_upsert->prepare(upsertSql(rows))) {
                const QSqlError e = m_upsert->lastError();
                m_upsert.reset();
                return sqlError(QStringLiteral("preparing the readings insert"), e);
            }
            m_upsertRows = rows;
        }
        QSqlQuery& q = *m_upsert;
        // A station's channels share their timestamps: format each time once.
        qint64 formattedMs = std::numeric_limits<qint64>::min();
        QString time;
        for (int i = 0; i < rows; ++i) {
            const ReadingRow& r = readings[from + i];
            const int at = i * kReadingColumns;
            if (r.timeMs != formattedMs) {
                time = m_reading.format(r.timeMs);
                formattedMs = r.timeMs;
            }
            q.bindValue(at, time);
            q.bindValue(at + 1, r.node);
            q.bindValue(at + 2, r.type);
            q.bindValue(at + 3, r.location);
            q.bindValue(at + 4, r.value); // a double: the server rounds it to FLOAT once
        }
        if (!q.exec())
            return sqlError(QStringLiteral("inserting %1 readings from %2")
                                .arg(rows)
                                .arg(m_reading.format(readings[from].timeMs)),
                            q.lastError());
    }
    return {};
}

Result<int> CogentWriter::insertStates(const QList<NodeStateRow>& states)
{
    if (states.isEmpty())
        return 0;
    // The check and the insert in one statement, inside the chunk's transaction: InnoDB locks the
    // range it read, so no other writer slips a row in between.
    QSqlQuery q(m_db);
    if (!q.prepare(QStringLiteral("INSERT INTO NodeState (time, nodeId, parent, `localtime`, seq_num, rssi) "
                                  "SELECT ?, ?, NULL, ?, ?, NULL FROM DUAL WHERE NOT EXISTS "
                                  "(SELECT 1 FROM NodeState WHERE nodeId = ? AND time >= ? AND time < ?)")))
        return sqlError(QStringLiteral("preparing the node state insert"), q.lastError());
    int inserted = 0;
    for (const NodeStateRow& s : states) {
        q.bindValue(0, m_state.format(s.timeMs));
        q.bindValue(1, s.node);
        q.bindValue(2, s.timeMs);
        q.bindValue(3, s.seqNum < 0 ? QVariant(QMetaType::fromType<int>()) : QVariant(s.seqNum));
        q.bindValue(4, s.node);
        q.bindValue(5, m_state.format(s.windowFromMs));
        q.bindValue(6, m_state.format(std::max(s.windowToMs, s.windowFromMs + m_state.unitMs())));
        if (!q.exec())
            return sqlError(QStringLiteral("inserting a node state of node %1").arg(s.node), q.lastError());
        inserted += q.numRowsAffected() > 0 ? 1 : 0;
    }
    return inserted;
}

Status CogentWriter::writePushstatus()
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "INSERT INTO Pushstatus (time, `localtime`, hostname, version) VALUES (UTC_TIMESTAMP(), ?, ?, ?)"));
    q.addBindValue(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    q.addBindValue(QSysInfo::machineHostName().left(25));
    q.addBindValue(QStringLiteral(FIELDSTATION_VERSION).left(20));
    if (!q.exec())
        return sqlError(QStringLiteral("Pushstatus"), q.lastError());
    return {};
}

} // namespace fs::cogent
