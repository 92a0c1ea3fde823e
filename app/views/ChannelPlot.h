// ChannelPlot: a time chart's data for some channels of one source: the store's history (loaded by
// the HistoryReader off the GUI thread) joined to the live stream, decimated to the chart's width.
#pragma once

#include "ChartWindow.h"
#include "LiveStream.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QTimer>
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
    /// The chosen range (2 = live, 10, 60, 1440, 10080): the window before the newest point.
    Q_PROPERTY(int spanMinutes READ spanMinutes WRITE setSpanMinutes NOTIFY setupChanged)
    /// False while the chart is not shown: no live refills, no store reads, loads in flight dropped.
    Q_PROPERTY(bool active READ active WRITE setActive NOTIFY setupChanged)
    /// The window shown after zoom and pan: its span and its end (0 while following the newest point).
    Q_PROPERTY(double viewSpanMs READ viewSpanMs NOTIFY windowChanged)
    Q_PROPERTY(double viewEndMs READ viewEndMs NOTIFY windowChanged)
    Q_PROPERTY(bool zoomed READ zoomed NOTIFY windowChanged)
    /// A history read for the window is in flight.
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    /// How long the last complete history load took, request to last channel, ms (-1: none yet).
    Q_PROPERTY(double lastLoadMs READ lastLoadMs NOTIFY loadingChanged)
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
    /// Cancels its loads still queued in the reader.
    ~ChannelPlot() override;

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
    bool active() const { return m_active; }
    void setActive(bool active);
    double viewSpanMs() const { return double(m_window.spanMs()); }
    double viewEndMs() const { return double(m_window.endMs()); }
    bool zoomed() const { return m_window.zoomed(); }
    bool loading() const { return m_pending > 0; }
    double lastLoadMs() const { return m_lastLoadMs; }

    /// `factor` > 1 zooms in around `anchor` (0 left edge … 1 right edge of the plot); the window is
    /// then read again at full resolution (after a short pause, so a pinch reads once, not per frame).
    Q_INVOKABLE void zoomBy(double factor, double anchor = 1.0);
    /// Moves the window by `fraction` of its span (negative: into the past).
    Q_INVOKABLE void panBy(double fraction);
    /// Back to the chosen range, following the newest point.
    Q_INVOKABLE void resetZoom();
    int columns() const { return m_columns; }
    void setColumns(int columns);

    QDateTime timeMin() const;
    QDateTime timeMax() const;
    double valueMax() const;
    double valueMin() const;
    bool fitValues() const { return m_fitValues; }
    void setFitValues(bool fit);
    bool hasHistory() const;

    /// The points of channel `index` in the window: history before the live ring's first point, then
    /// the ring, each part decimated to its share of the columns: about 2 points a column in all.
    Q_INVOKABLE QList<QPointF> points(int index) const;
    /// Replaces `series` (a QXYSeries) with points(index) in one call.
    Q_INVOKABLE void fill(int index, QAbstractSeries* series) const;

Q_SIGNALS:
    void setupChanged();
    /// New live points or a history load arrived: refill the series.
    void updated();
    void windowChanged();
    void loadingChanged();

private:
    void reload();
    void requestHistory();
    void dropLoads();
    /// The window moved by zoom or pan: tell the chart, read it again after a pause.
    void windowMoved();
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
    bool m_active = true;
    ChartWindow m_window;
    QTimer m_settle;                 // zoom and pan read the store once they settle
    QList<QList<QPointF>> m_history; // per channel, as loaded
    QList<quint64> m_tickets;        // per channel, the load in flight or done
    int m_pending = 0;               // channels whose load is in flight
    QElapsedTimer m_loadClock;
    double m_lastLoadMs = -1;
    qint64 m_loadedTo = 0; // the end of the last history requested, ms
    QMetaObject::Connection m_liveConnection, m_historyConnection;
};

} // namespace fs
