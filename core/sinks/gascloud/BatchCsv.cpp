// BatchCsv: batonopc/Baton Data column names so the cloud side maps one to one.
#include "BatchCsv.h"

#include <QDateTime>
#include <QStringList>
#include <charconv>
#include <cmath>

namespace fs::batchcsv {

namespace {

struct Column
{
    QString csv;
    QString channel;
};

const std::vector<Column>& columns()
{
    static const std::vector<Column> list = [] {
        std::vector<Column> c = {
            {QStringLiteral("temp"), QStringLiteral("temperature")},
            {QStringLiteral("rh"), QStringLiteral("humidity")},
            {QStringLiteral("pm_01"), QStringLiteral("pm1")},
            {QStringLiteral("pm_25"), QStringLiteral("pm2_5")},
            {QStringLiteral("pm_10"), QStringLiteral("pm10")},
        };
        for (int i = 0; i < 24; ++i)
            c.push_back({QStringLiteral("bin_%1").arg(i), QStringLiteral("bin_%1").arg(i)});
        for (int b : {1, 3, 5, 7})
            c.push_back({QStringLiteral("bin%1_mtof").arg(b), QStringLiteral("bin%1_mtof").arg(b)});
        c.insert(c.end(),
                 {
                     {QStringLiteral("sampling_period"), QStringLiteral("sampling_period")},
                     {QStringLiteral("sample_flow_rate"), QStringLiteral("flow_rate")},
                     {QStringLiteral("reject_count_glitch"), QStringLiteral("reject_glitch")},
                     {QStringLiteral("reject_count_longtof"), QStringLiteral("reject_long_tof")},
                     {QStringLiteral("reject_count_ratio"), QStringLiteral("reject_ratio")},
                     {QStringLiteral("reject_count_outofrange"), QStringLiteral("reject_out_of_range")},
                     {QStringLiteral("fan_rev_count"), QStringLiteral("fan_rev_count")},
                     {QStringLiteral("laser_status"), QStringLiteral("laser_status")},
                     {QStringLiteral("checksum"), QStringLiteral("checksum")},
                 });
        return c;
    }();
    return list;
}

void appendNumber(QByteArray& out, double v)
{
    char buf[32];
    // Whole numbers (counts) print without a decimal point; others as the shortest exact text.
    const auto r = (std::abs(v) < 1e15 && v == std::floor(v))
                       ? std::to_chars(buf, buf + sizeof buf, (long long)v)
                       : std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, int(r.ptr - buf));
}

} // namespace

QByteArray header()
{
    QStringList names = {QStringLiteral("timestamp"), QStringLiteral("gadget_id")};
    for (const Column& c : columns())
        names << c.csv;
    names << QStringLiteral("checksum_ok");
    return names.join(QLatin1Char(',')).toUtf8() + '\n';
}

int valueColumns()
{
    return int(columns().size());
}

int columnOfChannel(const QString& channelKey)
{
    for (size_t i = 0; i < columns().size(); ++i) {
        if (columns()[i].channel == channelKey)
            return int(i);
    }
    return -1;
}

int pm1Column()
{
    static const int c = columnOfChannel(QStringLiteral("pm1"));
    return c;
}

QByteArray format(const Row& row, const QString& gadgetId)
{
    QByteArray out = QDateTime::fromMSecsSinceEpoch(row.timeMs, Qt::UTC).toString(Qt::ISODate).toUtf8();
    out += ',';
    QString g = gadgetId;
    out += g.remove(QLatin1Char(',')).toUtf8();
    for (const std::optional<double>& v : row.values) {
        out += ',';
        if (v)
            appendNumber(out, *v);
    }
    // Frames whose CRC did not match are never stored, so a stored checksum was a good one.
    static const int crc = columnOfChannel(QStringLiteral("checksum"));
    out += row.values[size_t(crc)] ? ",1\n" : ",\n";
    return out;
}

} // namespace fs::batchcsv
