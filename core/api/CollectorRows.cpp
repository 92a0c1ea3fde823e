// CollectorRows: per channel its newest rows by the (channel_id, time_ms) index, merged by time.
#include "CollectorRows.h"

#include "ApiReply.h"

#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>
#include <map>

namespace fs::api {

namespace {

const QString kPowerSave = QStringLiteral("isPowerSaveMode");
const QString kStatus = QStringLiteral("status");

/// One collector row while it is put together: the values of one node at one time.
struct Row
{
    qint64 firstSeq = 0; ///< the smallest seq of its readings: stable, so it serves as the row's id
    QHash<QString, double> values;
};

QString statusText(const Row& row)
{
    // "0x%03x" as the collector printed it, "0x000" when the line had no status field.
    const int status = row.values.contains(kStatus) ? int(row.values.value(kStatus)) : 0;
    return QStringLiteral("0x%1").arg(status, 3, 16, QLatin1Char('0'));
}

} // namespace

const QStringList& CollectorRows::numberFields()
{
    static const QStringList fields = {
        QStringLiteral("timeToShutdown"),
        QStringLiteral("openCircuitVoltage"),
        QStringLiteral("mppVoltage"),
        QStringLiteral("batteryVoltage"),
        QStringLiteral("batteryChargeEstimate"),
        QStringLiteral("batteryHealthEstimate"),
        QStringLiteral("batteryTemperature"),
        QStringLiteral("lowVoltageDisconnectVoltage"),
        QStringLiteral("temperatureCorrectedVoltage"),
        QStringLiteral("rateBatteryCapacity"),
        QStringLiteral("ratedSolarModuleCapacity"),
    };
    return fields;
}

Result<QList<IsemsNode>> CollectorRows::nodes(const QString& only)
{
    QSqlQuery q(m_db);
    q.prepare(only.isNull() ? QStringLiteral("SELECT id, key FROM nodes WHERE kind = 'isems' ORDER BY key")
                            : QStringLiteral("SELECT id, key FROM nodes WHERE kind = 'isems' AND key = ?"));
    if (!only.isNull())
        q.addBindValue(QStringLiteral("isems:") + only);
    if (!q.exec())
        return Error{QStringLiteral("reading ISEMS nodes: %1").arg(q.lastError().text())};
    QList<IsemsNode> out;
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toString().section(QLatin1Char(':'), 1)});
    return out;
}

Result<QList<CollectorRows::Reported>> CollectorRows::reportedStates(qint64 node)
{
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT time_ms, detail FROM node_states WHERE node_id = ? AND state = 'reported' "
                       "ORDER BY time_ms, seq"));
    q.addBindValue(node);
    if (!q.exec())
        return Error{QStringLiteral("reading node states: %1").arg(q.lastError().text())};
    QList<Reported> out;
    while (q.next())
        out.append({q.value(0).toLongLong(), QJsonDocument::fromJson(q.value(1).toByteArray()).object()});
    return out;
}

Result<QList<CollectorRow>> CollectorRows::rows(const IsemsNode& node, int limit)
{
    QSqlQuery channels(m_db);
    channels.prepare(QStringLiteral("SELECT id, key FROM channels WHERE node_id = ?"));
    channels.addBindValue(node.id);
    if (!channels.exec())
        return Error{
            QStringLiteral("reading channels of %1: %2").arg(node.nodeId, channels.lastError().text())};
    // A time among the node's newest `limit` distinct times is, for every channel with a reading
    // then, among that channel's newest `limit` times: so `limit` rows per channel are enough.
    std::map<qint64, Row, std::greater<>> byTime;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT time_ms, value, seq FROM readings WHERE channel_id = ? "
                             "ORDER BY time_ms DESC LIMIT ?"));
    while (channels.next()) {
        const QString key = channels.value(1).toString();
        q.addBindValue(channels.value(0).toLongLong());
        q.addBindValue(limit);
        if (!q.exec())
            return Error{QStringLiteral("reading %1 of %2: %3").arg(key, node.nodeId, q.lastError().text())};
        while (q.next()) {
            Row& row = byTime[q.value(0).toLongLong()];
            const qint64 seq = q.value(2).toLongLong();
            row.firstSeq = row.firstSeq == 0 ? seq : std::min(row.firstSeq, seq);
            row.values.insert(key, q.value(1).toDouble());
        }
    }
    auto reported = reportedStates(node.id);
    if (!reported)
        return Error{reported.error()};
    QList<CollectorRow> out;
    for (const auto& [timeMs, row] : byTime) {
        if (out.size() >= limit)
            break;
        // Place and firmware as reported at or before the row's time, else the first report.
        const auto after = std::upper_bound(reported->begin(), reported->end(), timeMs,
                                            [](qint64 t, const Reported& r) { return t < r.timeMs; });
        const QJsonObject detail = after != reported->begin() ? std::prev(after)->detail
                                   : reported->isEmpty()      ? QJsonObject()
                                                              : reported->first().detail;
        QJsonObject o;
        o.insert(QStringLiteral("id"), row.firstSeq);
        o.insert(QStringLiteral("nodeId"), node.nodeId);
        o.insert(QStringLiteral("timestamp"), isoUtc(timeMs));
        for (const char* text : {"isemsRevision", "openMPPTFirmwareVersion"}) {
            const QJsonValue v = detail.value(QLatin1String(text));
            o.insert(QLatin1String(text), v.isString() ? v : QJsonValue(QJsonValue::Null));
        }
        for (const char* number : {"latitude", "longitude"}) {
            const QJsonValue v = detail.value(QLatin1String(number));
            o.insert(QLatin1String(number), v.isDouble() ? v : QJsonValue(QJsonValue::Null));
        }
        for (const QString& field : numberFields())
            o.insert(field, row.values.contains(field) ? QJsonValue(row.values.value(field)) : QJsonValue());
        // The collector stored only level "1" as true (importer.py: f[5] == "1"); so do we.
        o.insert(kPowerSave, row.values.contains(kPowerSave) ? QJsonValue(row.values.value(kPowerSave) == 1.0)
                                                             : QJsonValue());
        o.insert(kStatus, statusText(row));
        out.append({timeMs, o});
    }
    return out;
}

} // namespace fs::api
