// The uploader in its own thread, as the station runs it: the timer that fires while a request
// waits in a nested event loop must not start a second pass; and batch ids (the SCP password for
// ten minutes) never appear whole in the info log, in errors or in the queue.
#include "GascloudOptions.h"
#include "OpcN3Readings.h"
#include "TestSupport.h"
#include "sim/GascloudEmulator.h"
#include "sinks/gascloud/GascloudApi.h"
#include "sinks/gascloud/Uploader.h"

#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <mutex>

using namespace fs;

namespace {

const QString kKey = QStringLiteral("a1b2c3d4e5f60718293a");

std::mutex g_logMutex;
QStringList g_log; // every message at info level or above

void capture(QtMsgType type, const QMessageLogContext&, const QString& text)
{
    if (type == QtDebugMsg)
        return;
    std::lock_guard lock(g_logMutex);
    g_log << text;
}

QLoggingCategory::CategoryFilter g_previousFilter = nullptr;

/// Info on for our categories, whatever QT_LOGGING_RULES (ctest turns it off) says.
void infoOn(QLoggingCategory* category)
{
    if (g_previousFilter)
        g_previousFilter(category);
    if (QByteArray(category->categoryName()).startsWith("fs."))
        category->setEnabled(QtInfoMsg, true);
}

struct Rig
{
    QTemporaryDir dir;
    Recorder recorder{dir.filePath(QStringLiteral("store.db"))};
    GascloudEmulator emu;
    Uploader::Options opt;
    Rig() : emu(emulatorOptions(dir))
    {
        recorder.start();
        emu.listen(QHostAddress::LocalHost, 0);
        opt = test::uploaderOptions(dir, emu.apiUrl(), kKey);
        opt.requestTimeoutS = 30;
        opt.tickS = 1;
        opt.uploadIntervalS = 3600;
        opt.builder.gadgetId = QStringLiteral("g1");
        opt.builder.maxRows = 10;
    }
    static GascloudEmulator::Options emulatorOptions(const QTemporaryDir& dir)
    {
        GascloudEmulator::Options o;
        o.strict = true;
        o.inboxRoot = dir.filePath(QStringLiteral("inbox"));
        o.slowAnswerMs = 2500;
        return o;
    }
    bool allUploaded(Uploader& u, int count)
    {
        QList<UploadBatch> q;
        QMetaObject::invokeMethod(
            &u, [&] { q = u.snapshot(); }, Qt::BlockingQueuedConnection);
        return q.size() == count && std::all_of(q.begin(), q.end(), [](const UploadBatch& b) {
                   return b.state == UploadBatch::State::Uploaded;
               });
    }
};

} // namespace

class TestGascloudReentry : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void timerDuringASlowRequestStartsNoSecondPass()
    {
        Rig rig;
        test::recordOpcN3Readings(rig.recorder, 30, QDateTime::currentMSecsSinceEpoch() - 3600'000);
        // The first request (the first batch's quarantine request) is answered after 2.5 s; the
        // uploader's 1 s timer fires twice while the request waits.
        rig.emu.injectFault(GascloudEmulator::Fault::SlowAnswer);
        QThread thread;
        auto* uploader = new Uploader(rig.recorder, rig.recorder.storePath(), rig.opt,
                                      std::make_unique<LocalTransport>(QStringLiteral("/")));
        uploader->moveToThread(&thread);
        connect(&thread, &QThread::finished, uploader, &QObject::deleteLater);
        thread.start();
        QMetaObject::invokeMethod(uploader, &Uploader::start, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(rig.allUploaded(*uploader, 3), test::timeoutMs(30000));
        QList<UploadBatch> q;
        QMetaObject::invokeMethod(
            uploader, [&] { q = uploader->snapshot(); }, Qt::BlockingQueuedConnection);
        QMetaObject::invokeMethod(uploader, &Uploader::stop, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
        // One pass at a time: no request was sent while another waited, nothing was asked twice.
        QCOMPARE(rig.emu.maxConcurrentRequests(), 1);
        for (const UploadBatch& b : q)
            QCOMPARE(b.attempts, 1);
        QCOMPARE(rig.emu.received().size(), 3);
    }

    void batchIdsAreNeverWholeInTheLogOrOnScreen()
    {
        g_previousFilter = QLoggingCategory::installFilter(infoOn);
        const QtMessageHandler previous = qInstallMessageHandler(capture);
        Rig rig;
        test::recordOpcN3Readings(rig.recorder, 20, QDateTime::currentMSecsSinceEpoch() - 3600'000);
        rig.emu.injectFault(GascloudEmulator::Fault::RejectNext);
        Uploader uploader(rig.recorder, rig.recorder.storePath(), rig.opt,
                          std::make_unique<LocalTransport>(QStringLiteral("/")));
        QVERIFY(uploader.recover().ok());
        QStringList problems;
        for (int i = 0; i < 4; ++i)
            problems += uploader.runCycle(QDateTime::currentMSecsSinceEpoch() + i * 60'000, i == 0);
        qInstallMessageHandler(previous);
        QLoggingCategory::installFilter(g_previousFilter);
        const auto q = uploader.snapshot();
        QCOMPARE(q.size(), 2);
        QCOMPARE(toString(q.first().state), toString(UploadBatch::State::Rejected));
        QCOMPARE(toString(q.last().state), toString(UploadBatch::State::Uploaded));
        std::lock_guard lock(g_logMutex);
        const QString log = g_log.join(QLatin1Char('\n'));
        QVERIFY2(log.contains(shownBatchId(q.last().batchId)), qPrintable(log)); // the log did talk of it
        for (const UploadBatch& b : q) {
            QVERIFY(isBatchId(b.batchId));
            QVERIFY2(!log.contains(b.batchId), qPrintable(log));
            QVERIFY2(!problems.join(QLatin1Char(' ')).contains(b.batchId), qPrintable(problems.join(' ')));
            QVERIFY(!b.lastError.contains(b.batchId));
        }
        QCOMPARE(shownBatchId(q.last().batchId), q.last().batchId.left(8) + QStringLiteral("…"));
    }
};

QTEST_GUILESS_MAIN(TestGascloudReentry)
#include "tst_gascloud_reentry.moc"
