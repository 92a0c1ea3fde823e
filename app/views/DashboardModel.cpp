// DashboardModel: gathers the station's state, and at most once a second turns it into tiles.
#include "DashboardModel.h"

#include "LiveStream.h"
#include "health/AlarmBook.h"
#include "sinks/gascloud/Uploader.h"
#include "sinks/influx/InfluxSink.h"
#include "sinks/mysqlpush/Pusher.h"
#include "sources/Source.h"

#include <QDateTime>
#include <QMetaEnum>

namespace fs {

namespace {

/// The enum's own key ("Ok", "Failing" …), as SourceListModel shows it.
QString healthName(Source::Health h)
{
    return QString::fromLatin1(QMetaEnum::fromType<Source::Health>().valueToKey(int(h)));
}

QVariant roleValue(const DashboardTile& t, int role)
{
    switch (role) {
    case DashboardModel::TileIdRole:
        return t.tileId;
    case DashboardModel::KindRole:
        return t.kind;
    case DashboardModel::TypeRole:
        return t.type;
    case DashboardModel::TitleRole:
        return t.title;
    case DashboardModel::LevelRole:
        return t.level;
    case DashboardModel::ReasonRole:
        return t.reason;
    case DashboardModel::HeadlineRole:
        return t.headline;
    case DashboardModel::SparklineRole:
        return QVariant::fromValue(t.sparkline);
    case DashboardModel::PageRole:
        return t.page;
    }
    return {};
}

} // namespace

DashboardModel::DashboardModel(QObject* parent)
    : QAbstractListModel(parent), m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_timer.setInterval(1000);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &DashboardModel::refresh);
}

void DashboardModel::attach(const Station& station, LiveStream* stream)
{
    m_running = station.sources();
    setStream(stream);
    setAlarmBook(station.alarmBook());
    m_showUploader = true; // a station without upload says why on its tile
    followSinks(station);
    // Source health has no signal here worth following per change: it is read on each refresh,
    // and a steady tick keeps ages ("5 min ago") and silence current.
    auto* tick = new QTimer(this);
    connect(tick, &QTimer::timeout, this, &DashboardModel::touch);
    tick->start(5000);
    refresh();
}

void DashboardModel::followSinks(const Station& station)
{
    m_uploaderRunning = station.uploader() != nullptr;
    m_uploaderProblem = station.uploaderProblem();
    Uploader* u = station.uploader();
    if (u && !m_followed.contains(u)) {
        m_followed << u;
        connect(u, &Uploader::queueChanged, this, &DashboardModel::setQueue, Qt::QueuedConnection);
        QMetaObject::invokeMethod(u, &Uploader::refresh, Qt::QueuedConnection);
    }
    const auto follow = [this](CursorSink* sink, const QString& kind) {
        if (!sink || m_followed.contains(sink))
            return;
        m_followed << sink;
        connect(
            sink, &CursorSink::statusChanged, this,
            [this, kind](const QList<SinkStatus>& s) { setSinkStatuses(kind, s); }, Qt::QueuedConnection);
        setSinkStatuses(kind, sink->statuses());
    };
    follow(station.pusher(), QStringLiteral("push"));
    follow(station.influx(), QStringLiteral("influx"));
    touch();
}

void DashboardModel::setStream(LiveStream* stream)
{
    m_stream = stream;
    if (stream)
        connect(stream, &LiveStream::updated, this, &DashboardModel::touch);
    touch();
}

void DashboardModel::setSources(const QList<DashboardSource>& sources)
{
    m_sources = sources;
    touch();
}

void DashboardModel::setAlarmBook(const AlarmBook* book)
{
    m_alarms = book;
    if (book)
        connect(book, &AlarmBook::changed, this, &DashboardModel::touch, Qt::QueuedConnection);
    touch();
}

void DashboardModel::setUploader(bool running, const QString& problem)
{
    m_showUploader = true;
    m_uploaderRunning = running;
    m_uploaderProblem = problem;
    touch();
}

void DashboardModel::setQueue(const QList<UploadBatch>& batches)
{
    m_batches = batches;
    touch();
}

void DashboardModel::setQueueCounts(int waiting, int rejected)
{
    m_queueCounts = tiles::QueueCounts{waiting, rejected};
    touch();
}

void DashboardModel::clearQueueCounts()
{
    m_queueCounts.reset();
    touch();
}

void DashboardModel::setSinkStatuses(const QString& kind, const QList<SinkStatus>& statuses)
{
    for (auto& [k, list] : m_sinks) {
        if (k == kind) {
            list = statuses;
            return touch();
        }
    }
    m_sinks.append({kind, statuses});
    touch();
}

void DashboardModel::touch()
{
    m_dirty = true;
    if (!m_timer.isActive())
        m_timer.start();
}

void DashboardModel::pollSourceHealth()
{
    if (m_running.isEmpty())
        return;
    QList<DashboardSource> sources;
    for (const RunningSource& r : std::as_const(m_running))
        sources.append(
            {r.id, r.type, r.source->name(), healthName(r.source->health()), r.source->healthDetail()});
    m_sources = sources;
}

