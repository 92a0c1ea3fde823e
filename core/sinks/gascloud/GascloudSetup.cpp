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
