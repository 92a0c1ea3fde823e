// The gascloud batch builder and its settings: sources chosen by id, deletion bounded by the other
// sinks' cursors, one row per gadget and second, OPC as the batch type, owner-only files; and the
// station's device id and the refusal of a plain-http API.
#include "OpcN3Readings.h"
#include "TestSupport.h"
#include "config/Settings.h"
#include "sim/GascloudInbox.h"
#include "sinks/gascloud/BatchBuilder.h"
#include "sinks/gascloud/GascloudApi.h"
#include "sinks/gascloud/Registration.h"
#include "sinks/gascloud/Uploader.h"
#include "store/Store.h"

#include <QDir>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>

using namespace fs;

namespace {

const QString kKey = QStringLiteral("a1b2c3d4e5f60718293a");
const qint64 kStart = 1'700'000'000'000; // a whole second

struct Rig
{
    QTemporaryDir dir;
    Recorder recorder{dir.filePath(QStringLiteral("store.db"))};
    BatchBuilder::Options opt;
    Rig()
    {
        recorder.start();
        opt.pendingDir = dir.filePath(QStringLiteral("pending"));
        opt.key = kKey;
        opt.gadgetId = QStringLiteral("g1");
        opt.settleMs = 0;
        opt.sources = {QStringLiteral("")};
    }
    std::optional<UploadBatch> build(qint64 nowMs = kStart + 86'400'000)
    {
        BatchBuilder b(recorder, recorder.storePath(), opt);
        b.recover();
        auto r = b.buildNext(nowMs);
        if (!r)
            qWarning() << r.error();
        return r ? r.value() : std::nullopt;
    }
    QByteArray inZip(const UploadBatch& b, const QString& name)
    {
        QuaZip zip(QDir(opt.pendingDir).filePath(b.sourceRef + QStringLiteral(".zip")));
        zip.open(QuaZip::mdUnzip);
        zip.setCurrentFile(name);
        QuaZipFile f(&zip);
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    }
    /// Gives the node of `ids` the source id `source` (registration upserts it).
    void setSource(const QString& serial, const QString& source)
    {
        recorder.registerNode({QStringLiteral("opcn3:") + serial, QStringLiteral("opcn3"),
                               QStringLiteral("OPC-N3"), opcn3::channels(), source});
    }
    qint64 readingsOf(ChannelId channel)
    {
        qint64 n = -1;
        recorder.run([&](Store& s) {
            QSqlQuery q(s.db());
            q.exec(QStringLiteral("SELECT COUNT(*) FROM readings WHERE channel_id = %1").arg(channel));
            q.next();
            n = q.value(0).toLongLong();
            return Status();
        });
        return n;
    }
    void frameAt(const NodeChannels& ids, qint64 t)
    {
        OpcN3Histogram h;
        h.pm1 = 1.5f;
        h.crc = 1;
        const auto samples = opcn3::samplesFor(h, ids.channels, t, 0);
        recorder.submit(std::span<const Sample>(samples));
        recorder.flush();
    }
};

} // namespace

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
        fresh.key = kKey;
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
        rig.opt.sources = {};
        QVERIFY(!rig.build()); // none configured: nothing is batched
        rig.opt.sources = {QStringLiteral("opc-yard")};
        const auto batch = rig.build();
        QVERIFY(batch);
        QCOMPARE(batch->rows, 7);
        const QByteArray csv = rig.inZip(*batch, batch->sourceRef + QStringLiteral(".csv"));
        QCOMPARE(csv.count('\n'), 8);
        QVERIFY(csv.contains(
            QDateTime::fromMSecsSinceEpoch(kStart + 500, Qt::UTC).toString(Qt::ISODate).toUtf8()));
        Q_UNUSED(a);
        Q_UNUSED(b);
    }

    void deleteOnlyWhatEveryOtherSinkPassed()
    {
        Rig rig;
        rig.opt.deleteReadingOnZip = true;
        rig.opt.otherSinkCursors = {QStringLiteral("push:central"), QStringLiteral("influx")};
        const NodeChannels ids = test::recordOpcN3Readings(rig.recorder, 10, kStart);
        const ChannelId pm1 = ids.channels[opcn3::channelIndex(QStringLiteral("pm1"))];
        // One sink has passed the first 6 frames, the other the first 4.
        rig.recorder.run([&](Store& s) {
            const auto lastSeqOfFrames = [&](int n) {
                QSqlQuery q(s.db());
                q.exec(QStringLiteral("SELECT MAX(seq) FROM readings WHERE time_ms < %1")
                           .arg(kStart + n * 1000));
                q.next();
                return q.value(0).toLongLong();
            };
            s.setCursor(QStringLiteral("push:central"), lastSeqOfFrames(6));
            return s.setCursor(QStringLiteral("influx"), lastSeqOfFrames(4));
        });
        const auto batch = rig.build();
        QVERIFY(batch);
        QCOMPARE(batch->rows, 10);
        QCOMPARE(rig.readingsOf(pm1), qint64(6)); // frames 5..10 stay for the slower sink
        // A sink that never ran has passed nothing: nothing more is deleted.
        rig.opt.otherSinkCursors << QStringLiteral("never-ran");
        test::recordOpcN3Readings(rig.recorder, 3, kStart + 60'000);
        QVERIFY(rig.build());
        QCOMPARE(rig.readingsOf(pm1), qint64(9));
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
