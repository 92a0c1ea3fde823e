// LiveStream: the newest readings of every channel of every source, one ring each, for any page.
#pragma once

#include "LiveSeries.h"
#include "model/Sample.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QtQml/qqmlregistration.h>
#include <memory>

namespace fs {

class HistoryReader;
class LiveTap;

class LiveStream : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("LiveStream is provided by the application")

    /// Grows with every batch of samples; read it in a binding to re-evaluate with new data.
    Q_PROPERTY(int revision READ revision NOTIFY updated)

public:
    explicit LiveStream(int pointsPerChannel = 3600, QObject* parent = nullptr);

    /// Follows every source's samples through the Station's tap (queued: sources run in their threads).
    void attach(LiveTap* tap);
    /// Where charts load the past from; may be null (no history, e.g. in tests of the live part).
    void setHistory(HistoryReader* history) { m_history = history; }
    HistoryReader* history() const { return m_history; }

    int revision() const { return m_revision; }
    /// The ring of one channel of one source, or null before its node was registered.
    const LiveSeries* series(const QString& source, const QString& key) const;

    /// The newest value of a channel, or NaN when there is none yet.
    Q_INVOKABLE double latest(const QString& source, const QString& key) const;
    /// The newest values of several channels, 0 where there is none (e.g. a histogram's bins).
    Q_INVOKABLE QList<qreal> latestValues(const QString& source, const QStringList& keys) const;
    /// When the source's newest sample was taken; invalid before the first.
    Q_INVOKABLE QDateTime lastUpdate(const QString& source) const;

public Q_SLOTS:
    void onNodeRegistered(const fs::NodeSpec& spec, const fs::NodeChannels& ids);
    void onSamples(const QList<fs::Sample>& samples);

Q_SIGNALS:
    void updated();
    /// After `updated`, once for each source that had samples in the batch.
    void sourceUpdated(const QString& source);

private:
    struct Channel
    {
        QString source;
        LiveSeries series;
    };
    static QString keyOf(const QString& source, const QString& key)
    {
        return source + QLatin1Char('/') + key;
    }

    const int m_points;
    QHash<ChannelId, std::shared_ptr<Channel>> m_byId;
    QHash<QString, std::shared_ptr<Channel>> m_byKey; // "source/key"
    QHash<QString, qint64> m_lastUpdate;              // source → ms
    HistoryReader* m_history = nullptr;
    int m_revision = 0;
};

} // namespace fs
