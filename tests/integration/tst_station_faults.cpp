// A whole Station under the faults of issue 7: a NaN from an emulated OPC-N3, a real full disk (a
// small tmpfs, so the test needs root and carries the "root" label) and a push server that accepts
// and never answers. Each time the station keeps recording and Station::stop keeps to its 5 s.
#include "OpcN3Readings.h"
#include "SmallDisk.h"
#include "Station.h"
#include "TestSupport.h"
#include "config/SecretStore.h"
#include "sim/OpcN3Emulator.h"
#include "sinks/mysqlpush/Pusher.h"
#include "sources/LiveTap.h"
#include "sources/opcn3/OpcN3Source.h"
#include "store/Recorder.h"
#include "store/Store.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>

using namespace fs;

namespace {

const char* const kTwoOpcN3 = "recorder:\n  flush_interval_ms: 100\n"
                              "store:\n  min_free_mb: 0\n  max_memory_samples: 1000\n"
                              "sources:\n"
                              "  - id: opc-roof\n    type: opcn3\n    laser_wait_ms: 0\n    fan_wait_ms: 0\n"
                              "  - id: opc-yard\n    type: opcn3\n    laser_wait_ms: 0\n    fan_wait_ms: 0\n";

Settings settingsFrom(const QByteArray& yaml)
{
    auto s = Settings::parse(yaml, QStringLiteral("faults.yaml"));
    if (!s)
        qFatal("%s", qPrintable(s.error()));
    return s.value();
}

/// One SQL answer from the station's store, asked on the writer thread (which answers jobs at once).
qint64 count(Station& station, const QString& sql)
{
    qint64 n = -1;
    station.recorder()->run([&](Store& s) {
        QSqlQuery q(s.db());
        if (q.exec(sql) && q.next())
            n = q.value(0).toLongLong();
        return Status();
    });
    return n;
}

qint64 readingsOf(Station& station, const char* source)
{
    return count(station,
                 QStringLiteral("SELECT COUNT(*) FROM readings r JOIN channels c ON c.id = r.channel_id "
                                "JOIN nodes n ON n.id = c.node_id WHERE n.source = '%1'")
                     .arg(QLatin1String(source)));
}

qint64 timedStop(Station& station)
{
    QElapsedTimer t;
    t.start();
    station.stop();
    qInfo("Station::stop took %lld ms", static_cast<long long>(t.elapsed()));
    return t.elapsed();
}

/// Counts the finite samples the station's sources hand on, from whatever thread they come.
struct LiveCount
{
    std::atomic<qint64> samples{0};
    explicit LiveCount(Station& station)
    {
        QObject::connect(
            station.liveTap(), &LiveTap::samples, station.liveTap(),
            [this](const QList<Sample>& s) { samples += s.size(); }, Qt::DirectConnection);
    }
};

} // namespace

