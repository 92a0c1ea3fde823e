// CogentRemote: makes a Cogent-house database know this station: sensor types, deployment, house,
// room types, rooms, locations, nodes and sensors. Creates what is missing, updates what changed,
// never duplicates (a rename updates the row this station created).
#pragma once

#include "config/Settings.h"
#include "util/Result.h"

#include <QHash>
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
