// HistoryReader: a channel's time range from the store, min/max-decimated, read in a worker thread,
// per-minute aggregates for long spans (the charts over it: tst_chart_history).
#include "HistoryFixture.h"
#include "TestSupport.h"
#include "store/HistoryReader.h"
#include "store/MinuteAggregates.h"
#include "store/Recorder.h"
#include "store/Store.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace fs;
using namespace fs::test;

namespace {

Result<QList<QPointF>> readNow(const QString& path, const HistoryRequest& r)
{
    auto store = Store::open(path, Store::Mode::ReadOnly);
    if (!store)
        return Error{store.error()};
    return HistoryReader::read(*store.value(), r);
}

} // namespace

class TestHistory : public HistoryFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { open(); }
    void cleanup() { m_rec.reset(); }

    void decimatesToTheColumnsAskedForAndKeepsSpikes_data()
    {
        QTest::addColumn<int>("columns");
        QTest::newRow("100") << 100;
        QTest::newRow("800") << 800;
    }
    void decimatesToTheColumnsAskedForAndKeepsSpikes()
    {
        QFETCH(int, columns);
        record(*m_rec, m_a, t0, 20000);
        record(*m_rec, m_b, t0, 20000, 50); // another source's channel of the same key
        const auto p = readNow(
            m_path, {QStringLiteral("opc-a"), QStringLiteral("pm1"), t0, t0 + 20000 * 1000LL, columns});
        QVERIFY2(p.ok(), qPrintable(p.error()));
        QVERIFY2(p->size() <= 2 * columns + 2, qPrintable(QString::number(p->size())));
        QVERIFY(p->size() >= columns);
        double lo = 1e9, hi = -1e9;
        for (int i = 0; i < p->size(); ++i) {
            lo = std::min(lo, p->at(i).y());
            hi = std::max(hi, p->at(i).y());
            QVERIFY(p->at(i).y() < 50 || p->at(i).y() == 1000.0); // nothing of opc-b
            if (i)
                QVERIFY(p->at(i).x() > p->at(i - 1).x());
        }
        QCOMPARE(hi, 1000.0);
        QCOMPARE(lo, -500.0);
        QCOMPARE(qint64(p->first().x()), t0);
        QCOMPARE(qint64(p->last().x()), t0 + 19999 * 1000LL);
    }

    void readsOnlyTheTimeRange()
    {
        record(*m_rec, m_a, t0, 5000);
        const qint64 from = t0 + 1000 * 1000LL, to = t0 + 2000 * 1000LL;
        const auto p = readNow(m_path, {QStringLiteral("opc-a"), QStringLiteral("pm1"), from, to, 2000});
        QVERIFY2(p.ok(), qPrintable(p.error()));
        QCOMPARE(p->size(), 1001); // every reading: fewer than two a column
        QCOMPARE(qint64(p->first().x()), from);
        QCOMPARE(qint64(p->last().x()), to);
        const auto none = readNow(m_path, {QStringLiteral("opc-zz"), QStringLiteral("pm1"), from, to, 100});
        QVERIFY(none.ok());
        QVERIFY(none->isEmpty());
    }

    void aNodeOfANetworkIsReadAlone()
    {
        // Two nodes of one source with the same channel key (ISEMS): without a node both count, with
        // one only its readings come back.
        const NodeSpec second{
            QStringLiteral("opcn3:opc-a-2"),
            QStringLiteral("opcn3"),
            QStringLiteral("second"),
            {{QStringLiteral("pm1"), QStringLiteral("pm1"), QStringLiteral("PM1"), QStringLiteral("µg/m³")}},
            QStringLiteral("opc-a")};
        const ChannelId other = m_rec->registerNode(second)->channels.first();
        record(*m_rec, m_a, t0, 10);
        record(*m_rec, other, t0 + 500, 10, 100);
        HistoryRequest r{QStringLiteral("opc-a"), QStringLiteral("pm1"), t0, t0 + 20000, 400};
        QCOMPARE(readNow(m_path, r)->size(), 20);
        r.nodeKey = QStringLiteral("opcn3:opc-a-2");
        const auto p = readNow(m_path, r);
        QVERIFY2(p.ok(), qPrintable(p.error()));
        QCOMPARE(p->size(), 10);
        QCOMPARE(qint64(p->first().x()), t0 + 500);
        r.nodeKey = QStringLiteral("opcn3:opc-a");
        QCOMPARE(readNow(m_path, r)->first().x(), double(t0));
        QCOMPARE(readNow(m_path, r)->size(), 10);
    }

    void longSpansUseMinuteAggregatesWhereTheyExist()
    {
        // Ten hours ago to now: the first eight hours only as minutes (raw readings deleted by
        // retention), the last two as raw readings.
        const qint64 end = t0 + 10 * 3600 * 1000LL;
        const qint64 rawFrom = end - 2 * 3600 * 1000LL;
        record(*m_rec, m_a, rawFrom, 7200);
        const auto request = HistoryRequest{QStringLiteral("opc-a"), QStringLiteral("pm1"), t0, end, 300};
        auto before = readNow(m_path, request);
        QVERIFY(before.ok());
        QCOMPARE(qint64(before->first().x()), rawFrom); // no table yet: raw rows only
        QVERIFY(m_rec
                    ->run([&](Store& s) {
                        QSqlQuery q(s.db());
                        if (!q.exec(QStringLiteral(
                                "CREATE TABLE IF NOT EXISTS minute_aggregates (channel_id INTEGER, "
                                "minute_ms INTEGER, n INTEGER, min REAL, mean REAL, max REAL)")))
                            return Status(Error{QStringLiteral("create")});
                        q.prepare(QStringLiteral("INSERT INTO minute_aggregates VALUES (?, ?, 60, ?, 5, ?)"));
                        for (qint64 m = t0; m < rawFrom; m += 60000) {
                            q.addBindValue(m_a);
                            q.addBindValue(m);
                            q.addBindValue(m == t0 + 3600000 ? -77.0 : 1.0);
                            q.addBindValue(m == t0 + 7200000 ? 777.0 : 9.0);
                            if (!q.exec())
                                return Status(Error{QStringLiteral("insert")});
                        }
                        return Status();
                    })
                    .ok());
        const auto p = readNow(m_path, request);
        QVERIFY2(p.ok(), qPrintable(p.error()));
        QVERIFY(p->size() <= 2 * 300 + 2);
        QCOMPARE(qint64(p->first().x()), t0);
        double lo = 1e9, hi = -1e9;
        for (const QPointF& pt : *p) {
            lo = std::min(lo, pt.y());
            hi = std::max(hi, pt.y());
        }
        QCOMPARE(lo, -500.0); // the raw spikes after the minutes
        QCOMPARE(hi, 1000.0);
        // and a minute's min and max survive decimation
        QVERIFY(std::any_of(p->begin(), p->end(), [](const QPointF& pt) { return pt.y() == -77.0; }));
        QVERIFY(std::any_of(p->begin(), p->end(), [](const QPointF& pt) { return pt.y() == 777.0; }));
        QVERIFY(std::all_of(p->begin(), p->end(), [&](const QPointF& pt) {
            return pt.x() < double(rawFrom) || pt.y() < 9 || pt.y() == 1000.0; // no minute over raw rows
        }));
        // A short span reads raw rows only, even with the table there.
        const auto shortSpan =
            readNow(m_path, {QStringLiteral("opc-a"), QStringLiteral("pm1"), t0, t0 + 3600 * 1000LL, 300});
        QVERIFY(shortSpan.ok());
        QVERIFY(shortSpan->isEmpty());
    }

    void aWeekReadsTheContinuouslyFoldedMinutes()
    {
        // Three hours of raw readings, folded as the station does every minute while they stay:
        // a 7-day span reads the minutes (one marked minute proves it) and still shows the spikes;
        // a 1-hour span reads the raw rows, and the open minutes after the fold come raw too.
        const qint64 end = t0 + 3 * 3600 * 1000LL;
        record(*m_rec, m_a, t0, 3 * 3600);
        const auto fold = m_rec->run([&](Store& s) {
            // From a fresh cut, not the migration's wall-clock minute.
            QSqlQuery q(s.db());
            if (!q.exec(QStringLiteral("UPDATE minute_folds SET folded_seq = 0, folded_to_ms = 0")))
                return Status(Error{q.lastError().text()});
            for (int i = 0; i < 100; ++i) {
                const auto more = MinuteAggregates::foldClosed(s.db(), end - 10 * 60'000);
                if (!more)
                    return Status(Error{more.error()});
                if (!more.value())
                    return Status();
            }
            return Status(Error{QStringLiteral("no end")});
        });
        QVERIFY2(fold.ok(), qPrintable(fold.error()));
        const qint64 marked = MinuteAggregates::minuteOf(t0 + 1800'000); // no spike in it
        QVERIFY(m_rec
                    ->run([&](Store& s) {
                        QSqlQuery q(s.db());
                        q.prepare(QStringLiteral("UPDATE chart_minutes SET max = 4242 WHERE minute_ms = ?"));
                        q.addBindValue(marked);
                        return q.exec() && q.numRowsAffected() == 1 ? Status()
                                                                    : Status(Error{QStringLiteral("mark")});
                    })
                    .ok());
        const auto week = readNow(
            m_path, {QStringLiteral("opc-a"), QStringLiteral("pm1"), end - 7 * 24 * 3600'000LL, end, 700});
        QVERIFY2(week.ok(), qPrintable(week.error()));
        QVERIFY(week->size() <= 2 * 700 + 2);
        const auto has = [](const QList<QPointF>& p, double v) {
            return std::any_of(p.begin(), p.end(), [v](const QPointF& pt) { return pt.y() == v; });
        };
        QVERIFY(has(week.value(), 4242.0));
        QVERIFY(has(week.value(), 1000.0));
        QVERIFY(has(week.value(), -500.0));
        QCOMPARE(qint64(week->last().x()), end - 1000); // the unfolded last minutes, raw
        const auto hour = readNow(m_path, {QStringLiteral("opc-a"), QStringLiteral("pm1"), marked - 1800'000,
                                           marked + 1800'000, 700});
        QVERIFY(hour.ok());
        QVERIFY(!hour->isEmpty());
        QVERIFY(!has(hour.value(), 4242.0));
    }

    void readsInItsOwnThread()
    {
        record(*m_rec, m_a, t0, 100);
        HistoryReader reader(m_path);
        QThread* ranIn = nullptr;
        QList<QPointF> got;
        quint64 gotTicket = 0;
        connect(
            &reader, &HistoryReader::loaded, this,
            [&](quint64 ticket, const HistoryRequest&, const QList<QPointF>& p, const QString& error) {
                QVERIFY2(error.isEmpty(), qPrintable(error));
                ranIn = QThread::currentThread();
                got = p;
                gotTicket = ticket;
            },
            Qt::DirectConnection);
        const quint64 ticket =
            reader.request({QStringLiteral("opc-a"), QStringLiteral("pm1"), t0, t0 + 100 * 1000LL, 400});
        QTRY_VERIFY_WITH_TIMEOUT(gotTicket == ticket, test::timeoutMs(5000));
        QVERIFY(ranIn && ranIn != QThread::currentThread());
        QCOMPARE(got.size(), 100);
    }
};

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"
