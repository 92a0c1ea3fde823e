// The uploader stops within 2 s whatever the far end does: an API that takes the connection and never
// answers, an SCP host that never says a word. A batch cut short keeps its place and counts no attempt.
#include "GascloudOptions.h"
#include "OpcN3Readings.h"
#include "Station.h"
#include "TestSupport.h"
#include "config/SecretStore.h"
#include "config/Settings.h"
#include "sim/GascloudEmulator.h"
#include "sinks/gascloud/Registration.h"
#include "sinks/gascloud/Uploader.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <atomic>
#include <thread>

using namespace fs;

namespace {

const QString kKey = QStringLiteral("a1b2c3d4e5f60718293a");

/// Takes every connection and never sends a byte (a jammed far end).
class SilentServer : public QTcpServer
{
public:
    SilentServer()
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* s = nextPendingConnection())
                s->setParent(this);
            ++accepted;
        });
    }
    std::atomic<int> accepted{0};
};

struct Rig
{
    QTemporaryDir dir;
    Recorder recorder{dir.filePath(QStringLiteral("store.db"))};
    Uploader::Options opt;
    Rig(const QString& api)
    {
        recorder.start();
        opt = test::uploaderOptions(dir, api, kKey);
        opt.requestTimeoutS = 30; // far beyond the test's bound: only stop can end the wait
        opt.builder.gadgetId = QStringLiteral("g1");
        test::recordOpcN3Readings(recorder, 20, QDateTime::currentMSecsSinceEpoch() - 3600'000);
    }
    std::unique_ptr<ScpTransport> scp()
    {
        return std::make_unique<ScpTransport>(dir.filePath(QStringLiteral("known_hosts")), 30);
    }
};

/// Calls stop() from another thread once `ready` holds, and notes when.
class Stopper
{
public:
    Stopper(Uploader& uploader, std::function<bool()> ready, int afterMs = 300)
        : m_thread([this, &uploader, ready = std::move(ready), afterMs] {
              QElapsedTimer waited;
              waited.start();
              while (!ready()) {
                  if (waited.elapsed() > test::timeoutMs(10000))
                      return; // never got there: stopped() stays false and the test fails
                  std::this_thread::sleep_for(std::chrono::milliseconds(20));
              }
              std::this_thread::sleep_for(std::chrono::milliseconds(afterMs)); // well inside the wait
              m_clock.start();
              uploader.stop();
              m_stopped = true;
          })
    {}
    ~Stopper() { m_thread.join(); }
    bool stopped() const { return m_stopped; }
    qint64 sinceStopMs() const { return m_clock.elapsed(); }

private:
    QElapsedTimer m_clock;
    std::atomic<bool> m_stopped{false};
    std::thread m_thread;
};

void verifyWaitingAsBefore(Rig& rig, Uploader& uploader)
{
    const QList<UploadBatch> q = uploader.snapshot();
    QCOMPARE(q.size(), 1);
    const UploadBatch& b = q.first();
    QCOMPARE(toString(b.state), toString(UploadBatch::State::Pending));
    QCOMPARE(b.attempts, 0);
    QVERIFY2(b.lastError.isEmpty(), qPrintable(b.lastError));
    QVERIFY(b.nextAttemptMs <= QDateTime::currentMSecsSinceEpoch());
    QVERIFY(b.batchId.isEmpty());
    for (const char* ext : {".zip", ".yaml"})
        QVERIFY(QFile::exists(QDir(rig.opt.pendingDir).filePath(b.sourceRef + QLatin1String(ext))));
}

/// One pass on this thread, stopped from another once `ready` holds; checks it ended within 2 s of
/// the stop, with no problem reported, and that the batch waits as before.
void passStoppedWhen(Rig& rig, Uploader& uploader, const std::function<bool()>& ready)
{
    QVERIFY(uploader.recover().ok());
    QStringList problems;
    {
        Stopper stopper(uploader, ready);
        problems = uploader.runCycle(QDateTime::currentMSecsSinceEpoch(), true);
        QVERIFY(stopper.stopped());
        QVERIFY2(stopper.sinceStopMs() < test::timeoutMs(2000),
                 qPrintable(QString::number(stopper.sinceStopMs())));
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
    verifyWaitingAsBefore(rig, uploader);
}

} // namespace

class TestGascloudStop : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stopEndsARequestTheApiNeverAnswers()
    {
        SilentServer api;
        Rig rig(QStringLiteral("http://127.0.0.1:%1/api/v1").arg(api.serverPort()));
        Uploader uploader(rig.recorder, rig.recorder.storePath(), rig.opt, rig.scp());
        passStoppedWhen(rig, uploader, [&] { return api.accepted > 0; });
    }

    void stopEndsAnScpTheHostNeverAnswers()
    {
        SilentServer scpHost;
        QTemporaryDir emuDir;
        GascloudEmulator::Options eo;
        eo.strict = true;
        eo.scpPort = scpHost.serverPort();
        eo.inboxRoot = emuDir.filePath(QStringLiteral("inbox"));
        GascloudEmulator emu(eo);
        QVERIFY(emu.listen(QHostAddress::LocalHost, 0).ok());
        Rig rig(emu.apiUrl());
        Uploader uploader(rig.recorder, rig.recorder.storePath(), rig.opt, rig.scp());
        // The SCP blocks this thread inside libssh: the kernel takes the connection unaccepted.
        passStoppedWhen(rig, uploader, [&] {
            const QList<UploadBatch> q = uploader.snapshot();
            return !q.isEmpty() && q.first().state == UploadBatch::State::Uploading;
        });
    }

