// IsemsDataJson: the data.json message of ISEMS ESP32 telemetry (see IsemsDataJson.h).
#include "IsemsDataJson.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <cmath>

namespace fs::isems {

namespace {

struct NumberField
{
    const char* name;
    double Record::*member;
};

// Every numeric field the firmware sends, in its order (get_telemetry_data in telemetry.lua).
constexpr NumberField kNumbers[] = {
    {"timeToShutdown", &Record::timeToShutdown},
    {"openCircuitVoltage", &Record::openCircuitVoltage},
    {"mppVoltage", &Record::mppVoltage},
    {"batteryVoltage", &Record::batteryVoltage},
    {"batteryChargeEstimate", &Record::batteryChargeEstimate},
    {"batteryHealthEstimate", &Record::batteryHealthEstimate},
    {"batteryTemperature", &Record::batteryTemperature},
    {"lowVoltageDisconnectVoltage", &Record::lowVoltageDisconnectVoltage},
    {"temperatureCorrectedVoltage", &Record::temperatureCorrectedVoltage},
    {"rateBatteryCapacity", &Record::rateBatteryCapacity},
    {"ratedSolarModuleCapacity", &Record::ratedSolarModuleCapacity},
    {"latitude", &Record::latitude},
    {"longitude", &Record::longitude},
};

QString valueText(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::String:
        return QStringLiteral("\"%1\"").arg(v.toString().left(40));
    case QJsonValue::Double:
        return QString::number(v.toDouble());
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("absent");
}

Error fieldError(const QString& name, const QJsonValue& v, const QString& why)
{
    return Error{QStringLiteral("data.json %1: %2 %3").arg(name, valueText(v), why)};
}

std::optional<double> number(const QJsonValue& v)
{
    if (v.isDouble())
        return v.toDouble();
    if (v.isString()) {
        bool ok = false;
        const double d = v.toString().trimmed().toDouble(&ok);
        if (ok && std::isfinite(d))
            return d;
    }
    return std::nullopt;
}

} // namespace

QString dataJsonFilter(const QString& channel)
{
    return (channel.endsWith(QLatin1Char('/')) ? channel : channel + QLatin1Char('/')) +
           QStringLiteral("+/data.json");
}

QString dataJsonNode(const QString& topic, const QString& channel)
{
    const QString prefix = channel.endsWith(QLatin1Char('/')) ? channel : channel + QLatin1Char('/');
    static const QString suffix = QStringLiteral("/data.json");
    if (!topic.startsWith(prefix) || !topic.endsWith(suffix))
        return {};
    const QString node = topic.mid(prefix.size(), topic.size() - prefix.size() - suffix.size());
    return node.contains(QLatin1Char('/')) ? QString() : node;
}

Result<Record> parseDataJson(QByteArrayView payload, const QString& nodeId, qint64 arrivalMs)
{
    if (nodeId.isEmpty())
        return Error{QStringLiteral("data.json: no node id in the topic")};
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(payload.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return Error{
            QStringLiteral("data.json: byte %1: %2").arg(parseError.offset).arg(parseError.errorString())};
    }
    if (!doc.isObject())
        return Error{QStringLiteral("data.json: not an object")};
    const QJsonObject o = doc.object();

    Record r;
    r.nodeId = nodeId;
    r.timeMs = arrivalMs;
    r.timeFromArrival = true;
    for (const NumberField& f : kNumbers) {
        const QJsonValue v = o.value(QLatin1String(f.name));
        const std::optional<double> d = number(v);
        if (!d)
            return fieldError(QLatin1String(f.name), v, QStringLiteral("is not a number"));
        r.*f.member = *d;
    }

    const QJsonValue save = o.value(QLatin1String("isPowerSaveMode"));
    const std::optional<double> level =
        save.isBool() ? std::optional<double>(save.toBool() ? 1 : 0) : number(save);
    if (!level || *level < 0 || *level != std::floor(*level))
        return fieldError(QStringLiteral("isPowerSaveMode"), save,
                          QStringLiteral("is not a level (0, 1, 2 …)"));
    r.isPowerSaveMode = int(*level);

    // The firmware's statuscode is text from %03X; absent means an older firmware without it.
    const QJsonValue status = o.value(QLatin1String("status"));
    if (!status.isUndefined() && !status.isNull()) {
        QString hex = status.isString() ? status.toString().trimmed() : QString();
        if (hex.startsWith(QLatin1String("0x"), Qt::CaseInsensitive))
            hex = hex.mid(2);
        bool ok = false;
        const int bits = hex.toInt(&ok, 16);
        if (!status.isString() || hex.isEmpty() || hex.size() > 3 || !ok || bits < 0)
            return fieldError(QStringLiteral("status"), status, QStringLiteral("is not 1 to 3 hex digits"));
        r.status = bits;
    }
    return r;
}

} // namespace fs::isems
