// The Recorder under bad samples, a refusing store, a full disk and a failing disk: it never jams,
// jobs get answers, and stop() keeps to its 5 s.
#include "PowerCutVfs.h"
#include "TestSupport.h"
#include "store/Recorder.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <future>
#include <limits>
#include <thread>

using namespace fs;
using Fault = test::PowerCutVfs::Fault;

namespace {

NodeSpec testNode(const QString& key = QStringLiteral("faults:1"))
{
    return {key,
            QStringLiteral("test"),
            QStringLiteral("Test node"),
            {{QStringLiteral("a"), QStringLiteral("T"), QStringLiteral("A"), QStringLiteral("deg.C")},
             {QStringLiteral("b"), QStringLiteral("RH"), QStringLiteral("B"), QStringLiteral("%")}},
            QString()};
}

Status exec(Store& s, const QString& sql)
{
    QSqlQuery q(s.db());
    return q.exec(sql) ? Status() : Status(Error{q.lastError().text()});
}

QList<double> storedValues(const QString& path)
{
    auto store = Store::open(path);
    if (!store)
        qFatal("%s", qPrintable(store.error()));
    QList<double> out;
    const QList<StoredReading> rows = (*store)->readingsAfter(0, 1000000).value();
    for (const StoredReading& r : rows)
        out.append(r.value);
    return out;
}

/// A job that holds the Recorder's writer thread until released, as a job stuck on a lock would.
class WriterHeldUp
{
public:
    explicit WriterHeldUp(Recorder& rec)
    {
        m_job = std::async(std::launch::async, [this, &rec] {
            return rec.run([this](Store&) {
                m_started.set_value();
                m_release.get_future().wait();
                return Status();
            });
        });
        m_started.get_future().wait();
    }
    ~WriterHeldUp()
    {
        if (m_job.valid())
            release();
    }
    Status release()
    {
        m_release.set_value();
        return m_job.get();
    }

private:
    std::promise<void> m_started, m_release;
    std::future<Status> m_job;
};

/// Options for a store behind the fault-injecting VFS, with retries quick enough for a test.
RecorderOptions faultyDisk()
{
    RecorderOptions o;
    o.vfs = QString::fromLatin1(test::PowerCutVfs::kName);
    o.flushIntervalMs = 20;
    o.retryDelayMs = 20;
    o.maxRetryDelayMs = 100;
    return o;
}

} // namespace

class TestRecorderFaults : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const char* name) { return m_dir.filePath(QString::fromLatin1(name)); }

