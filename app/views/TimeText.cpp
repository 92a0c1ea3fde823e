// TimeText: zone names from QTimeZone::systemTimeZone(), so the chart says which clock it shows.
#include "TimeText.h"

#include <QDateTime>
#include <QTimeZone>

namespace fs {

QString TimeText::zone(qint64 ms)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::systemTimeZone());
    QString name = QTimeZone::systemTimeZone().abbreviation(at);
    // Zones without a letter abbreviation give "+03" or an empty string: write the offset.
    if (name.isEmpty() || name.startsWith(QLatin1Char('+')) || name.startsWith(QLatin1Char('-')))
        name = QTimeZone::systemTimeZone().displayName(at, QTimeZone::OffsetName);
    return name;
}

QString TimeText::axisTitle(qint64 ms)
{
    return tr("Time (%1)").arg(zone(ms));
}

QString TimeText::axisFormat(qint64 spanMs)
{
    constexpr qint64 kHour = 3600'000;
    if (spanMs <= 15 * 60'000)
        return QStringLiteral("hh:mm:ss");
    if (spanMs <= 26 * kHour)
        return QStringLiteral("hh:mm");
    return QStringLiteral("ddd hh:mm");
}

} // namespace fs
