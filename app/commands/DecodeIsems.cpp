// DecodeIsems: one JSON entry per line, so a user can line the output up with the file and see
// exactly which lines the station would refuse, and why.
#include "DecodeIsems.h"
#include "util/JsonText.h"

#include "sources/isems/IsemsLine.h"

#include <QDateTime>
#include <QFile>
#include <cstdio>

namespace fs {

namespace {

using json::number;
const auto text = &json::string;

QByteArray recordJson(const isems::Record& r)
{
    QByteArrayList flags;
    for (const QString& f : r.status ? isems::flagNames(*r.status) : QStringList())
        flags << text(f);
    const QString time = QDateTime::fromMSecsSinceEpoch(r.timeMs, Qt::UTC).toString(Qt::ISODate);
    // The collector's field names in its column order.
    const QList<QPair<const char*, QByteArray>> fields = {
        {"nodeId", text(r.nodeId)},
        {"isemsRevision", text(r.isemsRevision)},
        {"timestamp", text(time)},
        {"openMPPTFirmwareVersion", text(r.openMPPTFirmwareVersion)},
        {"timeToShutdown", number(r.timeToShutdown)},
        {"isPowerSaveMode", QByteArray::number(r.isPowerSaveMode)},
        {"openCircuitVoltage", number(r.openCircuitVoltage)},
        {"mppVoltage", number(r.mppVoltage)},
        {"batteryVoltage", number(r.batteryVoltage)},
        {"batteryChargeEstimate", number(r.batteryChargeEstimate)},
        {"batteryHealthEstimate", number(r.batteryHealthEstimate)},
        {"batteryTemperature", number(r.batteryTemperature)},
        {"lowVoltageDisconnectVoltage", number(r.lowVoltageDisconnectVoltage)},
        {"temperatureCorrectedVoltage", number(r.temperatureCorrectedVoltage)},
        {"rateBatteryCapacity", number(r.rateBatteryCapacity)},
        {"ratedSolarModuleCapacity", number(r.ratedSolarModuleCapacity)},
        {"latitude", number(r.latitude)},
        {"longitude", number(r.longitude)},
        {"status", r.status ? QByteArray::number(*r.status) : QByteArray("null")},
        {"flags", '[' + flags.join(", ") + ']'},
    };
    QByteArray out = "  {";
    for (qsizetype i = 0; i < fields.size(); ++i)
        out += (i ? ", \"" : "\"") + QByteArray(fields[i].first) + "\": " + fields[i].second;
    return out + '}';
}

} // namespace

QByteArray isemsLinesJson(const QByteArray& content, qint64 nowMs, int* parsed)
{
    QList<QByteArray> lines = content.split('\n');
    if (lines.size() > 1 && lines.last().isEmpty())
        lines.removeLast();
    *parsed = 0;
    QByteArrayList entries;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const auto r = isems::parseLine(lines[i], nowMs);
        if (r) {
            ++*parsed;
            entries << recordJson(r.value());
        } else {
            entries << "  {\"line\": " + QByteArray::number(i + 1) + ", \"error\": " + text(r.error()) + '}';
        }
    }
    return entries.isEmpty() ? QByteArray("[]\n") : "[\n" + entries.join(",\n") + "\n]\n";
}

int runDecodeIsems(const QStringList& args)
{
    if (args.size() != 1) {
        std::fprintf(stderr, "fieldstation decode: usage: fieldstation decode isems FILE\n");
        return 1;
    }
    QFile f(args[0]);
    if (!f.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "fieldstation decode: %s: %s\n", qPrintable(args[0]),
                     qPrintable(f.errorString()));
        return 1;
    }
    int parsed = 0;
    const QByteArray json = isemsLinesJson(f.readAll(), QDateTime::currentMSecsSinceEpoch(), &parsed);
    std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
    if (parsed == 0)
        std::fprintf(stderr, "fieldstation decode: %s: no line could be parsed\n", qPrintable(args[0]));
    return parsed > 0 ? 0 : 1;
}

} // namespace fs
