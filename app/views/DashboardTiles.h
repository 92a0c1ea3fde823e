// DashboardTiles: what one home-screen tile shows for a source or a sink, built from plain inputs so
// that the rules (which values, which level, which reason) are tested without a running station.
#pragma once

#include "health/Alarm.h"
#include "sinks/CursorSink.h"
#include "sinks/gascloud/UploadBatch.h"

#include <QList>
#include <QString>
#include <QVariantList>
#include <cmath>
#include <optional>

namespace fs {

class LiveStream;

struct DashboardTile
{
    QString tileId; ///< "source:<id>", "node:<key>", "sink:gascloud", "sink:push/<server>", …
    QString kind;   ///< "source", "sink" or "store"
    QString type;   ///< opcn3, egauge, modbus, isems, gascloud, push, influx
    QString title;
    QString level = QStringLiteral("off"); ///< ok, warn, fail, off
    QString reason;
    QVariantList headline;  ///< at most 4 {label, value, unit}, values already formatted
    QList<qreal> sparkline; ///< OPC-N3 PM2.5, oldest first; empty for other tiles
    QString page;
    bool starting = false; ///< waiting for its first reading or pass, not (yet) a problem
    bool operator==(const DashboardTile&) const = default;
};

/// A running source as the dashboard needs it.
struct DashboardSource
{
    QString id, type, name;
    QString health = QStringLiteral("Ok"); ///< Stopped, Starting, Ok, Failing (Source::Health's names)
    QString detail;
};

namespace tiles {

/// A number for a tile: 3 significant digits, W above 1000 as kW; "—" for NaN.
QPair<QString, QString> formatValue(double value, const QString& unit);

/// The tiles of one source: one for the source (OPC-N3, a meter), or one per node (ISEMS).
/// `alarms` are the book's active alarms; `nowMs` is only used for ages in reasons.
QList<DashboardTile> sourceTiles(const DashboardSource& source, const LiveStream& stream,
                                 const QList<Alarm>& alarms);
/// Batches waiting and rejected, as the store counts them.
struct QueueCounts
{
    int waiting = 0;
    int rejected = 0;
};

/// The gascloud queue; `problem` is why the uploader is not running (tile "off"), else empty.
/// `counts`, when known, are shown instead of what `batches` (the newest finished only) holds.
DashboardTile gascloudTile(bool running, const QString& problem, const QList<UploadBatch>& batches,
                           const std::optional<QueueCounts>& counts, const QList<Alarm>& alarms,
                           qint64 nowMs);
/// One far end of a cursor sink (`kind` push or influx).
DashboardTile cursorSinkTile(const QString& kind, const SinkStatus& status, const QList<Alarm>& alarms,
                             qint64 nowMs);
/// The store's tile, only while an alarm is on it (a full disk, failing writes); else nullopt.
std::optional<DashboardTile> storeTile(const QList<Alarm>& alarms);
/// "just now", "5 min ago", "3 h ago", "2 days ago"; "never" for 0.
QString ageText(qint64 thenMs, qint64 nowMs);

} // namespace tiles
} // namespace fs
