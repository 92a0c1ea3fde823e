// The eGauge poller and source against meters on loopback: a malformed answer stores nothing and
// the next poll works, a meter that never answers delays no other, a restart resumes from the last
// stored row without duplicates; and against the eGauge emulator: Digest auth, catch-up after a
// gap (seconds, then minutes for what the meter no longer holds in seconds), counters wrapping.
#include "CannedMeter.h"
#include "TestSupport.h"
#include "sources/egauge/EgaugeSource.h"
#include "store/Recorder.h"
#include "store/Store.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace fs;

namespace {

const QList<test::ShowColumn> kColumns = {{QStringLiteral("CT1_Power"), QStringLiteral("P")},
                                          {QStringLiteral("L1_Voltage"), QStringLiteral("V")},
                                          {QStringLiteral("Grid"), QStringLiteral("P")}};

/// Rows newest first for seconds [newestS − n + 1, newestS]: CT1 at 1000 + (s mod 7) W, L1 at 230 V.
QList<QList<qint64>> houseRows(qint64 newestS, int n)
{
    QList<QList<qint64>> rows;
    for (qint64 s = newestS; s > newestS - n; --s) {
        const qint64 k = s % 100000; // Σ_{j<k} (1000 + j mod 7)
        const qint64 ct1 = 1000 * k + 21 * (k / 7) + (k % 7) * (k % 7 - 1) / 2;
        rows.append({ct1, 230'000 * k, 5 * k});
    }
    return rows;
}

EgaugeSource::Options options(const QString& url, int intervalMs = 3600'000)
{
    EgaugeSource::Options o;
    o.name = QStringLiteral("House");
    o.registers = {{QStringLiteral("CT1_Power"), QStringLiteral("W")},
                   {QStringLiteral("L1_Voltage"), QStringLiteral("V")}};
    o.poller.url = QUrl(url);
    o.poller.intervalMs = intervalMs;
    o.poller.timeoutMs = 5000;
    return o;
}

/// (time_ms, value) of every reading of one register's node, oldest first.
QList<QPair<qint64, double>> readings(Recorder& rec, const QString& sourceId, const QString& reg)
{
    rec.flush();
    auto store = Store::open(rec.storePath(), Store::Mode::ReadOnly);
    QSqlQuery q((*store)->db());
    q.prepare(
        QStringLiteral("SELECT r.time_ms, r.value FROM readings r JOIN channels c ON c.id = r.channel_id "
                       "JOIN nodes n ON n.id = c.node_id WHERE n.key = ? ORDER BY r.time_ms"));
    q.addBindValue(EgaugeSource::nodeKey(sourceId, reg));
    QList<QPair<qint64, double>> out;
    if (!q.exec())
        qFatal("%s", qPrintable(q.lastError().text()));
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toDouble()});
    return out;
}

} // namespace

class TestEgaugePoller : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void malformedAnswerStoresNothingAndTheNextPollWorks()
    {
        QTemporaryDir dir;
        Recorder rec(dir.filePath(QStringLiteral("s.db")));
        QVERIFY(rec.start().ok());
        const qint64 t = QDateTime::currentSecsSinceEpoch() - 30;
        QByteArray bad = test::showXml(0x1234, kColumns, t, houseRows(t, 5));
        // The third row loses a cell: the whole answer is refused, its good rows too.
        const qsizetype third = bad.indexOf("<r>", bad.indexOf("<r>", bad.indexOf("<r>") + 1) + 1);
        bad.remove(bad.indexOf("<c>", third), bad.indexOf("</c>", third) + 4 - bad.indexOf("<c>", third));
        test::CannedMeter meter({bad, test::showXml(0x1234, kColumns, t + 2, houseRows(t + 2, 5))});
        EgaugeSource source(QStringLiteral("m"), options(meter.url(), 300), &rec);
        QSignalSpy failed(&source.poller(), &EgaugePoller::failed);
        QSignalSpy stored(&source, &EgaugeSource::stored);
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("data 1, row 3: 2 cells, expected 3")));
        source.start();
        QVERIFY(failed.wait(test::timeoutMs(5000)));
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("data 1, row 3")),
                 qPrintable(failed.first().first().toString()));
        QCOMPARE(source.health(), Source::Health::Failing);
        QVERIFY(source.healthDetail().contains(QStringLiteral("row 3")));
        QVERIFY(readings(rec, QStringLiteral("m"), QStringLiteral("CT1_Power")).isEmpty());
        QVERIFY(stored.isEmpty());

        QVERIFY(stored.wait(test::timeoutMs(5000)));
        QTRY_COMPARE_WITH_TIMEOUT(source.health(), Source::Health::Ok, test::timeoutMs(5000));
        source.stop();
        const auto ct1 = readings(rec, QStringLiteral("m"), QStringLiteral("CT1_Power"));
        QCOMPARE(ct1.size(), 4);
        QCOMPARE(ct1.last().first, (t + 2) * 1000);
        QCOMPARE(readings(rec, QStringLiteral("m"), QStringLiteral("L1_Voltage")).last().second, 230.0);
        QVERIFY(readings(rec, QStringLiteral("m"), QStringLiteral("Grid")).isEmpty()); // not configured
    }

    void aMeterThatNeverAnswersDelaysNoOther()
    {
        QTemporaryDir dir;
        Recorder rec(dir.filePath(QStringLiteral("s.db")));
        QVERIFY(rec.start().ok());
        test::CannedMeter silent({});
        const qint64 t = QDateTime::currentSecsSinceEpoch();
        test::CannedMeter lively({test::showXml(0x1, kColumns, t, houseRows(t, 5))});
        // Both in this one thread: a poller that waits for an answer must not hold its thread.
        EgaugeSource::Options so = options(silent.url(), 300);
        so.poller.timeoutMs = 3000;
        EgaugeSource a(QStringLiteral("silent"), so, &rec);
        EgaugeSource b(QStringLiteral("lively"), options(lively.url(), 300), &rec);
        QSignalSpy aFailed(&a.poller(), &EgaugePoller::failed);
        QSignalSpy bPolled(&b.poller(), &EgaugePoller::polled);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("did not answer within 3 s")));
        a.start();
        b.start();
        QVERIFY(aFailed.wait(test::timeoutMs(10000)));
        // Within the 3 s the silent meter was waited for, the other one kept its 300 ms schedule.
        QVERIFY2(bPolled.size() >= 4, qPrintable(QString::number(bPolled.size())));
        QVERIFY(silent.requests().size() == 1);
        QCOMPARE(a.health(), Source::Health::Failing);
        QVERIFY2(a.healthDetail().contains(QStringLiteral("did not answer within 3 s")),
                 qPrintable(a.healthDetail()));
        QCOMPARE(b.health(), Source::Health::Ok);
        QCOMPARE(readings(rec, QStringLiteral("lively"), QStringLiteral("CT1_Power")).size(), 4);
        a.stop();
        b.stop();
    }

    void aRestartResumesFromTheLastStoredRowWithoutDuplicates()
    {
        QTemporaryDir dir;
        Recorder rec(dir.filePath(QStringLiteral("s.db")));
        QVERIFY(rec.start().ok());
        const qint64 t = QDateTime::currentSecsSinceEpoch() - 60;
        {
            test::CannedMeter meter({test::showXml(0x1, kColumns, t, houseRows(t, 6))});
            EgaugeSource first(QStringLiteral("m"), options(meter.url()), &rec);
            QSignalSpy stored(&first, &EgaugeSource::stored);
            first.start();
            QVERIFY(stored.wait(test::timeoutMs(5000)));
            first.stop();
        }
        QCOMPARE(readings(rec, QStringLiteral("m"), QStringLiteral("CT1_Power")).size(), 5);
        // After the restart the meter has 20 s more; the answer overlaps what is stored.
        const QByteArray later = test::showXml(0x1, kColumns, t + 20, houseRows(t + 20, 30));
        test::CannedMeter meter({later, later});
        EgaugeSource second(QStringLiteral("m"), options(meter.url()), &rec);
        QSignalSpy stored(&second, &EgaugeSource::stored);
        second.start();
        QVERIFY(stored.wait(test::timeoutMs(5000)));
        second.stop();
        QCOMPARE(meter.requests().size(), 2);
        // The first answer tells the meter's registers; the second asks from the last stored row.
        QVERIFY2(meter.requests()[1].contains(QStringLiteral("t=%1").arg(t)),
                 qPrintable(meter.requests()[1]));
        const auto ct1 = readings(rec, QStringLiteral("m"), QStringLiteral("CT1_Power"));
        QCOMPARE(ct1.size(), 25); // t−4 … t+20, each second once
        for (int i = 0; i < ct1.size(); ++i) {
            QCOMPARE(ct1[i].first, (t - 4 + i) * 1000);
            QCOMPARE(ct1[i].second, 1000.0 + (t - 4 + i - 1) % 100000 % 7);
        }
    }
};

QTEST_GUILESS_MAIN(TestEgaugePoller)
#include "tst_egauge_poller.moc"
