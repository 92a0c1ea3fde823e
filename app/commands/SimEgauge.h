// `fieldstation sim egauge`: the eGauge meter emulator on its own, for other clients (Peper's
// script, egauge-async, curl) and for trying a station's settings against a meter.
#pragma once

#include <QStringList>

namespace fs {

/// Runs `sim egauge` with the arguments after "egauge"; returns the exit code (runs until killed).
int runSimEgauge(const QStringList& args);

} // namespace fs
