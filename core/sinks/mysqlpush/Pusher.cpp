// Pusher: keyset cursor on the local sequence (the full key), multi-row upserts in one transaction
// per chunk, cursor moved after the commit. Resending a range is harmless: the primary keys
// (time, nodeId, type) and (nodeId, time, seq_num) turn it into updates.
#include "Pusher.h"

#include "CogentMapping.h"
#include "CogentRemote.h"
#include "SshTunnel.h"
#include "store/Recorder.h"
#include "store/Store.h"
#include "util/CrashPoint.h"
#include "util/Logging.h"
#include "util/Redact.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <atomic>
#include <cmath>

namespace fs {

namespace {

QString number(double v)
{
    return std::isfinite(v) ? QString::number(v, 'g', 9) : QStringLiteral("NULL");
}

/// A connection of its own for one push, removed when done.
class RemoteConnection
{
public:
    RemoteConnection(const QString& host, int port, const PushServerSettings& s, const QString& password)
    {
        static std::atomic<int> n{0};
        m_name = QStringLiteral("fieldstation-push-%1").arg(n.fetch_add(1));
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QMYSQL"), m_name);
        m_db.setHostName(host);
        m_db.setPort(port);
        m_db.setDatabaseName(s.database);
        m_db.setUserName(s.user);
        m_db.setPassword(password);
        m_db.setConnectOptions(
            QStringLiteral(
                "MYSQL_OPT_CONNECT_TIMEOUT=%1;MYSQL_OPT_READ_TIMEOUT=%1;MYSQL_OPT_WRITE_TIMEOUT=%1")
                .arg(s.timeoutS));
    }
    ~RemoteConnection()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase& db() { return m_db; }

private:
    QString m_name;
    QSqlDatabase m_db;
};

PushStatus statusFor(const QString& server)
{
    PushStatus s;
    s.server = server;
    return s;
}

} // namespace

Pusher::Pusher(Recorder& recorder, QString storePath, PushSettings settings, QString dataDir,
               SecretStore secrets, QObject* parent)
    : QObject(parent), m_recorder(recorder), m_storePath(std::move(storePath)),
      m_settings(std::move(settings)), m_dataDir(std::move(dataDir)), m_secrets(std::move(secrets))
{
    for (const PushServerSettings& s : m_settings.servers)
        m_status.append(statusFor(s.name));
}

Pusher::~Pusher() = default;

PushStatus& Pusher::statusOf(const QString& server)
{
    for (PushStatus& s : m_status) {
        if (s.server == server)
            return s;
    }
    m_status.append(statusFor(server));
    return m_status.last();
}

void Pusher::start()
{
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, &Pusher::tick);
    m_timer->start(5000);
    QTimer::singleShot(0, this, &Pusher::tick);
}

void Pusher::stop()
{
    if (m_timer)
        m_timer->stop();
}

void Pusher::tick()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    bool changed = false;
    for (const PushServerSettings& s : m_settings.servers) {
        if (!s.enabled || statusOf(s.name).nextAttemptMs > now)
            continue;
        pushServer(s);
        changed = true;
    }
    if (changed)
        Q_EMIT statusChanged(m_status);
}

QList<PushStatus> Pusher::pushAll()
{
    QList<PushStatus> out;
    for (const PushServerSettings& s : m_settings.servers) {
        if (s.enabled)
            out.append(pushServer(s));
    }
    Q_EMIT statusChanged(m_status);
    return out;
}

