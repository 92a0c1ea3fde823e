// Pusher: per pass, one connection through a relay or tunnel that stop can cut, the mapping, then
// node states and readings chunk by chunk, each chunk one remote transaction before its cursor
// moves. Resending a chunk changes nothing: readings are upserts on (time, nodeId, type), node
// states and heartbeats are inserted only where the node has none for that time.
#include "Pusher.h"

#include "CogentWriter.h"
#include "RemoteConnection.h"
#include "SshTunnel.h"
#include "TcpRelay.h"
#include "store/Recorder.h"
#include "store/Store.h"
#include "util/CrashPoint.h"
#include "util/Logging.h"

#include <QDateTime>
#include <QDir>
#include <QSqlError>
#include <QSqlQuery>

namespace fs {

namespace {

/// The highest id in `table` of the local store, read before the mapping so it is a lower bound.
Result<qint64> highestId(Store& store, const char* table)
{
    QSqlQuery q(store.db());
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM %1").arg(QLatin1String(table))) || !q.next())
        return Error{q.lastError().text()};
    return q.value(0).toLongLong();
}

} // namespace

Pusher::Pusher(Recorder& recorder, QString storePath, PushSettings settings, QString dataDir,
               SecretStore secrets, QObject* parent)
    : CursorSink(recorder, storePath, parent), m_settings(std::move(settings)), m_dataDir(std::move(dataDir)),
      m_secrets(std::move(secrets)), m_storePath(std::move(storePath))
{}

Pusher::~Pusher()
{
    stop();
}

QStringList Pusher::servers() const
{
    QStringList out;
    for (const PushServerSettings& s : m_settings.servers) {
        if (s.enabled)
            out.append(s.name);
    }
    return out;
}

QStringList Pusher::cursorNames() const
{
    QStringList out;
    for (const QString& s : servers())
        out << cursorName(s) << stateCursorName(s);
    return out;
}

const PushServerSettings* Pusher::settingsOf(const QString& server) const
{
    for (const PushServerSettings& s : m_settings.servers) {
        if (s.name == server)
            return &s;
    }
    return nullptr;
}

int Pusher::intervalMs(const QString& server) const
{
    const PushServerSettings* s = settingsOf(server);
    return s ? std::max(1, s->intervalS) * 1000 : 600'000;
}

Result<Pusher::Mapping> Pusher::map(QSqlDatabase& db, const PushServerSettings& server)
{
    auto store = reader();
    if (!store)
        return Error{store.error()};
    Mapping m;
    auto channels = highestId(**store, "channels");
    auto nodes = highestId(**store, "nodes");
    if (!channels || !nodes)
        return Error{channels ? nodes.error() : channels.error()};
    m.channels = channels.value();
    m.nodes = nodes.value();
    auto targets = CogentRemote(db, recorder(), m_storePath, m_settings, server).ensure();
    if (!targets)
        return Error{targets.error()};
    m.targets = std::move(targets).value();
    Q_EMIT mapped(server.name);
    return m;
}

Status Pusher::applyStartFrom(const PushServerSettings& server)
{
    auto store = reader();
    if (!store)
        return Error{store.error()};
    auto cursor = (*store)->cursor(cursorName(server.name));
    if (!cursor || cursor.value() > 0 || server.startFrom.isEmpty())
        return cursor ? Status() : Status(Error{cursor.error()});
    // A server imported with a 'lastupdate': start with the readings from that time on.
    QDateTime from = QDateTime::fromString(server.startFrom, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    from.setTimeSpec(Qt::UTC);
    QSqlQuery q((*store)->db());
    q.prepare(QStringLiteral(
        "SELECT COALESCE(MIN(seq), (SELECT COALESCE(MAX(seq), 0) + 1 FROM readings)) - 1 FROM readings "
        "WHERE time_ms >= ?"));
    q.addBindValue(from.toMSecsSinceEpoch());
    if (!q.exec() || !q.next())
        return Error{q.lastError().text()};
    return moveCursor(cursorName(server.name), q.value(0).toLongLong());
}

Status Pusher::runPass(const QString& name, SinkStatus& st)
{
    const PushServerSettings* found = settingsOf(name);
    if (!found)
        return Error{QStringLiteral("no push server \"%1\" in the settings").arg(name)};
    const PushServerSettings& server = *found;
    const QString where = QStringLiteral("MySQL %1@%2:%3/%4")
                              .arg(server.user, server.host)
                              .arg(server.port)
                              .arg(server.database);
    auto password = m_secrets.read(passwordSecret(name));
    if (!password)
        return Error{password.error()};

    // The road to the server, a tunnel or a relay: stop cuts either at once, whatever MySQL waits on.
    std::unique_ptr<SshTunnel> tunnel;
    std::unique_ptr<TcpRelay> relay;
    SinkStop::Registration cut;
    Result<int> local = 0;
    if (!server.sshHost.isEmpty()) {
        const QString known = server.knownHosts.isEmpty()
                                  ? QDir(m_dataDir).filePath(QStringLiteral("push/known_hosts"))
                                  : server.knownHosts;
        tunnel = std::make_unique<SshTunnel>(
            SshTunnel::Options{server.sshHost, server.sshPort, server.sshUser, server.sshKey, known,
                               server.tunnelTarget, server.port, server.timeoutS});
        cut = stopToken().onStop([t = tunnel.get()] { t->abort(); });
        local = tunnel->open();
    } else {
        relay = std::make_unique<TcpRelay>(server.host, server.port, server.timeoutS, stopToken());
        local = relay->open();
    }
    if (!local)
        return Error{QStringLiteral("%1: %2").arg(where, local.error())};
    // The client library's timeouts are a backstop only: stop does not wait for them, it cuts the
    // relay or tunnel.
    RemoteConnection remote({QStringLiteral("127.0.0.1"), local.value(), server.database, server.user,
                             password->value_or(QString()), server.timeoutS});
    if (!remote.db().open())
        return Error{QStringLiteral("%1: %2").arg(where, remote.db().lastError().text())};
    cogent::CogentWriter writer(remote.db());
    if (Status s = writer.detectPrecision(); !s)
        return s;
    auto mapping = map(remote.db(), server);
    if (!mapping)
        return Error{mapping.error()};
    if (Status s = applyStartFrom(server); !s)
        return s;
    const int limit = std::max(1, server.pushLimit);
    // Maps again when the chunk holds a node or channel newer than the mapping; false on failure.
    QString remapError;
    const auto remap = [&] {
        auto again = map(remote.db(), server);
        if (!again)
            remapError = again.error();
        else
            mapping = std::move(again);
        return again.ok();
    };

    // Node states first: a heartbeat is then needed only where no state already shows the node alive.
    qint64 statesRead = 0;
    Status s = forwardNodeStates(
        stateCursorName(name), limit,
        [&](const QList<StoredNodeState>& chunk) -> Result<qint64> {
            QList<cogent::NodeStateRow> rows;
            qint64 upto = chunk.first().seq - 1;
            for (const StoredNodeState& ns : chunk) {
                const auto unknown = [&] {
                    return ns.node > mapping->nodes && !mapping->targets.nodes.contains(ns.node);
                };
                if (unknown() && !remap())
                    return Error{remapError};
                if (unknown())
                    break; // still unknown: it comes again with the next chunk
                upto = ns.seq;
                if (const int node = mapping->targets.nodes.value(ns.node))
                    rows.append({node, ns.timeMs, ns.timeMs, ns.timeMs, ns.seq});
            }
            auto inserted = writer.write({}, rows);
            if (!inserted)
                return Error{inserted.error()};
            crashPoint("push-states-committed");
            st.pushedStates += inserted.value();
            return upto;
        },
        statesRead);
    if (!s)
        return s;

    cogent::ReadingFolder folder(writer.readingPrecision(), intervalMs(name));
    s = forwardReadings(
        cursorName(name), limit,
        [&](const QList<StoredReading>& chunk) -> Result<qint64> {
            cogent::FoldedChunk rows = folder.fold(chunk, mapping->targets, mapping->channels);
            if (rows.unmappedAhead) {
                if (!remap())
                    return Error{remapError};
                rows = folder.fold(chunk, mapping->targets, mapping->channels);
            }
            auto inserted = writer.write(rows.rows, rows.heartbeats);
            if (!inserted)
                return Error{inserted.error()};
            crashPoint("push-committed");
            folder.delivered(rows);
            st.pushedStates += inserted.value();
            st.mergedReadings += rows.merged;
            return rows.upto;
        },
        st.pushedReadings);
    if (st.mergedReadings > 0)
        qCWarning(lcPush).noquote()
            << QStringLiteral("%1: Reading.time keeps %2 fractional digits; %3 readings shared a time "
                              "unit with another of their channel and were merged (the last one kept)")
                   .arg(name)
                   .arg(writer.readingPrecision().digits)
                   .arg(st.mergedReadings);
    if (!s)
        return s;
    return writer.writePushstatus();
}

} // namespace fs
