// IsemsLine: the `;`-separated log line of an ISEMS solar node (router or ESP32), parsed and checked.
#pragma once

#include "util/Result.h"

#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <optional>

namespace fs::isems {

/// One line of a node's log, every field typed with its unit. Field names are the old
/// isems-data-collector's column names, so the REST API and `decode isems` can print them as is.
struct Record
{
    QString nodeId;
    QString isemsRevision; ///< packet revision, "1" in every known firmware
    qint64 timeMs = 0;     ///< UTC, ms since the epoch
    QString openMPPTFirmwareVersion;
    double timeToShutdown = 0;              ///< min until the load is switched off
    int isPowerSaveMode = 0;                ///< power-save level; 0 = off, may be above 1
    double openCircuitVoltage = 0;          ///< V, solar panel open circuit
    double mppVoltage = 0;                  ///< V, panel at the tracked maximum power point (0 at night)
    double batteryVoltage = 0;              ///< V; 0 means the controller did not answer
    double batteryChargeEstimate = 0;       ///< %
    double batteryHealthEstimate = 0;       ///< %
    double batteryTemperature = 0;          ///< °C; 0 when no sensor is fitted
    double lowVoltageDisconnectVoltage = 0; ///< V
    double temperatureCorrectedVoltage = 0; ///< V, charge-end voltage after temperature correction
    double rateBatteryCapacity = 0;         ///< Ah, rated capacity when new
    double ratedSolarModuleCapacity = 0;    ///< W, rated module power
    double latitude = 0;                    ///< decimal degrees
    double longitude = 0;                   ///< decimal degrees
    std::optional<int> status;              ///< the 12 status bits; absent on 18-field lines
    bool timeFromArrival = false;           ///< the time is when it arrived, not the node's clock
};

/// Oldest node time accepted: before it a node's clock was not set (ESP32 before NTP counts from 0).
constexpr qint64 kEarliestTimeMs = 1420070400000LL; // 2015-01-01T00:00:00Z
/// How far past the station's clock a node's time may be; further blocks nothing, it is refused.
constexpr qint64 kMaxFutureMs = 24LL * 3600 * 1000;

/// Parses one line (a trailing CR or blanks are ignored). `nowMs` is the station's UTC clock, for
/// the future-time check. The error says why: empty, N fields, a field by name and its text, the
/// ESP32 placeholder, a timestamp out of range.
Result<Record> parseLine(QByteArrayView line, qint64 nowMs);

/// Names of the status bits that are set, most significant (bit 0 of the firmware) first.
/// The names are isems-app's, with its "batter_overheating" spelt right: "battery_overheating".
QStringList flagNames(int status);

/// The twelve names, index 0 = the firmware's bit 0 = mask 0x800.
const QStringList& allFlagNames();

} // namespace fs::isems