PushStatus Pusher::pushServer(const PushServerSettings& server)
{
    PushStatus& st = statusOf(server.name);
    st.pushedReadings = st.pushedStates = 0;
    QElapsedTimer t;
    t.start();
    const Status s = pushTo(server, st);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    st.ok = s.ok();
    if (s) {
        st.lastSuccessMs = now;
        st.lastError.clear();
        st.rowsPerSecond = st.pushedReadings / std::max(0.001, t.nsecsElapsed() / 1e9);
        st.nextAttemptMs = now + qint64(server.intervalS) * 1000;
        qCInfo(lcPush) << "pushed" << st.pushedReadings << "readings and" << st.pushedStates
                       << "node states to" << server.name << "at" << qRound(st.rowsPerSecond) << "rows/s";
    } else {
        st.lastError = redact::apply(s.error());
        // Back off: the next try after a minute, at most the push interval.
        st.nextAttemptMs = now + std::min<qint64>(60, server.intervalS) * 1000;
        qCWarning(lcPush).noquote() << "push to" << server.name << "failed:" << st.lastError;
    }
    if (m_reader) {
        QSqlQuery q(m_reader->db());
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM readings WHERE seq > ?"));
        auto cursor = m_reader->cursor(cursorName(server.name));
        q.addBindValue(cursor ? cursor.value() : 0);
        if (q.exec() && q.next())
            st.rowsBehind = q.value(0).toLongLong();
    }
    return st;
}

