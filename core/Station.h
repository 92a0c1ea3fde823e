// Station: builds the recorder, sources and sinks from settings and owns their threads.
#pragma once

#include "config/Settings.h"
#include "util/Result.h"

#include <QObject>
#include <QThread>
#include <memory>

namespace fs {

class Recorder;
class OpcN3Source;
class Uploader;
class GascloudEmulator;
class Pusher;
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

    /// Opens the store and starts every enabled source; an error names what could not start.
    Status start();
    /// Stops the sources, then flushes and closes the store. Safe to call twice.
    void stop();

    const Settings& settings() const { return m_settings; }
    QString dataDir() const { return m_dataDir; }
    QString storePath() const;
    Recorder* recorder() const { return m_recorder.get(); }
    /// Null when the OPC-N3 is disabled.
    OpcN3Source* opcn3() const { return m_opcn3; }
    /// Null when gascloud is disabled or the station is not registered.
    Uploader* uploader() const { return m_uploader; }
    /// Null when no push server is enabled.
    Pusher* pusher() const { return m_pusher; }
    /// Why the uploader is not running, when it is not.
    QString uploaderProblem() const { return m_uploaderProblem; }
    /// The worker threads running now (acquisition, uploader, pusher …): the service watchdog
    /// checks that each still answers.
    QList<QThread*> workerThreads();

private:
    Status startOpcN3();
    Status startGascloud();
    void startPusher();
    Status startDemoGascloud(GascloudSettings& s);

    Settings m_settings;
    Options m_options;
    QString m_dataDir;
    std::unique_ptr<DataDirLock> m_dataDirLock; // one writer per data dir, held from start to stop
    std::unique_ptr<Recorder> m_recorder;
    QThread m_acquisition;
    OpcN3Source* m_opcn3 = nullptr; // lives in m_acquisition, deleted when it finishes
    QThread m_uploaderThread;
    Uploader* m_uploader = nullptr; // lives in m_uploaderThread
    QThread m_simThread;
    GascloudEmulator* m_emulator = nullptr; // --demo only, lives in m_simThread
    QString m_uploaderProblem;
    QThread m_pusherThread;
    Pusher* m_pusher = nullptr; // lives in m_pusherThread
};

} // namespace fs
