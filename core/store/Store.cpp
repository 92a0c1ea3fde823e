// Store: SQLite in WAL mode with synchronous=FULL, migrated through PRAGMA user_version.
#include "Store.h"

#include "Schema.h"
#include "model/SensorTypes.h"
#include "util/Logging.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QVariant>
#include <atomic>
#include <sqlite3.h>

namespace fs {

namespace {

constexpr int kPageSize = 1024;
constexpr int kCheckpointPages = 10000;

QString connectionName()
{
    static std::atomic<int> counter{0};
    return QStringLiteral("fieldstation-store-%1").arg(counter.fetch_add(1));
}

Status exec(QSqlDatabase& db, const QString& sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        return Error{QStringLiteral("%1: %2").arg(sql.left(60), q.lastError().text())};
    return {};
}

} // namespace

Store::Store(QSqlDatabase db, QString path) : m_db(std::move(db)), m_path(std::move(path)) {}

Store::~Store()
{
    const QString name = m_db.connectionName();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(name);
}

Result<std::unique_ptr<Store>> Store::open(const QString& path, Mode mode, const QString& vfs)
{
    if (mode == Mode::ReadWrite) {
        const QString dir = QFileInfo(path).absolutePath();
        if (!QDir().mkpath(dir))
            return Error{QStringLiteral("%1: cannot create the data directory").arg(dir)};
    } else if (!QFileInfo::exists(path)) {
        return Error{QStringLiteral("%1: no store there").arg(path)};
    }
    auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName());
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000");
    if (mode == Mode::ReadOnly)
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    if (vfs.isEmpty()) {
        db.setDatabaseName(path);
    } else {
        // Only a URI filename names a VFS through Qt's driver.
        const QUrl uri = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath());
        db.setDatabaseName(
            QStringLiteral("%1?vfs=%2")
                .arg(uri.toString(QUrl::FullyEncoded), QString::fromUtf8(QUrl::toPercentEncoding(vfs))));
        options += QStringLiteral(";QSQLITE_OPEN_URI");
    }
    db.setConnectOptions(options);
    std::unique_ptr<Store> store(new Store(db, path));
    if (!store->m_db.open())
        return Error{QStringLiteral("%1: %2").arg(path, store->m_db.lastError().text())};
    if (Status s = store->configure(mode); !s)
        return Error{QStringLiteral("%1: %2").arg(path, s.error())};
    if (mode == Mode::ReadWrite) {
        if (Status s = store->migrate(); !s)
            return Error{QStringLiteral("%1: %2").arg(path, s.error())};
    }
    return store;
}

Status Store::configure(Mode mode)
{
    if (mode == Mode::ReadWrite) {
        // SD-card wear (tests/bench/bench_wear): each commit rewrites the table's last leaf and one
        // index leaf per channel, so the bytes written per reading follow the page size. Small pages
        // write less; the page size only takes on a file with no page yet, so existing stores keep theirs.
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("PRAGMA page_count")) || !q.next())
            return Error{QStringLiteral("cannot read the page count")};
        const bool fresh = q.value(0).toLongLong() == 0;
        q.finish(); // an open read would fix the page size before it is set
        if (fresh) {
            if (Status s = exec(m_db, QStringLiteral("PRAGMA page_size=%1").arg(kPageSize)); !s)
                return s;
        }
        // WAL lets readers (sinks, history views) run beside the single writer. FULL makes every
        // commit wait for the WAL fsync, so a flushed sample survives a power cut; at one commit a
        // second that costs one fsync a second.
        if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !q.next() ||
            q.value(0).toString().compare(QStringLiteral("wal"), Qt::CaseInsensitive) != 0)
            return Error{QStringLiteral("cannot switch to WAL journal mode")};
        // The same few pages are rewritten at every commit; a checkpoint copies each of them to the
        // database once, so checkpointing less often writes less. The WAL stays under ~10 MB.
        if (Status s = exec(m_db, QStringLiteral("PRAGMA wal_autocheckpoint=%1").arg(kCheckpointPages)); !s)
            return s;
    }
    for (const char* pragma : {"PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        if (Status s = exec(m_db, QString::fromLatin1(pragma)); !s)
            return s;
    }
    return {};
}

