// The systemd face of the station: READY=1 and WATCHDOG=1 on a notify socket of the test's own,
// pings withheld while a real Recorder or a worker thread is jammed, and the unit file verified.
#include "NotifySocket.h"
#include "ServiceWatchdog.h"
#include "TestSupport.h"
#include "store/Recorder.h"

#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <chrono>
#include <csignal>
#include <future>
#include <thread>
#include <utility>

using namespace fs;
using fs::test::NotifySocket;

namespace {

/// Blocks whatever thread waits on `gate` until release(); released when it goes out of scope too,
/// so a failing check never leaves a thread blocked.
struct Jam
{
    std::promise<void> released;
    std::shared_future<void> gate = released.get_future().share();
    bool done = false;
    void release()
    {
        if (!std::exchange(done, true))
            released.set_value();
    }
    ~Jam() { release(); }
};

/// The Recorder's writer thread busy with a job that does not end until released.
struct RecorderJam : Jam
{
    std::thread jammer;
    explicit RecorderJam(Recorder& recorder)
        : jammer([this, &recorder] {
              recorder.run([gate = gate](Store&) -> Status {
                  gate.wait();
                  return {};
              });
          })
    {}
    ~RecorderJam()
    {
        release();
        jammer.join();
    }
};

} // namespace

class TestWatchdog : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<NotifySocket> m_socket;

    /// Pings stop while `jam` holds, and the watchdog says why (`expected` in its reason).
    void expectPingsWithheld(ServiceWatchdog& wd, const QString& expected)
    {
        QTRY_VERIFY_WITH_TIMEOUT(!wd.stall().isEmpty(), test::timeoutMs(15000));
        QVERIFY2(wd.stall().contains(expected), qPrintable(wd.stall()));
        const qsizetype from = m_socket->mark();
        // An absence can only be seen by waiting: three check intervals with the jam still on.
        QTest::qWait(3 * wd.pingIntervalMs());
        QVERIFY2(!wd.stall().isEmpty(), "the jam ended early");
        QCOMPARE(m_socket->since(from, "WATCHDOG=1"), 0);
    }

    void expectPingsResume(ServiceWatchdog& wd)
    {
        const qsizetype from = m_socket->mark();
        QTRY_VERIFY_WITH_TIMEOUT(m_socket->since(from, "WATCHDOG=1") > 0, test::timeoutMs(10000));
        QVERIFY2(wd.stall().isEmpty(), qPrintable(wd.stall()));
        QCOMPARE(m_socket->since(from, "STATUS=running"), 1);
    }

    /// `inThread`'s event loop held: the pings stop and the status names the `name` thread; released,
    /// they resume.
    void expectWorkerJamSeen(ServiceWatchdog& wd, QObject& inThread, const QString& name)
    {
        Jam jam;
        QMetaObject::invokeMethod(
            &inThread, [gate = jam.gate] { gate.wait(); }, Qt::QueuedConnection);
        const qsizetype from = m_socket->mark();
        expectPingsWithheld(wd, QStringLiteral("the %1 thread has not answered").arg(name));
        if (QTest::currentTestFailed())
            return;
        const QByteArray status = "STATUS=jammed: the " + name.toUtf8() + " thread";
        QVERIFY(m_socket->anySince(from, status.constData()));
        jam.release();
        expectPingsResume(wd);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_socket = std::make_unique<NotifySocket>(m_dir.filePath(QStringLiteral("notify")));
        QVERIFY(m_socket->bound());
        qputenv("NOTIFY_SOCKET", QFile::encodeName(m_dir.filePath(QStringLiteral("notify"))));
        qunsetenv("WATCHDOG_PID"); // sd_watchdog_enabled then takes WATCHDOG_USEC as ours
    }

    void readyWithoutWatchdog()
    {
        qunsetenv("WATCHDOG_USEC");
        Recorder recorder(m_dir.filePath(QStringLiteral("plain.db")));
        QVERIFY(recorder.start().ok());
        ServiceWatchdog wd(recorder, {});
        QVERIFY(!wd.watchdogEnabled());
        const qsizetype from = m_socket->mark();
        wd.start();
        QTRY_VERIFY_WITH_TIMEOUT(m_socket->since(from, "READY=1") == 1, test::timeoutMs(5000));
        QTest::qWait(1500); // long enough for a ping, if one were (wrongly) sent
        QCOMPARE(m_socket->since(from, "WATCHDOG=1"), 0);
        wd.stopping();
        QTRY_VERIFY_WITH_TIMEOUT(m_socket->since(from, "STOPPING=1") == 1, test::timeoutMs(5000));
    }

    void pingsStopWhileRecorderOrWorkerIsJammed()
    {
        qputenv("WATCHDOG_USEC", "2000000"); // WatchdogSec=2
        Recorder recorder(m_dir.filePath(QStringLiteral("store.db")));
        QVERIFY(recorder.start().ok());
        QThread worker;
        worker.setObjectName(QStringLiteral("uploader"));
        worker.start();
        QObject inWorker;
        inWorker.moveToThread(&worker);
        const auto stopWorker = qScopeGuard([&worker] {
            worker.quit();
            worker.wait();
        });

        ServiceWatchdog wd(recorder, {&worker});
        QVERIFY(wd.watchdogEnabled());
        QCOMPARE(wd.pingIntervalMs(), 500); // a quarter of WATCHDOG_USEC
        QCOMPARE(wd.stallLimitMs(), qint64(3000));
        const qsizetype from = m_socket->mark();
        wd.start();
        QTRY_VERIFY_WITH_TIMEOUT(m_socket->since(from, "WATCHDOG=1") >= 2, test::timeoutMs(10000));
        QCOMPARE(m_socket->since(from, "READY=1"), 1);

        // The Recorder's writer thread busy with a job that does not end.
        {
            RecorderJam jam(recorder);
            const qsizetype from = m_socket->mark();
            expectPingsWithheld(wd, QStringLiteral("recorder's writer loop has not turned"));
            if (QTest::currentTestFailed())
                return;
            QVERIFY(m_socket->anySince(from, "STATUS=jammed: the recorder's writer loop"));
            jam.release();
            expectPingsResume(wd);
        }

        // A worker thread whose event loop does not turn.
        expectWorkerJamSeen(wd, inWorker, QStringLiteral("uploader"));
        if (QTest::currentTestFailed())
            return;

        // A worker started later (the uploader after a registration), watched from then on; once.
        QThread late;
        late.setObjectName(QStringLiteral("late uploader"));
        late.start();
        QObject inLate;
        inLate.moveToThread(&late);
        const auto stopLate = qScopeGuard([&late] {
            late.quit();
            late.wait();
        });
        wd.watch({&worker, &late});
        wd.watch({&late});
        expectWorkerJamSeen(wd, inLate, QStringLiteral("late uploader"));
        if (QTest::currentTestFailed())
            return;

        const qsizetype stop = m_socket->mark();
        wd.stopping();
        QTRY_VERIFY_WITH_TIMEOUT(m_socket->since(stop, "STOPPING=1") == 1, test::timeoutMs(5000));
        QTest::qWait(3 * wd.pingIntervalMs());
        QCOMPARE(m_socket->since(stop, "WATCHDOG=1"), 0); // no pings after STOPPING=1
        recorder.stop();
    }

    void pingsStopWhileAHeartbeatIsSilent()
    {
        // A worker with no event loop (the MySQL pusher's own thread) shows progress by its clock.
        qputenv("WATCHDOG_USEC", "2000000");
        Recorder recorder(m_dir.filePath(QStringLiteral("heartbeat.db")));
        QVERIFY(recorder.start().ok());
        std::atomic<bool> beating{true};
        std::atomic<qint64> aliveMs{Recorder::monotonicMs()};
        std::thread beater([&] {
            for (int i = 0; i < 400 && beating.load(); ++i) { // bounded: 40 s at most
                aliveMs = Recorder::monotonicMs();
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
        });
        const auto joinBeater = qScopeGuard([&] {
            beating = false;
            if (beater.joinable())
                beater.join();
        });
        ServiceWatchdog wd(recorder, {}, {{QStringLiteral("MySQL pusher"), [&] { return aliveMs.load(); }}});
        const qsizetype from = m_socket->mark();
        wd.start();
        QTRY_VERIFY_WITH_TIMEOUT(m_socket->since(from, "WATCHDOG=1") >= 2, test::timeoutMs(10000));

        beating = false; // the clock stops: as a pass stuck past its timeouts would
        beater.join();
        expectPingsWithheld(wd, QStringLiteral("the MySQL pusher has shown no progress"));
        if (QTest::currentTestFailed())
            return;
        aliveMs = Recorder::monotonicMs() + 3600'000; // alive again (for the rest of the test)
        expectPingsResume(wd);
        wd.stopping();
        recorder.stop();
    }

    void stationProcessNotifies()
    {
        // The real program, as systemd would start it: the wiring in main() sends what the unit needs.
        QFile cfg(m_dir.filePath(QStringLiteral("fast.yaml")));
        QVERIFY(cfg.open(QIODevice::WriteOnly));
        cfg.write("opcn3:\n  laser_wait_ms: 0\n  fan_wait_ms: 0\n");
        cfg.close();
        QProcess station;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // 20 s: a 10 s stall limit, so a slow start on a loaded machine is no jam; pings still come
        // every second.
        env.insert(QStringLiteral("WATCHDOG_USEC"), QStringLiteral("20000000"));
        station.setProcessEnvironment(env);
        station.setProcessChannelMode(QProcess::MergedChannels);
        const qsizetype from = m_socket->mark();
        station.start(QStringLiteral(FS_BINARY),
                      {QStringLiteral("--headless"), QStringLiteral("--demo"), QStringLiteral("--config"),
                       cfg.fileName(), QStringLiteral("--data-dir"),
                       m_dir.filePath(QStringLiteral("station"))});
        QVERIFY(station.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(m_socket->since(from, "READY=1") == 1, test::timeoutMs(20000));
        QTRY_VERIFY_WITH_TIMEOUT(m_socket->since(from, "WATCHDOG=1") >= 3, test::timeoutMs(15000));
        QVERIFY(!m_socket->anySince(from, "STATUS=jammed"));
        ::kill(pid_t(station.processId()), SIGTERM);
        QVERIFY(station.waitForFinished(test::timeoutMs(15000)));
        QVERIFY2(station.exitCode() == 0, station.readAll().constData());
        QCOMPARE(m_socket->since(from, "STOPPING=1"), 1);
    }

    void unitFileVerifies()
    {
        const QString analyze = QStandardPaths::findExecutable(QStringLiteral("systemd-analyze"));
        QVERIFY2(!analyze.isEmpty(),
                 "systemd-analyze is missing: packaging/install-deps.sh installs systemd");
        QFile unit(QStringLiteral(FS_UNIT_FILE));
        QVERIFY(unit.open(QIODevice::ReadOnly));
        QByteArray text = unit.readAll();
        // verify checks that ExecStart= exists: point it at the binary just built.
        QVERIFY(text.contains("ExecStart=/usr/bin/fieldstation --headless"));
        text.replace("/usr/bin/fieldstation", FS_BINARY);
        for (const char* key :
             {"Type=notify", "WatchdogSec=", "Restart=on-failure", "StateDirectory=fieldstation"})
            QVERIFY2(text.contains(key), key);
        QFile copy(m_dir.filePath(QStringLiteral("fieldstation.service")));
        QVERIFY(copy.open(QIODevice::WriteOnly));
        copy.write(text);
        copy.close();
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(analyze, {QStringLiteral("verify"), copy.fileName()});
        QVERIFY(p.waitForFinished(test::timeoutMs(30000)));
        const QByteArray out = p.readAll();
        QCOMPARE(p.exitCode(), 0);
        QVERIFY2(out.trimmed().isEmpty(), out.constData()); // warnings (unknown keys, bad values) fail it too
    }
};

QTEST_GUILESS_MAIN(TestWatchdog)
#include "tst_watchdog.moc"
