// Registration: PIN → gateway key (POST /activate/), kept in the secret store, never logged.
#pragma once

#include "config/SecretStore.h"
#include "util/Result.h"

namespace fs {

inline const QString kGatewayKeySecret = QStringLiteral("gascloud/gateway_key");

/// Where a device id is looked for, in this order (injectable for tests).
struct DeviceIdFiles
{
    QString cpuinfo = QStringLiteral("/proc/cpuinfo"); ///< a Pi's "Serial" line
    QString machineId = QStringLiteral("/etc/machine-id");
    QString dbusMachineId = QStringLiteral("/var/lib/dbus/machine-id");
    QString generated; ///< an id generated once and kept here (in the data dir)
};

/// The Pi's CPU serial, else the machine id, else the D-Bus machine id, else an id generated once
/// and kept in `files.generated`. Never empty.
QString stationDeviceId(const DeviceIdFiles& files);

/// Registers with `pin` and stores the key; returns where it was stored (never the key). The
/// generated device id, if one is needed, is kept beside the secrets.
Result<QString> registerGateway(const QString& api, int timeoutS, const QString& pin, const QString& name,
                                const SecretStore& secrets, bool allowInsecureHttp = false);

/// The stored gateway key, or an error that tells the user how to register.
Result<QString> gatewayKey(const SecretStore& secrets);

} // namespace fs