int Store::schemaVersion()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return -1;
    return q.value(0).toInt();
}

Status Store::migrate()
{
    const int have = schemaVersion();
    const int want = schema::currentVersion();
    if (have < 0)
        return Error{QStringLiteral("cannot read the schema version")};
    if (have > want)
        return Error{QStringLiteral("schema version %1 is newer than this program (%2)").arg(have).arg(want)};
    for (int v = have + 1; v <= want; ++v) {
        if (!m_db.transaction())
            return Error{m_db.lastError().text()};
        for (const QString& sql : schema::migrations().at(v - 1)) {
            if (Status s = exec(m_db, sql); !s) {
                m_db.rollback();
                return Error{QStringLiteral("migration %1: %2").arg(v).arg(s.error())};
            }
        }
        if (Status s = exec(m_db, QStringLiteral("PRAGMA user_version=%1").arg(v)); !s) {
            m_db.rollback();
            return s;
        }
        if (!m_db.commit())
            return Error{m_db.lastError().text()};
        qCInfo(lcStore) << "migrated" << m_path << "to schema version" << v;
    }
    return {};
}

sqlite3* Store::handle() const
{
    const QVariant v = m_db.driver()->handle();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3* const*>(v.data());
}

namespace {

/// Gives `type` its global id in sensor_types. A store made before the one sensor-type table has
/// numbered its types as they came; such a row is moved to its global id, and a row that holds that
/// id for another code moves out of the way (below every id in use), its channels with it.
/// Foreign keys are deferred to the commit for this.
Status ensureSensorType(QSqlDatabase& db, const SensorType& type)
{
    QSqlQuery q(db);
    const auto failed = [&q] { return Status(Error{q.lastError().text()}); };
    const auto move = [&](qint64 from, qint64 to) -> Status {
        for (const char* sql : {"UPDATE sensor_types SET id = ? WHERE id = ?",
                                "UPDATE channels SET sensor_type_id = ? WHERE sensor_type_id = ?"}) {
            q.prepare(QLatin1String(sql));
            q.addBindValue(to);
            q.addBindValue(from);
            if (!q.exec())
                return failed();
        }
        return {};
    };
    if (!q.exec(QStringLiteral("PRAGMA defer_foreign_keys = ON")))
        return failed();
    q.prepare(QStringLiteral("SELECT code FROM sensor_types WHERE id = ?"));
    q.addBindValue(type.id);
    if (!q.exec())
        return failed();
    if (q.next() && q.value(0).toString() != type.code) {
        if (!q.exec(QStringLiteral("SELECT MIN(MIN(id), 0) - 1 FROM sensor_types")) || !q.next())
            return failed();
        if (Status s = move(type.id, q.value(0).toLongLong()); !s)
            return s;
    }
    q.prepare(QStringLiteral("SELECT id FROM sensor_types WHERE code = ?"));
    q.addBindValue(type.code);
    if (!q.exec())
        return failed();
    if (q.next()) {
        if (const qint64 old = q.value(0).toLongLong(); old != type.id) {
            if (Status s = move(old, type.id); !s)
                return s;
        }
    }
    q.prepare(QStringLiteral("INSERT INTO sensor_types (id, code, name, unit) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT (id) DO UPDATE SET name = excluded.name, unit = excluded.unit"));
    q.addBindValue(type.id);
    q.addBindValue(type.code);
    q.addBindValue(type.name);
    q.addBindValue(type.unit);
    return q.exec() ? Status() : failed();
}

} // namespace

