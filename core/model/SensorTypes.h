// SensorTypes: the one table of sensor types (code, name, unit) with fixed global ids, used by every
// source, the store and every sink.
#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace fs {

struct SensorType
{
    int id = 0;   ///< global: the store's sensor_types.id and Cogent-house's SensorType.id
    QString code; ///< what a source names in ChannelSpec::sensorType
    QString name;
    QString unit;
};

/// Every known type, in id order. Append-only: an id, once given, keeps its code for ever, because
/// central databases keep it for ever. Cogent-house's own ids (0 … 113) where its seeded table has
/// the quantity, with its code and unit; FieldStation's own types from 1000 up.
const QList<SensorType>& sensorTypes();

/// The type with this code, or nullptr.
const SensorType* sensorTypeByCode(QStringView code);

/// The type with this id, or nullptr.
const SensorType* sensorTypeById(int id);

} // namespace fs
