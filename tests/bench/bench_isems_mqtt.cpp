// bench_isems_mqtt [--messages M] [--nodes N]
// Ingest rate of ISEMS csvlog lines over MQTT from a real mosquitto (started by tests/servers/
// mosquitto.sh), beside mosquitto_sub receiving the same messages in the same run, twice:
//   1. the MQTT path alone (client, parser, dedupe; records go nowhere);
//   2. the station's path into the store (the Recorder with the station's defaults).
// Each run publishes M messages of 5 new lines (QoS 1) from N nodes as fast as the broker takes
// them, so each receiver's finishing time is its own speed. Exits 1 when a line is missing or
// stored twice.
#include "BenchSupport.h"
#include "IsemsMqttRig.h"
#include "MosquittoServer.h"
#include "sim/IsemsMqttPublisher.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QProcess>
#include <QThread>
#include <algorithm>
#include <cstdio>
#include <functional>

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

struct Timings
{
    double queued = 0; ///< the publisher handed every message to its client
    double acked = 0;  ///< the broker acknowledged every message
    double bare = 0;   ///< mosquitto_sub received every message
    double handed = 0; ///< the receiver handled every message
    double done = 0;   ///< …and `finish` returned (the store committed)
    bool ok = false;
};

/// Probes until mosquitto_sub and the receiver both get messages, so no window of the run is
/// published before they subscribed.
bool waitSubscribed(IsemsMqttPublisher& publisher, SubCounter& sub, const std::function<qint64()>& handled)
{
    const qint64 before = handled();
    const bool ready = waitFor(
        [&] {
            publisher.publishRaw(QStringLiteral("bench/ready"), "ready");
            publisher.publishRaw(QStringLiteral("/isems/bench-probe/csvlog"), "probe");
            sub.drain();
            return sub.ready() && handled() > before;
        },
        10000);
    QThread::msleep(200); // the last probes arrive before counting starts
    sub.drain();
    return ready;
}

/// Publishes `rounds` windows of 5 new lines per node, from node time `fromS` on, as fast as the
/// broker takes them, and times the broker, mosquitto_sub and the receiver to the last message.
Timings race(IsemsMqttPublisher& publisher, SubCounter& sub, int nodes, qint64 fromS, int rounds,
             const std::function<qint64()>& handled, const std::function<void()>& finish)
{
    const qint64 total = qint64(rounds) * nodes;
    const qint64 pubBase = publisher.status().published;
    const qint64 subBase = sub.messages();
    const qint64 handledBase = handled();
    Timings r;
    QElapsedTimer t;
    t.start();
    for (int i = 1; i <= rounds; ++i)
        publisher.publishUpTo(fromS + qint64(i) * 75);
    r.queued = t.nsecsElapsed() / 1e9;
    r.ok = waitFor(
        [&] {
            sub.drain();
            const double now = t.nsecsElapsed() / 1e9;
            if (r.acked == 0 && publisher.status().published - pubBase >= total)
                r.acked = now;
            if (r.bare == 0 && sub.messages() - subBase >= total)
                r.bare = now;
            if (r.done == 0 && handled() - handledBase >= total) {
                r.handed = now;
                finish();
                r.done = t.nsecsElapsed() / 1e9;
            }
            return r.acked > 0 && r.bare > 0 && r.done > 0;
        },
        600000);
    return r;
}

