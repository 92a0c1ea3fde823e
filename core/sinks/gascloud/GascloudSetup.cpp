// GascloudSetup: defaults under <data dir>/gascloud (or demo-gascloud), explicit settings win.
#include "GascloudSetup.h"

#include <QDir>

namespace fs::gascloud {

namespace {

QString under(const QString& dataDir, bool demo, const char* leaf)
{
    return QDir(dataDir).filePath(QStringLiteral("%1/%2").arg(
        demo ? QStringLiteral("demo-gascloud") : QStringLiteral("gascloud"), QLatin1String(leaf)));
}

} // namespace

QString knownHostsPath(const GascloudSettings& s, const QString& dataDir, bool demo)
{
    return s.knownHosts.isEmpty() ? under(dataDir, demo, "known_hosts") : s.knownHosts;
}

Uploader::Options uploaderOptions(const GascloudSettings& s, const QString& dataDir, const QString& key,
                                  bool demo)
{
    Uploader::Options o;
    o.api = s.api;
    o.allowInsecureHttp = s.allowInsecureHttp;
    o.requestTimeoutS = s.requestTimeoutS;
    o.pendingDir = s.pendingDir.isEmpty() || demo ? under(dataDir, demo, "pending") : s.pendingDir;
    o.uploadedDir = s.uploadedDir.isEmpty() || demo ? under(dataDir, demo, "uploaded") : s.uploadedDir;
    o.rejectedDir = s.rejectedDir.isEmpty() || demo ? under(dataDir, demo, "rejected") : s.rejectedDir;
    o.destinationSuffix = s.destinationSuffix;
    o.deleteBatchOnUpload = s.deleteBatchOnUpload;
    o.uploadIntervalS = s.uploadIntervalS;
    o.tickS = std::min(10, s.uploadIntervalS);
    o.retryMinS = s.retryMinS;
    o.retryMaxS = s.retryMaxS;
    o.builder.key = key;
    o.builder.gadgetId = s.gadgetId;
    o.builder.batchType = s.batchType;
    o.builder.batchMode = s.batchMode;
    o.builder.maxRows = s.maxRowsPerBatch;
    o.builder.deleteReadingOnZip = s.deleteReadingOnZip;
    // None named: the nodes recorded with no source id (the single OPC-N3 before sources: lists).
    // The station adds the ids of its OPC-N3 sources to this.
    o.builder.sources = s.sources.isEmpty() ? QStringList{QStringLiteral("")} : s.sources;
    o.builder.pendingDir = o.pendingDir;
    return o;
}

SecretStore secretStore(const Settings& s, const QString& dataDir, bool keychainUsable, bool demo)
{
    // The demo never touches the user's keychain.
    return SecretStore(demo ? QDir(dataDir).filePath(QStringLiteral("demo-secrets")) : dataDir,
                       demo ? StationSettings::Secrets::File : s.station.secrets, keychainUsable);
}

} // namespace fs::gascloud
