// CollectorRoutes: the collector's two routes over CollectorRows.
#include "CollectorRoutes.h"

#include "ApiReply.h"
#include "CollectorRows.h"
#include "store/Store.h"

#include <QJsonArray>
#include <QJsonObject>

namespace fs::api {

namespace {

QHttpServerResponse measurements(const QList<CollectorRow>& rows)
{
    QJsonArray list;
    for (const CollectorRow& row : rows)
        list.append(row.json);
    // QJsonObject keeps its keys sorted, as Flask's jsonify sorted them.
    return json(QJsonDocument(QJsonObject{{QStringLiteral("measurements"), list}}));
}

QHttpServerResponse failed(const QString& why)
{
    return error(QHttpServerResponse::StatusCode::InternalServerError, why);
}

} // namespace

QHttpServerResponse latestMeasurements(Store& store, const QUrlQuery& query, int hideAfterDays, qint64 nowMs)
{
    const QString all = query.queryItemValue(QStringLiteral("all"));
    if (!all.isEmpty() && all != QLatin1String("true") && all != QLatin1String("false"))
        return badParameter(
            {QStringLiteral("all"), QStringLiteral("must be true or false, not \"%1\"").arg(all)});
    const bool showAll = all == QLatin1String("true");
    CollectorRows rows(store.db());
    auto nodes = rows.nodes();
    if (!nodes)
        return failed(nodes.error());
    const qint64 hideBefore = nowMs - qint64(hideAfterDays) * 86'400'000;
    QList<CollectorRow> out;
    for (const IsemsNode& node : nodes.value()) {
        auto newest = rows.rows(node, 1);
        if (!newest)
            return failed(newest.error());
        if (newest->isEmpty())
            continue;
        if (!showAll && newest->first().timeMs < hideBefore)
            continue;
        out.append(newest->first());
    }
    return measurements(out);
}

QHttpServerResponse nodeMeasurements(Store& store, const QString& nodeId)
{
    CollectorRows rows(store.db());
    auto nodes = rows.nodes(nodeId);
    if (!nodes)
        return failed(nodes.error());
    QList<CollectorRow> out;
    for (const IsemsNode& node : nodes.value()) {
        auto r = rows.rows(node, kNodeRows);
        if (!r)
            return failed(r.error());
        out << r.value();
    }
    return measurements(out);
}

} // namespace fs::api