    void stopDuringABacklogLeavesWholeBatchesOnly()
    {
        SilentServer api;
        Rig rig(QStringLiteral("http://127.0.0.1:%1/api/v1").arg(api.serverPort()));
        rig.opt.builder.maxRows = 40;
        test::recordOpcN3Readings(rig.recorder, 3000, QDateTime::currentMSecsSinceEpoch() - 7200'000);
        Uploader uploader(rig.recorder, rig.recorder.storePath(), rig.opt, rig.scp());
        QVERIFY(uploader.recover().ok());
        QStringList problems;
        {
            // Stopped while the backlog is being cut, or at the latest in the first request.
            Stopper stopper(
                uploader, [&] { return !uploader.snapshot().isEmpty(); }, 0);
            problems = uploader.runCycle(QDateTime::currentMSecsSinceEpoch(), true);
            QVERIFY(stopper.stopped());
            QVERIFY2(stopper.sinceStopMs() < test::timeoutMs(2000),
                     qPrintable(QString::number(stopper.sinceStopMs())));
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
        const QList<UploadBatch> q = uploader.snapshot();
        QVERIFY(!q.isEmpty());
        qint64 rows = 0, lastSeq = 0;
        for (const UploadBatch& b : q) {
            QCOMPARE(toString(b.state), toString(UploadBatch::State::Pending));
            QCOMPARE(b.attempts, 0);
            QVERIFY(QFile::exists(QDir(rig.opt.pendingDir).filePath(b.sourceRef + QStringLiteral(".zip"))));
            rows += b.rows;
            lastSeq = std::max(lastSeq, b.lastSeq);
        }
        // The cursor is where the whole batches end: what was not cut yet is cut at the next start.
        qint64 cursor = -1;
        rig.recorder.run([&](Store& s) {
            cursor = s.cursor(QString::fromLatin1(BatchBuilder::kCursor)).value();
            return Status();
        });
        QCOMPARE(cursor, lastSeq);
        qint64 unbatched = -1;
        rig.recorder.run([&](Store& s) {
            QSqlQuery c(s.db());
            c.exec(QStringLiteral("SELECT COUNT(DISTINCT time_ms) FROM readings WHERE seq > %1").arg(cursor));
            c.next();
            unbatched = c.value(0).toLongLong();
            return Status();
        });
        QCOMPARE(rows + unbatched, qint64(3020)); // the rig's 20 and the 3000: none lost, none twice
        qInfo() << "stopped after" << q.size() << "batches," << unbatched
                << "readings left for the next start";
    }

    void stationStopsWhileAnScpHangs()
    {
        SilentServer scpHost;
        QTemporaryDir dir;
        GascloudEmulator::Options eo;
        eo.scpPort = scpHost.serverPort();
        eo.inboxRoot = dir.filePath(QStringLiteral("inbox"));
        GascloudEmulator emu(eo);
        QVERIFY(emu.listen(QHostAddress::LocalHost, 0).ok());
        const QString data = dir.filePath(QStringLiteral("data"));
        {
            Recorder before(Station::storePathIn(data, false));
            QVERIFY(before.start().ok());
            test::recordOpcN3Readings(before, 20, QDateTime::currentMSecsSinceEpoch() - 3600'000);
        }
        QVERIFY(SecretStore(data, StationSettings::Secrets::File, false).write(kGatewayKeySecret, kKey).ok());
        // The SSH wait would last the request timeout: a minute.
        const auto settings =
            Settings::parse(QStringLiteral("station:\n  secrets: file\ngascloud:\n  enabled: true\n"
                                           "  api: %1\n  allow_insecure_http: true\n  gadget_id: g1\n"
                                           "  request_timeout_secs: 60\n")
                                .arg(emu.apiUrl())
                                .toUtf8(),
                            QStringLiteral("stop.yaml"));
        QVERIFY2(settings.ok(), qPrintable(settings.error()));
        Station station(settings.value(), {false, data, false});
        QVERIFY(station.start().ok());
        QTRY_VERIFY_WITH_TIMEOUT(scpHost.accepted > 0, test::timeoutMs(10000));
        QElapsedTimer clock;
        clock.start();
        station.stop();
        QVERIFY2(clock.elapsed() < test::timeoutMs(2000), qPrintable(QString::number(clock.elapsed())));
        auto store = Store::open(Station::storePathIn(data, false), Store::Mode::ReadOnly);
        QVERIFY(store.ok());
        const auto queue = batches::all(*store.value());
        QVERIFY(queue.ok());
        QCOMPARE(queue->size(), 1);
        QCOMPARE(toString(queue->first().state), toString(UploadBatch::State::Pending));
        QCOMPARE(queue->first().attempts, 0);
        QVERIFY(queue->first().lastError.isEmpty());
    }

    void stopFromTheStationsThreadEndsTheUploaderThread()
    {
        // As Station::stop does it: stop() from another thread, then the thread's end.
        SilentServer api;
        Rig rig(QStringLiteral("http://127.0.0.1:%1/api/v1").arg(api.serverPort()));
        QThread thread;
        auto* uploader = new Uploader(rig.recorder, rig.recorder.storePath(), rig.opt, rig.scp());
        uploader->moveToThread(&thread);
        connect(&thread, &QThread::finished, uploader, &QObject::deleteLater);
        thread.start();
        QMetaObject::invokeMethod(uploader, &Uploader::start, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(api.accepted > 0, test::timeoutMs(10000));
        QElapsedTimer clock;
        clock.start();
        uploader->stop();
        thread.quit();
        QVERIFY(thread.wait(test::timeoutMs(2000)));
        QVERIFY(clock.elapsed() < test::timeoutMs(2000));
        Uploader reader(rig.recorder, rig.recorder.storePath(), rig.opt, rig.scp());
        verifyWaitingAsBefore(rig, reader);
    }
};

QTEST_GUILESS_MAIN(TestGascloudStop)
#include "tst_gascloud_stop.moc"
