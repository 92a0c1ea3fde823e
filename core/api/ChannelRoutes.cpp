// ChannelRoutes: parameters checked first (400 names the parameter), then read-only queries.
#include "ChannelRoutes.h"

#include "ApiReply.h"
#include "ChannelReadings.h"
#include "health/AlarmBook.h"
#include "store/Store.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace fs::api {

namespace {

constexpr qint64 kDayMs = 86'400'000;

QHttpServerResponse failed(const QString& what, const QSqlQuery& q)
{
    return error(QHttpServerResponse::StatusCode::InternalServerError,
                 QStringLiteral("%1: %2").arg(what, q.lastError().text()));
}

QJsonValue timeOrNull(const QVariant& v)
{
    return v.isNull() ? QJsonValue() : QJsonValue(isoUtc(v.toLongLong()));
}

QJsonArray alarmArray(const QList<Alarm>& alarms)
{
    QJsonArray out;
    for (const Alarm& a : alarms)
        out.append(QJsonObject{
            {QStringLiteral("code"), a.code},
            {QStringLiteral("severity"), toString(a.severity)},
            {QStringLiteral("subject"), a.subject},
            {QStringLiteral("since"), isoUtc(a.sinceMs)},
            {QStringLiteral("text"), a.text},
        });
    return out;
}

} // namespace

QHttpServerResponse nodeList(Store& store, const AlarmBook* alarms)
{
    QSqlQuery q(store.db());
    q.setForwardOnly(true);
    // Each channel's newest reading comes from the (channel_id, time_ms) index.
    if (!q.exec(QStringLiteral(
            "SELECT n.id, n.key, n.kind, n.name,"
            " (SELECT state FROM node_states s WHERE s.node_id = n.id ORDER BY time_ms DESC, seq DESC LIMIT "
            "1),"
            " (SELECT MAX((SELECT MAX(time_ms) FROM readings r WHERE r.channel_id = c.id)) FROM channels c "
            "  WHERE c.node_id = n.id) "
            "FROM nodes n ORDER BY n.id")))
        return failed(QStringLiteral("reading nodes"), q);
    QJsonArray nodes;
    while (q.next()) {
        const QList<Alarm> own = alarms ? alarms->forNode(q.value(1).toString()) : QList<Alarm>();
        const QJsonValue state = !own.isEmpty()        ? QJsonValue(QStringLiteral("alarm"))
                                 : q.value(4).isNull() ? QJsonValue()
                                                       : QJsonValue(q.value(4).toString());
        nodes.append(QJsonObject{
            {QStringLiteral("id"), q.value(0).toLongLong()},
            {QStringLiteral("key"), q.value(1).toString()},
            {QStringLiteral("kind"), q.value(2).toString()},
            {QStringLiteral("name"), q.value(3).toString()},
            {QStringLiteral("state"), state},
            {QStringLiteral("last_seen"), timeOrNull(q.value(5))},
            {QStringLiteral("alarms"), alarmArray(own)},
        });
    }
    return json(QJsonDocument(QJsonObject{
        {QStringLiteral("nodes"), nodes},
        {QStringLiteral("station_alarms"), alarmArray(alarms ? alarms->stationAlarms() : QList<Alarm>())},
    }));
}

QHttpServerResponse channelList(Store& store)
{
    QSqlQuery q(store.db());
    q.setForwardOnly(true);
    if (!q.exec(
            QStringLiteral("SELECT c.id, c.node_id, c.key, c.sensor_type_id, t.name, c.unit FROM channels c "
                           "JOIN sensor_types t ON t.id = c.sensor_type_id ORDER BY c.id")))
        return failed(QStringLiteral("reading channels"), q);
    QJsonArray channels;
    while (q.next()) {
        channels.append(QJsonObject{
            {QStringLiteral("id"), q.value(0).toLongLong()},
            {QStringLiteral("node"), q.value(1).toLongLong()},
            {QStringLiteral("key"), q.value(2).toString()},
            {QStringLiteral("sensor_type"), q.value(3).toLongLong()},
            {QStringLiteral("name"), q.value(4).toString()},
            {QStringLiteral("unit"), q.value(5).toString()},
        });
    }
    return json(QJsonDocument(QJsonObject{{QStringLiteral("channels"), channels}}));
}

QHttpServerResponse channelReadings(Store& store, const QString& id, const QUrlQuery& query, qint64 nowMs)
{
    bool ok = false;
    const qint64 channel = id.toLongLong(&ok);
    if (!ok || channel <= 0)
        return badParameter(
            {QStringLiteral("id"), QStringLiteral("a channel id is a whole number, not \"%1\"").arg(id)});
    const auto to = timeParameter(query, QStringLiteral("to"), nowMs);
    if (const auto* bad = std::get_if<BadParameter>(&to))
        return badParameter(*bad);
    const qint64 toMs = std::get<qint64>(to);
    const auto from = timeParameter(query, QStringLiteral("from"), toMs - kDayMs);
    if (const auto* bad = std::get_if<BadParameter>(&from))
        return badParameter(*bad);
    const qint64 fromMs = std::get<qint64>(from);
    if (fromMs > toMs)
        return badParameter({QStringLiteral("from"), QStringLiteral("is after \"to\"")});
    const auto maxPoints =
        integerParameter(query, QStringLiteral("max_points"), kDefaultMaxPoints, 1, kMostMaxPoints);
    if (const auto* bad = std::get_if<BadParameter>(&maxPoints))
        return badParameter(*bad);
    QSqlQuery q(store.db());
    q.prepare(QStringLiteral("SELECT unit FROM channels WHERE id = ?"));
    q.addBindValue(channel);
    if (!q.exec())
        return failed(QStringLiteral("reading the channel"), q);
    if (!q.next())
        return error(QHttpServerResponse::StatusCode::NotFound, QStringLiteral("no channel %1").arg(channel),
                     QStringLiteral("id"));
    const QString unit = q.value(0).toString();
    auto series = ChannelReadings(store.db(), store.handle())
                      .read(channel, fromMs, toMs, int(std::get<qint64>(maxPoints)));
    if (!series)
        return error(QHttpServerResponse::StatusCode::InternalServerError, series.error());
    QJsonArray points;
    for (const auto& [t, v] : series->points)
        points.append(QJsonArray{t, v});
    return json(QJsonDocument(QJsonObject{
        {QStringLiteral("channel"), channel},
        {QStringLiteral("unit"), unit},
        {QStringLiteral("decimated"), series->decimated},
        {QStringLiteral("points"), points},
    }));
}

} // namespace fs::api
