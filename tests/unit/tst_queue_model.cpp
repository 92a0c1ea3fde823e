// UploadQueueModel over a real store of 5 000 batches: pages of 100 as the view scrolls, the filter,
// one batch's change as one row's dataChanged (never a reset), rows coming in and leaving by the
// filter, a page read before a change not undoing it, progress at most once a second per row, and
// the buttons' requests. QAbstractItemModelTester watches every test.
#include "TestSupport.h"
#include "sinks/gascloud/BatchPages.h"
#include "store/Store.h"
#include "views/UploadQueueModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>

using namespace fs;

namespace {

constexpr int kBatches = 5000;
constexpr int kOpen = 300; // the newest: still to upload (a long outage)

/// Batch n (1-based): every tenth rejected, the newest kOpen pending, the rest uploaded.
UploadBatch::State stateOf(int n)
{
    if (n > kBatches - kOpen)
        return UploadBatch::State::Pending;
    return n % 10 == 0 ? UploadBatch::State::Rejected : UploadBatch::State::Uploaded;
}

int expected(batches::Filter f)
{
    int n = 0;
    for (int i = 1; i <= kBatches; ++i)
        n += batches::matches(f, stateOf(i)) ? 1 : 0;
    return n;
}

/// Drives fetchMore as a scrolling view would, until the model has everything (bounded).
bool fetchAll(UploadQueueModel& m)
{
    for (int i = 0; i < kBatches / UploadQueueModel::kPageSize + 5; ++i) {
        if (!QTest::qWaitFor([&] { return !m.loading(); }, test::timeoutMs(5000)))
            return false;
        if (!m.canFetchMore({}))
            return true;
        m.fetchMore({});
    }
    return false;
}

QList<qint64> ids(const UploadQueueModel& m)
{
    QList<qint64> out;
    for (int r = 0; r < m.rowCount(); ++r)
        out << m.data(m.index(r), UploadQueueModel::NumberRole).toLongLong();
    return out;
}

} // namespace

