// gascloud from the command line: importing the old uploader's settings and key, the emulator as
// its own process, and a headless --demo whose upload queue moves until a batch is uploaded.
#include "CliRun.h"
#include "config/SecretStore.h"
#include "config/Settings.h"
#include "sinks/gascloud/GascloudApi.h"
#include "sinks/gascloud/Registration.h"
#include "sinks/gascloud/UploadBatch.h"
#include "store/Store.h"

#include <QDir>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace fs;

namespace {

using test::Run;
using test::writeFile;

Run run(const QStringList& args)
{
    return test::run(args, 30000);
}
} // namespace

class TestGascloudCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void importOldSettingsAndKey()
    {
        QTemporaryDir dir;
        const QString old =
            writeFile(dir, "settings.yaml",
                      "API: https://gascloud.invalid/api/v1\nDBNAME: opcn3.db\nGADGET_ID: opc-12\n"
                      "UPLOAD_INTERVAL_SECS: 600\nBATCH_MODE: TEST\nBATCH_TYPE: OPCN3\n"
                      "BATCH_DIR_PENDING: /var/lib/opc/pending\nDELETE_READING_ON_ZIP: True\n");
        const QString keyFile = writeFile(dir, "gateway_key.txt", "0123456789abcdef0123\n");
        const QString config = dir.filePath(QStringLiteral("etc/fieldstation.yaml"));
        const QString data = dir.filePath(QStringLiteral("data"));
        Run r = run({QStringLiteral("--config"), config, QStringLiteral("--data-dir"), data,
                     QStringLiteral("import"), QStringLiteral("gascloud"), old, keyFile});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.err.contains(QStringLiteral("%1:2: DBNAME: not carried over").arg(old).toUtf8()),
                 r.err.constData());
        QVERIFY(!r.out.contains("0123456789abcdef0123"));
        const auto s = Settings::load(config);
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QVERIFY(s->gascloud.enabled);
        QCOMPARE(s->gascloud.api, QStringLiteral("https://gascloud.invalid/api/v1"));
        QCOMPARE(s->gascloud.gadgetId, QStringLiteral("opc-12"));
        QCOMPARE(s->gascloud.uploadIntervalS, 600);
        QCOMPARE(s->gascloud.batchMode, QStringLiteral("TEST"));
        QCOMPARE(s->gascloud.pendingDir, QStringLiteral("/var/lib/opc/pending"));
        QVERIFY(s->gascloud.deleteReadingOnZip);
        // The key, trailing newline gone, is where the station will look for it.
        const SecretStore secrets(data, StationSettings::Secrets::File, false);
        QCOMPARE(gatewayKey(secrets).value(), QStringLiteral("0123456789abcdef0123"));

        r = run({QStringLiteral("--config"), config, QStringLiteral("--data-dir"), data,
                 QStringLiteral("import"), QStringLiteral("gascloud"), old, keyFile});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("already has a gascloud section"), r.err.constData());

        const QString badKey = writeFile(dir, "bad_key.txt", "0123456789abcdef012\n");
        r = run({QStringLiteral("--config"), dir.filePath(QStringLiteral("other.yaml")),
                 QStringLiteral("--data-dir"), data, QStringLiteral("import"), QStringLiteral("gascloud"),
                 old, badKey});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("not 20 characters of 0-9a-f (19 characters)"), r.err.constData());
    }

    void importTheDocumentedSettings()
    {
        // The old README's settings.yaml: GASCLOUD_KEY: DEMO is "not used yet but will be required
        // to make initial register call", not the gateway key; device_key.txt (the key file's older
        // name) lies beside it, and the pending folder holds a batch the old tool never sent.
        QTemporaryDir dir;
        const QString old =
            writeFile(dir, "settings.yaml",
                      "API: https://tinycloud.example/api/v1\nGASCLOUD_KEY: DEMO\nGADGET_ID: opc-3\n"
                      "BATCH_MODE: PASS\nBATCH_DIR_PENDING: pending\n");
        writeFile(dir, "device_key.txt", "00112233445566778899\n");
        QDir().mkpath(dir.filePath(QStringLiteral("pending")));
        const QString ref = QStringLiteral("00112233445566778899_000004_20201020101010");
        writeFile(dir, qPrintable(QStringLiteral("pending/%1.zip").arg(ref)),
                  "PK\x05\x06" + QByteArray(18, '\0'));
        writeFile(dir, qPrintable(QStringLiteral("pending/%1.yaml").arg(ref)),
                  "key: 00112233445566778899\nsource_ref: " + ref.toUtf8() + "\nfilelist: " + ref.toUtf8() +
                      ".csv," + ref.toUtf8() +
                      ".yaml\nbatch_type: OPC\nbatch_mode: PASS\nzip_size: 22\nzip_md5: "
                      "d41d8cd98f00b204e9800998ecf8427e\n");
        const QString config = dir.filePath(QStringLiteral("fs.yaml"));
        const QString data = dir.filePath(QStringLiteral("data"));
        const Run r = run({QStringLiteral("--config"), config, QStringLiteral("--data-dir"), data,
                           QStringLiteral("import"), QStringLiteral("gascloud"), old});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.err.contains(QStringLiteral("%1:2: GASCLOUD_KEY: not carried over").arg(old).toUtf8()),
                 r.err.constData());
        QVERIFY2(r.err.contains("it is not the gateway key"), r.err.constData());
        const SecretStore secrets(data, StationSettings::Secrets::File, false);
        QCOMPARE(gatewayKey(secrets).value(), QStringLiteral("00112233445566778899"));
        QVERIFY2(r.out.contains("device_key.txt"), r.out.constData());
        const auto s = Settings::load(config);
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(s->gascloud.pendingDir, dir.filePath(QStringLiteral("pending")));
        QCOMPARE(s->gascloud.batchType, QStringLiteral("OPC"));
        // The unsent batch's payload now has the zip's real MD5; its ref is kept.
        QVERIFY2(r.out.contains("unsent batch of the old tool"), r.out.constData());
        QFile payload(dir.filePath(QStringLiteral("pending/%1.yaml").arg(ref)));
        QVERIFY(payload.open(QIODevice::ReadOnly));
        const QByteArray text = payload.readAll();
        QVERIFY2(!text.contains("d41d8cd98f00b204e9800998ecf8427e"), text.constData());
        QVERIFY2(text.contains("source_ref: " + ref.toUtf8()), text.constData());
        QVERIFY2(text.contains("gadget_id: opc-3"), text.constData());
    }

    void emulatorHelpNamesStrictAndTheLenientDefault()
    {
        for (const char* flag : {"--help", "-h"}) {
            const Run r = run({QStringLiteral("sim"), QStringLiteral("gascloud"), QString::fromLatin1(flag)});
            QCOMPARE(r.code, 0);
            QVERIFY2(r.out.contains("Lenient by default"), r.out.constData());
            QVERIFY2(r.out.contains("  --strict "), r.out.constData());
            QVERIFY2(r.out.contains("LF line ends"), r.out.constData());
        }
        const Run top = run({QStringLiteral("--help")});
        QVERIFY2(top.out.contains("run the gascloud emulator, lenient unless --strict"), top.out.constData());
    }

    void emulatorRunsOnItsOwn()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        const quint16 port = probe.serverPort();
        probe.close();
        QProcess sim;
        sim.start(QStringLiteral(FS_BINARY),
                  {QStringLiteral("sim"), QStringLiteral("gascloud"), QStringLiteral("--listen"),
                   QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("--pin"),
                   QStringLiteral("4321=fedcba9876543210fedc"), QStringLiteral("--strict")});
        QVERIFY(sim.waitForStarted());
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += sim.readAllStandardOutput()).contains("accepts PIN 4321"),
                                 test::timeoutMs(10000));
        QVERIFY(out.contains(QStringLiteral("http://127.0.0.1:%1/api/v1 (strict)").arg(port).toUtf8()));
        GascloudApi api(QStringLiteral("http://127.0.0.1:%1/api/v1").arg(port), 5, true);
        QCOMPARE(api.activate(QStringLiteral("dev"), QStringLiteral("4321"), QStringLiteral("n")).value(),
                 QStringLiteral("fedcba9876543210fedc"));
        QVERIFY(api.activate(QStringLiteral("dev"), QStringLiteral("1111"), QStringLiteral("n"))
                    .error()
                    .contains(QStringLiteral("403")));

        // `fieldstation register` against it: a refused PIN, then a good one; the key is never printed.
        QTemporaryDir dir;
        const QString url = QStringLiteral("http://127.0.0.1:%1/api/v1").arg(port);
        Run r = run({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("register"),
                     QStringLiteral("--pin"), QStringLiteral("1111"), QStringLiteral("--api"), url,
                     QStringLiteral("--allow-insecure-http")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("Invalid PIN"), r.err.constData());
        r = run({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("register"),
                 QStringLiteral("--pin"), QStringLiteral("4321"), QStringLiteral("--name"),
                 QStringLiteral("roof"), QStringLiteral("--api"), url,
                 QStringLiteral("--allow-insecure-http")});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.out.startsWith("registered; the gateway key is stored in"), r.out.constData());
        QVERIFY(!(r.out + r.err).contains("fedcba9876543210fedc"));
        const SecretStore secrets(dir.path(), StationSettings::Secrets::File, false);
        QCOMPARE(gatewayKey(secrets).value(), QStringLiteral("fedcba9876543210fedc"));
        sim.terminate();
        QVERIFY(sim.waitForFinished(5000));
    }

    void demoQueueMovesUntilABatchIsUploaded()
    {
        QTemporaryDir dir;
        const QString config = writeFile(dir, "fast.yaml", "opcn3:\n  laser_wait_ms: 0\n  fan_wait_ms: 0\n");
        const QString data = dir.filePath(QStringLiteral("demo"));
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_LOGGING_RULES")); // this test reads the emulator's log
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(FS_BINARY),
                {QStringLiteral("--headless"), QStringLiteral("--demo"), QStringLiteral("--config"), config,
                 QStringLiteral("--data-dir"), data});
        QVERIFY(p.waitForStarted());
        const auto uploaded = [&] {
            auto store = Store::open(data + QStringLiteral("/fieldstation-demo.db"), Store::Mode::ReadOnly);
            if (!store)
                return false;
            auto all = batches::all(*store.value());
            return all.ok() && std::any_of(all->begin(), all->end(), [](const UploadBatch& b) {
                       return b.state == UploadBatch::State::Uploaded && b.rows > 0;
                   });
        };
        // A batch is cut every 30 s in the demo.
        QTRY_VERIFY_WITH_TIMEOUT(uploaded(), test::timeoutMs(90000));
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(test::timeoutMs(15000)));
        QCOMPARE(p.exitCode(), 0);
        const QByteArray log = p.readAll();
        const SecretStore secrets(data + QStringLiteral("/demo-secrets"), StationSettings::Secrets::File,
                                  false);
        const QString key = gatewayKey(secrets).value();
        QVERIFY2(!log.contains(key.toUtf8()), "the gateway key appeared in the log");
        QVERIFY2(log.contains("received"), log.constData());

        const Run q =
            run({QStringLiteral("--demo"), QStringLiteral("--data-dir"), data, QStringLiteral("queue")});
        QCOMPARE(q.code, 0);
        QVERIFY2(q.out.contains("uploaded"), q.out.constData());
        QVERIFY(!q.out.contains(key.toUtf8()));
        // The batch ids (SCP passwords while their ticket lasts) are shown shortened only.
        auto store = Store::open(data + QStringLiteral("/fieldstation-demo.db"), Store::Mode::ReadOnly);
        QVERIFY(store.ok());
        const QList<UploadBatch> all = batches::all(*store.value()).value();
        QVERIFY(!all.isEmpty());
        for (const UploadBatch& b : all) {
            if (b.batchId.isEmpty())
                continue;
            QVERIFY2(!log.contains(b.batchId.toUtf8()), "a whole batch id is in the log");
            QVERIFY2(!q.out.contains(b.batchId.toUtf8()), q.out.constData());
            QVERIFY(q.out.contains(shownBatchId(b.batchId).toUtf8()));
        }
        QVERIFY(!QDir(data + QStringLiteral("/demo-gascloud/uploaded"))
                     .entryList({QStringLiteral("*.zip")})
                     .isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestGascloudCli)
#include "tst_gascloud_cli.moc"
