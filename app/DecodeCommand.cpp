// DecodeCommand: prints a decoded OPC-N3 frame as JSON; any problem is one line on stderr, exit 1.
#include "DecodeCommand.h"
#include "commands/DecodeIsems.h"

#include <QFile>
#include <charconv>
#include <cstdio>

namespace fs {

namespace {

/// Shortest text that reads back to the same value: for a float32 field that is "3.459", not the
/// "3.4590001106262207" its widening to double would print.
template <typename T>
QByteArray number(T v)
{
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return QByteArray(buf, int(r.ptr - buf));
}

template <typename Range>
QByteArray list(const Range& values)
{
    QByteArrayList parts;
    for (auto v : values)
        parts << number(double(v));
    return '[' + parts.join(", ") + ']';
}

int fail(const QString& message)
{
    std::fprintf(stderr, "fieldstation decode: %s\n", qPrintable(message));
    return 1;
}

} // namespace

QByteArray histogramJson(const OpcN3Histogram& h)
{
    std::array<double, 4> mtof{};
    for (int i = 0; i < 4; ++i)
        mtof[size_t(i)] = h.mtofUs(i);
    const auto perMl = h.countsPerMl();
    QList<QPair<const char*, QByteArray>> fields = {
        {"bins", list(h.bins)},
        {"mtof_us", list(mtof)},
        {"sampling_period_s", number(h.samplingPeriodS())},
        {"flow_rate_ml_s", number(h.flowRateMlS())},
        {"temperature_c", number(h.temperatureC())},
        {"humidity_pct", number(h.humidityPct())},
        {"pm1", number(h.pm1)},
        {"pm2_5", number(h.pm2_5)},
        {"pm10", number(h.pm10)},
        {"reject_glitch", number(double(h.rejectGlitch))},
        {"reject_long_tof", number(double(h.rejectLongTof))},
        {"reject_ratio", number(double(h.rejectRatio))},
        {"reject_out_of_range", number(double(h.rejectOutOfRange))},
        {"fan_rev_count", number(double(h.fanRevCount))},
        {"laser_status", number(double(h.laserStatus))},
        {"counts_per_ml", perMl ? list(*perMl) : QByteArray("null")},
        {"crc", '"' + QByteArray("0x") + QByteArray::number(h.crc, 16).rightJustified(4, '0') + '"'},
    };
    QByteArray out = "{";
    for (qsizetype i = 0; i < fields.size(); ++i) {
        out += (i ? ",\n  \"" : "\n  \"") + QByteArray(fields[i].first) + "\": " + fields[i].second;
    }
    return out + "\n}\n";
}

int runDecodeCommand(const QStringList& args)
{
    if (!args.isEmpty() && args[0] == QLatin1String("isems"))
        return runDecodeIsems(args.mid(1));
    if (args.size() != 2 || args[0] != QLatin1String("opcn3"))
        return fail(QStringLiteral("usage: fieldstation decode opcn3 FILE"));
    QFile f(args[1]);
    if (!f.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("%1: %2").arg(args[1], f.errorString()));
    const auto frame = opcn3::frameFromFileContent(f.readAll());
    if (!frame)
        return fail(QStringLiteral("%1: %2").arg(args[1], frame.error()));
    const QByteArray& bytes = frame.value();
    const auto h =
        opcn3::decodeHistogram({reinterpret_cast<const uint8_t*>(bytes.constData()), size_t(bytes.size())});
    if (!h)
        return fail(QStringLiteral("%1: %2").arg(args[1], h.error()));
    const QByteArray json = histogramJson(h.value());
    std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
    return 0;
}

} // namespace fs