Result<qint64> Pusher::startCursor(const PushServerSettings& server)
{
    auto cursor = m_reader->cursor(cursorName(server.name));
    if (!cursor || cursor.value() > 0 || server.startFrom.isEmpty())
        return cursor;
    // A server imported with a 'lastupdate': start with the readings from that time on.
    QDateTime from = QDateTime::fromString(server.startFrom, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    from.setTimeSpec(Qt::UTC);
    QSqlQuery q(m_reader->db());
    q.prepare(QStringLiteral(
        "SELECT COALESCE(MIN(seq), (SELECT COALESCE(MAX(seq), 0) + 1 FROM readings)) - 1 FROM readings "
        "WHERE time_ms >= ?"));
    q.addBindValue(from.toMSecsSinceEpoch());
    if (!q.exec() || !q.next())
        return Error{q.lastError().text()};
    return q.value(0).toLongLong();
}

Status Pusher::pushTo(const PushServerSettings& server, PushStatus& st)
{
    if (!m_reader) {
        auto r = Store::open(m_storePath, Store::Mode::ReadOnly);
        if (!r)
            return Error{r.error()};
        m_reader = std::move(r).value();
    }
    auto password = m_secrets.read(QStringLiteral("push/%1/password").arg(server.name));
    if (!password)
        return Error{password.error()};
    QString host = server.host;
    int port = server.port;
    std::unique_ptr<SshTunnel> tunnel;
    if (!server.sshHost.isEmpty()) {
        const QString known = server.knownHosts.isEmpty()
                                  ? QDir(m_dataDir).filePath(QStringLiteral("push/known_hosts"))
                                  : server.knownHosts;
        tunnel = std::make_unique<SshTunnel>(
            SshTunnel::Options{server.sshHost, server.sshPort, server.sshUser, server.sshKey, known,
                               server.tunnelTarget, server.port, server.timeoutS});
        auto local = tunnel->open();
        if (!local)
            return Error{local.error()};
        host = QStringLiteral("127.0.0.1");
        port = local.value();
    }
    RemoteConnection remote(host, port, server, password->value_or(QString()));
    if (!remote.db().open())
        return Error{QStringLiteral("MySQL %1@%2:%3/%4: %5")
                         .arg(server.user, server.host)
                         .arg(server.port)
                         .arg(server.database, remote.db().lastError().text())};
    auto targets = CogentRemote(remote.db(), m_recorder, m_storePath, m_settings, server).ensure();
    if (!targets)
        return Error{targets.error()};

    // Readings after the cursor, chunk by chunk.
    auto cursorOr = startCursor(server);
    if (!cursorOr)
        return Error{cursorOr.error()};
    qint64 cursor = cursorOr.value();
    for (;;) {
        QSqlQuery q(m_reader->db());
        q.setForwardOnly(true);
        q.prepare(QStringLiteral(
            "SELECT seq, time_ms, channel_id, value FROM readings WHERE seq > ? ORDER BY seq LIMIT ?"));
        q.addBindValue(cursor);
        q.addBindValue(server.pushLimit);
        if (!q.exec())
            return Error{q.lastError().text()};
        QString values;
        qint64 last = cursor;
        int rows = 0, fetched = 0;
        while (q.next()) {
            ++fetched;
            last = q.value(0).toLongLong();
            const auto it = targets->channels.constFind(q.value(2).toLongLong());
            if (it == targets->channels.constEnd())
                continue;
            values +=
                QStringLiteral("%1('%2',%3,%4,%5,%6)")
                    .arg(rows ? QStringLiteral(",") : QString(), cogent::sqlTime(q.value(1).toLongLong()))
                    .arg(it->node)
                    .arg(it->type)
                    .arg(it->location)
                    .arg(number(q.value(3).toDouble()));
            ++rows;
        }
        if (fetched == 0)
            break;
        if (rows > 0) {
            if (!remote.db().transaction())
                return Error{remote.db().lastError().text()};
            QSqlQuery ins(remote.db());
            if (!ins.exec(
                    QStringLiteral(
                        "INSERT INTO Reading (time, nodeId, type, locationId, value) VALUES %1 "
                        "ON DUPLICATE KEY UPDATE value = VALUES(value), locationId = VALUES(locationId)")
                        .arg(values))) {
                const QString e = ins.lastError().text();
                remote.db().rollback();
                return Error{QStringLiteral("inserting readings after seq %1: %2").arg(cursor).arg(e)};
            }
            if (!remote.db().commit())
                return Error{QStringLiteral("commit: %1").arg(remote.db().lastError().text())};
        }
        crashPoint("push-committed");
        // The far end has it: now the cursor moves.
        if (Status s =
                m_recorder.run([&](Store& store) { return store.setCursor(cursorName(server.name), last); });
            !s)
            return s;
        cursor = last;
        st.pushedReadings += rows;
    }

    // Node states, the same way.
    auto stateCursor = m_reader->cursor(stateCursorName(server.name));
    if (!stateCursor)
        return Error{stateCursor.error()};
    qint64 sc = stateCursor.value();
    for (;;) {
        QSqlQuery q(m_reader->db());
        q.prepare(QStringLiteral(
            "SELECT seq, node_id, time_ms FROM node_states WHERE seq > ? ORDER BY seq LIMIT ?"));
        q.addBindValue(sc);
        q.addBindValue(server.pushLimit);
        if (!q.exec())
            return Error{q.lastError().text()};
        QString values;
        qint64 last = sc;
        int rows = 0;
        while (q.next()) {
            last = q.value(0).toLongLong();
            const int node = targets->nodes.value(q.value(1).toLongLong());
            if (!node)
                continue;
            values +=
                QStringLiteral("%1('%2',%3,NULL,%4,%5,NULL)")
                    .arg(rows ? QStringLiteral(",") : QString(), cogent::sqlTime(q.value(2).toLongLong()))
                    .arg(node)
                    .arg(q.value(2).toLongLong())
                    .arg(last);
            ++rows;
        }
        if (last == sc)
            break;
        if (rows > 0) {
            QSqlQuery ins(remote.db());
            if (!ins.exec(
                    QStringLiteral(
                        "INSERT INTO NodeState (time, nodeId, parent, `localtime`, seq_num, rssi) VALUES %1 "
                        "ON DUPLICATE KEY UPDATE `localtime` = VALUES(`localtime`)")
                        .arg(values)))
                return Error{QStringLiteral("inserting node states: %1").arg(ins.lastError().text())};
        }
        if (Status s = m_recorder.run(
                [&](Store& store) { return store.setCursor(stateCursorName(server.name), last); });
            !s)
            return s;
        sc = last;
        st.pushedStates += rows;
    }

    // Heartbeat: who pushed, when, with what.
    QSqlQuery hb(remote.db());
    hb.prepare(QStringLiteral(
        "INSERT INTO Pushstatus (time, `localtime`, hostname, version) VALUES (UTC_TIMESTAMP(), ?, ?, ?)"));
    hb.addBindValue(QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    hb.addBindValue(QSysInfo::machineHostName().left(25));
    hb.addBindValue(QStringLiteral(FIELDSTATION_VERSION).left(20));
    if (!hb.exec())
        return Error{QStringLiteral("heartbeat: %1").arg(hb.lastError().text())};
    return {};
}

} // namespace fs
