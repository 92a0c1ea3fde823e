// Uploader options for gascloud tests: folders in a temp dir, the emulator's http API allowed.
#pragma once

#include "sinks/gascloud/Uploader.h"

#include <QTemporaryDir>

namespace fs::test {

/// Pending, uploaded and rejected folders in `dir`; `key` as the gateway key; the readings of
/// recordOpcN3Readings (recorded with no source id) selected.
inline Uploader::Options uploaderOptions(const QTemporaryDir& dir, const QString& api, const QString& key)
{
    Uploader::Options o;
    o.api = api;
    o.allowInsecureHttp = true; // the emulator speaks plain http on loopback
    o.pendingDir = dir.filePath(QStringLiteral("pending"));
    o.uploadedDir = dir.filePath(QStringLiteral("uploaded"));
    o.rejectedDir = dir.filePath(QStringLiteral("rejected"));
    o.builder.key = key;
    o.builder.sources = {QStringLiteral("")};
    return o;
}

} // namespace fs::test
