// bench_isems_mqtt [--messages M] [--nodes N]
// Ingest rate of ISEMS csvlog lines over MQTT from a real mosquitto (started by tests/servers/
// mosquitto.sh) into the store — IsemsMqtt, the line parser, IsemsIngest, the Recorder with the
// station's defaults — beside mosquitto_sub receiving the same messages in the same run. Each of the
// M messages is a 5-line window of new lines (QoS 1), from N nodes, all published as fast as the
// broker takes them, so each receiver's finishing time is its own speed. Exits 1 when a line is
// missing or stored twice.
#include "BenchSupport.h"
#include "IsemsMqttRig.h"
#include "MosquittoServer.h"
#include "sim/IsemsMqttPublisher.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QProcess>
#include <QThread>
#include <cstdio>

using namespace fs;

namespace {

/// Polls `done` every few ms (no event loop needed) until it holds or `limitMs` passes.
template <typename F>
bool waitFor(F done, int limitMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > limitMs)
            return false;
        QThread::msleep(2);
    }
    return true;
}

/// mosquitto_sub printing one line (the topic) per message: its lines are its message count.
class SubCounter
{
public:
    SubCounter(int port)
    {
        m_p.start(QStringLiteral("mosquitto_sub"),
                  {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                   QString::number(port), QStringLiteral("-q"), QStringLiteral("1"), QStringLiteral("-t"),
                   QStringLiteral("/isems/+/csvlog"), QStringLiteral("-t"), QStringLiteral("bench/ready"),
                   QStringLiteral("-F"), QStringLiteral("%t")});
    }
    ~SubCounter()
    {
        m_p.kill();
        m_p.waitForFinished(5000);
    }
    bool started() { return m_p.waitForStarted(10000); }
    /// Reads what arrived; true once `topic` was seen.
    void drain()
    {
        m_p.waitForReadyRead(1);
        while (m_p.canReadLine()) {
            const QByteArray line = m_p.readLine().trimmed();
            if (line == "bench/ready")
                m_ready = true;
            else
                ++m_messages;
        }
    }
    bool ready() const { return m_ready; }
    qint64 messages() const { return m_messages; }

private:
    QProcess m_p;
    bool m_ready = false;
    qint64 m_messages = 0;
};

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList a = app.arguments();
    const int messages = bench::option(a, "--messages", QStringLiteral("20000")).toInt();
    const int nodes = std::max(1, bench::option(a, "--nodes", QStringLiteral("50")).toInt());
    const int rounds = std::max(1, messages / nodes);
    // A first message per node with its first line, then `rounds` windows of 5 new lines each.
    const qint64 total = qint64(rounds + 1) * nodes;
    const qint64 expectedLines = qint64(5 * qint64(rounds) + 1) * nodes;

    test::MosquittoServer broker;
    if (!broker.ok())
        qFatal("mosquitto did not start: %s", qPrintable(broker.error()));
    test::IsemsMqttRig rig{RecorderOptions{}};
    if (!rig.start(test::IsemsMqttRig::options(broker.port())))
        qFatal("the subscriber did not start");
    SubCounter sub(broker.port());
    if (!sub.started())
        qFatal("mosquitto_sub did not start");

    QStringList ids;
    for (int i = 0; i < nodes; ++i)
        ids << QStringLiteral("ESP-Bench-%1").arg(i, 3, 10, QLatin1Char('0'));
    IsemsMqttPublisher::Options po;
    po.broker = test::IsemsMqttRig::options(broker.port()).broker;
    po.broker.clientId = QStringLiteral("isems-bench-publisher");
    po.broker.maxInflight = 0; // unlimited: the broker, not the publisher, sets the pace
    po.nodeIds = ids;
    po.publishIntervalMs = 0;
    IsemsMqttPublisher publisher(po);
    if (!publisher.start() || !publisher.waitConnected(10000))
        qFatal("the publisher did not connect");

    // Both receivers must be subscribed before the run: probe until each has seen a message.
    const bool ready = waitFor(
        [&] {
            publisher.publishRaw(QStringLiteral("bench/ready"), "ready");
            publisher.publishRaw(QStringLiteral("/isems/bench-probe/csvlog"), "probe");
            sub.drain();
            return sub.ready() && rig.mqtt().counts().messages > 0;
        },
        10000);
    if (!ready)
        qFatal("the receivers did not subscribe");
    QThread::msleep(200); // let the last probes arrive before counting from zero
    sub.drain();
    const qint64 subBase = sub.messages();
    const qint64 rigBase = rig.mqtt().counts().messages;
    const qint64 refusedBase = rig.mqtt().counts().refused;
    const qint64 pubBase = publisher.status().published;

    // Every window holds 5 new lines: lines are 15 s apart, a node publishes every 75 s of its time.
    const qint64 start = QDateTime::currentSecsSinceEpoch() - 30LL * 86400;
    QElapsedTimer t;
    t.start();
    publisher.publishUpTo(start);
    for (int r = 1; r <= rounds; ++r)
        publisher.publishUpTo(start + qint64(r) * 75);
    const double queuedS = t.nsecsElapsed() / 1e9;
    double pubS = 0, subS = 0, ingestS = 0, storeS = 0;
    const bool ok = waitFor(
        [&] {
            sub.drain();
            const double now = t.nsecsElapsed() / 1e9;
            if (pubS == 0 && publisher.status().published - pubBase >= total)
                pubS = now;
            if (subS == 0 && sub.messages() - subBase >= total)
                subS = now;
            if (storeS == 0 && rig.mqtt().counts().messages - rigBase >= total) {
                ingestS = now;
                rig.recorder().flush();
                storeS = t.nsecsElapsed() / 1e9;
            }
            return pubS > 0 && subS > 0 && storeS > 0;
        },
        600000);
    const auto counts = rig.mqtt().counts();
    const qint64 readings = rig.readings();
    std::printf(
        "isems mqtt ingest: %lld messages (5-line windows, QoS 1) from %d nodes, loopback mosquitto\n",
        static_cast<long long>(total), nodes);
    std::printf("  publisher queued all         %8.3f s\n", queuedS);
    std::printf("  broker acknowledged all      %8.3f s\n", pubS);
    std::printf("  mosquitto_sub received all   %8.3f s  %10.0f lines/s\n", subS, expectedLines / subS);
    std::printf("  FieldStation parsed all      %8.3f s  %10.0f lines/s  (handed to the Recorder)\n", ingestS,
                expectedLines / ingestS);
    std::printf("  FieldStation stored all      %8.3f s  %10.0f lines/s  %10.0f readings/s\n", storeS,
                expectedLines / storeS, readings / storeS);
    std::printf("  ratio store / mosquitto_sub  %8.2f  (1.00 = keeps pace with a bare subscriber)\n",
                subS / storeS);
    std::printf("  stored %lld lines, %lld duplicates, %lld refused, %lld readings\n",
                static_cast<long long>(counts.stored), static_cast<long long>(counts.duplicates),
                static_cast<long long>(counts.refused - refusedBase), static_cast<long long>(readings));
    if (!ok || counts.stored != expectedLines || counts.duplicates != 0 || counts.refused != refusedBase ||
        readings != expectedLines * 13) {
        std::fprintf(stderr, "bench_isems_mqtt: expected %lld lines stored once (%lld readings)\n",
                     static_cast<long long>(expectedLines), static_cast<long long>(expectedLines * 13));
        return 1;
    }
    return 0;
}
