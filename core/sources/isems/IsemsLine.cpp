// IsemsLine: checks every field of an ISEMS line on its own, so a bad line is refused with the
// reason and never blocks the lines after it (the old collector lost the whole poll instead).
#include "IsemsLine.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QtNumeric>
#include <cctype>
#include <cmath>

namespace fs::isems {

namespace {

constexpr int kLegacyFields = 18; // before the status field was added
constexpr int kFields = 19;

struct NumberField
{
    int index;
    const char* name;
    double Record::*member;
};

// The numeric fields in line order; the others (id, revision, time, firmware, level, status) are
// parsed by hand below because each has a rule of its own.
const NumberField kNumbers[] = {
    {4, "timeToShutdown", &Record::timeToShutdown},
    {6, "openCircuitVoltage", &Record::openCircuitVoltage},
    {7, "mppVoltage", &Record::mppVoltage},
    {8, "batteryVoltage", &Record::batteryVoltage},
    {9, "batteryChargeEstimate", &Record::batteryChargeEstimate},
    {10, "batteryHealthEstimate", &Record::batteryHealthEstimate},
    {11, "batteryTemperature", &Record::batteryTemperature},
    {12, "lowVoltageDisconnectVoltage", &Record::lowVoltageDisconnectVoltage},
    {13, "temperatureCorrectedVoltage", &Record::temperatureCorrectedVoltage},
    {14, "rateBatteryCapacity", &Record::rateBatteryCapacity},
    {15, "ratedSolarModuleCapacity", &Record::ratedSolarModuleCapacity},
    {16, "latitude", &Record::latitude},
    {17, "longitude", &Record::longitude},
};

Error fieldError(int index, const char* name, QByteArrayView text, const QString& why)
{
    return Error{QStringLiteral("field %1 %2: \"%3\" %4")
                     .arg(index + 1)
                     .arg(QLatin1String(name), QString::fromUtf8(text).left(40), why)};
}

QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

bool isHexDigits(const QByteArray& v)
{
    for (char c : v) {
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            return false;
    }
    return !v.isEmpty();
}

} // namespace

const QStringList& allFlagNames()
{
    static const QStringList names = {
        QStringLiteral("charging"),
        QStringLiteral("discharging"),
        QStringLiteral("fully_charged"),
        QStringLiteral("healthy"),
        QStringLiteral("battery_level_low"),
        QStringLiteral("energy_capacity_too_small"),
        QStringLiteral("temp_sensor_not_connected"),
        QStringLiteral("no_solar_communication"),
        QStringLiteral("battery_overheating"),
        QStringLiteral("low_battery_temperature"),
        QStringLiteral("firmware_upgrade_unsafe"),
        QStringLiteral("unused_bit11"),
    };
    return names;
}

QStringList flagNames(int status)
{
    QStringList set;
    const QStringList& names = allFlagNames();
    for (int bit = 0; bit < names.size(); ++bit) {
        if (status & (0x800 >> bit))
            set.append(names.at(bit));
    }
    return set;
}

Result<Record> parseLine(QByteArrayView line, qint64 nowMs)
{
    const QByteArray text = line.toByteArray().trimmed();
    if (text.isEmpty())
        return Error{QStringLiteral("empty line")};
    const QList<QByteArray> f = text.split(';');
    if (f.size() != kLegacyFields && f.size() != kFields) {
        return Error{
            QStringLiteral("%1 fields, expected %2 or %3").arg(f.size()).arg(kLegacyFields).arg(kFields)};
    }

    Record r;
    r.nodeId = QString::fromUtf8(f[0].trimmed());
    if (r.nodeId.isEmpty())
        return fieldError(0, "nodeId", f[0], QStringLiteral("is empty"));
    r.isemsRevision = QString::fromUtf8(f[1].trimmed());

    bool ok = false;
    const qint64 seconds = f[2].trimmed().toLongLong(&ok);
    if (!ok)
        return fieldError(2, "timestamp", f[2], QStringLiteral("is not whole seconds"));
    if (seconds == 0)
        return Error{QStringLiteral("placeholder line (timestamp 0): the node has not measured yet")};
    // Checked: a long garbled number times 1000 would wrap (undefined) and could land in range.
    if (qMulOverflow(seconds, qint64(1000), &r.timeMs))
        return fieldError(2, "timestamp", f[2], QStringLiteral("is out of range"));
    if (r.timeMs < kEarliestTimeMs) {
        return fieldError(
            2, "timestamp", f[2],
            QStringLiteral("is before 2015-01-01 (%1): node clock not set").arg(isoUtc(r.timeMs)));
    }
    if (r.timeMs > nowMs + kMaxFutureMs) {
        return fieldError(2, "timestamp", f[2],
                          QStringLiteral("is more than a day ahead of the station's clock"));
    }
    r.openMPPTFirmwareVersion = QString::fromUtf8(f[3].trimmed());

    for (const NumberField& n : kNumbers) {
        const QByteArray v = f[n.index].trimmed();
        const double d = v.toDouble(&ok);
        if (!ok || !std::isfinite(d))
            return fieldError(n.index, n.name, f[n.index], QStringLiteral("is not a number"));
        r.*n.member = d;
    }

    // A level, not a flag: the old collector kept only "1" as true and lost levels above 1.
    r.isPowerSaveMode = f[5].trimmed().toInt(&ok);
    if (!ok || r.isPowerSaveMode < 0)
        return fieldError(5, "isPowerSaveMode", f[5], QStringLiteral("is not a level (0, 1, 2 …)"));

    if (f.size() == kFields) {
        // Three hex digits without 0x; the ESP32 prints them upper case (%03X), routers lower.
        const QByteArray v = f[18].trimmed();
        if (v.size() > 3 || !isHexDigits(v))
            return fieldError(18, "status", f[18], QStringLiteral("is not 1 to 3 hex digits"));
        r.status = v.toInt(nullptr, 16);
    }
    return r;
}

} // namespace fs::isems
