// InfluxSettings: the `influx:` section: one InfluxDB 1.x server, the layout of its points, and the
// tags written for each source.
#pragma once

#include "LineProtocol.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace fs {

class YamlReader;

struct InfluxSettings
{
    enum class Layout {
        Peper, ///< what Peper_project_final.py wrote: measurement "measure", its tags, its units (=P in kW)
        Si     ///< values in the sensor type's unit, measurement and tag names configurable
    };
    bool enabled = false;
    QString name = QStringLiteral("influx"); ///< cursor "influx:<name>", password secret "influx/<name>"
    QString url;                             ///< e.g. http://127.0.0.1:8086
    QString database;
    QString user;                  ///< empty: no authentication
    bool createDatabase = true;    ///< CREATE DATABASE before the first write, as Peper did
    Layout layout = Layout::Peper; ///< how readings become points
    /// Peper: the eGauge measurement (default "measure"); si: every point's (default: the source type).
    QString measurement;
    /// The time unit written. With s, readings of one channel within one second are one point (the
    /// last sent wins), as InfluxDB keys points by series and time.
    influx::Precision precision = influx::Precision::Milliseconds;
    int batchPoints = 5000; ///< readings read and posted per request
    int intervalS = 300;
    int timeoutS = 30;
    /// Ids of the sources whose readings are written; empty: every eGauge source.
    QStringList sources;
    /// Per source id, the Peper tags ID, IP, GPS_lat, GPS_long, Ville, CP, Rue and their values.
    QMap<QString, QMap<QString, QString>> tags;
    /// Layout si: tag names to write instead of Peper's (e.g. Ville: city); others keep their name.
    QMap<QString, QString> tagNames;

    /// Peper's tag keys of one source, in its order (Unit is the register's and comes last).
    static const QStringList& peperTagKeys();
    /// The measurement of eGauge points (Peper) or of every point (si) for a source of `type`.
    QString measurementFor(const QString& type) const;
    /// Reads the section; problems go to `r` with file:line.
    static void read(YamlReader& r, InfluxSettings& s);
};

} // namespace fs
