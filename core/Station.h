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

class Station : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        bool demo = false; ///< emulate every device and remote end
        QString dataDir;   ///< overrides settings.station.data_dir
    };

    Station(Settings settings, Options options, QObject* parent = nullptr);
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

private:
    Status startOpcN3();

    Settings m_settings;
    Options m_options;
    QString m_dataDir;
    std::unique_ptr<Recorder> m_recorder;
    QThread m_acquisition;
    OpcN3Source* m_opcn3 = nullptr; // lives in m_acquisition, deleted when it finishes
};

} // namespace fs