Result<NodeChannels> Store::ensureNode(const NodeSpec& spec)
{
    // Every channel's type must be in the one table before anything is written.
    QList<const SensorType*> types;
    for (const ChannelSpec& ch : spec.channels) {
        const SensorType* t = sensorTypeByCode(ch.sensorType);
        if (!t)
            return Error{QStringLiteral("node %1: channel %2: sensor type \"%3\" is not in the sensor-type "
                                        "table (core/model/SensorTypes.cpp)")
                             .arg(spec.key, ch.key, ch.sensorType)};
        types.append(t);
    }
    const auto fail = [this](const QString& e) {
        m_db.rollback();
        return Error{e};
    };
    if (!m_db.transaction())
        return Error{m_db.lastError().text()};
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO nodes (key, kind, name, source, created_ms) VALUES (?, ?, ?, ?, ?) "
                             "ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, name = excluded.name, "
                             "source = excluded.source"));
    q.addBindValue(spec.key);
    q.addBindValue(spec.kind);
    q.addBindValue(spec.name);
    q.addBindValue(spec.source.isNull() ? QStringLiteral("") : spec.source); // a null QString binds NULL
    q.addBindValue(now);
    if (!q.exec())
        return fail(q.lastError().text());
    q.prepare(QStringLiteral("SELECT id FROM nodes WHERE key = ?"));
    q.addBindValue(spec.key);
    if (!q.exec() || !q.next())
        return fail(q.lastError().text());
    NodeChannels out;
    out.node = q.value(0).toLongLong();
    for (qsizetype i = 0; i < spec.channels.size(); ++i) {
        const ChannelSpec& ch = spec.channels[i];
        if (Status s = ensureSensorType(m_db, *types[i]); !s)
            return fail(s.error());
        q.prepare(
            QStringLiteral("INSERT INTO channels (node_id, key, sensor_type_id, unit) VALUES (?, ?, ?, ?) "
                           "ON CONFLICT (node_id, key) DO UPDATE SET "
                           "sensor_type_id = excluded.sensor_type_id, unit = excluded.unit"));
        q.addBindValue(out.node);
        q.addBindValue(ch.key);
        q.addBindValue(types[i]->id);
        q.addBindValue(ch.unit);
        if (!q.exec())
            return fail(q.lastError().text());
        q.prepare(QStringLiteral("SELECT id FROM channels WHERE node_id = ? AND key = ?"));
        q.addBindValue(out.node);
        q.addBindValue(ch.key);
        if (!q.exec() || !q.next())
            return fail(q.lastError().text());
        out.channels.append(q.value(0).toLongLong());
        // Where a source left off: its newest reading, or the newest minute retention folded.
        q.prepare(QStringLiteral(
            "SELECT MAX(COALESCE((SELECT MAX(time_ms) FROM readings WHERE channel_id = ?), 0), "
            "COALESCE((SELECT MAX(minute_ms) FROM minute_aggregates WHERE channel_id = ?), 0))"));
        q.addBindValue(out.channels.last());
        q.addBindValue(out.channels.last());
        if (!q.exec() || !q.next())
            return fail(q.lastError().text());
        out.lastTimeMs.append(q.value(0).toLongLong());
    }
    if (!m_db.commit())
        return fail(m_db.lastError().text());
    return out;
}

qint64 Store::maxReadingSeq()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM readings")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

qint64 Store::readingCount()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM readings")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

Result<QList<StoredReading>> Store::readingsAfter(qint64 afterSeq, int limit)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT seq, time_ms, channel_id, value FROM readings "
                             "WHERE seq > ? ORDER BY seq LIMIT ?"));
    q.addBindValue(afterSeq);
    q.addBindValue(limit);
    if (!q.exec())
        return Error{q.lastError().text()};
    QList<StoredReading> out;
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                    q.value(3).toDouble()});
    return out;
}

Result<qint64> Store::cursor(const QString& sink)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT last_seq FROM sink_cursors WHERE sink = ?"));
    q.addBindValue(sink);
    if (!q.exec())
        return Error{q.lastError().text()};
    return q.next() ? q.value(0).toLongLong() : qint64(0);
}

Status Store::setCursor(const QString& sink, qint64 seq)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO sink_cursors (sink, last_seq, updated_ms) VALUES (?, ?, ?) "
                             "ON CONFLICT (sink) DO UPDATE SET last_seq = excluded.last_seq, "
                             "updated_ms = excluded.updated_ms"));
    q.addBindValue(sink);
    q.addBindValue(seq);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!q.exec())
        return Error{q.lastError().text()};
    return {};
}

QString Store::integrityCheck()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA integrity_check")))
        return q.lastError().text();
    QStringList problems;
    while (q.next())
        problems << q.value(0).toString();
    return problems.join(QLatin1Char('\n'));
}

} // namespace fs
