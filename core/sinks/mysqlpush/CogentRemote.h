// CogentRemote: makes a Cogent-house database know this station: sensor types, deployment, house,
// room types, rooms, locations, nodes and sensors. Uses a row that exists as it is, creates what is
// missing, and changes only rows this station created (recorded in push_map), never a shared one.
#pragma once

#include "config/Settings.h"
#include "util/Result.h"

#include <QHash>
#include <QSet>
#include <QSqlDatabase>

namespace fs {

class Recorder;

/// What the readings need after the mapping: per local channel, the remote node, type and location.
struct CogentTargets
{
    struct Channel
    {
        int node = 0;
        int type = 0;
        int location = 0;
    };
    QHash<qint64, Channel> channels; ///< local channel id → remote ids; absent: not pushed
    QHash<qint64, int> nodes;        ///< local node id → remote node id
};

class CogentRemote
{
public:
    CogentRemote(QSqlDatabase remote, Recorder& recorder, QString storePath, const PushSettings& push,
                 const PushServerSettings& server);

    /// Runs the whole mapping in one remote transaction.
    Result<CogentTargets> ensure();

private:
    /// push.node_id_base when set; else the base this station was given on this server, allocated
    /// on the first push and remembered in push_map.
    Result<int> nodeIdBase();
    /// Seeds the table's types the channels use; refuses a server that has another code at an id.
    Status sensorTypes(const QSet<int>& ids);
    Result<int> deployment();
    Result<int> house(int deploymentId);
    Result<int> roomType(const QString& name);
    Result<int> room(const QString& name, int roomTypeId);
    Result<int> location(int houseId, int roomId);
    /// The id this station recorded for (kind, key) on this server, or 0.
    qint64 mapped(const QString& kind, const QString& key);
    Status remember(const QString& kind, const QString& key, qint64 id);

    QSqlDatabase m_db;
    Recorder& m_recorder;
    QString m_storePath;
    const PushSettings& m_push;
    const PushServerSettings& m_server;
};

} // namespace fs