private Q_SLOTS:
    void init() { test::PowerCutVfs::instance().restore(); }
    void cleanup() { test::PowerCutVfs::instance().restore(); }

    void nonFiniteValuesAreRefusedAtTheDoor()
    {
        Recorder rec(path("nan.db"));
        QVERIFY(rec.start().ok());
        const auto ids = rec.registerNode(testNode()).value();
        const ChannelId a = ids.channels[0], b = ids.channels[1];
        QSignalSpy health(&rec, &Recorder::healthChanged);
        constexpr double nan = std::numeric_limits<double>::quiet_NaN();
        constexpr double inf = std::numeric_limits<double>::infinity();
        const std::vector<Sample> batch = {{1, a, 1.0}, {1, b, nan},  {2, a, 2.0}, {2, b, inf},
                                           {3, a, 3.0}, {3, b, -inf}, {4, b, 4.0}, {5, a, nan}};
        rec.submit(std::span<const Sample>(batch));
        QVERIFY(rec.flush().ok());
        QCOMPARE(storedValues(path("nan.db")), (QList<double>{1.0, 2.0, 3.0, 4.0}));
        QCOMPARE(rec.refusedNonFinite(a), quint64(1));
        QCOMPARE(rec.refusedNonFinite(b), quint64(3));
        QCOMPARE(rec.health().refusedNonFinite, quint64(4));
        QCOMPARE(rec.refusedNonFiniteByChannel().value(b), quint64(3));
        QTRY_VERIFY_WITH_TIMEOUT(health.size() >= 1, test::timeoutMs(3000));
        // The pipeline carries on.
        rec.submit(Sample{6, a, 6.0});
        QVERIFY(rec.flush().ok());
        QCOMPARE(rec.committedCount(), quint64(5));
        QCOMPARE(rec.health().refusedByStore, quint64(0));
    }

    void aSampleTheStoreRefusesIsIsolated()
    {
        Recorder rec(path("refused.db"));
        QVERIFY(rec.start().ok());
        const auto ids = rec.registerNode(testNode()).value();
        QVERIFY(rec.run([](Store& s) {
                       return exec(s, QStringLiteral("CREATE TRIGGER refuse_magic BEFORE INSERT ON readings "
                                                     "WHEN NEW.value = -666 BEGIN "
                                                     "SELECT RAISE(ABORT, 'the magic value'); END"));
                   })
                    .ok());
        std::vector<Sample> batch;
        for (int i = 0; i < 1000; ++i)
            batch.push_back({i, ids.channels[0], (i == 300 || i == 301 || i == 777) ? -666.0 : double(i)});
        // A node state of a node that does not exist breaks a foreign key: refused on its own too.
        rec.submitState({ids.node + 1000, 1, QStringLiteral("ok"), QString()});
        rec.submitState({ids.node, 2, QStringLiteral("ok"), QStringLiteral("kept")});
        rec.submit(std::span<const Sample>(batch));
        QVERIFY(rec.flush().ok());
        QCOMPARE(rec.health().refusedByStore, quint64(3));
        QCOMPARE(rec.committedCount(), quint64(997));
        const QList<double> stored = storedValues(path("refused.db"));
        QCOMPARE(stored.size(), 997);
        QList<double> expected;
        for (int i = 0; i < 1000; ++i)
            if (i != 300 && i != 301 && i != 777)
                expected.append(i);
        QCOMPARE(stored, expected); // in order, nothing else lost
        QVERIFY(rec.health().lastError.isEmpty());
        QVERIFY(!rec.health().failing);
        QVERIFY(rec.run([&](Store& s) {
                       QSqlQuery q(s.db());
                       if (!q.exec(QStringLiteral("SELECT detail FROM node_states")) || !q.next() ||
                           q.value(0).toString() != QStringLiteral("kept") || q.next())
                           return Status(Error{QStringLiteral("node states not as expected")});
                       return Status();
                   })
                    .ok());
        rec.submit(Sample{2000, ids.channels[0], 2000.0});
        QVERIFY(rec.flush().ok());
        QCOMPARE(rec.committedCount(), quint64(998));
    }

    void aSampleRefusedOnlyAtCommitIsFoundByHalving()
    {
        // A deferred foreign key fails at COMMIT, where SQLite does not say which row is at fault.
        Recorder rec(path("deferred.db"));
        QVERIFY(rec.start().ok());
        const auto ids = rec.registerNode(testNode()).value();
        QVERIFY(
            rec.run([](Store& s) {
                   for (const char* sql :
                        {"CREATE TABLE parent (id INTEGER PRIMARY KEY)",
                         "CREATE TABLE audit (v INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)",
                         "CREATE TRIGGER audit_magic AFTER INSERT ON readings WHEN NEW.value = -777 "
                         "BEGIN INSERT INTO audit VALUES (12345); END"}) {
                       if (Status st = exec(s, QString::fromLatin1(sql)); !st)
                           return st;
                   }
                   return Status();
               })
                .ok());
        std::vector<Sample> batch;
        for (int i = 0; i < 1000; ++i)
            batch.push_back({i, ids.channels[1], i == 613 ? -777.0 : double(i)});
        QSignalSpy commits(&rec, &Recorder::committed);
        rec.submit(std::span<const Sample>(batch));
        QVERIFY(rec.flush().ok());
        QCOMPARE(rec.health().refusedByStore, quint64(1));
        QCOMPARE(rec.committedCount(), quint64(999));
        QList<double> expected;
        for (int i = 0; i < 1000; ++i)
            if (i != 613)
                expected.append(i);
        QCOMPARE(storedValues(path("deferred.db")), expected);
        // Halving: about one commit per level of the split, not one per sample.
        QVERIFY2(commits.size() <= 12, qPrintable(QString::number(commits.size())));
    }

    void aFullDiskKeepsTheNewestAndResumes()
    {
        auto& vfs = test::PowerCutVfs::instance();
        RecorderOptions o = faultyDisk();
        o.maxMemorySamples = 1000;
        Recorder rec(path("full.db"), o);
        QVERIFY(rec.start().ok());
        const auto ids = rec.registerNode(testNode()).value();
        for (int i = 0; i < 100; ++i)
            rec.submit(Sample{i, ids.channels[0], double(i)});
        QVERIFY(rec.flush().ok());

        vfs.setFault(Fault::DiskFull);
        QSignalSpy failed(&rec, &Recorder::writeFailed);
        std::vector<Sample> burst;
        for (int i = 1000; i < 4000; ++i)
            burst.push_back({i, ids.channels[0], double(i)});
        rec.submit(std::span<const Sample>(burst));
        QTRY_VERIFY_WITH_TIMEOUT(rec.health().diskFull, test::timeoutMs(3000));
        QVERIFY(rec.health().lastError.contains(QStringLiteral("full"), Qt::CaseInsensitive));
        QVERIFY(failed.size() >= 1);
        QCOMPARE(rec.health().droppedDiskFull, quint64(2000));
        // While full: a flush says so at once, jobs get their own answers, submit does not wait.
        QElapsedTimer t;
        t.start();
        const Status flushed = rec.flush();
        QVERIFY(!flushed.ok());
        QVERIFY2(flushed.error().contains(QStringLiteral("full"), Qt::CaseInsensitive),
                 qPrintable(flushed.error()));
        qint64 seen = -1;
        QVERIFY(rec.run([&](Store& s) {
                       seen = s.readingCount();
                       return Status();
                   })
                    .ok());
        QCOMPARE(seen, qint64(100));
        QVERIFY(!rec.run([](Store& s) { return s.setCursor(QStringLiteral("sink"), 1); }).ok());
        for (int i = 4000; i < 4500; ++i)
            rec.submit(Sample{i, ids.channels[0], double(i)});
        QVERIFY2(t.elapsed() < test::timeoutMs(1000), qPrintable(QString::number(t.elapsed())));
        QTRY_COMPARE_WITH_TIMEOUT(rec.health().droppedDiskFull, quint64(2500), test::timeoutMs(3000));

        vfs.setFault(Fault::None); // space is back
        QTRY_VERIFY_WITH_TIMEOUT(!rec.health().diskFull, test::timeoutMs(5000));
        QVERIFY(rec.flush().ok());
        QVERIFY(rec.health().lastError.isEmpty());
        rec.stop();
        QList<double> expected;
        for (int i = 0; i < 100; ++i)
            expected.append(i);
        for (int i = 3500; i < 4500; ++i) // the newest 1000
            expected.append(i);
        QCOMPARE(storedValues(path("full.db")), expected);
    }

    void stopKeepsToFiveSecondsWhileTheDiskIsFull_data()
    {
        QTest::addColumn<int>("fault");
        QTest::newRow("disk full") << int(Fault::DiskFull);
        QTest::newRow("I/O errors") << int(Fault::IoError);
    }
    void stopKeepsToFiveSecondsWhileTheDiskIsFull()
    {
        QFETCH(int, fault);
        auto& vfs = test::PowerCutVfs::instance();
        const QString p = path(fault == int(Fault::DiskFull) ? "stopfull.db" : "stopioerr.db");
        RecorderOptions o = faultyDisk();
        o.maxQueued = 1000;
        o.maxMemorySamples = 50000;
        auto rec = std::make_unique<Recorder>(p, o);
        QVERIFY(rec->start().ok());
        const auto ids = rec->registerNode(testNode()).value();
        rec->submit(Sample{1, ids.channels[0], 1.0});
        QVERIFY(rec->flush().ok());
        vfs.setFault(Fault(fault));
        // Producers never wait on a failing disk, however much they bring.
        QElapsedTimer t;
        t.start();
        for (int i = 2; i < 200000; ++i)
            rec->submit(Sample{i, ids.channels[0], double(i)});
        QVERIFY2(t.elapsed() < test::timeoutMs(3000), qPrintable(QString::number(t.elapsed())));
        QTRY_VERIFY_WITH_TIMEOUT(rec->health().failing, test::timeoutMs(3000));
        // A job still gets its answer at once: registering a new node writes, so it fails.
        t.restart();
        const auto again = rec->registerNode(testNode(QStringLiteral("faults:2")));
        QVERIFY(!again.ok());
        QVERIFY2(t.elapsed() < test::timeoutMs(2000), qPrintable(QString::number(t.elapsed())));
        t.restart();
        rec->stop();
        QVERIFY2(t.elapsed() < test::timeoutMs(5000), qPrintable(QString::number(t.elapsed())));
        const RecorderHealth h = rec->health();
        QVERIFY(h.droppedDiskFull + h.droppedBacklog > 0);
        rec.reset();
        vfs.restore();
        QCOMPARE(storedValues(p), QList<double>{1.0});
    }

    void submitWaitsBrieflyThenDropsTheOldest()
    {
        // A writer held up (here by a long job) slows producers down for at most submitWaitMs.
        RecorderOptions o;
        o.maxQueued = 1000;
        o.submitWaitMs = 100;
        o.flushIntervalMs = 10;
        Recorder rec(path("behind.db"), o);
        QVERIFY(rec.start().ok());
        const auto ids = rec.registerNode(testNode()).value();
        WriterHeldUp held(rec);
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < 1500; ++i)
            rec.submit(Sample{i, ids.channels[0], double(i)});
        const qint64 waited = t.elapsed();
        QVERIFY(held.release().ok());
        QVERIFY2(waited >= 90, qPrintable(QString::number(waited))); // it did wait, once
        QVERIFY2(waited < test::timeoutMs(2000), qPrintable(QString::number(waited)));
        QVERIFY(rec.flush().ok()); // the drops came before it: health() tells of them
        const RecorderHealth h = rec.health();
        QVERIFY(h.droppedBacklog > 0);
        QCOMPARE(h.droppedDiskFull, quint64(0));
        QCOMPARE(rec.committedCount() + h.droppedBacklog, quint64(1500));
        // The newest were kept.
        const QList<double> stored = storedValues(path("behind.db"));
        QVERIFY(!stored.isEmpty());
        QCOMPARE(stored.last(), 1499.0);
    }

    void aJobIsAnsweredWhileCommitsFail()
    {
        auto& vfs = test::PowerCutVfs::instance();
        Recorder rec(path("jobfail.db"), faultyDisk());
        QVERIFY(rec.start().ok());
        const auto ids = rec.registerNode(testNode()).value();
        vfs.setFault(Fault::IoError);
        for (int i = 0; i < 5000; ++i)
            rec.submit(Sample{i, ids.channels[0], double(i)});
        QTRY_VERIFY_WITH_TIMEOUT(rec.health().failing, test::timeoutMs(3000));
        // From another thread, as a sink would: each answer comes, none waits behind the queue.
        QElapsedTimer t;
        t.start();
        auto read = std::async(std::launch::async, [&] {
            return rec.run([](Store& s) {
                return s.cursor(QStringLiteral("sink")).ok() ? Status()
                                                             : Status(Error{QStringLiteral("read")});
            });
        });
        auto write = std::async(std::launch::async, [&] {
            return rec.run([](Store& s) { return s.setCursor(QStringLiteral("sink"), 5); });
        });
        QVERIFY(read.wait_for(std::chrono::milliseconds(test::timeoutMs(2000))) == std::future_status::ready);
        QVERIFY(write.wait_for(std::chrono::milliseconds(test::timeoutMs(2000))) ==
                std::future_status::ready);
        QVERIFY(read.get().ok());
        QVERIFY(!write.get().ok());
        QVERIFY(!rec.flush().ok());
        vfs.setFault(Fault::None);
        QTRY_VERIFY_WITH_TIMEOUT(!rec.health().failing, test::timeoutMs(5000));
        QVERIFY(rec.flush().ok());
        QCOMPARE(rec.committedCount(), quint64(5000));
    }

    void theAliveClockMovesUnlessAJobBlocksTheWriter()
    {
        auto& vfs = test::PowerCutVfs::instance();
        Recorder rec(path("alive.db"), faultyDisk());
        QVERIFY(rec.start().ok());
        const auto ids = rec.registerNode(testNode()).value();
        vfs.setFault(Fault::IoError);
        rec.submit(Sample{1, ids.channels[0], 1.0});
        // Failing commits still turn the loop: the watchdog keeps seeing it alive.
        const qint64 before = rec.lastAliveMs();
        QTRY_VERIFY_WITH_TIMEOUT(rec.lastAliveMs() >= before + 1000, test::timeoutMs(4000));
        // A job that blocks the writer stops the clock.
        WriterHeldUp held(rec);
        const qint64 frozen = rec.lastAliveMs();
        QTest::qWait(1500);
        QCOMPARE(rec.lastAliveMs(), frozen);
        QVERIFY(held.release().ok());
        QTRY_VERIFY_WITH_TIMEOUT(rec.lastAliveMs() > frozen, test::timeoutMs(3000));
    }
};

QTEST_GUILESS_MAIN(TestRecorderFaults)
#include "tst_recorder_faults.moc"
