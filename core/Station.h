// Station: builds the recorder, sources and sinks from settings and owns their threads.
#pragma once

#include "config/SecretStore.h"
#include "config/Settings.h"
#include "sim/DemoFarEnds.h"
#include "util/Result.h"

#include <QObject>
#include <QThread>
#include <memory>
#include <thread>
#include <vector>

namespace fs {

class Recorder;
class LiveTap;
class Source;
class Uploader;
class GascloudEmulator;
class Pusher;
class InfluxSink;
class Retention;
class ApiServer;
class AlarmBook;
class AlarmMonitor;

/// A source the Station runs, as the screen lists it.
struct RunningSource
{
    QString id;
    QString type;
    Source* source = nullptr; ///< lives in its own thread: connect queued, read its thread-safe getters
};
class DataDirLock;

class Station : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        bool demo = false;          ///< emulate every device and remote end
        QString dataDir;            ///< overrides settings.station.data_dir
        bool keychainUsable = true; ///< false in headless and kiosk modes
    };

    Station(Settings settings, Options options, QObject* parent = nullptr);
    /// The data folder: the command line's, else the settings', else the platform's.
    static QString resolveDataDir(const Settings& settings, const QString& fromCommandLine);
    /// The store in `dataDir` (demo data lives in its own file).
    static QString storePathIn(const QString& dataDir, bool demo);
    ~Station() override;

    /// The sources to build: the configured ones, or with `demo` and none configured, one of each type.
    static QList<SourceSettings> sourcesToRun(const Settings& settings, bool demo);

    /// The sources whose readings gascloud batches: gascloud.sources, or else the first enabled
    /// OPC-N3 source (one gadget is one device).
    static QStringList gascloudSources(const Settings& settings, bool demo);

    /// Opens the store and starts every enabled source; an error names what could not start.
    Status start();
    /// Stops the sources, then flushes and closes the store. Safe to call twice.
    void stop();

    const Settings& settings() const { return m_settings; }
    QString dataDir() const { return m_dataDir; }
    QString storePath() const;
    Recorder* recorder() const { return m_recorder.get(); }
    /// Every running source, in settings order; empty before start() and after stop().
    QList<RunningSource> sources() const;
    /// Every sample any source recorded, for the screen's live stream (connect queued). Exists from
    /// construction, so a connection made before start() misses nothing.
    LiveTap* liveTap() const { return m_tap.get(); }
    /// Null when gascloud is disabled or the station is not registered.
    Uploader* uploader() const { return m_uploader; }
    /// Null when no push server is enabled.
    Pusher* pusher() const { return m_pusher.get(); }
    /// Null when influx is disabled (and in the demo).
    InfluxSink* influx() const { return m_influx.get(); }
    /// Deletes old, forwarded readings after keeping their per-minute aggregates; null before start().
    Retention* retention() const { return m_retention.get(); }
    /// The local REST API; null when settings have no `api:` (outside --demo) or it could not start.
    ApiServer* api() const { return m_api.get(); }
    /// Why the REST API is not running, when it was asked for and is not.
    QString apiProblem() const { return m_apiProblem; }
    /// Why the uploader is not running, when it is not.
    QString uploaderProblem() const { return m_uploaderProblem; }
    /// The gascloud settings in effect: the file's, or in --demo the in-process emulator's.
    GascloudSettings gascloud() const { return m_gascloud; }
    /// Starts the uploader after start() when it is not running (after a registration from the
    /// screen); call it in the Station's thread. Already running: nothing happens and it succeeds;
    /// else uploaderChanged follows, whether it started or not.
    Status enableUploader();
    /// The worker threads running now (acquisition, uploader, pusher …): the service watchdog
    /// checks that each still answers.
    QList<QThread*> workerThreads();
    /// The active health alarms (any thread); exists from construction, empty until start().
    const AlarmBook* alarmBook() const { return m_alarmBook.get(); }
    /// Follows sources, sinks and store and keeps the alarm book; null before start() and after stop().
    AlarmMonitor* alarmMonitor() const { return m_alarms.get(); }
    /// --demo: the MariaDB and InfluxDB it starts (or what is missing to start them), in that order;
    /// empty outside the demo. Main thread.
    QList<DemoFarEnd> demoFarEnds() const { return m_farEndStates; }
    /// The secret store the push and influx sinks read their passwords from (the demo's own in --demo).
    SecretStore sinkSecrets() const;

Q_SIGNALS:
    /// A demo far end started or failed; pusher() or influx() may have become non-null. Main thread.
    void demoFarEndsChanged();

    /// uploader() or uploaderProblem() changed: views that follow the uploader attach again.
    void uploaderChanged();

private:
    Status startSources();
    void stopSources();
    Status startGascloud();
    void startPusher();
    void startInflux();
    /// The cursors of every enabled sink but gascloud: deletion on zip and retention wait for them.
    QStringList otherSinkCursors() const;
    /// The push servers this run pushes to (none in the demo): their cursors hold readings back.
    QStringList pushedServers() const;
    void startRetention();
    void startApi();
    /// Before the sources start, so that the monitor sees every node they register.
    void startAlarms();
    /// After every source and sink started: their intervals and status reach the monitor.
    void followAlarmSubjects();
    Status startDemoGascloud(GascloudSettings& s);
    /// Starts the demo's MariaDB and InfluxDB off this thread; each sink starts when its far end answers.
    void startDemoFarEnds();
    void demoFarEndStarted(const DemoFarEnd& farEnd);
    void stopDemoFarEnds();

    Settings m_settings;
    Options m_options;
    QString m_dataDir;
    std::unique_ptr<DataDirLock> m_dataDirLock; // one writer per data dir, held from start to stop
    std::unique_ptr<Recorder> m_recorder;
    std::unique_ptr<LiveTap> m_tap; // in front of the recorder; outlives every source
    struct Acquisition
    {
        RunningSource running;
        std::unique_ptr<QThread> thread; // one each: a blocking SPI transfer holds no other source
    };
    std::vector<Acquisition> m_sources;
    QThread m_uploaderThread;
    Uploader* m_uploader = nullptr; // lives in m_uploaderThread
    QThread m_simThread;
    GascloudEmulator* m_emulator = nullptr; // --demo only, lives in m_simThread
    QString m_uploaderProblem;
    GascloudSettings m_gascloud;            // what startGascloud used; the emulator's address in --demo
    std::unique_ptr<Pusher> m_pusher;       // runs its passes in a thread of its own
    std::unique_ptr<InfluxSink> m_influx;   // likewise
    std::unique_ptr<Retention> m_retention; // its own worker thread; stopped before the Recorder
    std::unique_ptr<AlarmBook> m_alarmBook; // read by the API thread: outlives m_api
    std::unique_ptr<AlarmMonitor> m_alarms; // in this thread; stopped first
    std::unique_ptr<ApiServer> m_api;       // its own thread and read-only store connection
    QString m_apiProblem;
    std::unique_ptr<DemoFarEnds> m_farEnds; // --demo: stopped by pid after the sinks that use them
    std::thread m_farEndsStarter;           // the blocking starts; joined before the servers stop
    QList<DemoFarEnd> m_farEndStates;
    bool m_stopping = false;
};

} // namespace fs
