// Definitions of the per-subsystem logging categories.
#include "Logging.h"

Q_LOGGING_CATEGORY(lcApp, "fs.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConfig, "fs.config", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "fs.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRecorder, "fs.recorder", QtInfoMsg)
Q_LOGGING_CATEGORY(lcOpcN3, "fs.opcn3", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSim, "fs.sim", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStation, "fs.station", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGascloud, "fs.gascloud", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSsh, "fs.ssh", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPush, "fs.push", QtInfoMsg)
