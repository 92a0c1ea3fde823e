// Where the program keeps its settings and data, from the outside: one "fieldstation" level
// under HOME / XDG_*, and one writer per data dir against a real running station.
#include "CliRun.h"
#include "NotifySocket.h"
#include "TestSupport.h"
#include "util/DataDirLock.h"

#include <QDir>
#include <QFileInfo>
#include <QLockFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace fs;
using namespace fs::test;

namespace {

/// The pid the data dir's lock file names, or -1.
qint64 lockHolder(const QString& dataDir)
{
    QLockFile f(DataDirLock::lockPath(dataDir));
    qint64 pid = 0;
    QString host, app;
    return f.getLockInfo(&pid, &host, &app) ? pid : -1;
}

/// The environment of a run whose settings and data go where HOME / XDG_* say.
QProcessEnvironment homeEnvironment(const QString& home, const QString& xdgConfig, const QString& xdgData)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home);
    env.remove(QStringLiteral("XDG_CONFIG_HOME"));
    env.remove(QStringLiteral("XDG_DATA_HOME"));
    if (!xdgConfig.isEmpty())
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), xdgConfig);
    if (!xdgData.isEmpty())
        env.insert(QStringLiteral("XDG_DATA_HOME"), xdgData);
    return env;
}

} // namespace

class TestDataDir : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<test::NotifySocket> m_notify;

    /// Starts a station and waits for its READY=1 (sent once SIGTERM would stop it cleanly), on a
    /// notify socket of our own as systemd would give it.
    bool startReadyStation(QProcess& station, const QStringList& args)
    {
        const QString socket = m_dir.filePath(QStringLiteral("notify"));
        if (!m_notify)
            m_notify = std::make_unique<test::NotifySocket>(socket);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NOTIFY_SOCKET"), socket);
        env.remove(QStringLiteral("WATCHDOG_USEC"));
        station.setProcessEnvironment(env);
        const qsizetype from = m_notify->mark();
        station.start(QStringLiteral(FS_BINARY), args);
        return m_notify->bound() && station.waitForStarted() &&
               QTest::qWaitFor([&] { return m_notify->since(from, "READY=1") > 0; }, test::timeoutMs(20000));
    }

