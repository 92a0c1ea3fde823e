// The eGauge poller and source against meters on loopback: a malformed answer stores nothing and
// the next poll works, a meter that never answers delays no other, a meter that stays offline is
// tried less often, a missing register is told once, node states follow the meter, a restart
// resumes from the last stored row without duplicates, and the Station runs a meter in its thread.
#include "EgaugeRig.h"
#include "Station.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace fs;
using namespace fs::test;

class TestEgaugePoller : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void malformedAnswerStoresNothingAndTheNextPollWorks()
    {
        TempStore store;
        Recorder& rec = store.rec;
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
        TempStore store;
        Recorder& rec = store.rec;
        test::CannedMeter silent({});
        EmulatedHouse house;
        // Both in this one thread: a poller that waits for an answer must not hold its thread.
        EgaugeSource::Options so = options(silent.url(), 300);
        // The window the other meter must keep polling in grows with the CI's slowness, like every bound.
        so.poller.timeoutMs = test::timeoutMs(3000);
        EgaugeSource a(QStringLiteral("silent"), so, &rec);
        EgaugeSource::Options bo = house.options();
        bo.poller.intervalMs = 300;
        EgaugeSource b(QStringLiteral("lively"), bo, &rec);
        QSignalSpy aFailed(&a.poller(), &EgaugePoller::failed);
        QSignalSpy bPolled(&b.poller(), &EgaugePoller::polled);
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("did not answer within \\d+ s")));
        const qint64 startedMs = QDateTime::currentMSecsSinceEpoch();
        a.start();
        b.start();
        QVERIFY(aFailed.wait(test::timeoutMs(10000)));
        // Within the time the silent meter was waited for, the other kept its 300 ms schedule and
        // stored the seconds as they came.
        QVERIFY2(bPolled.size() >= 4, qPrintable(QString::number(bPolled.size())));
        QCOMPARE(silent.requests().size(), 1);
        QCOMPARE(a.health(), Source::Health::Failing);
        QVERIFY2(a.healthDetail().contains(
                     QStringLiteral("did not answer within %1 s").arg(so.poller.timeoutMs / 1000)),
                 qPrintable(a.healthDetail()));
        QCOMPARE(b.health(), Source::Health::Ok);
        const auto lively = readings(rec, QStringLiteral("lively"), QStringLiteral("CT1_Power"));
        QVERIFY(lively.size() >= 340);
        QVERIFY2(lively.last().first >= startedMs / 1000 * 1000 + 2000,
                 qPrintable(QStringLiteral("newest %1, started %2").arg(lively.last().first).arg(startedMs)));
        QVERIFY(readings(rec, QStringLiteral("silent"), QStringLiteral("CT1_Power")).isEmpty());
        a.stop();
        b.stop();
    }

    void aMeterThatStaysOfflineIsTriedLessAndLessOften()
    {
        EmulatedHouse house;
        house.emulator->failNext(4, 503);
        EgaugeSource::Options o = house.options();
        o.poller.intervalMs = 150;
        EgaugeSource source(QStringLiteral("m"), o, nullptr);
        QSignalSpy failed(&source.poller(), &EgaugePoller::failed);
        QSignalSpy polled(&source.poller(), &EgaugePoller::polled);
        QList<qint64> at;
        connect(&source.poller(), &EgaugePoller::failed, this,
                [&at] { at << QDateTime::currentMSecsSinceEpoch(); });
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("HTTP 503")));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("HTTP 503")));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("HTTP 503")));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("HTTP 503")));
        source.start();
        QVERIFY(polled.wait(test::timeoutMs(10000)));
        source.stop();
        QCOMPARE(at.size(), 4);
        // 150, 300, 600 ms after each failure in a row (a timer never fires much early).
        for (int i = 1; i < at.size(); ++i)
            QVERIFY2(
                at[i] - at[i - 1] >= (150 << (i - 1)) * 9 / 10,
                qPrintable(QStringLiteral("try %1 came %2 ms after the last").arg(i).arg(at[i] - at[i - 1])));
        QVERIFY(failed.last().first().toString().contains(QStringLiteral("answered HTTP 503")));
        QCOMPARE(source.poller().consecutiveFailures(), 0);
    }

    void eachRegistersNodeTellsWhenTheMeterFailsAndRecovers()
    {
        TempStore store;
        EmulatedHouse house;
        EgaugeSource::Options o = house.options();
        o.poller.intervalMs = 100;
        EgaugeSource source(QStringLiteral("m"), o, &store.rec);
        QSignalSpy polled(&source.poller(), &EgaugePoller::polled);
        QSignalSpy failed(&source.poller(), &EgaugePoller::failed);
        source.start();
        QVERIFY(polled.wait(test::timeoutMs(5000)));
        house.emulator->failNext(1, 500);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("HTTP 500")));
        QVERIFY(failed.wait(test::timeoutMs(5000)));
        QCOMPARE(source.health(), Source::Health::Failing);
        polled.clear();
        QVERIFY(polled.wait(test::timeoutMs(5000)));
        QCOMPARE(source.health(), Source::Health::Ok);
        source.stop();
        QVERIFY(store.rec.flush().ok());
        auto db = Store::open(store.rec.storePath(), Store::Mode::ReadOnly);
        QSqlQuery q((*db)->db());
        q.prepare(
            QStringLiteral("SELECT s.state, s.detail FROM node_states s JOIN nodes n ON n.id = s.node_id "
                           "WHERE n.key = ? ORDER BY s.seq"));
        q.addBindValue(EgaugeSource::nodeKey(QStringLiteral("m"), QStringLiteral("L1_Voltage")));
        QVERIFY(q.exec());
        QStringList states;
        while (q.next())
            states << q.value(0).toString() + QLatin1Char(':') + q.value(1).toString();
        QCOMPARE(states.size(), 2);
        QVERIFY2(states[0].startsWith(QStringLiteral("unreachable:")) &&
                     states[0].contains(QStringLiteral("HTTP 500")),
                 qPrintable(states[0]));
        QCOMPARE(states[1], QStringLiteral("ok:"));
    }

    void aConfiguredRegisterTheMeterLacksIsToldOnce()
    {
        EmulatedHouse house;
        EgaugeSource::Options o =
            house.options({QStringLiteral("CT1_Power=W"), QStringLiteral("CT9_Power=W")});
        o.poller.intervalMs = 100;
        EgaugeSource source(QStringLiteral("m"), o, nullptr);
        QSignalSpy polled(&source.poller(), &EgaugePoller::polled);
        // One warning, however many polls.
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("the meter has no register CT9_Power")));
        source.start();
        QTRY_VERIFY_WITH_TIMEOUT(polled.size() >= 3, test::timeoutMs(10000));
        // The source still records what the meter has, and its health says what it lacks.
        QCOMPARE(source.health(), Source::Health::Ok);
        QVERIFY2(source.healthDetail().contains(QStringLiteral("no register CT9_Power")),
                 qPrintable(source.healthDetail()));
        source.stop();
        QCOMPARE(source.nodes().size(), 1);
        QVERIFY(source.samplesStored() >= 340);
    }

    void aRestartResumesFromTheLastStoredRowWithoutDuplicates()
    {
        TempStore store;
        Recorder& rec = store.rec;
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
        QVERIFY2(meter.requests()[1].contains(QStringLiteral("t=%1").arg(t - t % 60)),
                 qPrintable(meter.requests()[1]));
        const auto ct1 = readings(rec, QStringLiteral("m"), QStringLiteral("CT1_Power"));
        QCOMPARE(ct1.size(), 25); // t−4 … t+20, each second once
        for (int i = 0; i < ct1.size(); ++i) {
            QCOMPARE(ct1[i].first, (t - 4 + i) * 1000);
            QCOMPARE(ct1[i].second, 1000.0 + (t - 4 + i - 1) % 100000 % 7);
        }
    }

    void theStationRunsAMeterInAThreadOfItsOwn()
    {
        QTemporaryDir dir;
        EmulatedHouse house;
        const auto settings = Settings::parse(QStringLiteral("recorder:\n  flush_interval_ms: 100\n"
                                                             "sources:\n  - id: house\n    type: egauge\n"
                                                             "    url: %1\n    registers: [CT1_Power=W]\n")
                                                  .arg(house.emulator->baseUrl())
                                                  .toUtf8(),
                                              QStringLiteral("st.yaml"));
        QVERIFY2(settings.ok(), qPrintable(settings.error()));
        Station station(settings.value(), {false, dir.filePath(QStringLiteral("data")), false});
        QVERIFY(station.start().ok());
        QCOMPARE(station.sources().size(), 1);
        Source* source = station.sources().first().source;
        QVERIFY(source->thread() != thread());
        // The emulator answers in this thread while the source polls in its own.
        QTRY_COMPARE_WITH_TIMEOUT(source->health(), Source::Health::Ok, test::timeoutMs(10000));
        QTRY_COMPARE_WITH_TIMEOUT(
            readings(*station.recorder(), QStringLiteral("house"), QStringLiteral("CT1_Power")).size(), 340,
            test::timeoutMs(10000));
        QElapsedTimer stopping;
        stopping.start();
        station.stop();
        QVERIFY2(stopping.elapsed() < test::timeoutMs(5000), qPrintable(QString::number(stopping.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestEgaugePoller)
#include "tst_egauge_poller.moc"
