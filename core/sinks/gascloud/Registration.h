// Registration: PIN → gateway key (POST /activate/), kept in the secret store, never logged.
#pragma once

#include "config/SecretStore.h"
#include "util/Result.h"

namespace fs {

inline const QString kGatewayKeySecret = QStringLiteral("gascloud/gateway_key");

/// The Pi's CPU serial from /proc/cpuinfo, or the machine id on other hosts.
QString stationDeviceId(const QString& cpuinfoPath = QStringLiteral("/proc/cpuinfo"));

/// Registers with `pin` and stores the key; returns where it was stored (never the key).
Result<QString> registerGateway(const QString& api, int timeoutS, const QString& pin, const QString& name,
                                const SecretStore& secrets);

/// The stored gateway key, or an error that tells the user how to register.
Result<QString> gatewayKey(const SecretStore& secrets);

} // namespace fs
