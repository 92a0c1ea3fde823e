// AlarmMonitor: turns the station's signals into a HealthSnapshot and the rules' answer into the book.
#include "AlarmMonitor.h"

#include "sinks/CursorSink.h"
#include "sinks/gascloud/Uploader.h"
#include "sources/LiveTap.h"
#include "sources/Source.h"
#include "store/Recorder.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QStorageInfo>
#include <cmath>

Q_LOGGING_CATEGORY(lcHealth, "fs.health")

namespace fs {

namespace {

const QSet<QString>& watchedTypes()
{
    static const QSet<QString> types = {QStringLiteral("opc_laser_status"),
                                        QStringLiteral("opc_fan_rev_count"), QStringLiteral("opc_reject_pct"),
                                        QStringLiteral("solar_status_bits")};
    return types;
}

/// A mesh's nodes report one by one, so each is a heartbeat of its own; a meter or sensor reports
/// all its nodes (registers) at once, so its source is one heartbeat and one alarm, not twenty.
bool beatsPerNode(const QString& kind)
{
    return kind == QLatin1String("isems");
}

bool isOpen(const UploadBatch& b)
{
    return b.state != UploadBatch::State::Uploaded && b.state != UploadBatch::State::Rejected;
}

} // namespace

AlarmMonitor::AlarmMonitor(AlarmBook& book, AlarmThresholds thresholds, QObject* parent)
    : QObject(parent), m_book(book), m_rules(thresholds),
      m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    qRegisterMetaType<QList<fs::SinkStatus>>();
    qRegisterMetaType<QList<fs::UploadBatch>>();
    m_evaluate.setInterval(2000);
    connect(&m_evaluate, &QTimer::timeout, this, &AlarmMonitor::evaluate);
    connect(&m_diskTimer, &QTimer::timeout, this, &AlarmMonitor::measureDisk);
}

void AlarmMonitor::followTap(LiveTap* tap)
{
    connect(tap, &LiveTap::nodeRegistered, this, &AlarmMonitor::onNodeRegistered);
    connect(tap, &LiveTap::samples, this, &AlarmMonitor::onSamples);
}

void AlarmMonitor::followSource(Source* source)
{
    // expectedIntervalMs() reads settings fixed at construction: safe from this thread.
    onSourceInterval(source->id(), source->type(), source->name(), source->expectedIntervalMs());
}

void AlarmMonitor::followSink(CursorSink* sink, const QString& kind)
{
    connect(sink, &CursorSink::statusChanged, this,
            [this, kind](const QList<SinkStatus>& statuses) { onSinkStatuses(kind, statuses); });
    onSinkStatuses(kind, sink->statuses());
}

void AlarmMonitor::followUploader(Uploader* uploader)
{
    connect(uploader, &Uploader::queueChanged, this, &AlarmMonitor::onQueue);
    QMetaObject::invokeMethod(uploader, &Uploader::refresh, Qt::QueuedConnection);
}

void AlarmMonitor::followStore(Recorder* recorder, const QString& dataDir, qint64 minFreeMb, int diskCheckMs)
{
    m_dataDir = dataDir;
    m_disk.minFreeMb = minFreeMb;
    if (recorder)
        connect(recorder, &Recorder::healthChanged, this, [this, recorder] {
            const RecorderHealth h = recorder->health();
            onStoreWrite(h.failing, h.lastError);
        });
    m_diskTimer.setInterval(diskCheckMs);
    m_diskTimer.start();
    measureDisk();
}

void AlarmMonitor::start()
{
    m_evaluate.start();
    evaluate();
}

void AlarmMonitor::onNodeRegistered(const NodeSpec& spec, const NodeChannels& ids)
{
    Node& n = m_nodes[spec.key];
    n.key = spec.key;
    n.source = spec.source;
    n.kind = spec.kind;
    n.name = spec.name;
    if (!n.firstExpectedMs)
        n.firstExpectedMs = m_clock();
    for (int i = 0; i < spec.channels.size() && i < ids.channels.size(); ++i) {
        const QString& type = spec.channels[i].sensorType;
        m_channels.insert(ids.channels[i],
                          Channel{spec.key, watchedTypes().contains(type) ? type : QString()});
    }
    m_book.setNodeSource(spec.key, spec.source);
}

void AlarmMonitor::onSamples(const QList<Sample>& samples)
{
    // Silence is about arrival, not the readings' own times: a meter catching up sends old rows.
    const qint64 now = m_clock();
    for (const Sample& s : samples) {
        const auto c = m_channels.constFind(s.channel);
        if (c == m_channels.cend())
            continue;
        Node& n = m_nodes[c->node];
        n.lastMs = now;
        if (c->sensorType.isEmpty())
            continue;
        // Many OPC-N3 firmwares leave the fan count at 0 while the fan runs (the real sample in the
        // protocol note shows 0): a 0 means "stopped" only from a node that has reported turning.
        if (c->sensorType == QLatin1String("opc_fan_rev_count")) {
            if (std::isfinite(s.value) && s.value > 0)
                n.fanTurned = true;
            else if (!n.fanTurned)
                continue;
        }
        n.latest.insert(c->sensorType, s.value);
    }
}

