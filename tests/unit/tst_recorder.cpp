// The Recorder: batching, ordering, latency, back-pressure, and nothing lost on a clean stop.
#include "TestSupport.h"
#include "store/Recorder.h"
#include "store/Schema.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <thread>

using namespace fs;

namespace {

NodeSpec testNode(const QString& key = QStringLiteral("test:1"))
{
    return {key,
            QStringLiteral("test"),
            QStringLiteral("Test node"),
            {{QStringLiteral("a"), QStringLiteral("pm1"), QStringLiteral("A"), QStringLiteral("u")},
             {QStringLiteral("b"), QStringLiteral("pm10"), QStringLiteral("B"), QStringLiteral("u")}},
            QString()};
}

std::unique_ptr<Store> openStore(const QString& path)
{
    auto s = Store::open(path);
    if (!s)
        qFatal("%s", qPrintable(s.error()));
    return std::move(s).value();
}

} // namespace

class TestRecorder : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const char* name) { return m_dir.filePath(QString::fromLatin1(name)); }

private Q_SLOTS:
    void freshStoreIsMigratedAndInWal()
    {
        auto store = openStore(path("fresh.db"));
        QCOMPARE(store->schemaVersion(), schema::currentVersion());
        QSqlQuery q(store->db());
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        QVERIFY(q.exec(QStringLiteral("PRAGMA synchronous")) && q.next());
        QCOMPARE(q.value(0).toInt(), 2); // FULL
        QVERIFY(q.exec(QStringLiteral("PRAGMA page_size")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1024); // small pages: fewer bytes written per reading
        QVERIFY(q.exec(QStringLiteral("PRAGMA wal_autocheckpoint")) && q.next());
        QCOMPARE(q.value(0).toInt(), 10000);
        QCOMPARE(store->integrityCheck(), QStringLiteral("ok"));
    }

    void anOlderStoreKeepsItsPageSize()
    {
        const QString p = path("old-pages.db");
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old-pages"));
            db.setDatabaseName(p);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA page_size=4096")));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE early (a)")));
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("old-pages"));
        auto store = openStore(p);
        QSqlQuery q(store->db());
        QVERIFY(q.exec(QStringLiteral("PRAGMA page_size")) && q.next());
        QCOMPARE(q.value(0).toInt(), 4096);
        QCOMPARE(store->schemaVersion(), schema::currentVersion());
    }

    void registerNodeIsIdempotent()
    {
        Recorder rec(path("nodes.db"));
        QVERIFY(rec.start().ok());
        const auto a = rec.registerNode(testNode());
        QVERIFY2(a.ok(), qPrintable(a.error()));
        QCOMPARE(a->channels.size(), 2);
        const auto b = rec.registerNode(testNode());
        QCOMPARE(b->node, a->node);
        QCOMPARE(b->channels, a->channels);
        const auto c = rec.registerNode(testNode(QStringLiteral("test:2")));
        QVERIFY(c->node != a->node);
    }

    void batchesAreBoundedAndOrdered()
    {
        RecorderOptions o;
        o.maxBatch = 100;
        o.flushIntervalMs = 10000; // only the batch size triggers commits here
        Recorder rec(path("batch.db"), o);
        QVERIFY(rec.start().ok());
        const auto ids = rec.registerNode(testNode()).value();
        QSignalSpy spy(&rec, &Recorder::committed);
        std::vector<Sample> samples;
        for (int i = 0; i < 1000; ++i)
            samples.push_back({1000 + i, ids.channels[i % 2], double(i)});
        rec.submit(std::span<const Sample>(samples));
        QTRY_VERIFY_WITH_TIMEOUT(rec.committedCount() == 1000, test::timeoutMs(5000));
        for (const QList<QVariant>& args : spy)
            QVERIFY(args.at(1).toInt() <= 100);
        QVERIFY(spy.size() >= 10);
        rec.stop();
        auto store = openStore(path("batch.db"));
        const auto rows = store->readingsAfter(0, 2000).value();
        QCOMPARE(rows.size(), 1000);
        for (int i = 0; i < rows.size(); ++i) {
            QCOMPARE(rows[i].value, double(i));
            QCOMPARE(rows[i].timeMs, qint64(1000 + i));
            if (i)
                QVERIFY(rows[i].seq > rows[i - 1].seq);
        }
    }

    void aSampleWaitsAtMostTheFlushInterval()
    {
        RecorderOptions o;
        o.flushIntervalMs = 200;
        Recorder rec(path("latency.db"), o);
        QVERIFY(rec.start().ok());
        const auto ids = rec.registerNode(testNode()).value();
        QElapsedTimer t;
        t.start();
        rec.submit(Sample{1, ids.channels[0], 1.0});
        QTRY_COMPARE_WITH_TIMEOUT(rec.committedCount(), quint64(1), test::timeoutMs(3000));
        QVERIFY2(t.elapsed() >= 150, qPrintable(QString::number(t.elapsed())));
        QVERIFY2(t.elapsed() < test::timeoutMs(1500), qPrintable(QString::number(t.elapsed())));
    }

    void producersKeepTheirOwnOrder()
    {
        RecorderOptions o;
        o.maxBatch = 500;
        o.maxQueued = 2000;     // small, so producers also meet the back-pressure
        o.submitWaitMs = 60000; // only back-pressure here: a loaded machine's fsync may take seconds
        Recorder rec(path("threads.db"), o);
        QVERIFY(rec.start().ok());
        const auto ids = rec.registerNode(testNode()).value();
        constexpr int perThread = 20000;
        std::vector<std::thread> producers;
        for (int p = 0; p < 2; ++p) {
            producers.emplace_back([&, p] {
                for (int i = 0; i < perThread; ++i)
                    rec.submit(Sample{i, ids.channels[p], double(i)});
            });
        }
        for (auto& t : producers)
            t.join();
        QVERIFY(rec.flush().ok());
        QCOMPARE(rec.committedCount(), quint64(2 * perThread));
        QCOMPARE(rec.health().droppedBacklog, quint64(0));
        rec.stop();
        auto store = openStore(path("threads.db"));
        const auto rows = store->readingsAfter(0, 3 * perThread).value();
        QCOMPARE(rows.size(), 2 * perThread);
        double next[2] = {0, 0};
        for (const StoredReading& r : rows) {
            const int p = r.channel == ids.channels[0] ? 0 : 1;
            QCOMPARE(r.value, next[p]);
            next[p] += 1;
        }
    }

    void nothingIsLostOnACleanStop()
    {
        RecorderOptions o;
        o.flushIntervalMs = 10000;
        o.maxBatch = 100000; // nothing would be written before stop
        Recorder rec(path("stop.db"), o);
        QVERIFY(rec.start().ok());
        const auto ids = rec.registerNode(testNode()).value();
        for (int i = 0; i < 12345; ++i)
            rec.submit(Sample{i, ids.channels[0], double(i)});
        rec.submitState({ids.node, 5, QStringLiteral("ok"), QStringLiteral("fine")});
        QCOMPARE(rec.committedCount(), quint64(0));
        rec.stop();
        QCOMPARE(rec.committedCount(), quint64(12345));
        auto store = openStore(path("stop.db"));
        QCOMPARE(store->readingCount(), qint64(12345));
        QSqlQuery q(store->db());
        QVERIFY(q.exec(QStringLiteral("SELECT state, detail FROM node_states")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
        QCOMPARE(q.value(1).toString(), QStringLiteral("fine"));
    }

    void aJobSeesTheBatchQueuedBeforeIt()
    {
        // A job's turn commits one batch first, so a job after a few samples sees them.
        RecorderOptions o;
        o.flushIntervalMs = 10000;
        o.maxBatch = 20000;
        Recorder rec(path("jobs.db"), o);
        QVERIFY(rec.start().ok());
        const auto ids = rec.registerNode(testNode()).value();
        for (int i = 0; i < 10000; ++i)
            rec.submit(Sample{i, ids.channels[0], double(i)});
        qint64 seen = -1;
        QVERIFY(rec.run([&](Store& s) {
                       seen = s.readingCount();
                       return s.setCursor(QStringLiteral("test-sink"), seen);
                   })
                    .ok());
        QCOMPARE(seen, qint64(10000));
        QCOMPARE(rec.lastCommittedSeq(), qint64(10000));
    }

    void reopeningContinuesTheSequence()
    {
        const QString p = path("reopen.db");
        qint64 last = 0;
        {
            Recorder rec(p);
            QVERIFY(rec.start().ok());
            const auto ids = rec.registerNode(testNode()).value();
            rec.submit(Sample{1, ids.channels[0], 1});
            QVERIFY(rec.flush().ok());
            last = rec.lastCommittedSeq();
        }
        Recorder rec(p);
        QVERIFY(rec.start().ok());
        QCOMPARE(rec.lastCommittedSeq(), last);
        const auto ids = rec.registerNode(testNode()).value();
        rec.submit(Sample{2, ids.channels[0], 2});
        QVERIFY(rec.flush().ok());
        QCOMPARE(rec.lastCommittedSeq(), last + 1);
    }

    void sequenceNumbersAreNeverReused()
    {
        // A sink's cursor relies on seq growing even after the newest rows are deleted.
        const QString p = path("reuse.db");
        Recorder rec(p);
        QVERIFY(rec.start().ok());
        const auto ids = rec.registerNode(testNode()).value();
        for (int i = 0; i < 10; ++i)
            rec.submit(Sample{i, ids.channels[0], double(i)});
        QVERIFY(rec.flush().ok());
        QVERIFY(rec.run([](Store& s) {
                       QSqlQuery q(s.db());
                       return q.exec(QStringLiteral("DELETE FROM readings"))
                                  ? Status()
                                  : Status(Error{q.lastError().text()});
                   })
                    .ok());
        rec.submit(Sample{11, ids.channels[0], 11});
        QVERIFY(rec.flush().ok());
        QCOMPARE(rec.lastCommittedSeq(), qint64(11));
    }

    void unopenableStoreIsAnError()
    {
        Recorder rec(QStringLiteral("/proc/fieldstation-cannot-be-here/x.db"));
        const Status s = rec.start();
        QVERIFY(!s.ok());
        QVERIFY2(s.error().contains(QStringLiteral("/proc/fieldstation-cannot-be-here")),
                 qPrintable(s.error()));
        QVERIFY(!rec.isRunning());
    }

    void newerSchemaIsRefused()
    {
        const QString p = path("future.db");
        {
            auto store = openStore(p);
            QSqlQuery q(store->db());
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version=99")));
        }
        const auto s = Store::open(p);
        QVERIFY(!s.ok());
        QVERIFY2(s.error().contains(QStringLiteral("schema version 99 is newer")), qPrintable(s.error()));
    }
};

QTEST_GUILESS_MAIN(TestRecorder)
#include "tst_recorder.moc"
