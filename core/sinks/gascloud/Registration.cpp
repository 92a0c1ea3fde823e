// Registration: the device id the old register.py sent, and the key's one home.
#include "Registration.h"

#include "GascloudApi.h"
#include "util/Logging.h"
#include "util/Redact.h"

#include <QFile>
#include <QSysInfo>

namespace fs {

QString stationDeviceId(const QString& cpuinfoPath)
{
    QFile f(cpuinfoPath);
    if (f.open(QIODevice::ReadOnly)) {
        for (const QByteArray& line : f.readAll().split('\n')) {
            if (line.startsWith("Serial")) {
                const QByteArray serial = line.mid(line.indexOf(':') + 1).trimmed();
                if (!serial.isEmpty() && serial.count('0') != serial.size())
                    return QString::fromLatin1(serial);
            }
        }
    }
    return QString::fromLatin1(QSysInfo::machineUniqueId());
}

Result<QString> registerGateway(const QString& api, int timeoutS, const QString& pin, const QString& name,
                                const SecretStore& secrets)
{
    if (api.isEmpty())
        return Error{QStringLiteral("no gascloud API is set (gascloud.api in the settings)")};
    if (pin.trimmed().isEmpty())
        return Error{QStringLiteral("no PIN given")};
    GascloudApi client(api, timeoutS);
    const QString device = stationDeviceId();
    auto key = client.activate(device, pin.trimmed(), name);
    if (!key)
        return Error{key.error()};
    redact::addSecret(key.value());
    if (Status s = secrets.write(kGatewayKeySecret, key.value()); !s)
        return Error{QStringLiteral("registered, but the key could not be stored: %1").arg(s.error())};
    qCInfo(lcGascloud) << "registered device" << device << "as" << name << "; key stored in"
                       << secrets.describe(kGatewayKeySecret);
    return secrets.describe(kGatewayKeySecret);
}

Result<QString> gatewayKey(const SecretStore& secrets)
{
    auto key = secrets.read(kGatewayKeySecret);
    if (!key)
        return Error{QStringLiteral("reading the gateway key: %1").arg(key.error())};
    if (!key->has_value())
        return Error{QStringLiteral(
            "this station is not registered with gascloud: run `fieldstation register --pin PIN`")};
    const QString k = key->value().trimmed();
    redact::addSecret(k);
    if (!isGatewayKey(k))
        return Error{
            QStringLiteral(
                "the stored gateway key is not 20 characters of 0-9a-f (%1 characters); register again")
                .arg(k.size())};
    return k;
}

} // namespace fs
