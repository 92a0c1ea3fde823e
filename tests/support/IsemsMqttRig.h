// IsemsMqttRig: the MQTT path of the ISEMS source as the station runs it — IsemsMqtt into IsemsIngest
// into a real Recorder and store in a temp dir — with queries on what got stored.
#pragma once

#include "sources/isems/IsemsIngest.h"
#include "sources/isems/IsemsMqtt.h"
#include "store/Recorder.h"
#include "store/Store.h"

#include <QMap>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QVariant>
#include <memory>

namespace fs::test {

class IsemsMqttRig
{
public:
    /// Tests flush every 50 ms so what arrived is soon visible; the bench passes the station's own.
    explicit IsemsMqttRig(RecorderOptions recorder = fastFlush())
        : m_recorder(m_dir.filePath(QStringLiteral("store.db")), recorder),
          m_ingest(QStringLiteral("isems"), &m_recorder,
                   [this](const NodeSpec& spec) { return m_recorder.registerNode(spec); })
    {
        m_recorderStatus = m_recorder.start();
    }
    ~IsemsMqttRig()
    {
        if (m_mqtt)
            m_mqtt->stop();
        m_recorder.stop();
    }

    /// Options for a broker on loopback at `port` with quick reconnects.
    static isems::IsemsMqttOptions options(int port)
    {
        isems::IsemsMqttOptions o;
        o.broker.host = QStringLiteral("127.0.0.1");
        o.broker.port = port;
        o.broker.clientId = QStringLiteral("fieldstation-test-isems");
        o.broker.reconnectMinMs = 200;
        o.broker.reconnectMaxMs = 1000;
        return o;
    }

    /// Starts the subscriber; an error when the store or the options are bad.
    Status start(const isems::IsemsMqttOptions& options)
    {
        if (!m_recorderStatus)
            return m_recorderStatus;
        m_mqtt = std::make_unique<isems::IsemsMqtt>(options, m_ingest);
        return m_mqtt->start();
    }

    isems::IsemsMqtt& mqtt() { return *m_mqtt; }
    isems::IsemsIngest& ingest() { return m_ingest; }
    Recorder& recorder() { return m_recorder; }

    /// The stored rows of one ISEMS node: time → channel key → value (what the collector's rows hold).
    QMap<qint64, QMap<QString, double>> rows(const QString& nodeId)
    {
        QMap<qint64, QMap<QString, double>> out;
        select(QStringLiteral("SELECT r.time_ms, c.key, r.value FROM readings r JOIN channels c ON "
                              "c.id = r.channel_id JOIN nodes n ON n.id = c.node_id WHERE n.key = ?"),
               {QStringLiteral("isems:") + nodeId}, [&](const QSqlQuery& q) {
                   out[q.value(0).toLongLong()][q.value(1).toString()] = q.value(2).toDouble();
               });
        return out;
    }

    /// Readings of one channel at one time: more than 1 means a line was stored twice.
    qint64 copies(const QString& nodeId, qint64 timeMs, const QString& channel)
    {
        qint64 n = -1;
        select(QStringLiteral(
                   "SELECT COUNT(*) FROM readings r JOIN channels c ON c.id = r.channel_id "
                   "JOIN nodes n ON n.id = c.node_id WHERE n.key = ? AND c.key = ? AND r.time_ms = ?"),
               {QStringLiteral("isems:") + nodeId, channel, timeMs},
               [&](const QSqlQuery& q) { n = q.value(0).toLongLong(); });
        return n;
    }

    /// The node's states in time order, each "state detail".
    QStringList states(const QString& nodeId)
    {
        QStringList out;
        select(QStringLiteral("SELECT st.state, st.detail FROM node_states st JOIN nodes n ON "
                              "n.id = st.node_id WHERE n.key = ? ORDER BY st.time_ms, st.seq"),
               {QStringLiteral("isems:") + nodeId}, [&](const QSqlQuery& q) {
                   out.append(q.value(0).toString() + QLatin1Char(' ') + q.value(1).toString());
               });
        return out;
    }

    /// Every reading in the store.
    qint64 readings()
    {
        qint64 n = -1;
        select(QStringLiteral("SELECT COUNT(*) FROM readings"), {},
               [&](const QSqlQuery& q) { n = q.value(0).toLongLong(); });
        return n;
    }

    static RecorderOptions fastFlush()
    {
        RecorderOptions o;
        o.flushIntervalMs = 50;
        return o;
    }

private:
    /// Runs a query on the writer's connection after everything submitted so far is committed.
    template <typename F>
    void select(const QString& sql, const QVariantList& binds, F onRow)
    {
        m_recorder.flush();
        m_recorder.run([&](Store& s) {
            QSqlQuery q(s.db());
            q.prepare(sql);
            for (const QVariant& v : binds)
                q.addBindValue(v);
            q.exec();
            while (q.next())
                onRow(q);
            return Status();
        });
    }

    QTemporaryDir m_dir{QStringLiteral("/tmp/fs-isems-mqtt-XXXXXX")};
    Recorder m_recorder;
    isems::IsemsIngest m_ingest;
    Status m_recorderStatus;
    std::unique_ptr<isems::IsemsMqtt> m_mqtt;
};

} // namespace fs::test