private Q_SLOTS:
    void settingsAndDataHaveOneFieldstationLevel_data()
    {
        QTest::addColumn<bool>("xdg");
        QTest::newRow("HOME only") << false;
        QTest::newRow("XDG_CONFIG_HOME and XDG_DATA_HOME") << true;
    }
    void settingsAndDataHaveOneFieldstationLevel()
    {
        QFETCH(bool, xdg);
        QTemporaryDir root;
        const QString home = root.filePath(QStringLiteral("home"));
        const QString config = xdg ? root.filePath(QStringLiteral("cfg")) : home + QStringLiteral("/.config");
        const QString data =
            xdg ? root.filePath(QStringLiteral("data")) : home + QStringLiteral("/.local/share");
        const QProcessEnvironment env =
            homeEnvironment(home, xdg ? config : QString(), xdg ? data : QString());
        const QString settingsFile = config + QStringLiteral("/fieldstation/fieldstation.yaml");
        QVERIFY(QDir().mkpath(QFileInfo(settingsFile).absolutePath()));

        // The settings are read from there: a mistake in them is reported with that path.
        QFile f(settingsFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("station:\n  colour: red\n");
        f.close();
        Run r = runWith(env, {QStringLiteral("queue")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains((settingsFile + QStringLiteral(":2:")).toUtf8()), r.err.constData());

        // The data dir is <data>/fieldstation: a secret kept in a file there says where.
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("station:\n  secrets: file\n");
        f.close();
        r = runWith(env,
                    {QStringLiteral("push"), QStringLiteral("--set-password"), QStringLiteral("central")},
                    "pw\n");
        QVERIFY2(r.code == 0, r.err.constData());
        const QString secret = data + QStringLiteral("/fieldstation/secrets/push_central_password");
        QVERIFY2(r.out.contains(secret.toUtf8()), r.out.constData());
        QVERIFY(QFile::exists(secret));
        QVERIFY(!r.out.contains("/./"));
        QVERIFY(!QFile::exists(config + QStringLiteral("/fieldstation/fieldstation")));
        QVERIFY(!QFile::exists(data + QStringLiteral("/fieldstation/fieldstation")));
        QVERIFY(!r.err.contains("older FieldStation"));

        // Folders of the old, one-level-too-deep layout are pointed out with how to move them.
        const QString oldData = data + QStringLiteral("/fieldstation/fieldstation");
        QVERIFY(QDir().mkpath(oldData));
        r = runWith(env, {QStringLiteral("queue")});
        QVERIFY2(
            r.err.contains(QStringLiteral("%1 is where an older FieldStation kept its data; this one uses "
                                          "%2/fieldstation. Move them up: mv %1/* %2/fieldstation/")
                               .arg(oldData, data)
                               .toUtf8()),
            r.err.constData());
    }

    void stationLocksItsDataDir()
    {
        const QString cfg =
            writeFile(m_dir, "lock.yaml",
                      "station:\n  secrets: file\nopcn3:\n  laser_wait_ms: 0\n  fan_wait_ms: 0\n"
                      "push:\n  house: 1 Lock Lane\n  servers:\n    central:\n"
                      "      port: 1\n      user: push\n");
        const QString data = m_dir.filePath(QStringLiteral("locked"));
        const QStringList global = {QStringLiteral("--config"), cfg, QStringLiteral("--data-dir"), data};
        QProcess station;
        station.setProcessChannelMode(QProcess::MergedChannels);
        QVERIFY2(startReadyStation(
                     station, global + QStringList{QStringLiteral("--headless"), QStringLiteral("--demo")}),
                 station.readAll().constData());
        QCOMPARE(lockHolder(data), station.processId());
        const QString held = QStringLiteral("data dir %1 is in use by fieldstation (pid %2)")
                                 .arg(data)
                                 .arg(station.processId());

        // A second station, and the commands that write, are refused.
        const QList<QStringList> writers = {
            {QStringLiteral("--headless"), QStringLiteral("--demo")},
            {QStringLiteral("push"), QStringLiteral("--once")},
            {QStringLiteral("upload"), QStringLiteral("--once")},
        };
        for (const QStringList& w : writers) {
            const Run r = run(global + w);
            QVERIFY2(r.code == 1,
                     qPrintable(w.join(QLatin1Char(' ')) + QLatin1Char(' ') + QString::fromUtf8(r.err)));
            QVERIFY2(r.err.contains(held.toUtf8()), r.err.constData());
        }
        // What only reads still works.
        Run r = run(global + QStringList{QStringLiteral("--demo"), QStringLiteral("queue")});
        QVERIFY2(r.code == 0, r.err.constData());
        r = run(global + QStringList{QStringLiteral("push"), QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        r = run(global + QStringList{QStringLiteral("decode"), QStringLiteral("opcn3"),
                                     test::dataPath(QStringLiteral("opcn3_histogram_frame.hex"))});
        QCOMPARE(r.code, 0);
        QVERIFY2(station.state() == QProcess::Running, station.readAll().constData());

        // Stopped, the station leaves the data dir free.
        ::kill(pid_t(station.processId()), SIGTERM);
        QVERIFY(station.waitForFinished(test::timeoutMs(10000)));
        QCOMPARE(station.exitCode(), 0);
        QVERIFY(!QFile::exists(DataDirLock::lockPath(data)));
        r = run(global + QStringList{QStringLiteral("push"), QStringLiteral("--once")});
        QVERIFY2(!r.err.contains("in use by"), r.err.constData());
    }

    void killedStationLeavesNoLock()
    {
        const QString cfg = writeFile(m_dir, "kill.yaml", "opcn3:\n  laser_wait_ms: 0\n  fan_wait_ms: 0\n");
        const QString data = m_dir.filePath(QStringLiteral("killed"));
        const QStringList args = {QStringLiteral("--headless"), QStringLiteral("--demo"),
                                  QStringLiteral("--config"),   cfg,
                                  QStringLiteral("--data-dir"), data};
        QProcess station;
        station.setProcessChannelMode(QProcess::MergedChannels);
        QVERIFY2(startReadyStation(station, args), station.readAll().constData());
        station.kill(); // SIGKILL, as a power cut would: the lock file stays, its pid is gone
        QVERIFY(station.waitForFinished(test::timeoutMs(10000)));
        QVERIFY(QFile::exists(DataDirLock::lockPath(data)));

        // The next station takes the lock over: the file then names its pid.
        QProcess next;
        next.setProcessChannelMode(QProcess::MergedChannels);
        QVERIFY2(startReadyStation(next, args), next.readAll().constData());
        QCOMPARE(lockHolder(data), next.processId());
        ::kill(pid_t(next.processId()), SIGTERM);
        QVERIFY(next.waitForFinished(test::timeoutMs(10000)));
        QVERIFY2(next.exitCode() == 0, next.readAll().constData());
    }
};

QTEST_GUILESS_MAIN(TestDataDir)
#include "tst_datadir.moc"
