// The gascloud batch builder and its settings: sources chosen by id, a cursor that passes other
// sources and waits for unsettled readings, one row per gadget and second, OPC as the batch type,
// owner-only files; and the station's device id and the refusal of a plain-http API. What the
// builder deletes behind it is tst_gascloud_deletion.
#include "BatchRig.h"
#include "OpcN3Readings.h"
#include "TestSupport.h"
#include "config/Settings.h"
#include "sim/GascloudInbox.h"
#include "sinks/gascloud/BatchBuilder.h"
#include "sinks/gascloud/GascloudApi.h"
#include "sinks/gascloud/Registration.h"
#include "sinks/gascloud/Uploader.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace fs;

using Rig = test::BatchRig;
constexpr qint64 kStart = Rig::kStart;

class TestGascloudBuilder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void batchTypeDefaultsToOpc()
    {
        auto s = Settings::parse("gascloud:\n  enabled: false\n", QStringLiteral("t.yaml"));
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(s->gascloud.batchType, QStringLiteral("OPC"));
        Rig rig;
        BatchBuilder::Options fresh; // the defaults, but for where and as whom
        fresh.pendingDir = rig.opt.pendingDir;
        fresh.key = Rig::kKey;
        fresh.gadgetId = QStringLiteral("g1");
        rig.opt = fresh;
        rig.opt.settleMs = 0;
        rig.opt.sources = {QStringLiteral("")};
        test::recordOpcN3Readings(rig.recorder, 3, kStart);
        const auto b = rig.build();
        QVERIFY(b);
        QFile payload(QDir(rig.opt.pendingDir).filePath(b->sourceRef + QStringLiteral(".yaml")));
        QVERIFY(payload.open(QIODevice::ReadOnly));
        QVERIFY(payload.readAll().contains("batch_type: OPC\n"));
    }

    void batchFilesAreOwnerOnly()
    {
        Rig rig;
        test::recordOpcN3Readings(rig.recorder, 3, kStart);
        const auto b = rig.build();
        QVERIFY(b);
        for (const char* ext : {".zip", ".yaml"}) {
            const QFileInfo f(QDir(rig.opt.pendingDir).filePath(b->sourceRef + QLatin1String(ext)));
            QVERIFY(f.exists());
            QCOMPARE(f.permissions() &
                         (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                     QFile::Permissions());
        }
    }

    void sourcesAreChosenById()
    {
        Rig rig;
        const NodeChannels a = test::recordOpcN3Readings(rig.recorder, 5, kStart, QStringLiteral("A"));
        const NodeChannels b = test::recordOpcN3Readings(rig.recorder, 7, kStart + 500, QStringLiteral("B"));
        rig.setSource(QStringLiteral("A"), QStringLiteral("opc-roof"));
        rig.setSource(QStringLiteral("B"), QStringLiteral("opc-yard"));
        rig.opt.sources = {QStringLiteral("opc-yard")};
        const auto batch = rig.build();
        QVERIFY(batch);
        QCOMPARE(batch->rows, 7);
        const QByteArray csv = rig.inZip(*batch, batch->sourceRef + QStringLiteral(".csv"));
        QCOMPARE(csv.count('\n'), 8);
        QVERIFY(csv.contains(
            QDateTime::fromMSecsSinceEpoch(kStart + 500, Qt::UTC).toString(Qt::ISODate).toUtf8()));
        rig.opt.sources = {};
        QVERIFY(!rig.build()); // none configured: nothing is batched (the roof's readings neither)
        Q_UNUSED(a);
        Q_UNUSED(b);
    }

    void cursorPassesOtherSourcesReadings()
    {
        Rig rig;
        rig.opt.sources = {QStringLiteral("opc-roof")};
        // The roof's OPC-N3 sent a little, then died; the yard's goes on.
        test::recordOpcN3Readings(rig.recorder, 4, kStart, QStringLiteral("A"));
        rig.setSource(QStringLiteral("A"), QStringLiteral("opc-roof"));
        test::recordOpcN3Readings(rig.recorder, 5, kStart + 10'000, QStringLiteral("B"));
        rig.setSource(QStringLiteral("B"), QStringLiteral("opc-yard"));
        const auto batch = rig.build();
        QVERIFY(batch);
        QCOMPARE(batch->rows, 4);
        QVERIFY(rig.cursor() < rig.newestSeq());
        // Nothing of the roof's after the cursor: it passes the yard's readings, so that retention
        // is not held back for every source by a dead one.
        QVERIFY(!rig.build());
        QCOMPARE(rig.cursor(), rig.newestSeq());
        test::recordOpcN3Readings(rig.recorder, 3, kStart + 60'000, QStringLiteral("B"));
        QVERIFY(!rig.build());
        QCOMPARE(rig.cursor(), rig.newestSeq());
        // The roof's sensor comes back: its readings are batched, none lost.
        test::recordOpcN3Readings(rig.recorder, 2, kStart + 120'000, QStringLiteral("A"));
        rig.setSource(QStringLiteral("A"), QStringLiteral("opc-roof")); // recording registered it again
        const auto again = rig.build();
        QVERIFY(again);
        QCOMPARE(again->rows, 2);
        // No source configured or present at all: the cursor still follows the store.
        rig.opt.sources = {QStringLiteral("opc-absent")};
        test::recordOpcN3Readings(rig.recorder, 2, kStart + 180'000, QStringLiteral("B"));
        QVERIFY(!rig.build());
        QCOMPARE(rig.cursor(), rig.newestSeq());
    }

    void unsettledReadingOfOursHoldsTheCursor()
    {
        Rig rig;
        rig.opt.settleMs = 60'000;
        const NodeChannels ids = test::recordOpcN3Readings(rig.recorder, 1, kStart);
        // A sample of ours without its PM1 yet, just now: it may be completed, so the cursor waits.
        const qint64 now = kStart + 86'400'000;
        const ChannelId temperature = ids.channels[opcn3::channelIndex(QStringLiteral("temperature"))];
        const Sample lone{now - 1000, temperature, 20.0};
        rig.recorder.submit(std::span<const Sample>(&lone, 1));
        rig.recorder.flush();
        QVERIFY(rig.build(now));
        const qint64 held = rig.cursor();
        QVERIFY(held < rig.newestSeq());
        QVERIFY(!rig.build(now));
        QCOMPARE(rig.cursor(), held);
        // Settled and still alone: it makes no row, and the cursor passes it.
        QVERIFY(!rig.build(now + 120'000));
        QCOMPARE(rig.cursor(), rig.newestSeq());
    }

    void oneRowPerGadgetAndSecond()
    {
        // Killed and restarted within a second: frames at .029 and .970 of the same second.
        Rig rig;
        const NodeChannels ids = test::recordOpcN3Readings(rig.recorder, 0, kStart);
        rig.frameAt(ids, kStart + 29);
        rig.frameAt(ids, kStart + 970);
        rig.frameAt(ids, kStart + 1'010);
        const auto first = rig.build();
        QVERIFY(first);
        QCOMPARE(first->rows, 2);
        const QByteArray csv = rig.inZip(*first, first->sourceRef + QStringLiteral(".csv"));
        QCOMPARE(gascloudinbox::countRows(csv, true).rowKeys.size(), 2);
        QCOMPARE(gascloudinbox::countRows(csv, true).rowKeys.removeDuplicates(), 0);
        QVERIFY(
            rig.inZip(*first, first->sourceRef + QStringLiteral(".yaml")).contains("same_second_dropped: 1"));
        // Across batches too: the next batch does not repeat the second the last one ended with.
        rig.frameAt(ids, kStart + 1'990);
        rig.frameAt(ids, kStart + 2'000);
        const auto second = rig.build();
        QVERIFY(second);
        QCOMPARE(second->rows, 1);
        QVERIFY(
            rig.inZip(*second, second->sourceRef + QStringLiteral(".csv"))
                .contains(
                    QDateTime::fromMSecsSinceEpoch(kStart + 2'000, Qt::UTC).toString(Qt::ISODate).toUtf8()));
    }

    void httpApiIsRefusedUnlessAllowed()
    {
        const QByteArray base =
            "gascloud:\n  enabled: true\n  gadget_id: g\n  api: http://gascloud.example/api/v1\n";
        auto refused = Settings::parse(base, QStringLiteral("t.yaml"));
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(QStringLiteral("allow_insecure_http")),
                 qPrintable(refused.error()));
        QVERIFY(Settings::parse(base + "  allow_insecure_http: true\n", QStringLiteral("t.yaml")).ok());
        QVERIFY(Settings::parse(QByteArray(base).replace("http:", "https:"), QStringLiteral("t.yaml")).ok());
        GascloudApi api(QStringLiteral("http://127.0.0.1:9/api/v1"), 3);
        const auto r = api.activate(QStringLiteral("d"), QStringLiteral("1"), QStringLiteral("n"));
        QVERIFY2(r.error().contains(QStringLiteral("is http://")), qPrintable(r.error()));
        Rig rig;
        Uploader::Options uo;
        uo.api = QStringLiteral("http://127.0.0.1:9/api/v1");
        uo.pendingDir = rig.opt.pendingDir;
        Uploader up(rig.recorder, rig.recorder.storePath(), uo,
                    std::make_unique<LocalTransport>(rig.dir.path()));
        const Status s = up.recover();
        QVERIFY(!s.ok());
        QVERIFY2(s.error().contains(QStringLiteral("is http://")), qPrintable(s.error()));
    }

    void deviceIdFallsBackInOrder()
    {
        QTemporaryDir dir;
        const auto file = [&](const char* name, const QByteArray& text) {
            QFile f(dir.filePath(QLatin1String(name)));
            f.open(QIODevice::WriteOnly);
            f.write(text);
            return f.fileName();
        };
        DeviceIdFiles files;
        files.cpuinfo = file("cpuinfo", "processor\t: 0\nSerial\t\t: 10000000a1b2c3d4\n");
        files.machineId = file("machine-id", "0123456789abcdef0123456789abcdef\n");
        files.dbusMachineId = file("dbus-machine-id", "fedcba9876543210fedcba9876543210\n");
        files.generated = dir.filePath(QStringLiteral("data/device_id"));
        QCOMPARE(stationDeviceId(files), QStringLiteral("10000000a1b2c3d4"));
        file("cpuinfo", "processor\t: 0\nSerial\t\t: 0000000000000000\n"); // not a Pi
        QCOMPARE(stationDeviceId(files), QStringLiteral("0123456789abcdef0123456789abcdef"));
        files.machineId = dir.filePath(QStringLiteral("absent"));
        QCOMPARE(stationDeviceId(files), QStringLiteral("fedcba9876543210fedcba9876543210"));
        file("dbus-machine-id", "\n"); // present but empty
        const QString generated = stationDeviceId(files);
        QCOMPARE(generated.size(), 32);
        QVERIFY(QFileInfo::exists(files.generated));
        QCOMPARE(stationDeviceId(files), generated); // generated once, then kept
    }
};

QTEST_GUILESS_MAIN(TestGascloudBuilder)
#include "tst_gascloud_builder.moc"
