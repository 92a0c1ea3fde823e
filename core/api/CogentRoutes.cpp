// CogentRoutes: the sensor-type table in Cogent-house's column names.
#include "CogentRoutes.h"

#include "ApiReply.h"
#include "model/SensorTypes.h"

#include <QJsonArray>
#include <QJsonObject>

namespace fs::api {

namespace {

QJsonObject asCogent(const SensorType& t)
{
    // Cogent's calibration is value = c0 + c1·x + c2·x² + c3·x³; our values are stored calibrated,
    // so each type carries the identity that Cogent's populateData seeds (0, 1, 0, 0).
    return QJsonObject{
        {QStringLiteral("__table__"), QStringLiteral("SensorType")},
        {QStringLiteral("id"), t.id},
        {QStringLiteral("name"), t.name},
        {QStringLiteral("code"), t.code},
        {QStringLiteral("units"), t.unit},
        {QStringLiteral("c0"), 0.0},
        {QStringLiteral("c1"), 1.0},
        {QStringLiteral("c2"), 0.0},
        {QStringLiteral("c3"), 0.0},
    };
}

} // namespace

QHttpServerResponse sensorTypeList(const QString& id)
{
    QJsonArray list;
    if (id.isEmpty()) {
        for (const SensorType& t : sensorTypes())
            list.append(asCogent(t));
    } else {
        bool ok = false;
        const int wanted = id.toInt(&ok);
        if (!ok)
            return badParameter({QStringLiteral("id"),
                                 QStringLiteral("a sensor type id is a whole number, not \"%1\"").arg(id)});
        if (const SensorType* t = sensorTypeById(wanted))
            list.append(asCogent(*t));
    }
    return json(QJsonDocument(list));
}

} // namespace fs::api
