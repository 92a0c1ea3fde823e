// DashboardModel: one tile per source and per sink for the home screen: headline values, level and reason.
#pragma once

#include "DashboardTiles.h"
#include "Station.h"

#include <QAbstractListModel>
#include <QHash>
#include <QTimer>
#include <QtQml/qqmlregistration.h>
#include <functional>

namespace fs {

class AlarmBook;
class LiveStream;

class DashboardModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("DashboardModel is provided by the application")

    Q_PROPERTY(int count READ count NOTIFY summaryChanged)
    Q_PROPERTY(int okCount READ okCount NOTIFY summaryChanged)
    Q_PROPERTY(int attentionCount READ attentionCount NOTIFY summaryChanged)
    Q_PROPERTY(int offCount READ offCount NOTIFY summaryChanged)
    /// The worst level of any tile: "fail", "warn", "ok", or "off" when there is none.
    Q_PROPERTY(QString worstLevel READ worstLevel NOTIFY summaryChanged)
    /// One line for a stranger: "All 7 parts working", "2 of 7 parts need a look".
    Q_PROPERTY(QString summary READ summary NOTIFY summaryChanged)
    /// Tiles still waiting for their first reading or pass (the screenshot tour waits for 0).
    Q_PROPERTY(int startingCount READ startingCount NOTIFY summaryChanged)

public:
    enum Roles {
        TileIdRole = Qt::UserRole + 1,
        KindRole,
        TypeRole,
        TitleRole,
        LevelRole,
        ReasonRole,
        HeadlineRole,
        SparklineRole,
        PageRole,
    };
    Q_ENUM(Roles)
    using Clock = std::function<qint64()>;

    explicit DashboardModel(QObject* parent = nullptr);

    /// Everything from the running station: its sources, alarms, uploader and sinks, and the live
    /// stream (connected before the station started) for the values. Call after Station::start().
    void attach(const Station& station, LiveStream* stream);
    /// Follows the station's uploader and sinks that are not followed yet: the demo's sinks start
    /// once their far ends answer, and a registration starts the uploader while running.
    void followSinks(const Station& station);

    // The inputs one by one (attach() uses them; tests call them directly). All GUI thread.
    void setStream(LiveStream* stream);
    void setSources(const QList<DashboardSource>& sources);
    void setAlarmBook(const AlarmBook* book);
    void setUploader(bool running, const QString& problem);
    void setQueue(const QList<fs::UploadBatch>& batches);
    /// The store's own counts of waiting and rejected batches (the queue page's reader): exact
    /// however many there are, where the uploader's snapshot holds only the newest finished ones.
    void setQueueCounts(int waiting, int rejected);
    /// The store's counts are not known (not read yet, or unreadable): the uploader's list counts.
    void clearQueueCounts();
    void setSinkStatuses(const QString& kind, const QList<fs::SinkStatus>& statuses);
    /// UTC ms for the ages on sink tiles; the wall clock unless a test sets another.
    void setClock(Clock clock) { m_clock = std::move(clock); }
    /// Updates are coalesced to one per interval (default 1000 ms).
    void setRefreshIntervalMs(int ms) { m_timer.setInterval(ms); }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return int(m_tiles.size()); }
    int okCount() const;
    int attentionCount() const;
    int offCount() const;
    int startingCount() const;
    QString worstLevel() const;
    QString summary() const;
    /// The row of a tile as a map of role names to values (tests, QML); empty when unknown.
    Q_INVOKABLE QVariantMap get(const QString& tileId) const;

public Q_SLOTS:
    /// Rebuilds every tile now; changed rows get dataChanged with their changed roles only, new
    /// tiles are inserted in place. Never a reset.
    void refresh();

Q_SIGNALS:
    void summaryChanged();

private:
    /// Marks the tiles stale; the timer refreshes them at most once per interval.
    void touch();
    QList<DashboardTile> build() const;
    void pollSourceHealth();

    LiveStream* m_stream = nullptr;
    QList<DashboardSource> m_sources;
    QList<RunningSource> m_running; // health read from their thread-safe getters on refresh
    const AlarmBook* m_alarms = nullptr;
    bool m_uploaderRunning = false;
    QString m_uploaderProblem;
    bool m_showUploader = false;
    QList<const QObject*> m_followed; // the uploader and sinks already connected
    QList<UploadBatch> m_batches;
    std::optional<tiles::QueueCounts> m_queueCounts;
    QList<QPair<QString, QList<SinkStatus>>> m_sinks; // kind → statuses, in the order first seen
    QList<DashboardTile> m_tiles;
    Clock m_clock;
    QTimer m_timer;
    bool m_dirty = false;
};

} // namespace fs