void AlarmMonitor::onSourceInterval(const QString& source, const QString& type, const QString& name,
                                    int intervalMs)
{
    SourceInfo& s = m_sources[source];
    s.type = type;
    s.name = name;
    s.intervalMs = intervalMs;
    if (!s.firstExpectedMs)
        s.firstExpectedMs = m_clock();
}

void AlarmMonitor::onSinkStatuses(const QString& kind, const QList<SinkStatus>& statuses)
{
    const qint64 now = m_clock();
    for (const SinkStatus& st : statuses) {
        SinkHealthFacts& f = m_sinks[kind + QLatin1Char('/') + st.server];
        f.name = kind + QLatin1Char('/') + st.server;
        const bool failing = !st.ok && !st.lastError.isEmpty();
        if (!failing)
            f.failingSinceMs = 0;
        else if (st.lastSuccessMs > 0)
            f.failingSinceMs = st.lastSuccessMs;
        else if (!f.failing || !f.failingSinceMs)
            f.failingSinceMs = now; // never succeeded: failing since we first saw it fail
        f.failing = failing;
        f.lastError = st.lastError;
    }
}

void AlarmMonitor::onQueue(const QList<UploadBatch>& batches)
{
    SinkHealthFacts& f = m_sinks[QStringLiteral("gascloud")];
    f.name = QStringLiteral("gascloud");
    qint64 lastUpload = 0, oldestFailing = 0;
    QString error;
    for (const UploadBatch& b : batches) {
        if (b.state == UploadBatch::State::Uploaded)
            lastUpload = std::max(lastUpload, b.updatedMs);
        else if (isOpen(b) && b.attempts > 0 && !b.lastError.isEmpty()) {
            if (!oldestFailing || b.createdMs < oldestFailing) {
                oldestFailing = b.createdMs;
                error = b.lastError;
            }
        }
    }
    // A batch waiting since before the last good upload has not been failing for that long.
    f.failing = oldestFailing > 0;
    f.failingSinceMs = f.failing ? std::max(lastUpload, oldestFailing) : 0;
    f.lastError = error;
}

void AlarmMonitor::onDiskFree(qint64 freeMb)
{
    m_disk.freeMb = freeMb;
}

void AlarmMonitor::onStoreWrite(bool failing, const QString& error)
{
    m_disk.writeFailing = failing;
    m_disk.writeError = error;
}

void AlarmMonitor::measureDisk()
{
    QStorageInfo info(m_dataDir);
    if (info.isValid() && info.isReady())
        onDiskFree(info.bytesAvailable() / (1024 * 1024));
}

HealthSnapshot AlarmMonitor::snapshot() const
{
    HealthSnapshot s;
    QHash<QString, HeartbeatFacts> bySource;
    for (const Node& n : m_nodes) {
        if (!n.latest.isEmpty())
            s.nodes.append(NodeHealthFacts{n.key, n.source, n.latest});
        const SourceInfo src = m_sources.value(n.source);
        if (beatsPerNode(n.kind)) {
            s.heartbeats.append(HeartbeatFacts{n.key, n.source, n.name,
                                               n.lastMs ? n.lastMs : n.firstExpectedMs, src.intervalMs,
                                               n.lastMs > 0});
            continue;
        }
        HeartbeatFacts& b = bySource[n.source];
        b.subject = b.source = n.source;
        b.what = src.name;
        b.intervalMs = src.intervalMs;
        b.lastHeardMs = std::max(b.lastHeardMs, n.lastMs);
    }
    // A source that declared no node yet, or whose nodes never sent, counts from its start.
    for (auto it = m_sources.cbegin(); it != m_sources.cend(); ++it) {
        if (beatsPerNode(it->type))
            continue;
        HeartbeatFacts& b = bySource[it.key()];
        b.subject = b.source = it.key();
        b.what = it->name;
        b.intervalMs = it->intervalMs;
        if (!b.lastHeardMs) {
            b.lastHeardMs = it->firstExpectedMs;
            b.heard = false;
        }
    }
    for (const HeartbeatFacts& b : std::as_const(bySource))
        s.heartbeats.append(b);
    s.sinks = m_sinks.values();
    s.disk = m_disk;
    return s;
}

AlarmBook::Change AlarmMonitor::evaluate()
{
    const AlarmBook::Change change = m_book.update(m_rules.evaluate(snapshot(), m_clock()));
    log(change);
    return change;
}

void AlarmMonitor::log(const AlarmBook::Change& change) const
{
    for (const Alarm& a : change.raised)
        qCWarning(lcHealth).noquote()
            << "alarm" << toString(a.severity) << a.code << "on" << a.subject << "-" << a.text;
    for (const Alarm& a : change.cleared)
        qCInfo(lcHealth).noquote() << "alarm cleared:" << a.code << "on" << a.subject;
}

} // namespace fs
