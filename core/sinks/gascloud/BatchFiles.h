// BatchFiles: the files of a gascloud batch (CSV, meta, zip, payload), all owner-only, since the
// gateway key is in their names and content; and the MD5 the quarantine request carries.
#pragma once

#include "GascloudApi.h"
#include "util/Result.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace fs::batchfiles {

/// MD5 of nothing: what the old client always sent as zip_md5 (its hashing was commented out).
inline constexpr const char* kEmptyMd5 = "d41d8cd98f00b204e9800998ecf8427e";

/// What the meta YAML inside the zip says of a batch.
struct Meta
{
    QString sourceRef, batchType, batchMode, key, gadgetId;
    qint64 builtMs = 0, readingFromMs = 0, readingToMs = 0;
    int rows = 0;
    int sameSecondDropped = 0; ///< readings left out: their second already had a row
};
QByteArray metaYaml(const Meta& m);

/// Writes `text` to `path` (truncating), mode 0600 before the first byte.
Status writePrivate(const QString& path, const QByteArray& text);
/// Zips `entries` (name in the zip, file to read) into `zipPath`, mode 0600 before the first byte.
Status zipPrivate(const QString& zipPath, const QList<QPair<QString, QString>>& entries);
/// Lowercase hex MD5 of a file.
Result<QString> md5Of(const QString& path);
/// The quarantine payload as YAML text, one key a line, in the order given.
QByteArray payloadYaml(const FormFields& fields);
/// The payload fields the uploader sends, read from a payload YAML; an error names the file and key.
Result<FormFields> readPayload(const QString& path);

} // namespace fs::batchfiles
