// `fieldstation decode opcn3 FILE`: one histogram frame to one JSON object on stdout.
#pragma once

#include "sources/opcn3/OpcN3Frame.h"

#include <QByteArray>
#include <QStringList>

namespace fs {

/// The JSON object for a decoded histogram (keys in the documented order).
QByteArray histogramJson(const OpcN3Histogram& h);

/// Runs the decode command with its arguments after "decode"; returns the exit code.
int runDecodeCommand(const QStringList& args);

} // namespace fs
