// `fieldstation decode isems FILE`: every line of an ISEMS log as the old collector's record, in JSON.
#pragma once

#include <QByteArray>
#include <QStringList>

namespace fs {

/// The JSON array for the lines of `content` (one entry per line; a final newline ends the last
/// line), with `nowMs` as the station's clock for the future-time check. `parsed` counts the
/// well-formed lines.
QByteArray isemsLinesJson(const QByteArray& content, qint64 nowMs, int* parsed);

/// Runs `decode isems` with its arguments after "isems"; returns the exit code.
int runDecodeIsems(const QStringList& args);

} // namespace fs