void print(const char* what, const Timings& r, qint64 lines, bool store)
{
    std::printf("%s\n", what);
    std::printf("  broker acknowledged all      %8.3f s  (queued in %.3f s)\n", r.acked, r.queued);
    std::printf("  mosquitto_sub received all   %8.3f s  %10.0f lines/s\n", r.bare, lines / r.bare);
    std::printf("  FieldStation handled all     %8.3f s  %10.0f lines/s\n", r.handed, lines / r.handed);
    if (store)
        std::printf("  …and the store committed     %8.3f s  %10.0f lines/s  %10.0f readings/s\n", r.done,
                    lines / r.done, 13.0 * lines / r.done);
    std::printf("  ratio FieldStation / mosquitto_sub  %.2f  (1.00 = keeps pace with a bare subscriber)\n",
                r.bare / r.done);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList a = app.arguments();
    const int messages = bench::option(a, "--messages", QStringLiteral("20000")).toInt();
    const int nodes = std::max(1, bench::option(a, "--nodes", QStringLiteral("50")).toInt());
    // Both runs' lines must lie within the parser's window: at most 60 days back from now.
    const int rounds = std::clamp(messages / nodes, 1, int(30LL * 86400 / 75));
    const qint64 lines = 5LL * rounds * nodes;

    test::MosquittoServer broker;
    if (!broker.ok())
        qFatal("mosquitto did not start: %s", qPrintable(broker.error()));
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
    const qint64 startS = QDateTime::currentSecsSinceEpoch() - 60LL * 86400;
    // Every node's first line, acknowledged before any receiver of ours subscribes.
    const int firstLines = publisher.publishUpTo(startS);
    if (!waitFor([&] { return publisher.status().published >= firstLines; }, 10000))
        qFatal("the broker did not take the first lines");
    std::printf(
        "isems mqtt ingest: %lld messages of 5 new lines (QoS 1) from %d nodes per run, loopback mosquitto\n",
        static_cast<long long>(qint64(rounds) * nodes), nodes);

    // 1. The MQTT path alone: client, payload split, parser, dedupe; records go nowhere.
    isems::IsemsIngest bare(QStringLiteral("isems"), nullptr,
                            [](const NodeSpec& spec) -> Result<NodeChannels> {
                                NodeChannels ids;
                                for (qsizetype i = 0; i < spec.channels.size(); ++i) {
                                    ids.channels.append(i + 1);
                                    ids.lastTimeMs.append(0);
                                }
                                return ids;
                            });
    auto pathOptions = test::IsemsMqttRig::options(broker.port());
    pathOptions.broker.clientId = QStringLiteral("fieldstation-bench-nostore");
    Timings path;
    {
        isems::IsemsMqtt mqtt(pathOptions, bare);
        if (!mqtt.start())
            qFatal("the subscriber did not start");
        const auto handled = [&] { return mqtt.counts().messages; };
        if (!waitSubscribed(publisher, sub, handled))
            qFatal("the receivers did not subscribe");
        path = race(publisher, sub, nodes, startS, rounds, handled, [] {});
    }
    print("1. MQTT, parser and dedupe, no store", path, lines, false);

    // 2. The station's path: the same into the store through the Recorder (its default options).
    test::IsemsMqttRig rig{RecorderOptions{}};
    if (!rig.start(test::IsemsMqttRig::options(broker.port())))
        qFatal("the subscriber did not start");
    const auto handled = [&] { return rig.mqtt().counts().messages; };
    if (!waitSubscribed(publisher, sub, handled))
        qFatal("the receivers did not subscribe");
    const qint64 refusedBase = rig.mqtt().counts().refused;
    const Timings store = race(publisher, sub, nodes, startS + qint64(rounds) * 75, rounds, handled,
                               [&] { rig.recorder().flush(); });
    print("2. into the store (Recorder, SQLite WAL, synchronous=FULL)", store, lines, true);

    const auto counts = rig.mqtt().counts();
    const qint64 readings = rig.readings();
    std::printf("  stored %lld lines, %lld duplicates, %lld refused, %lld readings\n",
                static_cast<long long>(counts.stored), static_cast<long long>(counts.duplicates),
                static_cast<long long>(counts.refused - refusedBase), static_cast<long long>(readings));
    if (!path.ok || !store.ok || bare.totals().stored != lines || counts.stored != lines ||
        counts.duplicates != 0 || counts.refused != refusedBase || readings != lines * 13) {
        std::fprintf(stderr,
                     "bench_isems_mqtt: expected %lld lines stored once (%lld readings) in each run\n",
                     static_cast<long long>(lines), static_cast<long long>(lines * 13));
        return 1;
    }
    return 0;
}
