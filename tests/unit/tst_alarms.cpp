// Health alarms: every rule raises just past its bound and not at it, clears when the cause goes,
// ignores NaN and missing values; the monitor keeps when an alarm began and logs it once.
#include "health/AlarmMonitor.h"
#include "sinks/CursorSink.h"
#include "sinks/gascloud/UploadBatch.h"

#include <QTest>
#include <cmath>
#include <limits>

using namespace fs;

Q_DECLARE_METATYPE(fs::HealthSnapshot)

namespace {

constexpr qint64 kT0 = 1'750'000'000'000; // any fixed UTC instant
const double kNaN = std::numeric_limits<double>::quiet_NaN();

/// "code@subject:severity" of every alarm, sorted, for compact comparisons.
QStringList names(const QList<Alarm>& alarms)
{
    QStringList out;
    for (const Alarm& a : alarms)
        out << a.identity() + QLatin1Char(':') + toString(a.severity);
    out.sort();
    return out;
}

HealthSnapshot opc(const char* type, double value)
{
    HealthSnapshot s;
    s.nodes.append({QStringLiteral("opcn3:1"), QStringLiteral("opc"), {{QString::fromLatin1(type), value}}});
    return s;
}

HealthSnapshot isemsBits(double bits)
{
    HealthSnapshot s;
    s.nodes.append(
        {QStringLiteral("isems:n1"), QStringLiteral("solar"), {{QStringLiteral("solar_status_bits"), bits}}});
    return s;
}

HealthSnapshot heartbeat(qint64 lastHeardMs, int intervalMs)
{
    HealthSnapshot s;
    s.heartbeats.append({QStringLiteral("house"), QStringLiteral("house"), QStringLiteral("eGauge"),
                         lastHeardMs, intervalMs});
    return s;
}

HealthSnapshot sink(bool failing, qint64 sinceMs)
{
    HealthSnapshot s;
    s.sinks.append({QStringLiteral("push/central"), failing, sinceMs, QStringLiteral("connection refused")});
    return s;
}

HealthSnapshot disk(qint64 freeMb, qint64 minFreeMb)
{
    HealthSnapshot s;
    s.disk.freeMb = freeMb;
    s.disk.minFreeMb = minFreeMb;
    return s;
}

NodeSpec opcNode()
{
    NodeSpec spec{QStringLiteral("opcn3:177"),
                  QStringLiteral("opcn3"),
                  QStringLiteral("OPC-N3"),
                  {},
                  QStringLiteral("opc")};
    spec.channels = {
        {QStringLiteral("pm2_5"), QStringLiteral("pm2_5"), QStringLiteral("PM2.5"), QString()},
        {QStringLiteral("fan_rev_count"), QStringLiteral("opc_fan_rev_count"), QString(), QString()}};
    return spec;
}

/// A monitor whose clock is a number the test moves.
struct FakeClockMonitor
{
    qint64 now = kT0;
    AlarmBook book;
    AlarmMonitor monitor{book};
    FakeClockMonitor()
    {
        monitor.setClock([this] { return now; });
    }
};

int g_raisedLogs = 0;
QtMessageHandler g_previous = nullptr;

void countRaises(QtMsgType type, const QMessageLogContext& ctx, const QString& msg)
{
    if (ctx.category && QByteArray(ctx.category) == "fs.health" && msg.startsWith(QLatin1String("alarm ")))
        ++g_raisedLogs;
    g_previous(type, ctx, msg);
}

} // namespace

