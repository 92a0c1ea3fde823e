// DemoFarEnds: the real far ends --demo pushes to: a MariaDB with the Cogent schema and an InfluxDB,
// started from the system's own binaries inside the data dir when they are installed; never a fake.
#pragma once

#include "util/Result.h"

#include <QString>
#include <atomic>

namespace fs {

/// One demo far end as the push page shows it.
struct DemoFarEnd
{
    QString kind;         ///< "push" (MariaDB) or "influx"
    QString server;       ///< the sink's server name: "demo-central", "demo-influx"
    bool running = false; ///< started and answering
    int port = 0;         ///< loopback port while running
    qint64 pid = 0;       ///< the server process while running
    QString text;         ///< what the screen shows: where it runs, or what is missing or failed

    /// One that is not running (yet): `text` says why.
    static DemoFarEnd of(QString kind, QString server, QString text = {})
    {
        DemoFarEnd f;
        f.kind = std::move(kind);
        f.server = std::move(server);
        f.text = std::move(text);
        return f;
    }
};

class DemoFarEnds
{
public:
    static constexpr const char* kPushServer = "demo-central";
    static constexpr const char* kInfluxServer = "demo-influx";
    static constexpr const char* kDatabase = "cogent";
    static constexpr const char* kUser = "fieldstation";

    /// Servers live in `<dataDir>/demo-mariadb` and `<dataDir>/demo-influxdb`; `schemaPath` is the
    /// Cogent schema (a Qt resource in the app).
    DemoFarEnds(QString dataDir, QString schemaPath);
    ~DemoFarEnds();
    DemoFarEnds(const DemoFarEnds&) = delete;
    DemoFarEnds& operator=(const DemoFarEnds&) = delete;

    /// Why the demo cannot push here ("demo push needs MariaDB: apt install mariadb-server"), or
    /// empty when mariadbd and mariadb-install-db are on PATH.
    static QString mariadbMissing();
    /// The same for InfluxDB (influxd, Debian package influxdb).
    static QString influxMissing();

    /// Blocks (bounded, about a minute at worst on a first start): installs the data dir once,
    /// starts mariadbd on a free loopback port with user kUser / `password` on database kDatabase,
    /// and loads the Cogent schema. Never on the GUI thread.
    DemoFarEnd startMariadb(const QString& password);
    /// Blocks (bounded): starts influxd on a free loopback port, no authentication.
    DemoFarEnd startInflux();

    /// Any thread, never blocks: makes a start*() under way give up at its next wait (within half a
    /// second), and asks the servers started here to end, which ends a schema statement under way.
    /// stop() still reaps them.
    void cancel();
    /// Stops every server started here by its pid, each within 15 s (then SIGKILL). After the
    /// thread that ran start*() has returned.
    void stop();

private:
    Status installMariadb(const QString& dir);
    Status waitForMariadb(int port, const QString& password, qint64 pid, const QString& dir);
    Status loadSchema(int port, const QString& password);
    Status waitListening(int port, qint64 pid, const QString& what, const QString& log);

    QString m_dataDir;
    QString m_schemaPath;
    std::atomic<bool> m_cancelled{false};
    std::atomic<qint64> m_mariadbPid{0};
    std::atomic<qint64> m_influxPid{0};
};

} // namespace fs