class TestStationFaults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aNanFromTheDeviceIsRefusedAndTheRestRecorded()
    {
        QTemporaryDir dir;
        Station station(settingsFrom(kTwoOpcN3), {true, dir.filePath(QStringLiteral("data")), false});
        QVERIFY(station.start().ok());
        const QList<RunningSource> running = station.sources();
        QCOMPARE(running.size(), 2);
        // The emulator is the demo source's bus; its fault switches are thread-safe.
        auto* roof = qobject_cast<OpcN3Source*>(running[0].source);
        QVERIFY(roof);
        auto* device = dynamic_cast<OpcN3Emulator*>(&roof->bus());
        QVERIFY(device);
        QTRY_VERIFY_WITH_TIMEOUT(readingsOf(station, "opc-roof") >= 2 * 44, test::timeoutMs(15000));
        QCOMPARE(station.recorder()->health().refusedNonFinite, quint64(0));

        device->injectFault(OpcN3Emulator::Fault::NonFinitePm, 2); // two frames: NaN, +inf, -inf
        QTRY_COMPARE_WITH_TIMEOUT(station.recorder()->health().refusedNonFinite, quint64(6),
                                  test::timeoutMs(10000));
        QCOMPARE(station.recorder()->refusedNonFiniteByChannel().size(), 3); // PM1, PM2.5, PM10
        // Later frames of the same device, and the other device, go on being recorded.
        const qint64 roofAfter = readingsOf(station, "opc-roof");
        const qint64 yardAfter = readingsOf(station, "opc-yard");
        QTRY_VERIFY_WITH_TIMEOUT(readingsOf(station, "opc-roof") >= roofAfter + 2 * 44,
                                 test::timeoutMs(10000));
        QVERIFY(readingsOf(station, "opc-yard") > yardAfter);
        QCOMPARE(roof->health(), Source::Health::Ok);

        // Exactly the two faulty readings lack their three PM values; all else is whole.
        const QString perReading =
            QStringLiteral("SELECT COUNT(*) AS k FROM readings r JOIN channels c ON c.id = r.channel_id "
                           "JOIN nodes n ON n.id = c.node_id WHERE n.source = 'opc-roof' GROUP BY r.time_ms");
        QCOMPARE(count(station, QStringLiteral("SELECT COUNT(*) FROM (%1) WHERE k = 41").arg(perReading)), 2);
        QCOMPARE(count(station,
                       QStringLiteral("SELECT COUNT(*) FROM (%1) WHERE k NOT IN (41, 44)").arg(perReading)),
                 0);
        // SQLite would have stored a NaN as NULL, an infinity as ±Inf.
        QCOMPARE(count(station,
                       QStringLiteral("SELECT COUNT(*) FROM readings WHERE value IS NULL OR value != value "
                                      "OR abs(value) > 1e308")),
                 0);
        QVERIFY(timedStop(station) < test::timeoutMs(5000));
        QVERIFY(station.sources().isEmpty());
    }

    void aFullDiskLeavesTheStationRunningAndItResumes()
    {
        QTemporaryDir mountPoint;
        test::SmallDisk disk(mountPoint.path(), "2m");
        QVERIFY2(disk.error().isEmpty(), qPrintable(disk.error()));
        Station station(settingsFrom(kTwoOpcN3), {true, mountPoint.path(), false});
        LiveCount live(station);
        QVERIFY(station.start().ok());
        Recorder& recorder = *station.recorder();
        QTRY_VERIFY_WITH_TIMEOUT(readingsOf(station, "opc-yard") >= 44, test::timeoutMs(15000));
        // A node of the test's own, registered while there is room, to bring a burst when there is not.
        const NodeChannels burst =
            recorder
                .registerNode({QStringLiteral("burst:1"), QStringLiteral("test"), QStringLiteral("burst"),
                               opcn3::channels(), QStringLiteral("burst")})
                .value();

        const QString filled = disk.fill();
        QVERIFY2(filled.isEmpty(), qPrintable(filled));
        QTRY_VERIFY_WITH_TIMEOUT(recorder.health().diskFull, test::timeoutMs(10000));
        const quint64 storedWhenFull = recorder.committedCount();
        std::vector<Sample> samples;
        for (int i = 0; i < 2000; ++i)
            samples.push_back(
                {QDateTime::currentMSecsSinceEpoch(), burst.channels[size_t(i % 44)], double(i)});
        recorder.submit(std::span<const Sample>(samples));
        QTRY_VERIFY_WITH_TIMEOUT(recorder.health().droppedDiskFull >= 1000, test::timeoutMs(5000));
        // Full, and still running: both sources go on reading and handing samples on.
        const qint64 liveWhenFull = live.samples;
        QTRY_VERIFY_WITH_TIMEOUT(live.samples >= liveWhenFull + 2 * 44, test::timeoutMs(10000));
        for (const RunningSource& s : station.sources())
            QCOMPARE(s.source->health(), Source::Health::Ok);
        QVERIFY(recorder.health().diskFull);

        QVERIFY(disk.grow("32m")); // space returns
        QTRY_VERIFY_WITH_TIMEOUT(!recorder.health().diskFull, test::timeoutMs(10000));
        QTRY_VERIFY_WITH_TIMEOUT(recorder.committedCount() > storedWhenFull + 2 * 44, test::timeoutMs(10000));
        QVERIFY(recorder.health().lastError.isEmpty());
        QVERIFY(timedStop(station) < test::timeoutMs(5000));
    }

    void aFullDiskDoesNotHoldStop()
    {
        QTemporaryDir mountPoint;
        test::SmallDisk disk(mountPoint.path(), "2m");
        QVERIFY2(disk.error().isEmpty(), qPrintable(disk.error()));
        Station station(settingsFrom(kTwoOpcN3), {true, mountPoint.path(), false});
        QVERIFY(station.start().ok());
        QTRY_VERIFY_WITH_TIMEOUT(readingsOf(station, "opc-yard") >= 44, test::timeoutMs(15000));
        const QString filled = disk.fill();
        QVERIFY2(filled.isEmpty(), qPrintable(filled));
        QTRY_VERIFY_WITH_TIMEOUT(station.recorder()->health().diskFull, test::timeoutMs(10000));
        QVERIFY(timedStop(station) < test::timeoutMs(5000));
    }

    void aJammedPushServerLeavesTheStationRecording()
    {
        // The demo pushes nowhere, so this station is a real one; the test records in its stead.
        QTcpServer jammed; // the kernel accepts; nobody ever sends MySQL's greeting
        QVERIFY(jammed.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir dir;
        const QString data = dir.filePath(QStringLiteral("data"));
        QVERIFY(QDir().mkpath(data));
        QVERIFY(SecretStore(data, StationSettings::Secrets::File, false)
                    .write(QStringLiteral("push/central/password"), QStringLiteral("secret"))
                    .ok());
        {
            // Readings waiting to be pushed, so the pusher goes to the server at once.
            Recorder before(Station::storePathIn(data, false));
            QVERIFY(before.start().ok());
            test::recordOpcN3Readings(before, 5, QDateTime::currentMSecsSinceEpoch() - 60'000);
            before.stop();
        }
        const Settings settings = settingsFrom(
            QStringLiteral("station:\n  secrets: file\nrecorder:\n  flush_interval_ms: 100\n"
                           "push:\n  house: 12 Station Road\n  servers:\n    central:\n"
                           "      host: 127.0.0.1\n      port: %1\n      database: cogent\n      user: push\n"
                           "      timeout_secs: 60\n")
                .arg(jammed.serverPort())
                .toUtf8());
        Station station(settings, {false, data, false});
        QVERIFY(station.start().ok());
        QVERIFY(station.pusher());
        QVERIFY(jammed.waitForNewConnection(test::timeoutMs(10000)));
        QTest::qWait(300); // the MySQL client now waits for the greeting

        // A new node and its readings go in while the far end holds the pusher.
        const qint64 stored = count(station, QStringLiteral("SELECT COUNT(*) FROM readings"));
        test::recordOpcN3Readings(*station.recorder(), 5, QDateTime::currentMSecsSinceEpoch(),
                                  QStringLiteral("2"));
        QVERIFY(station.recorder()->flush().ok());
        QCOMPARE(count(station, QStringLiteral("SELECT COUNT(*) FROM readings")), stored + 5 * 44);
        const PushStatus jammedStatus = station.pusher()->statuses().value(0);
        QVERIFY2(!jammedStatus.ok && jammedStatus.lastError.isEmpty(), // no pass ended: still held
                 qPrintable(jammedStatus.lastError));
        QVERIFY(timedStop(station) < test::timeoutMs(5000));
    }
};

QTEST_GUILESS_MAIN(TestStationFaults)
#include "tst_station_faults.moc"
