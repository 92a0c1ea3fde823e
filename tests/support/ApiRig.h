// ApiRig: what the REST API tests and bench share: one HTTP request over a real socket, and a store
// seeded with ISEMS nodes in the store mapping of the contracts (node isems:<nodeId>, one channel per
// collector field, "reported" states with place and firmware).
#pragma once

#include "TestSupport.h"
#include "api/ApiServer.h"
#include "model/Sample.h"
#include "model/SensorTypes.h"
#include "store/Recorder.h"

#include <QEventLoop>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace fs::test {

struct HttpAnswer
{
    int status = 0; ///< 0: no answer (connection refused, timeout)
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; ///< names in lower case
    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
    QJsonObject object() const { return json().object(); }
};

/// One request to the API on 127.0.0.1:`port`; `target` is the path with its query.
inline HttpAnswer http(QNetworkAccessManager& nam, quint16 port, const QString& target,
                       const QByteArray& method = "GET",
                       const QList<QPair<QByteArray, QByteArray>>& headers = {})
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(target)));
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply* reply = nam.sendCustomRequest(request, method);
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    timeout.start(timeoutMs(15000));
    loop.exec();
    HttpAnswer a;
    if (reply->isFinished()) {
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.body = reply->readAll();
        for (const auto& [name, value] : reply->rawHeaderPairs())
            a.headers.insert(name.toLower(), value);
    } else {
        reply->abort();
    }
    reply->deleteLater();
    return a;
}

/// A Recorder on `path` that commits every 50 ms, so that requests soon see what was submitted.
inline std::unique_ptr<Recorder> startRecorder(const QString& path)
{
    RecorderOptions o;
    o.flushIntervalMs = 50;
    auto rec = std::make_unique<Recorder>(path, o);
    if (Status s = rec->start(); !s)
        qFatal("recorder: %s", qPrintable(s.error()));
    return rec;
}

/// The API over the store at `path`, on a free port (options.host, loopback by default).
inline std::unique_ptr<ApiServer> startApi(const QString& path, ApiServerOptions o = {})
{
    o.storePath = path;
    o.port = 0;
    auto api = std::make_unique<ApiServer>(o);
    if (Status s = api->start(); !s)
        qFatal("api: %s", qPrintable(s.error()));
    return api;
}

/// The channels of one ISEMS node: collector field name → store channel.
struct IsemsNodeIds
{
    NodeId node = 0;
    QHash<QString, ChannelId> channels;
};

/// The contracts' channel table: collector field, sensor type code.
inline const QList<QPair<QString, QString>>& isemsFields()
{
    static const QList<QPair<QString, QString>> fields = {
        {QStringLiteral("batteryVoltage"), QStringLiteral("BAT")},
        {QStringLiteral("batteryChargeEstimate"), QStringLiteral("state_of_charge")},
        {QStringLiteral("batteryHealthEstimate"), QStringLiteral("battery_health")},
        {QStringLiteral("batteryTemperature"), QStringLiteral("T")},
        {QStringLiteral("openCircuitVoltage"), QStringLiteral("panel_open_circuit_voltage")},
        {QStringLiteral("mppVoltage"), QStringLiteral("panel_voltage")},
        {QStringLiteral("timeToShutdown"), QStringLiteral("time_to_shutdown")},
        {QStringLiteral("isPowerSaveMode"), QStringLiteral("power_save_level")},
        {QStringLiteral("status"), QStringLiteral("solar_status_bits")},
        {QStringLiteral("lowVoltageDisconnectVoltage"), QStringLiteral("low_voltage_disconnect")},
        {QStringLiteral("temperatureCorrectedVoltage"), QStringLiteral("charge_end_voltage")},
        {QStringLiteral("rateBatteryCapacity"), QStringLiteral("battery_rated_capacity")},
        {QStringLiteral("ratedSolarModuleCapacity"), QStringLiteral("panel_rated_power")},
    };
    return fields;
}

inline IsemsNodeIds registerIsemsNode(Recorder& rec, const QString& nodeId)
{
    NodeSpec spec{
        QStringLiteral("isems:") + nodeId, QStringLiteral("isems"), nodeId, {}, QStringLiteral("isems")};
    for (const auto& [field, code] : isemsFields()) {
        const SensorType* t = sensorTypeByCode(code);
        spec.channels.append({field, code, t->name, t->unit.isNull() ? QStringLiteral("") : t->unit});
    }
    auto ids = rec.registerNode(spec);
    if (!ids)
        qFatal("registering %s: %s", qPrintable(nodeId), qPrintable(ids.error()));
    IsemsNodeIds out;
    out.node = ids->node;
    for (qsizetype i = 0; i < spec.channels.size(); ++i)
        out.channels.insert(spec.channels[i].key, ids->channels[i]);
    return out;
}

/// One collector line: every value at `timeMs`. Flushed by the caller.
inline void recordIsemsLine(Recorder& rec, const IsemsNodeIds& node, qint64 timeMs,
                            const QHash<QString, double>& values)
{
    std::vector<Sample> samples;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        samples.push_back({timeMs, node.channels.value(it.key()), it.value()});
    rec.submit(std::span<const Sample>(samples));
}

/// The node state a source submits when the line's strings or place change.
inline void reportIsems(Recorder& rec, const IsemsNodeIds& node, qint64 timeMs, const QString& firmware,
                        double latitude, double longitude)
{
    const QJsonObject detail{{QStringLiteral("isemsRevision"), QStringLiteral("1")},
                             {QStringLiteral("openMPPTFirmwareVersion"), firmware},
                             {QStringLiteral("latitude"), latitude},
                             {QStringLiteral("longitude"), longitude},
                             {QStringLiteral("timeSource"), QStringLiteral("node")}};
    rec.submitState({node.node, timeMs, QStringLiteral("reported"),
                     QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact))});
}

} // namespace fs::test
