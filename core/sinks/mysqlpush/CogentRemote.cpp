// CogentRemote: get-or-create by the keys cogent-house maps on, inside one transaction.
#include "CogentRemote.h"

#include "CogentMapping.h"
#include "StationRegistry.h"
#include "model/SensorTypes.h"
#include "store/Recorder.h"
#include "store/Store.h"
#include "util/Logging.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QVariant>

namespace fs {

namespace {

Error sqlError(const QSqlQuery& q, const QString& what)
{
    return Error{QStringLiteral("%1: %2").arg(what, q.lastError().text())};
}

/// Prepares and runs `sql` with `binds` on `q`.
Status exec(QSqlQuery& q, const QString& sql, const QVariantList& binds)
{
    q.prepare(sql);
    for (const QVariant& v : binds)
        q.addBindValue(v);
    if (!q.exec())
        return sqlError(q, sql.left(60));
    return {};
}

/// The first column of the first row, or 0 when there is none.
Result<qint64> scalar(QSqlDatabase& db, const QString& sql, const QVariantList& binds)
{
    QSqlQuery q(db);
    if (Status s = exec(q, sql, binds); !s)
        return Error{s.error()};
    return q.next() ? q.value(0).toLongLong() : qint64(0);
}

/// The id of the row an INSERT made.
Result<qint64> insert(QSqlDatabase& db, const QString& sql, const QVariantList& binds)
{
    QSqlQuery q(db);
    if (Status s = exec(q, sql, binds); !s)
        return Error{s.error()};
    return q.lastInsertId().toLongLong();
}

Status run(QSqlDatabase& db, const QString& sql, const QVariantList& binds)
{
    QSqlQuery q(db);
    return exec(q, sql, binds);
}

} // namespace

CogentRemote::CogentRemote(QSqlDatabase remote, Recorder& recorder, QString storePath,
                           const PushSettings& push, const PushServerSettings& server)
    : m_db(std::move(remote)), m_recorder(recorder), m_storePath(std::move(storePath)), m_push(push),
      m_server(server)
{}

qint64 CogentRemote::mapped(const QString& kind, const QString& key)
{
    qint64 id = 0;
    m_recorder.run([&](Store& s) {
        QSqlQuery q(s.db());
        q.prepare(
            QStringLiteral("SELECT remote_id FROM push_map WHERE server = ? AND kind = ? AND local_key = ?"));
        q.addBindValue(m_server.name);
        q.addBindValue(kind);
        q.addBindValue(key);
        if (q.exec() && q.next())
            id = q.value(0).toLongLong();
        return Status();
    });
    return id;
}

Status CogentRemote::remember(const QString& kind, const QString& key, qint64 id)
{
    return m_recorder.run([&](Store& s) -> Status {
        QSqlQuery q(s.db());
        q.prepare(QStringLiteral(
            "INSERT INTO push_map (server, kind, local_key, remote_id) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (server, kind, local_key) DO UPDATE SET remote_id = excluded.remote_id"));
        q.addBindValue(m_server.name);
        q.addBindValue(kind);
        q.addBindValue(key);
        q.addBindValue(id);
        return q.exec() ? Status() : Status(Error{q.lastError().text()});
    });
}

Result<int> CogentRemote::nodeIdBase()
{
    if (m_push.nodeIdBase)
        return *m_push.nodeIdBase;
    const QString kind = QStringLiteral("station");
    const QString key = QStringLiteral("node_id_base");
    if (const qint64 known = mapped(kind, key))
        return int(known);
    const QString station = QStringLiteral("%1:%2").arg(QSysInfo::machineHostName(), m_storePath);
    auto base = cogent::allocateNodeIdBase(m_db, station);
    if (!base)
        return Error{base.error()};
    qCInfo(lcPush).noquote() << m_server.name << "gave this station node ids from" << base.value();
    if (Status s = remember(kind, key, base.value()); !s)
        return Error{s.error()};
    return base.value();
}

Status CogentRemote::sensorTypes(const QSet<int>& ids)
{
    for (int id : ids) {
        const SensorType* t = sensorTypeById(id);
        // Seeded as Cogent's populateData seeds its own (calibration 0, 1, 0, 0); a row that is
        // there already is never changed.
        if (Status s =
                run(m_db,
                    QStringLiteral("INSERT IGNORE INTO SensorType (id, name, code, units, c0, c1, c2, c3) "
                                   "VALUES (?, ?, ?, ?, 0, 1, 0, 0)"),
                    {t->id, t->name, t->code, t->unit});
            !s)
            return s;
        QSqlQuery q(m_db);
        if (Status s = exec(q, QStringLiteral("SELECT code FROM SensorType WHERE id = ?"), {t->id}); !s)
            return s;
        const QString theirs = q.next() ? q.value(0).toString() : QString();
        if (theirs != t->code)
            return Error{QStringLiteral("SensorType %1 is \"%2\" on %3, but \"%4\" (%5) in FieldStation's "
                                        "sensor-type table: not pushing to a database that disagrees on "
                                        "sensor types")
                             .arg(t->id)
                             .arg(theirs, m_server.name, t->code, t->name)};
    }
    return {};
}

Result<int> CogentRemote::deployment()
{
    const QString name = m_push.deployment;
    // The deployment this station created, even if it has been renamed since.
    const qint64 mine = mapped(QStringLiteral("deployment"), QStringLiteral("deployment"));
    auto byName =
        scalar(m_db, QStringLiteral("SELECT id FROM Deployment WHERE name = ? ORDER BY id LIMIT 1"), {name});
    if (!byName)
        return Error{byName.error()};
    qint64 id = byName.value();
    if (!id && mine) {
        auto exists = scalar(m_db, QStringLiteral("SELECT id FROM Deployment WHERE id = ?"), {mine});
        if (!exists)
            return Error{exists.error()};
        if (exists.value()) {
            if (Status s =
                    run(m_db, QStringLiteral("UPDATE Deployment SET name = ? WHERE id = ?"), {name, mine});
                !s)
                return Error{s.error()};
            id = mine;
        }
    }
    if (!id) {
        auto made = insert(
            m_db,
            QStringLiteral(
                "INSERT INTO Deployment (name, description, startDate) VALUES (?, ?, UTC_TIMESTAMP())"),
            {name, m_push.deploymentDescription});
        if (!made)
            return Error{made.error()};
        id = made.value();
        if (Status s = remember(QStringLiteral("deployment"), QStringLiteral("deployment"), id); !s)
            return Error{s.error()};
    } else if (id == mine) {
        if (Status s = run(m_db,
                           QStringLiteral("UPDATE Deployment SET description = ? WHERE id = ? AND NOT "
                                          "(description <=> ?)"),
                           {m_push.deploymentDescription, id, m_push.deploymentDescription});
            !s)
            return Error{s.error()};
    }
    return int(id);
}

Result<int> CogentRemote::house(int deploymentId)
{
    const qint64 mine = mapped(QStringLiteral("house"), QStringLiteral("house"));
    auto found = scalar(
        m_db,
        QStringLiteral("SELECT id FROM House WHERE address = ? AND deploymentId = ? ORDER BY id LIMIT 1"),
        {m_push.house, deploymentId});
    if (!found)
        return Error{found.error()};
    qint64 id = found.value();
    if (!id && mine) {
        auto exists = scalar(m_db, QStringLiteral("SELECT id FROM House WHERE id = ?"), {mine});
        if (!exists)
            return Error{exists.error()};
        if (exists.value()) {
            if (Status s =
                    run(m_db, QStringLiteral("UPDATE House SET address = ?, deploymentId = ? WHERE id = ?"),
                        {m_push.house, deploymentId, mine});
                !s)
                return Error{s.error()};
            id = mine;
        }
    }
    if (!id) {
        auto made =
            insert(m_db,
                   QStringLiteral(
                       "INSERT INTO House (deploymentId, address, startDate) VALUES (?, ?, UTC_TIMESTAMP())"),
                   {deploymentId, m_push.house});
        if (!made)
            return Error{made.error()};
        id = made.value();
        if (Status s = remember(QStringLiteral("house"), QStringLiteral("house"), id); !s)
            return Error{s.error()};
    }
    return int(id);
}

Result<int> CogentRemote::roomType(const QString& name)
{
    auto found =
        scalar(m_db, QStringLiteral("SELECT id FROM RoomType WHERE name = ? ORDER BY id LIMIT 1"), {name});
    if (!found || found.value())
        return found ? Result<int>(int(found.value())) : Result<int>(Error{found.error()});
    auto made = insert(m_db, QStringLiteral("INSERT INTO RoomType (name) VALUES (?)"), {name});
    return made ? Result<int>(int(made.value())) : Result<int>(Error{made.error()});
}

Result<int> CogentRemote::room(const QString& name, int roomTypeId)
{
    // A room is used as it is when its name and type are the ones asked for, and never changed:
    // Cogent seeds shared rooms (Kitchen, Bathroom, …), and another station may have found and used
    // one this station created. A new type therefore means a room of its own, not an update.
    const QString kind = QStringLiteral("room");
    if (const qint64 mine = mapped(kind, name)) {
        auto exists =
            scalar(m_db, QStringLiteral("SELECT id FROM Room WHERE id = ? AND name = ? AND roomTypeId = ?"),
                   {mine, name, roomTypeId});
        if (!exists)
            return Error{exists.error()};
        if (exists.value())
            return int(mine);
    }
    auto found = scalar(
        m_db, QStringLiteral("SELECT id FROM Room WHERE name = ? AND roomTypeId = ? ORDER BY id LIMIT 1"),
        {name, roomTypeId});
    if (!found || found.value())
        return found ? Result<int>(int(found.value())) : Result<int>(Error{found.error()});
    auto made =
        insert(m_db, QStringLiteral("INSERT INTO Room (roomTypeId, name) VALUES (?, ?)"), {roomTypeId, name});
    if (!made)
        return Error{made.error()};
    if (Status s = remember(kind, name, made.value()); !s)
        return Error{s.error()};
    return int(made.value());
}

Result<int> CogentRemote::location(int houseId, int roomId)
{
    auto found = scalar(m_db, QStringLiteral("SELECT id FROM Location WHERE houseId = ? AND roomId = ?"),
                        {houseId, roomId});
    if (!found || found.value())
        return found ? Result<int>(int(found.value())) : Result<int>(Error{found.error()});
    auto made = insert(m_db, QStringLiteral("INSERT INTO Location (houseId, roomId) VALUES (?, ?)"),
                       {houseId, roomId});
    return made ? Result<int>(int(made.value())) : Result<int>(Error{made.error()});
}

Result<CogentTargets> CogentRemote::ensure()
{
    // What the station has: its nodes and channels with their sensor types. The store gives every
    // type its global id; a channel whose type is not in the table (a store from before it, a node
    // no source registers any more) is not pushed.
    struct LocalChannel
    {
        qint64 id, node;
        QString nodeKey;
        int type;
    };
    QList<LocalChannel> channels;
    QSet<int> typeIds;
    {
        auto store = Store::open(m_storePath, Store::Mode::ReadOnly);
        if (!store)
            return Error{store.error()};
        QSqlQuery q((*store)->db());
        if (!q.exec(QStringLiteral(
                "SELECT c.id, c.node_id, n.key, t.id, t.code FROM channels c "
                "JOIN nodes n ON n.id = c.node_id JOIN sensor_types t ON t.id = c.sensor_type_id")))
            return Error{q.lastError().text()};
        while (q.next()) {
            const SensorType* type = sensorTypeById(q.value(3).toInt());
            if (!type || type->code != q.value(4).toString())
                continue;
            channels.append(
                {q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), type->id});
            typeIds.insert(type->id);
        }
    }
    auto base = nodeIdBase();
    if (!base)
        return Error{base.error()};
    if (!m_db.transaction())
        return Error{QStringLiteral("begin: %1").arg(m_db.lastError().text())};
    const auto fail = [&](const QString& e) -> Result<CogentTargets> {
        m_db.rollback();
        return Error{e};
    };
    if (Status s = sensorTypes(typeIds); !s)
        return fail(s.error());
    auto dep = deployment();
    if (!dep)
        return fail(dep.error());
    auto houseId = house(dep.value());
    if (!houseId)
        return fail(houseId.error());
    CogentTargets out;
    QHash<qint64, int> nodeLocation;
    for (const LocalChannel& c : channels) {
        if (nodeLocation.contains(c.node))
            continue;
        if (!m_push.nodeIdBase && c.node >= cogent::kNodeIdBlock)
            return fail(
                QStringLiteral("node %1 has store id %2, outside the block of %3 node ids this station "
                               "has on %4: set push.node_id_base")
                    .arg(c.nodeKey)
                    .arg(c.node)
                    .arg(cogent::kNodeIdBlock)
                    .arg(m_server.name));
        const cogent::RoomSpec spec =
            cogent::parseRoom(m_push.rooms.value(c.nodeKey, m_push.room), m_push.roomType);
        auto rt = roomType(spec.type);
        auto rm = rt ? room(spec.room, rt.value()) : Result<int>(Error{rt.error()});
        auto loc = rm ? location(houseId.value(), rm.value()) : Result<int>(Error{rm.error()});
        if (!loc)
            return fail(loc.error());
        nodeLocation.insert(c.node, loc.value());
        const int nodeId = base.value() + int(c.node);
        out.nodes.insert(c.node, nodeId);
        if (Status s = run(m_db,
                           QStringLiteral("INSERT INTO Node (id, locationId) VALUES (?, ?) "
                                          "ON DUPLICATE KEY UPDATE locationId = VALUES(locationId)"),
                           {nodeId, loc.value()});
            !s)
            return fail(s.error());
    }
    for (const LocalChannel& c : channels) {
        const int nodeId = out.nodes.value(c.node);
        auto sensor =
            scalar(m_db, QStringLiteral("SELECT id FROM Sensor WHERE nodeId = ? AND sensorTypeId = ?"),
                   {nodeId, c.type});
        if (!sensor)
            return fail(sensor.error());
        if (!sensor.value()) {
            auto made =
                insert(m_db,
                       QStringLiteral(
                           "INSERT INTO Sensor (sensorTypeId, nodeId, calibrationSlope, calibrationOffset) "
                           "VALUES (?, ?, 1, 0)"),
                       {c.type, nodeId});
            if (!made)
                return fail(made.error());
        }
        out.channels.insert(c.id, {nodeId, c.type, nodeLocation.value(c.node)});
    }
    if (!m_db.commit())
        return fail(QStringLiteral("commit: %1").arg(m_db.lastError().text()));
    return out;
}

} // namespace fs
