// OpcN3View: the OPC-N3 as QML sees it: latest values, health, histogram and PM history.
#pragma once

#include "LiveSeries.h"
#include "sources/opcn3/OpcN3Source.h"

#include <QDateTime>
#include <QObject>
#include <QtQml/qqmlregistration.h>

#include <QtCharts/QAbstractSeries>

namespace fs {

class OpcN3View : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("OpcN3View is provided by the application")

    Q_PROPERTY(QString state READ state NOTIFY stateChanged)
    Q_PROPERTY(QString stateDetail READ stateDetail NOTIFY stateChanged)
    Q_PROPERTY(bool healthy READ healthy NOTIFY stateChanged)
    Q_PROPERTY(QString deviceInfo READ deviceInfo NOTIFY identityChanged)
    Q_PROPERTY(bool hasReading READ hasReading NOTIFY updated)
    Q_PROPERTY(QDateTime lastUpdate READ lastUpdate NOTIFY updated)
    Q_PROPERTY(double pm1 READ pm1 NOTIFY updated)
    Q_PROPERTY(double pm2_5 READ pm2_5 NOTIFY updated)
    Q_PROPERTY(double pm10 READ pm10 NOTIFY updated)
    Q_PROPERTY(double temperature READ temperature NOTIFY updated)
    Q_PROPERTY(double humidity READ humidity NOTIFY updated)
    Q_PROPERTY(double flowRate READ flowRate NOTIFY updated)
    Q_PROPERTY(double samplingPeriod READ samplingPeriod NOTIFY updated)
    Q_PROPERTY(double rejectPct READ rejectPct NOTIFY updated)
    Q_PROPERTY(int fanRevCount READ fanRevCount NOTIFY updated)
    Q_PROPERTY(int laserStatus READ laserStatus NOTIFY updated)
    Q_PROPERTY(int consecutiveErrors READ consecutiveErrors NOTIFY stateChanged)
    Q_PROPERTY(QList<qreal> histogram READ histogram NOTIFY updated)
    Q_PROPERTY(double histogramMax READ histogramMax NOTIFY updated)
    Q_PROPERTY(QStringList binLabels READ binLabels CONSTANT)
    Q_PROPERTY(QDateTime timeMin READ timeMin NOTIFY updated)
    Q_PROPERTY(QDateTime timeMax READ timeMax NOTIFY updated)
    Q_PROPERTY(double pmMax READ pmMax NOTIFY updated)

public:
    explicit OpcN3View(int historyPoints = 600, QObject* parent = nullptr);

    /// Connects to a source living in another thread (queued).
    void attach(OpcN3Source* source);

    QString state() const { return m_state; }
    QString stateDetail() const { return m_detail; }
    bool healthy() const { return m_state == QLatin1String("Sampling"); }
    QString deviceInfo() const { return m_info; }
    bool hasReading() const { return m_last.timeMs != 0; }
    QDateTime lastUpdate() const { return QDateTime::fromMSecsSinceEpoch(m_last.timeMs); }
    double pm1() const { return m_last.histogram.pm1; }
    double pm2_5() const { return m_last.histogram.pm2_5; }
    double pm10() const { return m_last.histogram.pm10; }
    double temperature() const { return m_last.histogram.temperatureC(); }
    double humidity() const { return m_last.histogram.humidityPct(); }
    double flowRate() const { return m_last.histogram.flowRateMlS(); }
    double samplingPeriod() const { return m_last.histogram.samplingPeriodS(); }
    double rejectPct() const { return m_last.histogram.rejectPct(); }
    int fanRevCount() const { return m_last.histogram.fanRevCount; }
    int laserStatus() const { return m_last.histogram.laserStatus; }
    int consecutiveErrors() const { return m_errors; }
    QList<qreal> histogram() const;
    double histogramMax() const;
    QStringList binLabels() const;
    QDateTime timeMin() const;
    QDateTime timeMax() const;
    double pmMax() const;

    /// Replaces the three PM line series with the decimated history (one call, not point by point).
    Q_INVOKABLE void fillPmSeries(QAbstractSeries* pm1, QAbstractSeries* pm2_5, QAbstractSeries* pm10,
                                  int columns) const;

public Q_SLOTS:
    void onReading(const fs::OpcN3Reading& reading);
    void onStateChanged(fs::OpcN3Source::State state, const QString& detail);
    void onIdentified(const QString& info, const QString& serial);

Q_SIGNALS:
    void updated();
    void stateChanged();
    void identityChanged();

private:
    OpcN3Reading m_last;
    LiveSeries m_pm1, m_pm2_5, m_pm10;
    QString m_state = QStringLiteral("Stopped");
    QString m_detail;
    QString m_info;
    int m_errors = 0;
};

} // namespace fs
