// tst_gascloud_requests: the queue page's requests against the real uploader, emulator and sshd:
// "upload now" skips the back-off (also asked during a pass), "retry" sends a rejected batch once
// more, and a retry whose files are gone says why.
#include "GascloudRig.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace fs;
using namespace fs::test;

class TestGascloudRequests : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<SshdServer> m_sshd;

    /// An hour of back-off after the first failure, so that only "upload now" can send the batch.
    void failOnceWithLongBackOff(Rig& rig, qint64 start)
    {
        rig.uploader.reset();
        rig.opt.retryMinS = rig.opt.retryMaxS = 3600;
        rig.uploader = std::make_unique<Uploader>(
            rig.recorder, rig.recorder.storePath(), rig.opt,
            std::make_unique<ScpTransport>(rig.dir.filePath(QStringLiteral("known_hosts")), 5));
        QVERIFY(rig.uploader->recover().ok());
        recordOpcN3Readings(rig.recorder, 25, start);
        QVERIFY(m_sshd->stop());
        QCOMPARE(rig.uploader->runCycle(QDateTime::currentMSecsSinceEpoch(), true).size(), 1);
        QVERIFY(m_sshd->restart());
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_sshd = std::make_unique<SshdServer>(QStringList{kKey});
        QVERIFY2(m_sshd->ok(), qPrintable(m_sshd->error()));
    }

    void uploadNowSkipsTheBackOff()
    {
        Rig rig(*m_sshd);
        failOnceWithLongBackOff(rig, QDateTime::currentMSecsSinceEpoch() - 3600'000);
        if (QTest::currentTestFailed())
            return;
        UploadBatch b = rig.queue().first();
        QCOMPARE(fs::toString(b.state), fs::toString(UploadBatch::State::Pending));
        QVERIFY(b.nextAttemptMs > QDateTime::currentMSecsSinceEpoch() + 3000'000);
        // A minute later the back-off still holds.
        QVERIFY(rig.uploader->runCycle(QDateTime::currentMSecsSinceEpoch() + 60'000, false).isEmpty());
        QCOMPARE(rig.queue().first().attempts, 1);
        QVERIFY(rig.emu.received().isEmpty());
        QSignalSpy changed(rig.uploader.get(), &Uploader::batchChanged);
        rig.uploader->uploadNow(b.id);
        b = rig.queue().first();
        QCOMPARE(fs::toString(b.state), fs::toString(UploadBatch::State::Uploaded));
        QCOMPARE(b.attempts, 2);
        QCOMPARE(rig.emu.received().size(), 1);
        QCOMPARE(rig.emu.received().first().rows, 25);
        // Each step was told, for that batch only, ending with what the store holds.
        QStringList steps;
        for (const QList<QVariant>& args : changed) {
            const auto c = args.first().value<UploadBatch>();
            QCOMPARE(c.id, b.id);
            if (steps.isEmpty() || steps.last() != fs::toString(c.state))
                steps << fs::toString(c.state);
        }
        QCOMPARE(steps, (QStringList{QStringLiteral("pending"), QStringLiteral("requesting"),
                                     QStringLiteral("ticketed"), QStringLiteral("uploading"),
                                     QStringLiteral("awaiting_status"), QStringLiteral("uploaded")}));
        // An uploaded batch is not sent again.
        rig.uploader->uploadNow(b.id);
        QCOMPARE(rig.queue().first().attempts, 2);
        QCOMPARE(rig.emu.received().size(), 1);
    }

    void uploadNowDuringAPassRunsRightAfterIt()
    {
        Rig rig(*m_sshd);
        const qint64 start = QDateTime::currentMSecsSinceEpoch() - 3600'000;
        failOnceWithLongBackOff(rig, start);
        if (QTest::currentTestFailed())
            return;
        const qint64 first = rig.queue().first().id;
        // The button is pressed while the next pass sends a second batch (a queued call met in the
        // pass's network wait): the first batch's copy in that pass must not be changed under it.
        recordOpcN3Readings(rig.recorder, 10, start + 60'000, QStringLiteral("1"));
        bool asked = false;
        connect(rig.uploader.get(), &Uploader::batchChanged, this, [&](const UploadBatch& b) {
            if (b.id != first && b.state == UploadBatch::State::Requesting && !asked) {
                asked = true;
                rig.uploader->uploadNow(first);
            }
        });
        rig.uploader->runCycle(QDateTime::currentMSecsSinceEpoch(), true);
        QVERIFY(asked);
        QCOMPARE(rig.queue().first().attempts, 1); // not during the pass
        QCOMPARE(rig.emu.received().size(), 1);    // only the second batch
        QTRY_COMPARE_WITH_TIMEOUT(fs::toString(rig.queue().first().state),
                                  fs::toString(UploadBatch::State::Uploaded), test::timeoutMs(10'000));
        QCOMPARE(rig.queue().first().attempts, 2);
        QCOMPARE(rig.emu.received().size(), 2);
    }

    void retryOfARejectedBatchUploadsItOnce()
    {
        Rig rig(*m_sshd);
        const UploadBatch rejected = rig.rejectedBatch(15);
        QCOMPARE(fs::toString(rejected.state), fs::toString(UploadBatch::State::Rejected));
        rig.uploader->retry(rejected.id);
        rig.drain();
        const UploadBatch b = rig.queue().first();
        QCOMPARE(fs::toString(b.state), fs::toString(UploadBatch::State::Uploaded));
        QCOMPARE(b.attempts, 1); // counted afresh
        QVERIFY(b.batchId != rejected.batchId);
        QCOMPARE(b.sourceRef, rejected.sourceRef);
        QVERIFY(b.lastError.isEmpty());
        // Sent once more, accepted once, nothing twice; the files went rejected -> pending -> uploaded.
        const auto received = rig.emu.received();
        QCOMPARE(received.size(), 2);
        const auto again = std::find_if(received.begin(), received.end(),
                                        [&](const auto& r) { return r.batchId == b.batchId; });
        QVERIFY(again != received.end());
        QCOMPARE(again->status, QStringLiteral("Unprocessed"));
        QCOMPARE(again->rows, 15);
        QCOMPARE(again->duplicateRows, 0);
        QCOMPARE(again->md5, rejected.zipMd5);
        QVERIFY(QFile::exists(QDir(rig.opt.uploadedDir).filePath(b.batchId + QStringLiteral(".zip"))));
        QVERIFY(QDir(rig.opt.rejectedDir).entryList(QDir::Files).isEmpty());
        QVERIFY(QDir(rig.opt.pendingDir).entryList(QDir::Files).isEmpty());
        // Retry is only for a rejected batch: this one stays sent once.
        rig.uploader->retry(b.id);
        rig.drain();
        QCOMPARE(rig.emu.received().size(), 2);
        QCOMPARE(rig.queue().first().batchId, b.batchId);
    }

    void retryWithoutItsFilesSaysWhy()
    {
        Rig rig(*m_sshd);
        const UploadBatch rejected = rig.rejectedBatch(5);
        QVERIFY(QFile::remove(QDir(rig.opt.rejectedDir).filePath(rejected.batchId + QStringLiteral(".zip"))));
        rig.uploader->retry(rejected.id);
        const UploadBatch b = rig.queue().first();
        QCOMPARE(fs::toString(b.state), fs::toString(UploadBatch::State::Rejected));
        QVERIFY2(b.lastError.contains(QStringLiteral("is not there")), qPrintable(b.lastError));
        QVERIFY2(b.lastError.contains(rejected.batchId.left(8)) ||
                     b.lastError.contains(QStringLiteral(".zip")),
                 qPrintable(b.lastError));
        QCOMPARE(rig.emu.received().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestGascloudRequests)
#include "tst_gascloud_requests.moc"
