// The ISEMS poller against the node emulator over real HTTP, recording into a real store: a silent
// node delays no other, garbage is counted and named, overlapping logs and windows are stored once,
// also across a restart, and an ESP32 polled every 60 s loses no line.
#include "TestSupport.h"
#include "sim/IsemsNodeEmulator.h"
#include "sources/isems/IsemsIngest.h"
#include "sources/isems/IsemsPoller.h"
#include "store/Recorder.h"
#include "store/Store.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <memory>
#include <thread>

using namespace fs;
using namespace fs::isems;
using Node = IsemsNodeEmulator::Node;

namespace {

// 2026-06-21 10:00:00 UTC: the sun is up over Berlin.
constexpr qint64 kStart = 1782036000000LL;

struct Counts
{
    qint64 readings = 0;
    qint64 distinctTimes = 0;
};

/// Rows and distinct times of one channel of one node, after everything submitted is committed.
Counts batteryVoltageOf(Recorder& recorder, const QString& nodeId)
{
    Counts c;
    if (Status s = recorder.flush(); !s)
        qFatal("flush: %s", qPrintable(s.error()));
    recorder.run([&](Store& store) {
        QSqlQuery q(store.db());
        q.prepare(QStringLiteral("SELECT COUNT(*), COUNT(DISTINCT r.time_ms) FROM readings r "
                                 "JOIN channels c ON c.id = r.channel_id JOIN nodes n ON n.id = c.node_id "
                                 "WHERE n.key = ? AND c.key = 'batteryVoltage'"));
        q.addBindValue(QStringLiteral("isems:") + nodeId);
        q.exec();
        q.next();
        c.readings = q.value(0).toLongLong();
        c.distinctTimes = q.value(1).toLongLong();
        return Status();
    });
    return c;
}

QStringList statesOf(Recorder& recorder, const QString& nodeId)
{
    QStringList out;
    recorder.flush();
    recorder.run([&](Store& store) {
        QSqlQuery q(store.db());
        q.prepare(QStringLiteral("SELECT s.state FROM node_states s JOIN nodes n ON n.id = s.node_id "
                                 "WHERE n.key = ? ORDER BY s.seq"));
        q.addBindValue(QStringLiteral("isems:") + nodeId);
        q.exec();
        while (q.next())
            out.append(q.value(0).toString());
        return Status();
    });
    return out;
}

/// Lines a node produced at `step` s intervals from `fromMs` up to `toMs`.
qint64 linesBetween(qint64 fromMs, qint64 toMs, int stepS)
{
    const qint64 step = stepS * 1000LL;
    const qint64 first = (fromMs + step - 1) / step * step;
    return toMs < first ? 0 : (toMs / step * step - first) / step + 1;
}

/// A poller over a real store whose clock the test steps.
struct Rig
{
    explicit Rig(const QString& storePath) : recorder(storePath)
    {
        if (Status s = recorder.start(); !s)
            qFatal("recorder: %s", qPrintable(s.error()));
        ingest =
            std::make_unique<IsemsIngest>(QStringLiteral("isems"), &recorder, [this](const NodeSpec& spec) {
                return recorder.registerNode(spec);
            });
    }
    ~Rig()
    {
        poller.reset();
        recorder.stop();
    }

    void poll(const QList<QUrl>& urls, IsemsPoller::Options o)
    {
        poller = std::make_unique<IsemsPoller>(urls, o, ingest.get());
        spy = std::make_unique<QSignalSpy>(poller.get(), &IsemsPoller::polled);
        poller->start();
        waitFor(urls.size());
    }
    /// Waits until `n` more answers or failures have come in.
    void waitFor(int n)
    {
        answered += n;
        QTRY_VERIFY_WITH_TIMEOUT(spy->count() >= answered, test::timeoutMs(20000));
    }
    void pollAllAgain()
    {
        for (int i = 0; i < poller->status().size(); ++i)
            poller->pollNow(i);
        waitFor(poller->status().size());
    }

    Recorder recorder;
    std::unique_ptr<IsemsIngest> ingest;
    std::unique_ptr<IsemsPoller> poller;
    std::unique_ptr<QSignalSpy> spy;
    int answered = 0;
};

} // namespace

