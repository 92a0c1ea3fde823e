// Registration: the device id the old register.py sent, and the key's one home.
#include "Registration.h"

#include "GascloudApi.h"
#include "util/Logging.h"
#include "util/Redact.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QUuid>

namespace fs {

namespace {

QString firstLine(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(f.readLine(256)).trimmed();
}

QString piSerial(const QString& cpuinfo)
{
    QFile f(cpuinfo);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith("Serial")) {
            const QByteArray serial = line.mid(line.indexOf(':') + 1).trimmed();
            if (!serial.isEmpty() && serial.count('0') != serial.size())
                return QString::fromLatin1(serial);
        }
    }
    return {};
}

} // namespace

QString stationDeviceId(const DeviceIdFiles& files)
{
    for (const QString& id : {piSerial(files.cpuinfo), firstLine(files.machineId),
                              firstLine(files.dbusMachineId), firstLine(files.generated)}) {
        if (!id.isEmpty())
            return id;
    }
    // A bare machine (a fresh container has no machine id): make one and keep it, so the station
    // registers as the same device next time.
    const QString id = QUuid::createUuid().toString(QUuid::Id128);
    QDir().mkpath(QFileInfo(files.generated).absolutePath());
    QSaveFile f(files.generated);
    if (!f.open(QIODevice::WriteOnly) || f.write(id.toLatin1() + '\n') < 0 || !f.commit())
        qCWarning(lcGascloud).noquote() << files.generated << ": cannot keep the generated device id ("
                                        << f.errorString() << "); using" << id << "this time";
    else
        qCInfo(lcGascloud).noquote() << "no CPU serial or machine id; generated device id" << id << "kept in"
                                     << files.generated;
    return id;
}

Result<QString> registerGateway(const QString& api, int timeoutS, const QString& pin, const QString& name,
                                const SecretStore& secrets, bool allowInsecureHttp)
{
    if (api.isEmpty())
        return Error{QStringLiteral("no gascloud API is set (gascloud.api in the settings)")};
    if (pin.trimmed().isEmpty())
        return Error{QStringLiteral("no PIN given")};
    GascloudApi client(api, timeoutS, allowInsecureHttp);
    DeviceIdFiles files;
    files.generated = QDir::cleanPath(QDir(secrets.folder()).filePath(QStringLiteral("device_id")));
    const QString device = stationDeviceId(files);
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
