// A station killed (SIGKILL) at every step of the upload cycle: `fieldstation upload --once` runs
// as a child that dies at the named step, then runs again until the queue is empty. Afterwards the
// emulator must have received every reading exactly once.
#include "OpcN3Readings.h"
#include "SshdServer.h"
#include "TestSupport.h"
#include "config/SecretStore.h"
#include "sim/GascloudEmulator.h"
#include "sinks/gascloud/Registration.h"
#include "sinks/gascloud/UploadBatch.h"
#include "store/Store.h"

#include <QDateTime>
#include <QDir>
#include <QProcess>
#include <QTest>

using namespace fs;

namespace {

// Its own account: suites running in parallel must not reset each other's SSH password.
const QString kKey = QStringLiteral("b2c3d4e5f60718293a4b");
constexpr int kReadings = 50;

} // namespace

class TestGascloudCrash : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<test::SshdServer> m_sshd;

    /// Runs `upload --once` in `dataDir`; `crashAt` empty for a run that must not crash.
    QProcess::ExitStatus uploadOnce(const QString& config, const QString& dataDir, const QString& crashAt,
                                    QByteArray* output)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (!crashAt.isEmpty())
            env.insert(QStringLiteral("FIELDSTATION_CRASH_AT"), crashAt);
        p.setProcessEnvironment(env);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral(FS_BINARY), {QStringLiteral("--config"), config, QStringLiteral("--data-dir"),
                                            dataDir, QStringLiteral("upload"), QStringLiteral("--once")});
        // The emulator lives in this thread: keep its event loop turning while the child works.
        [&] { QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::NotRunning, test::timeoutMs(60000)); }();
        *output += p.readAll();
        return p.exitStatus();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_sshd = std::make_unique<test::SshdServer>(QStringList{kKey});
        QVERIFY2(m_sshd->ok(), qPrintable(m_sshd->error()));
    }

    void crashAtEveryStep_data()
    {
        QTest::addColumn<QString>("step");
        for (const char* s :
             {"batch-registered", "zip-renamed", "batch-files-written", "batch-pending", "ticket-recorded",
              "renamed-to-batchid", "scp-done", "awaiting-status", "files-finished"})
            QTest::newRow(s) << QString::fromLatin1(s);
    }
    void crashAtEveryStep()
    {
        QFETCH(QString, step);
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        GascloudEmulator::Options eo;
        eo.pins = {{QStringLiteral("1234"), kKey}};
        eo.strict = true;
        eo.scpPort = m_sshd->port();
        eo.inboxRoot = m_sshd->inbox();
        eo.onTicket = [](const QString& user, const QString& password) {
            test::SshdServer::setPassword(user, password);
        };
        GascloudEmulator emu(eo);
        QVERIFY(emu.listen(QHostAddress::LocalHost, 0).ok());
        {
            Recorder rec(data + QStringLiteral("/fieldstation.db"));
            QVERIFY(rec.start().ok());
            test::recordOpcN3Readings(rec, kReadings, QDateTime::currentMSecsSinceEpoch() - 3600'000);
        }
        QVERIFY(SecretStore(data, StationSettings::Secrets::File, false).write(kGatewayKeySecret, kKey).ok());
        const QString config = dir.filePath(QStringLiteral("fieldstation.yaml"));
        QFile cfg(config);
        QVERIFY(cfg.open(QIODevice::WriteOnly));
        cfg.write(QStringLiteral(
                      "station:\n  secrets: file\ngascloud:\n  enabled: true\n  api: %1\n  gadget_id: g7\n"
                      "  max_rows_per_batch: 20\n  retry_min_secs: 1\n  retry_max_secs: 1\n"
                      "  request_timeout_secs: 5\n  allow_insecure_http: true\n")
                      .arg(emu.apiUrl())
                      .toUtf8());
        cfg.close();

        QByteArray log;
        QCOMPARE(uploadOnce(config, data, step, &log), QProcess::CrashExit);
        // Restarts until the queue is empty (a back-off of a second may stand between two of them).
        bool drained = false;
        for (int run = 0; run < 6 && !drained; ++run) {
            QCOMPARE(uploadOnce(config, data, QString(), &log), QProcess::NormalExit);
            auto store = Store::open(data + QStringLiteral("/fieldstation.db"), Store::Mode::ReadOnly);
            QVERIFY(store.ok());
            const auto all = batches::all(*store.value()).value();
            drained = !all.isEmpty() && std::all_of(all.begin(), all.end(), [](const UploadBatch& b) {
                return b.state == UploadBatch::State::Uploaded;
            });
            if (!drained)
                QTest::qWait(1100);
        }
        QVERIFY2(drained, log.constData());
        int rows = 0, duplicates = 0;
        for (const auto& r : emu.received()) {
            QVERIFY2(r.status != QLatin1String("Rejected"), qPrintable(r.problem));
            rows += r.rows;
            duplicates += r.duplicateRows;
        }
        QCOMPARE(duplicates, 0);
        QCOMPARE(rows, kReadings);
        QVERIFY2(!log.contains(kKey.toUtf8()), "the gateway key appeared in the output");
    }
};

QTEST_GUILESS_MAIN(TestGascloudCrash)
#include "tst_gascloud_crash.moc"
