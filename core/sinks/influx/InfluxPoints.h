// InfluxPoints: turns stored readings into line-protocol points in the configured layout, with
// each channel's series key worked out once from the store's nodes and channels.
#pragma once

#include "InfluxSettings.h"
#include "store/Store.h"
#include "util/Result.h"

#include <QByteArray>
#include <QHash>
#include <QMap>

namespace fs::influx {

/// What the sink needs to know of one configured source.
struct SourceInfo
{
    QString type; ///< e.g. "egauge", "opcn3"
    QString name; ///< SourceSettings::name; Peper's ID tag when the settings give none
    /// eGauge: register name → Peper's unit letter (A, V, W, P …) from `registers:`.
    QMap<QString, QString> registerUnits;
};
using SourceCatalog = QMap<QString, SourceInfo>; ///< by source id

class PointBuilder
{
public:
    PointBuilder(const InfluxSettings& settings, SourceCatalog sources);

    enum class Outcome { Written, Skipped, Unknown };
    /// Appends the reading's point to `out`. Skipped: its source is not sent, or the value is not
    /// finite (counted in refused()); Unknown: its channel is newer than the last load().
    Outcome append(QByteArray& out, const StoredReading& reading);
    /// (Re)reads every channel and its node from `store`.
    Status load(Store& store);
    qint64 refused() const { return m_refused; }

private:
    struct Plan
    {
        bool sent = false;
        QByteArray series;
        QByteArray field;
        double scale = 1.0;
    };
    Plan plan(const QString& source, const QString& nodeKey, const QString& channelKey, int sensorType) const;

    const InfluxSettings& m_settings;
    SourceCatalog m_sources;
    QHash<qint64, Plan> m_plans;
    qint64 m_refused = 0;
};

} // namespace fs::influx
