// PushStation: one station for push tests: a store with a real Recorder, push settings for one
// server "central", the server's password in a file secret store, and a Pusher over them.
#pragma once

#include "MariadbServer.h"
#include "config/SecretStore.h"
#include "sinks/mysqlpush/Pusher.h"
#include "store/Recorder.h"
#include "store/Store.h"

#include <QTemporaryDir>
#include <memory>

namespace fs::test {

struct PushStation
{
    QTemporaryDir dir;
    Recorder recorder;
    PushSettings settings;
    std::unique_ptr<Pusher> pusher;

    PushStation(int port, const QString& database, int nodeIdBase = 0, int pushLimit = 5000)
        : recorder(dir.filePath(QStringLiteral("store.db")))
    {
        recorder.start();
        settings.nodeIdBase = nodeIdBase;
        settings.deployment = QStringLiteral("Summer 2026");
        settings.house = QStringLiteral("12 Station Road");
        settings.rooms.insert(QStringLiteral("opcn3:1"), QStringLiteral("Garden/Outdoor"));
        PushServerSettings s;
        s.name = QStringLiteral("central");
        s.port = port;
        s.database = database;
        s.user = QLatin1String(MariadbServer::kUser);
        s.pushLimit = pushLimit;
        s.timeoutS = 5;
        settings.servers = {s};
        SecretStore(dir.path(), StationSettings::Secrets::File, false)
            .write(QStringLiteral("push/central/password"), QLatin1String(MariadbServer::kPassword));
        rebuild();
    }
    PushServerSettings& server() { return settings.servers.first(); }
    void rebuild()
    {
        pusher.reset();
        pusher = std::make_unique<Pusher>(recorder, recorder.storePath(), settings, dir.path(),
                                          SecretStore(dir.path(), StationSettings::Secrets::File, false));
    }
    PushStatus push() { return pusher->pushServer(server()); }
    qint64 localReadings()
    {
        return Store::open(recorder.storePath(), Store::Mode::ReadOnly).value()->readingCount();
    }
    /// Forgets what was pushed: the next push sends everything again.
    void forgetCursors()
    {
        recorder.run([](Store& s) {
            if (Status st = s.setCursor(Pusher::cursorName(QStringLiteral("central")), 0); !st)
                return st;
            return s.setCursor(Pusher::stateCursorName(QStringLiteral("central")), 0);
        });
    }
};

} // namespace fs::test
