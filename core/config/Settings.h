// Settings: the one YAML settings file, with embedded defaults and strict validation.
#pragma once

#include "api/ApiSettings.h"
#include "sinks/influx/InfluxSettings.h"
#include "util/Result.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

namespace fs {

struct StationSettings
{
    enum class Secrets { Auto, Keychain, File };
    QString name = QStringLiteral("fieldstation");
    QString dataDir; ///< empty: the platform's application data folder
    /// Where secrets live: the OS keychain, a 0600 file in the data folder, or the keychain with the
    /// file as fallback (auto; headless and kiosk use the file, having no keychain service).
    Secrets secrets = Secrets::Auto;
    QString language = QStringLiteral("auto"); ///< the screen's language: auto (system locale), en, de, fr
};

struct RecorderSettings
{
    int flushIntervalMs = 1000;
    int maxBatch = 4096;
};

/// How long readings are kept and how much the store may hold in memory when the disk is full.
struct StoreSettings
{
    int keepDays = 30;   ///< readings older than this, and forwarded by every enabled sink, are deleted
    int minFreeMb = 200; ///< below this much free space, the oldest forwarded readings go first
    /// While the disk is full the Recorder keeps at most this many of the newest samples in memory.
    int maxMemorySamples = 1000000;
};

/// A source type's own settings (OpcN3Settings, …); each type's reader in core/sources/<type>/
/// fills its own, so Settings needs no change when a type is added.
struct SourceOptions
{
    virtual ~SourceOptions() = default;
};

/// One entry of `sources:`: a typed instance with an id, several of one type allowed.
struct SourceSettings
{
    QString id;          ///< unique among the sources; recorded as nodes.source, selects readings for sinks
    QString type;        ///< a key of the source-type table (core/sources/SourceTypes.cpp), e.g. "opcn3"
    QString name;        ///< what a person calls it; empty: the type's display name
    bool enabled = true; ///< a disabled source is kept in the file but not started
    QString where;       ///< "file:line" of the entry, for messages after loading
    std::shared_ptr<const SourceOptions> options; ///< the type's own settings, never null

    /// The type's own settings; only call with the type the entry was read as.
    template <typename T>
    const T& as() const
    {
        return static_cast<const T&>(*options);
    }
};

struct GascloudSettings
{
    bool enabled = false;
    QString api; ///< e.g. https://host/api/v1 (no trailing slash needed)
    QString gadgetId;
    int uploadIntervalS = 300;
    QString batchMode = QStringLiteral("PASS"); ///< LIVE, TEST or PASS, sent verbatim
    QString batchType = QStringLiteral("OPC");  ///< the only type the old tool ever sent
    QString pendingDir;                         ///< empty: <data dir>/gascloud/pending
    QString uploadedDir;                        ///< empty: <data dir>/gascloud/uploaded
    QString rejectedDir;                        ///< empty: <data dir>/gascloud/rejected
    bool deleteBatchOnUpload = false;
    bool deleteReadingOnZip = false;
    QString destinationSuffix = QStringLiteral("{key}/inbox/"); ///< appended to the ticket's destination
    QString knownHosts;                                         ///< empty: <data dir>/gascloud/known_hosts
    int maxRowsPerBatch = 86400;                                ///< one day of 1 Hz readings
    int requestTimeoutS = 30;
    int retryMinS = 30; ///< first back-off after a failed upload, doubled up to retryMaxS
    int retryMaxS = 3600;
    /// Ids of the sources whose readings go into batches; empty: every OPC-N3 source.
    QStringList sources;
    /// An http:// API sends the gateway key in clear and lets the answer pick the SCP host: only
    /// for the demo and test emulators.
    bool allowInsecureHttp = false;
};

struct PushServerSettings
{
    QString name;
    bool enabled = true;
    QString host = QStringLiteral("127.0.0.1");
    int port = 3306;
    QString database = QStringLiteral("cogent");
    QString user;
    int pushLimit = 5000; ///< readings per chunk (one transaction each)
    int intervalS = 600;
    int timeoutS = 30;
    QString startFrom; ///< "yyyy-MM-dd HH:mm:ss" UTC: where a server with no cursor starts
    QString sshHost;   ///< when set, MySQL is reached through an SSH tunnel to this host
    int sshPort = 22;
    QString sshUser;
    QString sshKey;     ///< private key file
    QString knownHosts; ///< empty: <data dir>/push/known_hosts
    /// Where MySQL listens as seen from the SSH host (default 127.0.0.1:3306).
    QString tunnelTarget = QStringLiteral("127.0.0.1");
};

struct PushSettings
{
    /// Cogent node id = base + the store's node id (unique across stations). Unset: each server
    /// gives this station a block of its own on the first push (FieldStationStation table).
    std::optional<int> nodeIdBase;
    QString deployment = QStringLiteral("FieldStation");
    QString deploymentDescription;
    QString house; ///< the house's address; required when a server is enabled
    QString room = QStringLiteral("Station");
    QString roomType = QStringLiteral("Outdoor");
    QMap<QString, QString> rooms; ///< node key → "Room" or "Room/Room type"
    QList<PushServerSettings> servers;
};

struct Settings
{
    StationSettings station;
    RecorderSettings recorder;
    StoreSettings store;
    /// The configured sources in file order; the old single `opcn3:` section is read as one entry.
    QList<SourceSettings> sources;
    GascloudSettings gascloud;
    PushSettings push;
    InfluxSettings influx;
    ApiSettings api;  ///< the local REST API; off unless the file has an `api:` section
    QString logRules; ///< QLoggingCategory filter rules, e.g. "fs.opcn3.debug=true"
    /// "file:line: what to change" for forms that still work but are deprecated (printed, not errors).
    QStringList warnings;

    /// Reads `path`; every problem is reported as "file:line: key: what is wrong", one a line.
    static Result<Settings> load(const QString& path);
    /// The same, from YAML text; `origin` names it in messages.
    static Result<Settings> parse(const QByteArray& yaml, const QString& origin);
};

} // namespace fs
