// AlarmMonitor: follows the sources' samples, the sinks' status and the store's room, evaluates the
// AlarmRules and keeps the AlarmBook; logs each alarm once when it is raised and once when it clears.
// Lives in the Station's (main) thread; everything it follows reaches it through queued signals.
#pragma once

#include "AlarmBook.h"
#include "AlarmRules.h"
#include "model/Sample.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <functional>

namespace fs {

class CursorSink;
class LiveTap;
class Recorder;
class Source;
class Uploader;
struct SinkStatus;
struct UploadBatch;

class AlarmMonitor : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>;

    /// `book` outlives the monitor. Nothing is evaluated until start().
    explicit AlarmMonitor(AlarmBook& book, AlarmThresholds thresholds = {}, QObject* parent = nullptr);

    /// UTC ms; the wall clock unless a test sets another. Call before start().
    void setClock(Clock clock) { m_clock = std::move(clock); }
    /// How often the rules run (silence grows without any signal). Default 2 s.
    void setEvaluateIntervalMs(int ms) { m_evaluate.setInterval(ms); }

    /// Every node the sources register and every sample (connect before the sources start).
    void followTap(LiveTap* tap);
    /// A source's expected interval; silence counts from now until its first sample.
    void followSource(Source* source);
    /// A cursor sink's far ends, named "<kind>/<server>" (kind "push" or "influx").
    void followSink(CursorSink* sink, const QString& kind);
    /// The gascloud queue, named "gascloud".
    void followUploader(Uploader* uploader);
    /// The Recorder's write failures and the room left on the disk holding `dataDir` (measured every
    /// `diskCheckMs`), against store.min_free_mb. `recorder` may be null (disk only).
    void followStore(Recorder* recorder, const QString& dataDir, qint64 minFreeMb, int diskCheckMs = 60'000);

    /// Starts the evaluation timer (and evaluates at once).
    void start();
    /// The facts the rules see now (tests, the screen).
    HealthSnapshot snapshot() const;

    /// Runs the rules at the clock's now and updates the book; answers what changed.
    AlarmBook::Change evaluate();

    // Inputs, public so that tests feed them directly; the follow…() calls connect them (not slots:
    // their types' metatypes are declared with the classes that send them).
    void onNodeRegistered(const fs::NodeSpec& spec, const fs::NodeChannels& ids);
    void onSamples(const QList<fs::Sample>& samples);
    void onSourceInterval(const QString& source, const QString& type, const QString& name, int intervalMs);
    void onSinkStatuses(const QString& kind, const QList<fs::SinkStatus>& statuses);
    void onQueue(const QList<fs::UploadBatch>& batches);
    void onDiskFree(qint64 freeMb);
    void onStoreWrite(bool failing, const QString& error);

private:
    struct Node
    {
        QString key, source, kind, name;
        qint64 firstExpectedMs = 0;
        qint64 lastMs = 0;             // when its newest sample arrived
        QHash<QString, double> latest; // watched sensor types only
        bool fanTurned = false;        // it has reported a non-zero fan count
    };
    struct SourceInfo
    {
        QString type, name;
        int intervalMs = 0;
        qint64 firstExpectedMs = 0;
    };
    struct Channel
    {
        QString node;
        QString sensorType; // empty unless watched
    };
    void measureDisk();
    void log(const AlarmBook::Change& change) const;

    AlarmBook& m_book;
    AlarmRules m_rules;
    Clock m_clock;
    QTimer m_evaluate;
    QTimer m_diskTimer;
    QString m_dataDir;
    QHash<ChannelId, Channel> m_channels;
    QHash<QString, Node> m_nodes;
    QHash<QString, SourceInfo> m_sources;
    QHash<QString, SinkHealthFacts> m_sinks;
    DiskHealthFacts m_disk;
};

} // namespace fs
