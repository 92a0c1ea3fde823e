// Schema of the local store. Never edit a shipped migration; append a new one.
#include "Schema.h"

namespace fs::schema {

namespace {

/// A table of per-minute min/mean/max per channel (schema 5's minute_aggregates, schema 6's
/// chart_minutes): the statement as migration 5 shipped it, with the name put in.
QString minuteTable(const char* name)
{
    return QStringLiteral("CREATE TABLE %1 ("
                          " channel_id INTEGER NOT NULL,"
                          " minute_ms INTEGER NOT NULL,"
                          " n INTEGER NOT NULL,"
                          " min REAL NOT NULL,"
                          " mean REAL NOT NULL,"
                          " max REAL NOT NULL,"
                          " PRIMARY KEY (channel_id, minute_ms)) WITHOUT ROWID")
        .arg(QLatin1String(name));
}

} // namespace

const QList<QStringList>& migrations()
{
    static const QList<QStringList> steps = {
        // 1: the foundation
        {
            QStringLiteral("CREATE TABLE sensor_types ("
                           " id INTEGER PRIMARY KEY,"
                           " code TEXT NOT NULL UNIQUE,"
                           " name TEXT NOT NULL,"
                           " unit TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE nodes ("
                           " id INTEGER PRIMARY KEY,"
                           " key TEXT NOT NULL UNIQUE,"
                           " kind TEXT NOT NULL,"
                           " name TEXT NOT NULL,"
                           " created_ms INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE channels ("
                           " id INTEGER PRIMARY KEY,"
                           " node_id INTEGER NOT NULL REFERENCES nodes(id),"
                           " key TEXT NOT NULL,"
                           " sensor_type_id INTEGER NOT NULL REFERENCES sensor_types(id),"
                           " unit TEXT NOT NULL,"
                           " UNIQUE (node_id, key))"),
            // seq is AUTOINCREMENT so that a number is never reused, even after the newest
            // readings were deleted: sink cursors rely on it growing.
            QStringLiteral("CREATE TABLE readings ("
                           " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " time_ms INTEGER NOT NULL,"
                           " channel_id INTEGER NOT NULL,"
                           " value REAL NOT NULL)"),
            QStringLiteral("CREATE INDEX readings_channel_time ON readings (channel_id, time_ms)"),
            QStringLiteral("CREATE TABLE node_states ("
                           " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " node_id INTEGER NOT NULL REFERENCES nodes(id),"
                           " time_ms INTEGER NOT NULL,"
                           " state TEXT NOT NULL,"
                           " detail TEXT NOT NULL DEFAULT '')"),
            QStringLiteral("CREATE INDEX node_states_node_time ON node_states (node_id, time_ms)"),
            QStringLiteral("CREATE TABLE sink_cursors ("
                           " sink TEXT PRIMARY KEY,"
                           " last_seq INTEGER NOT NULL,"
                           " updated_ms INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE batches ("
                           " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " source_ref TEXT NOT NULL UNIQUE,"
                           " batch_id TEXT,"
                           " state TEXT NOT NULL,"
                           " first_seq INTEGER NOT NULL,"
                           " last_seq INTEGER NOT NULL,"
                           " row_count INTEGER NOT NULL,"
                           " zip_size INTEGER NOT NULL DEFAULT 0,"
                           " zip_md5 TEXT NOT NULL DEFAULT '',"
                           " attempts INTEGER NOT NULL DEFAULT 0,"
                           " bytes_sent INTEGER NOT NULL DEFAULT 0,"
                           " last_error TEXT NOT NULL DEFAULT '',"
                           " created_ms INTEGER NOT NULL,"
                           " updated_ms INTEGER NOT NULL)"),
        },
        // 2: what the upload queue needs to survive a restart: the quarantine ticket, the time
        // of the next attempt, and the readings' time span.
        {
            QStringLiteral("ALTER TABLE batches ADD COLUMN ticket_domain TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE batches ADD COLUMN ticket_port INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE batches ADD COLUMN ticket_destination TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE batches ADD COLUMN ticket_expires_ms INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE batches ADD COLUMN next_attempt_ms INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE batches ADD COLUMN reading_from_ms INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("ALTER TABLE batches ADD COLUMN reading_to_ms INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("CREATE INDEX batches_state ON batches (state)"),
        },
        // 3: the remote ids the MySQL push created, so that a rename updates the remote row
        // instead of creating a second one.
        {
            QStringLiteral("CREATE TABLE push_map ("
                           " server TEXT NOT NULL,"
                           " kind TEXT NOT NULL,"
                           " local_key TEXT NOT NULL,"
                           " remote_id INTEGER NOT NULL,"
                           " PRIMARY KEY (server, kind, local_key))"),
        },
        // 4: which configured source instance reads each node, so that sinks select readings by
        // source id (several sources of one type run side by side).
        {
            QStringLiteral("ALTER TABLE nodes ADD COLUMN source TEXT NOT NULL DEFAULT ''"),
        },
        // 5: per-minute min/mean/max of the readings retention deleted, for long-range charts.
        // minute_ms is time_ms floored to the minute. WITHOUT ROWID: the key is the only index.
        {
            minuteTable("minute_aggregates"),
        },
        // 6: the charts' minutes, folded continuously while the readings stay, so that long chart
        // ranges read minutes instead of raw rows. Kept apart from minute_aggregates, which holds
        // exactly the readings retention deleted (the REST API adds it to the raw rows). A reading
        // is counted in chart_minutes exactly when seq <= folded_seq and time_ms < folded_to_ms
        // (one row). A store from before starts with nothing counted and the cut at the migration's
        // minute; the fold catches up in chunks of seq.
        {
            minuteTable("chart_minutes"),
            QStringLiteral("CREATE TABLE minute_folds ("
                           " id INTEGER PRIMARY KEY CHECK (id = 1),"
                           " folded_seq INTEGER NOT NULL,"
                           " folded_to_ms INTEGER NOT NULL)"),
            QStringLiteral("INSERT INTO minute_folds VALUES (1, 0,"
                           " CAST(strftime('%s', 'now') AS INTEGER) / 60 * 60000)"),
        },
    };
    return steps;
}

int currentVersion()
{
    return int(migrations().size());
}

} // namespace fs::schema