class TestAlarms : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rules_data()
    {
        QTest::addColumn<HealthSnapshot>("snapshot");
        QTest::addColumn<qint64>("now");
        QTest::addColumn<QStringList>("expected");
        const QStringList none;
        const QString laser = QStringLiteral("opc_laser@opcn3:1:fail");
        QTest::newRow("laser at 100") << opc("opc_laser_status", 100) << kT0 << none;
        QTest::newRow("laser 99.9") << opc("opc_laser_status", 99.9) << kT0 << QStringList{laser};
        QTest::newRow("laser NaN") << opc("opc_laser_status", kNaN) << kT0 << none;
        QTest::newRow("fan 1") << opc("opc_fan_rev_count", 1) << kT0 << none;
        QTest::newRow("fan 0") << opc("opc_fan_rev_count", 0) << kT0
                               << QStringList{QStringLiteral("opc_fan@opcn3:1:fail")};
        QTest::newRow("fan NaN") << opc("opc_fan_rev_count", kNaN) << kT0 << none;
        QTest::newRow("reject 50") << opc("opc_reject_pct", 50) << kT0 << none;
        QTest::newRow("reject 50.1") << opc("opc_reject_pct", 50.1) << kT0
                                     << QStringList{QStringLiteral("opc_reject@opcn3:1:warn")};
        QTest::newRow("reject inf") << opc("opc_reject_pct", std::numeric_limits<double>::infinity()) << kT0
                                    << none;
        QTest::newRow("unwatched type") << opc("pm2_5", 0) << kT0 << none;
        QTest::newRow("isems healthy charging") << isemsBits(0x800 | 0x100) << kT0 << none;
        QTest::newRow("isems battery low")
            << isemsBits(0x80) << kT0 << QStringList{QStringLiteral("isems_battery_low@isems:n1:warn")};
        QTest::newRow("isems overheating")
            << isemsBits(0x08) << kT0 << QStringList{QStringLiteral("isems_overheating@isems:n1:fail")};
        QTest::newRow("isems no controller")
            << isemsBits(0x10) << kT0 << QStringList{QStringLiteral("isems_no_controller@isems:n1:fail")};
        QTest::newRow("isems all three") << isemsBits(0x80 | 0x10 | 0x08) << kT0
                                         << QStringList{QStringLiteral("isems_battery_low@isems:n1:warn"),
                                                        QStringLiteral("isems_no_controller@isems:n1:fail"),
                                                        QStringLiteral("isems_overheating@isems:n1:fail")};
        QTest::newRow("isems bits NaN") << isemsBits(kNaN) << kT0 << none;
        QTest::newRow("isems bits out of range") << isemsBits(-1) << kT0 << none;
        QTest::newRow("silent 3 intervals") << heartbeat(kT0, 10'000) << kT0 + 30'000 << none;
        QTest::newRow("silent 3 intervals + 1 ms")
            << heartbeat(kT0, 10'000) << kT0 + 30'001 << QStringList{QStringLiteral("silent@house:fail")};
        QTest::newRow("silent, interval unknown") << heartbeat(kT0, 0) << kT0 + 1'000'000 << none;
        QTest::newRow("never expected") << heartbeat(0, 10'000) << kT0 << none;
        HealthSnapshot starting = heartbeat(kT0, 10'000);
        starting.heartbeats[0].heard = false; // nothing yet: a minute of grace on top
        QTest::newRow("first sample, 3 intervals + grace") << starting << kT0 + 90'000 << none;
        QTest::newRow("first sample, 3 intervals + grace + 1 ms")
            << starting << kT0 + 90'001 << QStringList{QStringLiteral("silent@house:fail")};
        QTest::newRow("sink failing 1 h") << sink(true, kT0) << kT0 + 3'600'000 << none;
        QTest::newRow("sink failing 1 h + 1 ms")
            << sink(true, kT0) << kT0 + 3'600'001
            << QStringList{QStringLiteral("sink_failing@sink:push/central:warn")};
        QTest::newRow("sink ok") << sink(false, kT0) << kT0 + 9'000'000 << none;
        QTest::newRow("sink failing, since unknown") << sink(true, 0) << kT0 << none;
        QTest::newRow("disk 2x room") << disk(400, 200) << kT0 << none;
        QTest::newRow("disk under 2x")
            << disk(399, 200) << kT0 << QStringList{QStringLiteral("disk_low@store:warn")};
        QTest::newRow("disk at min") << disk(200, 200) << kT0
                                     << QStringList{QStringLiteral("disk_low@store:warn")};
        QTest::newRow("disk under min")
            << disk(199, 200) << kT0 << QStringList{QStringLiteral("disk_low@store:fail")};
        QTest::newRow("disk not measured") << disk(-1, 200) << kT0 << none;
        QTest::newRow("disk no minimum") << disk(0, 0) << kT0 << none;
    }

    void rules()
    {
        QFETCH(HealthSnapshot, snapshot);
        QFETCH(qint64, now);
        QFETCH(QStringList, expected);
        QCOMPARE(names(AlarmRules().evaluate(snapshot, now)), expected);
    }

    void silenceSinceIsWhenTheBoundPassed()
    {
        const QList<Alarm> a = AlarmRules().evaluate(heartbeat(kT0, 10'000), kT0 + 95'000);
        QCOMPARE(a.size(), 1);
        QCOMPARE(a[0].sinceMs, kT0 + 30'000);
        QCOMPARE(a[0].text, QStringLiteral("no data for 1 min"));
    }

    void bookKeepsTheFirstSinceAndOrdersBySeverity()
    {
        AlarmBook book;
        Alarm warn{QStringLiteral("disk_low"), Alarm::Severity::Warn, QStringLiteral("store"), {}, kT0,
                   QStringLiteral("a")};
        Alarm fail{QStringLiteral("opc_fan"),
                   Alarm::Severity::Fail,
                   QStringLiteral("opcn3:1"),
                   QStringLiteral("opc"),
                   kT0 + 5,
                   QStringLiteral("fan stopped")};
        AlarmBook::Change c = book.update({warn, fail});
        QCOMPARE(c.raised.size(), 2);
        QCOMPARE(book.snapshot().first().code, QStringLiteral("opc_fan")); // fail before warn
        Alarm later = warn;
        later.sinceMs = kT0 + 1000;
        c = book.update({later, fail});
        QVERIFY(!c.any());
        QCOMPARE(book.snapshot().last().sinceMs, kT0); // still the first
        later.severity = Alarm::Severity::Fail;        // got worse: raised again
        c = book.update({later});
        QCOMPARE(names(c.raised), QStringList{QStringLiteral("disk_low@store:fail")});
        QCOMPARE(names(c.cleared), QStringList{QStringLiteral("opc_fan@opcn3:1:fail")});
        QCOMPARE(book.stationAlarms().size(), 1);
        book.setNodeSource(QStringLiteral("egauge:house:grid"), QStringLiteral("house"));
        book.update({{QStringLiteral("silent"), Alarm::Severity::Fail, QStringLiteral("house"),
                      QStringLiteral("house"), kT0, QStringLiteral("no data")}});
        QCOMPARE(book.forNode(QStringLiteral("egauge:house:grid")).size(), 1); // its source's alarm
        QVERIFY(book.forNode(QStringLiteral("egauge:shed:grid")).isEmpty());
        QVERIFY(book.stationAlarms().isEmpty());
    }

    void monitorRaisesAndClearsOnceWithAFakeClock()
    {
        FakeClockMonitor rig;
        qint64& now = rig.now;
        AlarmBook& book = rig.book;
        AlarmMonitor& monitor = rig.monitor;
        monitor.onSourceInterval(QStringLiteral("opc"), QStringLiteral("opcn3"), QStringLiteral("OPC-N3"),
                                 1000);
        monitor.onNodeRegistered(opcNode(), NodeChannels{7, {70, 71}});
        monitor.onSamples({{now, 70, 5.0}, {now, 71, 420.0}});
        QVERIFY(!monitor.evaluate().any());
        monitor.onSamples({{now, 70, 5.0}, {now, 71, 0.0}}); // it turned, now it does not
        g_raisedLogs = 0;
        g_previous = qInstallMessageHandler(countRaises);
        AlarmBook::Change c = monitor.evaluate();
        c = monitor.evaluate(); // the same state: no second raise, no second log line
        QVERIFY(!c.any());
        qInstallMessageHandler(g_previous);
        QCOMPARE(g_raisedLogs, 1);
        QCOMPARE(names(book.snapshot()), QStringList{QStringLiteral("opc_fan@opcn3:177:fail")});

        now += 3000; // exactly three intervals: not silent yet
        monitor.onSamples({{now, 71, 120.0}, {now, 70, kNaN}});
        c = monitor.evaluate();
        QCOMPARE(names(c.cleared), QStringList{QStringLiteral("opc_fan@opcn3:177:fail")});
        QVERIFY(book.snapshot().isEmpty());
        now += 3000;
        QVERIFY(!monitor.evaluate().any());
        now += 1;
        c = monitor.evaluate();
        QCOMPARE(names(c.raised), QStringList{QStringLiteral("silent@opc:fail")});
        QCOMPARE(book.forNode(QStringLiteral("opcn3:177")).size(), 1);
        monitor.onSamples({{now, 70, 4.0}});
        QCOMPARE(names(monitor.evaluate().cleared), QStringList{QStringLiteral("silent@opc:fail")});
    }

    void aFanCountThatNeverTurnedIsNoAlarm()
    {
        // A real OPC-N3 whose firmware leaves the count at 0 while its fan runs (the protocol note's
        // sample): a minute of such readings, one NaN among them, and no "fan stopped".
        FakeClockMonitor rig;
        rig.monitor.onSourceInterval(QStringLiteral("opc"), QStringLiteral("opcn3"), QStringLiteral("OPC-N3"),
                                     1000);
        rig.monitor.onNodeRegistered(opcNode(), NodeChannels{7, {70, 71}});
        for (int s = 0; s < 60; ++s) {
            rig.now += 1000;
            rig.monitor.onSamples({{rig.now, 70, 5.0}, {rig.now, 71, s == 30 ? kNaN : 0.0}});
            QVERIFY2(!rig.monitor.evaluate().any(), qPrintable(names(rig.book.snapshot()).join(u' ')));
        }
        rig.monitor.onSamples({{rig.now, 71, 300.0}}); // now it reports turning …
        QVERIFY(!rig.monitor.evaluate().any());
        rig.monitor.onSamples({{rig.now, 71, 0.0}}); // … so a 0 is a stopped fan
        QCOMPARE(names(rig.monitor.evaluate().raised), QStringList{QStringLiteral("opc_fan@opcn3:177:fail")});
    }

    void aSourceThatNeverSentFallsSilentFromItsStart()
    {
        FakeClockMonitor rig;
        qint64& now = rig.now;
        AlarmMonitor& monitor = rig.monitor;
        monitor.onSourceInterval(QStringLiteral("house"), QStringLiteral("egauge"), QStringLiteral("House"),
                                 60'000);
        now += 180'000 + 60'000; // three intervals and the start's grace
        QVERIFY(!monitor.evaluate().any());
        now += 1;
        QCOMPARE(names(monitor.evaluate().raised), QStringList{QStringLiteral("silent@house:fail")});
    }

    void sinksFailForAnHourBeforeTheyAlarm()
    {
        FakeClockMonitor rig;
        qint64& now = rig.now;
        AlarmMonitor& monitor = rig.monitor;
        SinkStatus bad;
        bad.server = QStringLiteral("central");
        bad.lastError = QStringLiteral("connection refused");
        monitor.onSinkStatuses(QStringLiteral("push"), {bad}); // never succeeded: failing from now
        now += 3'600'000;
        monitor.onSinkStatuses(QStringLiteral("push"), {bad});
        QVERIFY(!monitor.evaluate().any());
        now += 1;
        QCOMPARE(names(monitor.evaluate().raised),
                 QStringList{QStringLiteral("sink_failing@sink:push/central:warn")});
        SinkStatus good = bad;
        good.ok = true;
        good.lastError.clear();
        good.lastSuccessMs = now;
        monitor.onSinkStatuses(QStringLiteral("push"), {good});
        QCOMPARE(monitor.evaluate().cleared.size(), 1);

        // gascloud: the oldest failing open batch, but not before the last good upload.
        UploadBatch uploaded;
        uploaded.state = UploadBatch::State::Uploaded;
        uploaded.updatedMs = now - 600'000;
        UploadBatch stuck;
        stuck.state = UploadBatch::State::Pending;
        stuck.attempts = 3;
        stuck.lastError = QStringLiteral("quarantine refused");
        stuck.createdMs = now - 7'200'000;
        monitor.onQueue({uploaded, stuck});
        QVERIFY(!monitor.evaluate().any()); // failing for 10 min only
        now += 3'000'001;
        QCOMPARE(names(monitor.evaluate().raised),
                 QStringList{QStringLiteral("sink_failing@sink:gascloud:warn")});
        stuck.state = UploadBatch::State::Uploaded;
        monitor.onQueue({uploaded, stuck});
        QCOMPARE(monitor.evaluate().cleared.size(), 1);
    }

    void storeWritesAndDisk()
    {
        AlarmBook book;
        AlarmMonitor monitor(book);
        monitor.onStoreWrite(true, QStringLiteral("database or disk is full"));
        QCOMPARE(names(monitor.evaluate().raised), QStringList{QStringLiteral("store_failing@store:fail")});
        monitor.onStoreWrite(false, {});
        QCOMPARE(monitor.evaluate().cleared.size(), 1);
        // followStore measures the real disk at once: no machine has a million TB free.
        QTemporaryDir dir;
        monitor.followStore(nullptr, dir.path(), 1'000'000'000'000);
        QCOMPARE(names(monitor.evaluate().raised), QStringList{QStringLiteral("disk_low@store:fail")});
        monitor.followStore(nullptr, dir.path(), 1); // and every test machine has 2 MB
        QCOMPARE(monitor.evaluate().cleared.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestAlarms)
#include "tst_alarms.moc"
