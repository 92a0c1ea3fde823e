// OpcN3View: keeps the latest reading and decimated PM history for the QML page.
#include "OpcN3View.h"

#include <QMetaEnum>
#include <QtCharts/QXYSeries>
#include <algorithm>

namespace fs {

OpcN3View::OpcN3View(int historyPoints, QObject* parent)
    : QObject(parent), m_pm1(historyPoints), m_pm2_5(historyPoints), m_pm10(historyPoints)
{}

void OpcN3View::attach(OpcN3Source* source)
{
    connect(source, &OpcN3Source::reading, this, &OpcN3View::onReading, Qt::QueuedConnection);
    connect(source, &OpcN3Source::stateChanged, this, &OpcN3View::onStateChanged, Qt::QueuedConnection);
    connect(source, &OpcN3Source::identified, this, &OpcN3View::onIdentified, Qt::QueuedConnection);
}

void OpcN3View::onReading(const OpcN3Reading& r)
{
    m_last = r;
    m_pm1.append(r.timeMs, r.histogram.pm1);
    m_pm2_5.append(r.timeMs, r.histogram.pm2_5);
    m_pm10.append(r.timeMs, r.histogram.pm10);
    Q_EMIT updated();
}

void OpcN3View::onStateChanged(OpcN3Source::State state, const QString& detail)
{
    m_state = QString::fromLatin1(QMetaEnum::fromType<OpcN3Source::State>().valueToKey(int(state)));
    m_detail = detail;
    m_errors = state == OpcN3Source::State::BackingOff ? m_errors + 1 : 0;
    Q_EMIT stateChanged();
}

void OpcN3View::onIdentified(const QString& info, const QString& serial)
{
    // "OPC-N3 177940203 · fw 1.17a": the serial says which unit, the info string's tail the firmware.
    const qsizetype fw = info.indexOf(QLatin1String("FirmwareVer="));
    const QString version = fw >= 0 ? info.mid(fw + 12).section(QLatin1Char(' '), 0, 0) : QString();
    m_info = serial.isEmpty() ? info : serial;
    if (!version.isEmpty())
        m_info += QStringLiteral(" · fw %1").arg(version);
    Q_EMIT identityChanged();
}

QList<qreal> OpcN3View::histogram() const
{
    QList<qreal> out;
    for (uint16_t b : m_last.histogram.bins)
        out.append(b);
    return out;
}

double OpcN3View::histogramMax() const
{
    const auto& b = m_last.histogram.bins;
    return std::max<double>(10.0, *std::max_element(b.begin(), b.end()) * 1.15);
}

QStringList OpcN3View::binLabels() const
{
    QStringList l;
    for (int i = 0; i < opcn3::kBins; ++i)
        l << QString::number(i);
    return l;
}

QDateTime OpcN3View::timeMin() const
{
    const qint64 last = m_pm1.isEmpty() ? QDateTime::currentMSecsSinceEpoch() : m_pm1.lastTime();
    const qint64 first = m_pm1.isEmpty() ? last : m_pm1.firstTime();
    // Show at least a minute, so the first points do not stretch over the whole width.
    return QDateTime::fromMSecsSinceEpoch(std::min(first, last - 60000));
}

QDateTime OpcN3View::timeMax() const
{
    return QDateTime::fromMSecsSinceEpoch(m_pm1.isEmpty() ? QDateTime::currentMSecsSinceEpoch()
                                                          : m_pm1.lastTime());
}

double OpcN3View::pmMax() const
{
    const double m = std::max({m_pm1.maxValue(), m_pm2_5.maxValue(), m_pm10.maxValue()});
    return std::max(5.0, m * 1.2);
}

void OpcN3View::fillPmSeries(QAbstractSeries* pm1, QAbstractSeries* pm2_5, QAbstractSeries* pm10,
                             int columns) const
{
    const std::pair<QAbstractSeries*, const LiveSeries*> pairs[] = {
        {pm1, &m_pm1}, {pm2_5, &m_pm2_5}, {pm10, &m_pm10}};
    for (const auto& [series, data] : pairs) {
        if (auto* xy = qobject_cast<QXYSeries*>(series))
            xy->replace(data->decimated(columns));
    }
}

} // namespace fs