QList<DashboardTile> DashboardModel::build() const
{
    const QList<Alarm> alarms = m_alarms ? m_alarms->snapshot() : QList<Alarm>();
    const qint64 now = m_clock();
    QList<DashboardTile> out;
    if (m_stream) {
        for (const DashboardSource& s : m_sources)
            out += tiles::sourceTiles(s, *m_stream, alarms);
    }
    if (m_showUploader)
        out.append(
            tiles::gascloudTile(m_uploaderRunning, m_uploaderProblem, m_batches, m_queueCounts, alarms, now));
    for (const auto& [kind, statuses] : m_sinks) {
        for (const SinkStatus& st : statuses)
            out.append(tiles::cursorSinkTile(kind, st, alarms, now));
    }
    if (auto store = tiles::storeTile(alarms))
        out.append(*store);
    return out;
}

void DashboardModel::refresh()
{
    m_dirty = false;
    pollSourceHealth();
    const QList<DashboardTile> next = build();
    const QString summaryBefore = summary();
    const QString worstBefore = worstLevel();
    const int startingBefore = startingCount();
    // Tiles are only ever added (a mesh node heard for the first time), never reordered: insert
    // each new id where it belongs, then compare the rest in place.
    for (int i = 0; i < next.size(); ++i) {
        if (i < m_tiles.size() && m_tiles[i].tileId == next[i].tileId)
            continue;
        const bool known =
            std::any_of(m_tiles.begin() + std::min<qsizetype>(i, m_tiles.size()), m_tiles.end(),
                        [&](const DashboardTile& t) { return t.tileId == next[i].tileId; });
        if (known) { // a tile went away before this one (a source removed): drop it
            beginRemoveRows({}, i, i);
            m_tiles.removeAt(i);
            endRemoveRows();
            --i;
            continue;
        }
        beginInsertRows({}, i, i);
        m_tiles.insert(i, next[i]);
        endInsertRows();
    }
    if (m_tiles.size() > next.size()) {
        beginRemoveRows({}, int(next.size()), int(m_tiles.size()) - 1);
        m_tiles.resize(next.size());
        endRemoveRows();
    }
    for (int i = 0; i < next.size(); ++i) {
        if (m_tiles[i] == next[i])
            continue;
        QList<int> roles;
        for (int role = TileIdRole; role <= PageRole; ++role) {
            if (roleValue(m_tiles[i], role) != roleValue(next[i], role))
                roles.append(role);
        }
        m_tiles[i] = next[i];
        Q_EMIT dataChanged(index(i), index(i), roles);
    }
    if (summary() != summaryBefore || worstLevel() != worstBefore || startingCount() != startingBefore)
        Q_EMIT summaryChanged();
}

int DashboardModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_tiles.size());
}

QVariant DashboardModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return roleValue(m_tiles[index.row()], role);
}

QHash<int, QByteArray> DashboardModel::roleNames() const
{
    return {{TileIdRole, "tileId"},     {KindRole, "kind"},           {TypeRole, "type"},
            {TitleRole, "title"},       {LevelRole, "level"},         {ReasonRole, "reason"},
            {HeadlineRole, "headline"}, {SparklineRole, "sparkline"}, {PageRole, "page"}};
}

int DashboardModel::okCount() const
{
    return int(std::count_if(m_tiles.begin(), m_tiles.end(),
                             [](const DashboardTile& t) { return t.level == QLatin1String("ok"); }));
}

int DashboardModel::attentionCount() const
{
    return int(std::count_if(m_tiles.begin(), m_tiles.end(), [](const DashboardTile& t) {
        return t.level == QLatin1String("warn") || t.level == QLatin1String("fail");
    }));
}

int DashboardModel::offCount() const
{
    return count() - okCount() - attentionCount();
}

int DashboardModel::startingCount() const
{
    return int(
        std::count_if(m_tiles.begin(), m_tiles.end(), [](const DashboardTile& t) { return t.starting; }));
}

QString DashboardModel::worstLevel() const
{
    QString worst = QStringLiteral("off");
    for (const DashboardTile& t : m_tiles) {
        if (t.level == QLatin1String("fail"))
            return t.level;
        if (t.level == QLatin1String("warn") ||
            (t.level == QLatin1String("ok") && worst == QLatin1String("off")))
            worst = t.level;
    }
    return worst;
}

QString DashboardModel::summary() const
{
    const int n = count();
    if (n == 0)
        return tr("Nothing configured yet");
    const int attention = attentionCount();
    const int off = offCount();
    const int on = n - off;
    QString text;
    if (attention > 0)
        text = attention == 1 ? tr("1 of %1 parts needs a look").arg(n)
                              : tr("%1 of %2 parts need a look").arg(attention).arg(n);
    else if (on > 0)
        text = on == 1 ? tr("The 1 part is working") : tr("All %1 parts working").arg(on);
    else
        text = tr("Nothing is running");
    if (off > 0 && on + attention > 0)
        text += tr(", %1 switched off").arg(off);
    return text;
}

QVariantMap DashboardModel::get(const QString& tileId) const
{
    for (const DashboardTile& t : m_tiles) {
        if (t.tileId != tileId)
            continue;
        QVariantMap m;
        const QHash<int, QByteArray> names = roleNames();
        for (auto it = names.cbegin(); it != names.cend(); ++it)
            m.insert(QString::fromLatin1(it.value()), roleValue(t, it.key()));
        return m;
    }
    return {};
}

} // namespace fs