class TestQueueModel : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<Store> m_store;

    UploadBatch batch(qint64 id)
    {
        auto b = batches::byId(*m_store, id);
        if (!b || !b->has_value())
            qFatal("batch %lld is not in the store", id);
        return **b;
    }
    /// What the uploader does on a change: record it, then tell the view (batchChanged).
    void change(UploadQueueModel& m, UploadBatch b)
    {
        QVERIFY(batches::save(*m_store, b).ok());
        m.applyBatch(b);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_path = m_dir.filePath(QStringLiteral("store.db"));
        auto opened = Store::open(m_path);
        QVERIFY2(opened, qPrintable(opened.error()));
        m_store = std::move(opened).value();
        QVERIFY(m_store->db().transaction());
        for (int n = 1; n <= kBatches; ++n) {
            auto id = batches::insertBuilding(*m_store, n * 100, 1'790'000'000'000 + n * 300'000LL);
            QVERIFY2(id, qPrintable(id.error()));
            QCOMPARE(id.value(), qint64(n));
            UploadBatch b = batch(n);
            b.sourceRef =
                QStringLiteral("a1b2c3d4e5f60718293a_%1_20260101000000").arg(n, 6, 10, QLatin1Char('0'));
            b.state = stateOf(n);
            b.rows = 300;
            b.zipSize = 20'000 + n;
            b.attempts = b.state == UploadBatch::State::Pending ? 3 : 1;
            QVERIFY(batches::save(*m_store, b).ok());
        }
        QVERIFY(m_store->db().commit());
    }

    void pagesGrowByFetchMoreNewestFirst()
    {
        UploadQueueModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QCOMPARE(m.rowCount(), 0);
        m.attach(nullptr, m_path, QStringLiteral("gascloud is switched off"));
        QVERIFY(!m.running());
        QVERIFY(!m.countsKnown()); // not read yet: the home tile must not take these zeros
        QTRY_COMPARE_WITH_TIMEOUT(m.rowCount(), UploadQueueModel::kPageSize, test::timeoutMs(5000));
        QVERIFY(m.countsKnown());
        QCOMPARE(m.pendingCount(), kOpen);
        QCOMPARE(m.rejectedCount(), expected(batches::Filter::Rejected));
        QCOMPARE(m.uploadedCount(), expected(batches::Filter::Uploaded));
        QCOMPARE(m.allCount(), kBatches);
        QCOMPARE(ids(m).first(), qint64(kBatches));
        QCOMPARE(ids(m).last(), qint64(kBatches - 99));
        QVERIFY(m.canFetchMore({}));
        QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
        m.fetchMore({});
        QTRY_COMPARE_WITH_TIMEOUT(m.rowCount(), 2 * UploadQueueModel::kPageSize, test::timeoutMs(5000));
        QCOMPARE(inserted.size(), 1); // one page, one insert
        QCOMPARE(inserted.first().at(1).toInt(), UploadQueueModel::kPageSize);
        QVERIFY(fetchAll(m));
        QCOMPARE(m.rowCount(), kBatches);
        const QList<qint64> all = ids(m);
        for (int r = 0; r < all.size(); ++r)
            QCOMPARE(all[r], qint64(kBatches - r)); // newest first, none twice, none missing
        QVERIFY(!m.canFetchMore({}));
        QCOMPARE(m.rowOf(1), kBatches - 1);
        QCOMPARE(m.data(m.index(0), UploadQueueModel::SizeRole).toLongLong(), qint64(20'000 + kBatches));
    }

    void filterShowsOnlyItsStates()
    {
        UploadQueueModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::Fatal);
        m.attach(nullptr, m_path, QString());
        QTRY_COMPARE_WITH_TIMEOUT(m.rowCount(), UploadQueueModel::kPageSize, test::timeoutMs(5000));
        QSignalSpy filterChanged(&m, &UploadQueueModel::filterChanged);
        for (const auto& [name, f] : {std::pair{"rejected", batches::Filter::Rejected},
                                      std::pair{"pending", batches::Filter::Pending},
                                      std::pair{"uploaded", batches::Filter::Uploaded}}) {
            m.setFilter(QLatin1String(name));
            QCOMPARE(m.filter(), QLatin1String(name));
            QVERIFY(fetchAll(m));
            QCOMPARE(m.rowCount(), expected(f));
            for (int r = 0; r < m.rowCount(); ++r)
                QVERIFY(batches::matches(
                    f, batchStateFromString(m.data(m.index(r), UploadQueueModel::StateRole).toString())));
        }
        QCOMPARE(filterChanged.size(), 3);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("no filter sent")));
        m.setFilter(QStringLiteral("sent"));
        QCOMPARE(m.filter(), QStringLiteral("uploaded"));
        QCOMPARE(filterChanged.size(), 3);
    }

    void aTransitionChangesOneRowInPlace()
    {
        UploadQueueModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::Fatal);
        m.attach(nullptr, m_path, QString());
        QTRY_COMPARE_WITH_TIMEOUT(m.rowCount(), UploadQueueModel::kPageSize, test::timeoutMs(5000));
        QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        QSignalSpy removed(&m, &QAbstractItemModel::rowsRemoved);
        const qint64 id = kBatches - 3;
        const int row = m.rowOf(id);
        QCOMPARE(row, 3);
        UploadBatch b = batch(id);
        b.state = UploadBatch::State::Requesting;
        b.attempts = 4;
        change(m, b);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), row);
        QCOMPARE(changed.first().at(1).toModelIndex().row(), row);
        const auto roles = changed.first().at(2).value<QList<int>>();
        QVERIFY(roles.contains(UploadQueueModel::StateRole));
        QVERIFY(roles.contains(UploadQueueModel::AttemptsRole));
        QVERIFY(!roles.contains(UploadQueueModel::RowsRole)); // only what changed
        QCOMPARE(m.data(m.index(row), UploadQueueModel::StateRole).toString(), QStringLiteral("requesting"));
        QCOMPARE(m.data(m.index(row), UploadQueueModel::AttemptsRole).toInt(), 4);
        QCOMPARE(m.pendingCount(), kOpen); // requesting is still open
        // Uploaded: under "all" the row stays and the counts move at once.
        b.state = UploadBatch::State::Uploaded;
        change(m, b);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(m.pendingCount(), kOpen - 1);
        QCOMPARE(m.uploadedCount(), expected(batches::Filter::Uploaded) + 1);
        QCOMPARE(removed.size(), 0);
        QCOMPARE(reset.size(), 0);
        // ... and the store agrees once the counts are read again.
        QSignalSpy summary(&m, &UploadQueueModel::summaryChanged);
        QVERIFY(summary.wait(test::timeoutMs(3000)));
        QCOMPARE(m.pendingCount(), kOpen - 1);
        b.state = UploadBatch::State::Pending; // leave the store as the other tests expect it
        QVERIFY(batches::save(*m_store, b).ok());
    }

    void batchesComeInAndLeaveByTheFilter()
    {
        UploadQueueModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::Fatal);
        m.attach(nullptr, m_path, QString());
        m.setFilter(QStringLiteral("pending"));
        QTRY_COMPARE_WITH_TIMEOUT(m.rowCount(), UploadQueueModel::kPageSize, test::timeoutMs(5000));
        QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&m, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
        // Uploaded: it leaves the pending list, and only it.
        UploadBatch b = batch(kBatches - 10);
        b.state = UploadBatch::State::Uploaded;
        change(m, b);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.first().at(1).toInt(), 10);
        QCOMPARE(m.rowCount(), UploadQueueModel::kPageSize - 1);
        QCOMPARE(m.rowOf(b.id), -1);
        QCOMPARE(m.rowOf(kBatches - 11), 10); // the map follows the rows below
        // A new batch is cut: it comes in at the top.
        auto id = batches::insertBuilding(*m_store, 999'999, 1'800'000'000'000);
        QVERIFY(id);
        UploadBatch fresh = batch(id.value());
        QCOMPARE(fresh.id, qint64(kBatches + 1));
        m.applyBatch(fresh); // building: shown nowhere
        QCOMPARE(inserted.size(), 0);
        fresh.state = UploadBatch::State::Pending;
        change(m, fresh);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 0);
        QCOMPARE(m.rowOf(fresh.id), 0);
        QCOMPARE(reset.size(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m.pendingCount(), kOpen, test::timeoutMs(3000)); // -1 +1, from the store
        // Rejected batches retried come back in at their place, not at the top.
        m.setFilter(QStringLiteral("rejected"));
        QTRY_COMPARE_WITH_TIMEOUT(m.rowCount(), UploadQueueModel::kPageSize, test::timeoutMs(5000));
        const qint64 rejectedId = m.data(m.index(5), UploadQueueModel::NumberRole).toLongLong();
        UploadBatch r = batch(rejectedId);
        r.state = UploadBatch::State::Pending;
        change(m, r);
        QCOMPARE(m.rowOf(rejectedId), -1);
        m.setFilter(QStringLiteral("pending"));
        QVERIFY(fetchAll(m));
        QCOMPARE(m.rowOf(rejectedId), m.rowCount() - 1); // older than every other pending batch
        // Put the store back.
        for (UploadBatch x : {b, r}) {
            x.state = stateOf(int(x.id));
            QVERIFY(batches::save(*m_store, x).ok());
        }
        QVERIFY(batches::remove(*m_store, fresh.id).ok());
    }

    void aPageReadBeforeAChangeDoesNotUndoIt()
    {
        UploadQueueModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::Fatal);
        m.attach(nullptr, m_path, QString());
        QTRY_COMPARE_WITH_TIMEOUT(m.rowCount(), UploadQueueModel::kPageSize, test::timeoutMs(5000));
        // The change is heard before its page arrives, and the store (as the page reads it) still has
        // the old state: a commit the reader's read began before.
        UploadBatch b = batch(42);
        QCOMPARE(fs::toString(b.state), QStringLiteral("uploaded"));
        b.state = UploadBatch::State::Rejected;
        b.lastError = QStringLiteral("rejected by gascloud");
        m.applyBatch(b);
        QCOMPARE(m.rowOf(42), -1); // not loaded yet
        QVERIFY(fetchAll(m));
        const int row = m.rowOf(42);
        QVERIFY(row >= 0);
        QCOMPARE(m.data(m.index(row), UploadQueueModel::StateRole).toString(), QStringLiteral("rejected"));
        QCOMPARE(m.data(m.index(row), UploadQueueModel::ErrorRole).toString(), b.lastError);
    }

    void progressAtMostOnceASecondPerRow()
    {
        UploadQueueModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::Fatal);
        m.attach(nullptr, m_path, QString());
        QTRY_COMPARE_WITH_TIMEOUT(m.rowCount(), UploadQueueModel::kPageSize, test::timeoutMs(5000));
        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        const qint64 id = kBatches;
        const qint64 size = 20'000 + kBatches;
        for (int i = 1; i <= 50; ++i)
            m.setProgress(id, size * i / 100, size);
        QCOMPARE(changed.size(), 0); // not yet: coalesced
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, test::timeoutMs(3000));
        QCOMPARE(changed.first().at(2).value<QList<int>>(), QList<int>{UploadQueueModel::ProgressRole});
        QCOMPARE(m.data(m.index(0), UploadQueueModel::ProgressRole).toDouble(), 0.5);
        m.setProgress(id, size, size);
        QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, test::timeoutMs(3000));
        QCOMPARE(m.data(m.index(0), UploadQueueModel::ProgressRole).toDouble(), 1.0);
        m.setProgress(999'999, 1, 2); // a batch not loaded: nothing
        QTest::qWait(1100);
        QCOMPARE(changed.size(), 2);
    }

    void buttonsAskTheUploader()
    {
        UploadQueueModel m;
        QSignalSpy now(&m, &UploadQueueModel::uploadNowRequested);
        QSignalSpy retry(&m, &UploadQueueModel::retryRequested);
        m.uploadNow(17);
        m.retry(23);
        QCOMPARE(now.size(), 1);
        QCOMPARE(now.first().first().toLongLong(), qint64(17));
        QCOMPARE(retry.first().first().toLongLong(), qint64(23));
    }

    void givenRowsWithoutAStore()
    {
        UploadQueueModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::Fatal);
        UploadBatch done, waiting;
        done.id = 1;
        done.state = UploadBatch::State::Uploaded;
        waiting.id = 2;
        waiting.state = UploadBatch::State::Pending;
        m.setBatches({done, waiting});
        QCOMPARE(m.rowCount(), 2);
        QCOMPARE(m.rowOf(2), 0);
        QVERIFY(!m.canFetchMore({}));
        m.setFilter(QStringLiteral("pending"));
        QCOMPARE(m.rowCount(), 1);
        waiting.state = UploadBatch::State::Uploaded;
        m.applyBatch(waiting);
        QCOMPARE(m.rowCount(), 0);
        QCOMPARE(m.pendingCount(), 0);
        QCOMPARE(m.uploadedCount(), 2);
    }
};

QTEST_GUILESS_MAIN(TestQueueModel)
#include "tst_queue_model.moc"
