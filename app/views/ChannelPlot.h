// ChannelPlot: a time chart's data for some channels of one source: the store's history (loaded by
// the HistoryReader off the GUI thread) joined to the live stream, decimated to the chart's width.
#pragma once

#include "LiveStream.h"

#include <QDateTime>
#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QtCharts/QAbstractSeries>
#include <QtQml/qqmlregistration.h>
#include <optional>

namespace fs {

struct HistoryRequest;

class ChannelPlot : public QObject
{
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(fs::LiveStream* stream READ stream WRITE setStream NOTIFY setupChanged)
    Q_PROPERTY(QString source READ source WRITE setSource NOTIFY setupChanged)
    /// Empty: the source's channels whatever node read them; else only this node's (a network).
    Q_PROPERTY(QString node READ node WRITE setNode NOTIFY setupChanged)
    Q_PROPERTY(QStringList channels READ channels WRITE setChannels NOTIFY setupChanged)
    Q_PROPERTY(int spanMinutes READ spanMinutes WRITE setSpanMinutes NOTIFY setupChanged)
    Q_PROPERTY(int columns READ columns WRITE setColumns NOTIFY setupChanged)
    Q_PROPERTY(QDateTime timeMin READ timeMin NOTIFY updated)
    Q_PROPERTY(QDateTime timeMax READ timeMax NOTIFY updated)
    Q_PROPERTY(double valueMax READ valueMax NOTIFY updated)
    /// 0 unless a value is below it (a meter exporting power): then below the lowest value.
    Q_PROPERTY(double valueMin READ valueMin NOTIFY updated)
    /// The value axis spans the values shown (a mains voltage's few volts of swing) instead of
    /// starting at 0 (particle counts, where 0 is the reference).
    Q_PROPERTY(bool fitValues READ fitValues WRITE setFitValues NOTIFY setupChanged)
    Q_PROPERTY(bool hasHistory READ hasHistory NOTIFY updated)

public:
    explicit ChannelPlot(QObject* parent = nullptr);

    LiveStream* stream() const { return m_stream; }
    void setStream(LiveStream* stream);
    QString source() const { return m_source; }
    void setSource(const QString& source);
    QString node() const { return m_node; }
    void setNode(const QString& node);
    QStringList channels() const { return m_channels; }
    void setChannels(const QStringList& channels);
    int spanMinutes() const { return m_spanMinutes; }
    void setSpanMinutes(int minutes);
    int columns() const { return m_columns; }
    void setColumns(int columns);

    QDateTime timeMin() const;
    QDateTime timeMax() const;
    double valueMax() const;
    double valueMin() const;
    bool fitValues() const { return m_fitValues; }
    void setFitValues(bool fit);
    bool hasHistory() const;

    /// The points of channel `index`: history before the live ring's first point, then the ring,
    /// within the span before the newest point; at most about 2 × columns each part.
    QList<QPointF> points(int index) const;
    /// Replaces `series` (a QXYSeries) with points(index) in one call.
    Q_INVOKABLE void fill(int index, QAbstractSeries* series) const;

Q_SIGNALS:
    void setupChanged();
    /// New live points or a history load arrived: refill the series.
    void updated();

private:
    void reload();
    void requestHistory();
    void onLive(const QString& source);
    void onLoaded(quint64 ticket, const HistoryRequest& request, const QList<QPointF>& points);
    qint64 newestMs() const;
    std::pair<double, double> valueRange() const;
    std::pair<double, double> computeValueRange() const;
    /// Forgets the value range and tells the chart to refill.
    void changed();

    QPointer<LiveStream> m_stream;
    QString m_source;
    QString m_node;
    bool m_fitValues = false;
    mutable std::optional<std::pair<double, double>> m_range; // valueRange() since the last change
    QStringList m_channels;
    int m_spanMinutes = 60;
    int m_columns = 400;
    QList<QList<QPointF>> m_history; // per channel, as loaded
    QList<quint64> m_tickets;        // per channel, the load in flight or done
    qint64 m_loadedTo = 0;           // the end of the last history requested, ms
    QMetaObject::Connection m_liveConnection, m_historyConnection;
};

} // namespace fs
