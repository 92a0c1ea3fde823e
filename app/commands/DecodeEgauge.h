// `fieldstation decode egauge FILE`: an egauge-show answer to the rates it holds, as JSON.
#pragma once

#include "sources/egauge/EgaugeRates.h"

#include <QByteArray>
#include <QStringList>

namespace fs {

/// One object per value, newest first as in the answer, columns in answer order:
/// {"time": "2019-07-09T15:42:00Z", "register": "CT1_Amperage", "type": "I", "unit": "A", "value": 4.198}
QByteArray egaugeRatesJson(const egauge::Rates& rates);

/// Runs `decode egauge` with the arguments after "egauge"; returns the exit code.
int runDecodeEgauge(const QStringList& args);

} // namespace fs