class TestIsemsPoller : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aDeadNodeBacksOffUpToTheLimit()
    {
        IsemsPoller::Options o;
        o.intervalMs = 60000;
        o.maxBackoffMs = 15 * 60000;
        QCOMPARE(IsemsPoller::nextDelayMs(o, 0), 60000);
        QCOMPARE(IsemsPoller::nextDelayMs(o, 1), 60000);
        QCOMPARE(IsemsPoller::nextDelayMs(o, 2), 120000);
        QCOMPARE(IsemsPoller::nextDelayMs(o, 4), 480000);
        QCOMPARE(IsemsPoller::nextDelayMs(o, 5), 900000);
        QCOMPARE(IsemsPoller::nextDelayMs(o, 1000), 900000);
        o.intervalMs = 3600000; // an interval above the limit is never shortened
        QCOMPARE(IsemsPoller::nextDelayMs(o, 3), 3600000);
    }

    void httpAndMqttThreadsIngestingOverlappingWindowsStoreEachLineOnce()
    {
        QTemporaryDir dir;
        Rig rig(dir.filePath(QStringLiteral("store.db")));
        IsemsNodeEmulator::Options eo;
        std::atomic<qint64> now{kStart};
        eo.clock = [&] { return now.load(); };
        IsemsNodeEmulator emulator(eo);
        // Both threads hand in the same 5-line windows of an ESP32, one step of 15 s apart.
        constexpr int kSteps = 200;
        QList<QByteArray> windows;
        for (int k = 0; k < kSteps; ++k)
            windows.append(emulator.logAt(Node::Esp32, kStart + k * 15000LL));
        const qint64 clock = kStart + kSteps * 15000LL;
        auto feed = [&] {
            for (const QByteArray& w : windows)
                rig.ingest->ingestText(w, clock);
        };
        std::thread http(feed), mqtt(feed);
        http.join();
        mqtt.join();
        const Counts esp = batteryVoltageOf(rig.recorder, QStringLiteral("ESP-Hof-Nord"));
        QCOMPARE(esp.readings, kSteps);
        QCOMPARE(esp.distinctTimes, esp.readings);
        QCOMPARE(rig.ingest->totals().stored, kSteps);
    }

    void aSilentNodeDelaysNoOtherAndGarbageIsNamed()
    {
        QTemporaryDir dir;
        IsemsNodeEmulator emulator({});
        QVERIFY(emulator.start().ok());
        Rig rig(dir.filePath(QStringLiteral("store.db")));
        IsemsPoller::Options o;
        o.intervalMs = 3600000; // only the first round matters here
        o.timeoutMs = 4000;
        rig.poller = std::make_unique<IsemsPoller>(emulator.urls(), o, rig.ingest.get());
        QSignalSpy polled(rig.poller.get(), &IsemsPoller::polled);
        rig.poller->start();

        // Three answers come in while the silent node still holds its connection open.
        QTRY_VERIFY_WITH_TIMEOUT(polled.count() >= 3, test::timeoutMs(20000));
        QList<int> order;
        for (const QList<QVariant>& args : polled)
            order.append(args.at(0).toInt());
        QVERIFY2(!order.mid(0, 3).contains(int(Node::Silent)), "the silent node answered before the others");
        QVERIFY(!rig.poller->status().at(int(Node::Silent)).polled);
        QVERIFY(batteryVoltageOf(rig.recorder, QStringLiteral("Solar-Dach-01")).readings > 0);
        QVERIFY(emulator.requests(Node::Silent) >= 1);

        const auto garbage = rig.poller->status().at(int(Node::Garbage));
        QVERIFY(garbage.polled);
        QVERIFY(!garbage.ok);
        QVERIFY2(garbage.problem.startsWith(QStringLiteral("garbage: ")), qPrintable(garbage.problem));
        QVERIFY(garbage.refused >= 1);
        // The ESP32 may serve its placeholder right after start: refused, but not garbage.
        const auto esp = rig.poller->status().at(int(Node::Esp32));
        QVERIFY(esp.ok);
        QCOMPARE(rig.ingest->totals().refused, garbage.refused + esp.refused);

        // Then the silent node gives up on its own timeout and is named in the summary.
        QTRY_VERIFY_WITH_TIMEOUT(polled.count() >= 4, test::timeoutMs(20000));
        const auto silent = rig.poller->status().at(int(Node::Silent));
        QVERIFY(!silent.ok);
        QCOMPARE(silent.problem, QStringLiteral("no answer within 4 s"));
        const QString summary = rig.poller->summary();
        QVERIFY2(summary.startsWith(QStringLiteral("2 of 4 nodes ok; failing: ")), qPrintable(summary));
        QVERIFY(summary.contains(emulator.url(Node::Silent).toString()));
        QVERIFY(summary.contains(emulator.url(Node::Garbage).toString()));
    }

    void anAnswerLargerThanAnyLogIsCutOff()
    {
        QTemporaryDir dir;
        IsemsNodeEmulator emulator({}); // its router log: an hour of lines, about 8 kB
        QVERIFY(emulator.start().ok());
        Rig rig(dir.filePath(QStringLiteral("store.db")));
        IsemsPoller::Options o;
        o.intervalMs = 3600000;
        o.maxAnswerBytes = 4096; // a misplaced URL (an image, a firmware file) is not read into memory
        rig.poll({emulator.url(Node::Router)}, o);
        const auto st = rig.poller->status().at(0);
        QVERIFY(!st.ok);
        QVERIFY2(st.problem.startsWith(QStringLiteral("garbage: answer larger than 4096 bytes")),
                 qPrintable(st.problem));
        QCOMPARE(rig.ingest->totals().stored, 0);
    }

    void overlappingLogsAreStoredOnceAndAnEsp32At60sLosesNothing()
    {
        QTemporaryDir dir;
        std::atomic<qint64> now{kStart};
        IsemsNodeEmulator::Options eo;
        eo.clock = [&] { return now.load(); };
        IsemsNodeEmulator emulator(eo);
        QVERIFY(emulator.start().ok());
        Rig rig(dir.filePath(QStringLiteral("store.db")));
        IsemsPoller::Options o;
        o.intervalMs = 3600000;
        o.clock = eo.clock;
        const QList<QUrl> urls = {emulator.url(Node::Router), emulator.url(Node::Esp32)};
        rig.poll(urls, o);
        qint64 expectedDuplicates = 0;
        for (int k = 1; k <= 30; ++k) {
            now += 60000; // the default schedule, in steps of the test's clock
            rig.pollAllAgain();
            // The router serves its whole log again: every line but the newest is known.
            expectedDuplicates += linesBetween(kStart - 3600000, now, 60) - 1;
        }
        const Counts router = batteryVoltageOf(rig.recorder, QStringLiteral("Solar-Dach-01"));
        const qint64 routerLines = linesBetween(kStart - 3600000, now, 60);
        QCOMPARE(router.readings, routerLines);
        QCOMPARE(router.distinctTimes, router.readings);
        const Counts esp = batteryVoltageOf(rig.recorder, QStringLiteral("ESP-Hof-Nord"));
        QCOMPARE(esp.readings, linesBetween(kStart, now, 15));
        QCOMPARE(esp.distinctTimes, esp.readings);
        QCOMPARE(rig.poller->status().at(0).duplicates, expectedDuplicates);
        QCOMPARE(rig.poller->status().at(0).stored, routerLines);
        QCOMPARE(rig.poller->status().at(1).stored, esp.readings);
        QCOMPARE(statesOf(rig.recorder, QStringLiteral("Solar-Dach-01")), QStringList{"reported"});
    }

    void aRestartStoresNoLineTwice()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("store.db"));
        std::atomic<qint64> now{kStart};
        IsemsNodeEmulator::Options eo;
        eo.clock = [&] { return now.load(); };
        IsemsNodeEmulator emulator(eo);
        QVERIFY(emulator.start().ok());
        IsemsPoller::Options o;
        o.intervalMs = 3600000;
        o.clock = eo.clock;
        const QList<QUrl> urls = {emulator.url(Node::Router), emulator.url(Node::Esp32)};
        {
            Rig first(path);
            first.poll(urls, o);
            now += 60000;
            first.pollAllAgain();
        }
        now += 45000; // down for 45 s: the ESP32 window still holds lines the first run stored
        Rig second(path);
        second.poll(urls, o);
        QVERIFY(second.ingest->totals().duplicates > 0);
        now += 60000;
        second.pollAllAgain();
        const Counts router = batteryVoltageOf(second.recorder, QStringLiteral("Solar-Dach-01"));
        QCOMPARE(router.readings, linesBetween(kStart - 3600000, now, 60));
        QCOMPARE(router.distinctTimes, router.readings);
        const Counts esp = batteryVoltageOf(second.recorder, QStringLiteral("ESP-Hof-Nord"));
        QCOMPARE(esp.readings, linesBetween(kStart, now, 15));
        QCOMPARE(esp.distinctTimes, esp.readings);
    }

    void aLineAheadOfTheClockDoesNotHideTheLinesAfterItAcrossARestart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("store.db"));
        IsemsNodeEmulator emulator({});
        const qint64 ahead = kStart + 12 * 3600000LL; // accepted: within a day of the station's clock
        QByteArray log;
        for (int i = 0; i < 3; ++i)
            log += emulator.lineAt(Node::Router, kStart + i * 60000LL) + '\n';
        log += emulator.lineAt(Node::Router, ahead) + '\n';
        {
            Rig first(path);
            QCOMPARE(first.ingest->ingestText(log, kStart + 180000).stored, 4);
        }
        // Down for a while; the clock is right again and the log has grown behind the odd line.
        for (int i = 3; i < 8; ++i)
            log += emulator.lineAt(Node::Router, kStart + i * 60000LL) + '\n';
        Rig second(path);
        const auto b = second.ingest->ingestText(log, kStart + 480000);
        QCOMPARE(b.duplicates, 4);
        QCOMPARE(b.stored, 5);
        QCOMPARE(batteryVoltageOf(second.recorder, QStringLiteral("Solar-Dach-01")).readings, 9);
    }

    void aNodeWhoseClockWasSetBackKeepsRecording()
    {
        QTemporaryDir dir;
        Rig rig(dir.filePath(QStringLiteral("store.db")));
        IsemsNodeEmulator emulator({});
        const qint64 nowMs = kStart + 86400000;
        // A day ahead (accepted: within the future limit), then the clock is corrected.
        QCOMPARE(rig.ingest->ingestText(emulator.lineAt(Node::Router, kStart + 3600000), nowMs).stored, 1);
        const auto later = rig.ingest->ingestText(emulator.lineAt(Node::Router, kStart) + '\n' +
                                                      emulator.lineAt(Node::Router, kStart + 60000),
                                                  nowMs);
        QCOMPARE(later.stored, 2);
        QCOMPARE(later.duplicates, 0);
        // Sent again (an overlapping window): nothing new.
        QCOMPARE(rig.ingest->ingestText(emulator.lineAt(Node::Router, kStart), nowMs).duplicates, 1);
        QCOMPARE(batteryVoltageOf(rig.recorder, QStringLiteral("Solar-Dach-01")).readings, 3);
    }

    void aClockSetBackBeyondTheRememberedLinesKeepsRecording()
    {
        QTemporaryDir dir;
        Rig rig(dir.filePath(QStringLiteral("store.db")));
        IsemsNodeEmulator emulator({});
        // More lines than the ingest remembers per node, one a minute (about six days).
        const int lines = IsemsIngest::kSeenPerNode + 10;
        QByteArray log;
        for (int i = 0; i < lines; ++i)
            log += emulator.lineAt(Node::Router, kStart + i * 60000LL) + '\n';
        const qint64 nowMs = kStart + lines * 60000LL;
        QCOMPARE(rig.ingest->ingestText(log, nowMs).stored, lines);
        // The whole log again: its oldest lines were forgotten, but they come before known ones.
        QCOMPARE(rig.ingest->ingestText(log, nowMs).duplicates, lines);
        // The node restarts with its clock a day behind its first line: new lines, not duplicates.
        const auto back = rig.ingest->ingestText(emulator.lineAt(Node::Router, kStart - 86400000) + '\n' +
                                                     emulator.lineAt(Node::Router, kStart - 86340000),
                                                 nowMs);
        QCOMPARE(back.duplicates, 0);
        QCOMPARE(back.stored, 2);
        // The newest lines, sent again, are still known.
        QCOMPARE(rig.ingest->ingestText(emulator.lineAt(Node::Router, nowMs - 60000), nowMs).duplicates, 1);
        QCOMPARE(batteryVoltageOf(rig.recorder, QStringLiteral("Solar-Dach-01")).readings, lines + 2);
    }

    void aNodeThatGoesAwayIsMarkedUnreachableAndReportedWhenBack()
    {
        QTemporaryDir dir;
        auto emulator = std::make_unique<IsemsNodeEmulator>(IsemsNodeEmulator::Options{});
        QVERIFY(emulator->start().ok());
        const QUrl url = emulator->url(Node::Router);
        Rig rig(dir.filePath(QStringLiteral("store.db")));
        IsemsPoller::Options o;
        o.intervalMs = 3600000;
        rig.poll({url}, o);
        QVERIFY(rig.poller->status().at(0).ok);
        emulator.reset(); // the port closes: connection refused
        rig.pollAllAgain();
        QVERIFY(!rig.poller->status().at(0).ok);
        QCOMPARE(statesOf(rig.recorder, QStringLiteral("Solar-Dach-01")),
                 (QStringList{"reported", "unreachable"}));
        rig.pollAllAgain(); // still away: no second state for the same failure
        QCOMPARE(statesOf(rig.recorder, QStringLiteral("Solar-Dach-01")).size(), 2);
        // Its next line (here over MQTT's door) reports it again, with the same details.
        IsemsNodeEmulator lines({});
        const qint64 t = QDateTime::currentMSecsSinceEpoch() + 60000;
        QCOMPARE(rig.ingest->ingestText(lines.lineAt(Node::Router, t), t).stored, 1);
        QCOMPARE(statesOf(rig.recorder, QStringLiteral("Solar-Dach-01")),
                 (QStringList{"reported", "unreachable", "reported"}));
    }
};

QTEST_GUILESS_MAIN(TestIsemsPoller)
#include "tst_isems_poller.moc"
