// The eGauge poller and source against meters on loopback: a malformed answer stores nothing and
// the next poll works, a meter that never answers delays no other, a restart resumes from the last
// stored row without duplicates; and against the eGauge emulator: Digest auth, catch-up after a
// gap (seconds, then minutes for what the meter no longer holds in seconds), counters wrapping.
#include "CannedMeter.h"
#include "Station.h"
#include "TestSupport.h"
#include "config/SecretStore.h"
#include "sim/EgaugeEmulator.h"
#include "sources/SourceTypes.h"
#include "sources/egauge/EgaugeSource.h"
#include "store/Recorder.h"
#include "store/Store.h"

#include <QDateTime>
#include <QElapsedTimer>
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

/// The emulator's rate over the interval that ends at `t` (its counters differenced, as the meter's
/// own average), in the type's unit.
double meterRate(const sim::HouseMeter& m, const QString& reg, qint64 t, qint64 spanS, double quantum)
{
    const int r = m.indexOf(reg);
    const qint64 d = qint64(quint64(m.counter(r, t)) - quint64(m.counter(r, t - spanS)));
    return double(d) * quantum / double(spanS);
}

/// A store of its own with a running Recorder.
struct TempStore
{
    QTemporaryDir dir;
    Recorder rec{dir.filePath(QStringLiteral("s.db"))};
    TempStore()
    {
        if (!rec.start().ok())
            qFatal("the recorder does not start");
    }
};

/// A meter that asks for Digest credentials: user "owner" and `password`.
sim::EgaugeEmulator::Options withDigest(const QString& password)
{
    sim::EgaugeEmulator::Options o;
    o.user = QStringLiteral("owner");
    o.password = password;
    return o;
}

/// An emulated meter and sources polling it with a clock `shiftS` seconds off the real one.
struct EmulatedHouse
{
    std::shared_ptr<std::atomic<qint64>> shift = std::make_shared<std::atomic<qint64>>(0);
    std::unique_ptr<sim::EgaugeEmulator> emulator;

    explicit EmulatedHouse(sim::EgaugeEmulator::Options o = {})
    {
        auto sh = shift;
        o.nowS = [sh] { return QDateTime::currentSecsSinceEpoch() + sh->load(); };
        emulator = std::make_unique<sim::EgaugeEmulator>(o);
        if (!emulator->listen())
            qFatal("emulator does not listen");
    }
    EgaugeSource::Options options(const QStringList& regs = {QStringLiteral("CT1_Power=W"),
                                                             QStringLiteral("L1_Voltage=V")}) const
    {
        EgaugeSource::Options o = ::options(emulator->baseUrl());
        o.registers.clear();
        for (const QString& r : regs)
            o.registers.append(EgaugeSettings::parseRegister(r).value());
        auto sh = shift;
        o.poller.clockMs = [sh] { return QDateTime::currentMSecsSinceEpoch() + sh->load() * 1000; };
        return o;
    }
};

} // namespace

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
        so.poller.timeoutMs = 3000;
        EgaugeSource a(QStringLiteral("silent"), so, &rec);
        EgaugeSource::Options bo = house.options();
        bo.poller.intervalMs = 300;
        EgaugeSource b(QStringLiteral("lively"), bo, &rec);
        QSignalSpy aFailed(&a.poller(), &EgaugePoller::failed);
        QSignalSpy bPolled(&b.poller(), &EgaugePoller::polled);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("did not answer within 3 s")));
        const qint64 startedMs = QDateTime::currentMSecsSinceEpoch();
        a.start();
        b.start();
        QVERIFY(aFailed.wait(test::timeoutMs(10000)));
        // Within the 3 s the silent meter was waited for, the other kept its 300 ms schedule and
        // stored the seconds as they came.
        QVERIFY2(bPolled.size() >= 4, qPrintable(QString::number(bPolled.size())));
        QCOMPARE(silent.requests().size(), 1);
        QCOMPARE(a.health(), Source::Health::Failing);
        QVERIFY2(a.healthDetail().contains(QStringLiteral("did not answer within 3 s")),
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

    void thePasswordComesFromTheSecretStore()
    {
        TempStore store;
        Recorder& rec = store.rec;
        const sim::EgaugeEmulator::Options eo = withDigest(QStringLiteral("from-the-store"));
        EmulatedHouse house(eo);
        const SecretStore secrets(store.dir.path(), StationSettings::Secrets::File, false);
        QVERIFY(secrets.write(QStringLiteral("egauge/house"), QStringLiteral("from-the-store")).ok());
        const auto settings = Settings::parse(QStringLiteral("sources:\n  - id: house\n    type: egauge\n"
                                                             "    url: %1\n    user: owner\n"
                                                             "    registers: [L1_Voltage=V]\n")
                                                  .arg(house.emulator->baseUrl())
                                                  .toUtf8(),
                                              QStringLiteral("h.yaml"));
        QVERIFY2(settings.ok(), qPrintable(settings.error()));
        auto made =
            findSourceType(QStringLiteral("egauge"))->create(settings->sources[0], {&rec, false, &secrets});
        QVERIFY2(made.ok(), qPrintable(made.error()));
        auto* source = static_cast<EgaugeSource*>(made.value().get());
        QSignalSpy stored(source, &EgaugeSource::stored);
        source->start();
        QVERIFY(stored.wait(test::timeoutMs(5000)));
        source->stop();
        QCOMPARE(readings(rec, QStringLiteral("house"), QStringLiteral("L1_Voltage")).size(), 340);
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

    void digestAuthWithAWrongPasswordFailsClearlyAndStoresNothing()
    {
        TempStore store;
        Recorder& rec = store.rec;
        const sim::EgaugeEmulator::Options eo = withDigest(QStringLiteral("s3cret"));
        EmulatedHouse house(eo);
        EgaugeSource::Options o = house.options();
        o.poller.user = QStringLiteral("owner");
        o.poller.password = QStringLiteral("guess");
        {
            EgaugeSource wrong(QStringLiteral("m"), o, &rec);
            QSignalSpy failed(&wrong.poller(), &EgaugePoller::failed);
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("refused user \"owner\"")));
            wrong.start();
            QVERIFY(failed.wait(test::timeoutMs(5000)));
            wrong.stop();
            QCOMPARE(wrong.health(), Source::Health::Stopped);
            QVERIFY2(failed.first().first().toString().contains(
                         QStringLiteral("refused user \"owner\": wrong password?")),
                     qPrintable(failed.first().first().toString()));
            QVERIFY(house.emulator->unauthorized() >= 1);
            QVERIFY(house.emulator->requests().isEmpty());
        }
        QVERIFY(readings(rec, QStringLiteral("m"), QStringLiteral("CT1_Power")).isEmpty());

        o.poller.password = QStringLiteral("s3cret");
        EgaugeSource right(QStringLiteral("m"), o, &rec);
        QSignalSpy stored(&right, &EgaugeSource::stored);
        right.start();
        QVERIFY(stored.wait(test::timeoutMs(5000)));
        QCOMPARE(right.health(), Source::Health::Ok);
        QVERIFY(right.deviceInfo().contains(QStringLiteral("0x4e842294")));
        right.stop();
        QCOMPARE(readings(rec, QStringLiteral("m"), QStringLiteral("CT1_Power")).size(), 340); // n=341 rows
    }

    void wrongPasswordShowsAsFailingHealth()
    {
        const sim::EgaugeEmulator::Options eo = withDigest(QStringLiteral("s3cret"));
        EmulatedHouse house(eo);
        EgaugeSource::Options o = house.options();
        o.poller.user = QStringLiteral("owner");
        o.poller.password = QStringLiteral("guess");
        EgaugeSource wrong(QStringLiteral("m"), o, nullptr);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("refused user")));
        wrong.start();
        QTRY_COMPARE_WITH_TIMEOUT(wrong.health(), Source::Health::Failing, test::timeoutMs(5000));
        QVERIFY2(wrong.healthDetail().contains(QStringLiteral("wrong password?")),
                 qPrintable(wrong.healthDetail()));
        QCOMPARE(wrong.samplesStored(), qint64(0));
        wrong.stop();
    }

    void aDayAwayComesBackInMinutesThenSeconds()
    {
        TempStore store;
        Recorder& rec = store.rec;
        sim::EgaugeEmulator::Options eo;
        eo.storage.secondsKept = 600; // an EG30xx: ten minutes of seconds
        EmulatedHouse house(eo);
        // Yesterday: a first run stores the last 341 s.
        house.shift->store(-86400);
        {
            EgaugeSource first(QStringLiteral("m"), house.options(), &rec);
            QSignalSpy polled(&first.poller(), &EgaugePoller::polled);
            first.start();
            QVERIFY(polled.wait(test::timeoutMs(5000)));
            first.stop();
        }
        const auto before = readings(rec, QStringLiteral("m"), QStringLiteral("CT1_Power"));
        QCOMPARE(before.size(), 340);
        const qint64 lastS = before.last().first / 1000;

        // Today: a new run catches up from the stored row.
        house.shift->store(0);
        EgaugeSource second(QStringLiteral("m"), house.options(), &rec);
        QSignalSpy polled(&second.poller(), &EgaugePoller::polled);
        second.start();
        QVERIFY(polled.wait(test::timeoutMs(20000)));
        second.stop();
        const qint64 nowS = QDateTime::currentSecsSinceEpoch();
        QVERIFY2(house.emulator->requests().size() <= 8, qPrintable(house.emulator->requests().join(u'\n')));
        const auto all = readings(rec, QStringLiteral("m"), QStringLiteral("CT1_Power"));
        QVERIFY(all.size() > before.size());
        QVERIFY(all[before.size()].first / 1000 > lastS);
        int minutes = 0, seconds = 0;
        for (int i = before.size(); i < all.size(); ++i) {
            const qint64 t = all[i].first / 1000;
            const qint64 step = t - all[i - 1].first / 1000;
            QVERIFY2(step > 0, "no reading twice");
            if (t < nowS - 700) {
                // Older than the meter's seconds: minute rows, each the average over its minute.
                QCOMPARE(t % 60, 0);
                if (i > before.size()) { // the first joins the stored row over part of a minute
                    QCOMPARE(step, 60);
                    QVERIFY(qAbs(all[i].second - meterRate(house.emulator->meter(),
                                                           QStringLiteral("CT1_Power"), t, 60, 1)) < 1e-6);
                }
                ++minutes;
            } else if (t > nowS - 500 && t <= nowS - 20) {
                QCOMPARE(step, 1); // every second the meter still holds
                QVERIFY(qAbs(all[i].second - meterRate(house.emulator->meter(), QStringLiteral("CT1_Power"),
                                                       t, 1, 1)) < 1e-6);
                ++seconds;
            }
        }
        QVERIFY2(minutes >= 1440 - 14 && minutes <= 1440, qPrintable(QString::number(minutes)));
        QVERIFY2(seconds >= 470, qPrintable(QString::number(seconds)));
        // Voltage in V (mV·s counters × 0.001), a plausible mains value.
        const auto volts = readings(rec, QStringLiteral("m"), QStringLiteral("L1_Voltage"));
        QCOMPARE(volts.size(), all.size());
        QVERIFY2(volts.last().second > 200 && volts.last().second < 260,
                 qPrintable(QString::number(volts.last().second)));
    }

    void countersWrappingPast2To63GiveTheRightRates()
    {
        TempStore store;
        Recorder& rec = store.rec;
        sim::EgaugeEmulator::Options eo;
        eo.meter.wrapAtS = QDateTime::currentSecsSinceEpoch() - 100; // inside the first answer
        EmulatedHouse house(eo);
        EgaugeSource source(QStringLiteral("m"), house.options(), &rec);
        QSignalSpy stored(&source, &EgaugeSource::stored);
        source.start();
        QVERIFY(stored.wait(test::timeoutMs(5000)));
        source.stop();
        const sim::HouseMeter& m = house.emulator->meter();
        const int ct1 = m.indexOf(u"CT1_Power");
        const qint64 wrap = *eo.meter.wrapAtS;
        QVERIFY2(m.counter(ct1, wrap - 1) > m.counter(ct1, wrap + 1), "the emulated counter does wrap");
        const auto power = readings(rec, QStringLiteral("m"), QStringLiteral("CT1_Power"));
        const auto volts = readings(rec, QStringLiteral("m"), QStringLiteral("L1_Voltage"));
        QCOMPARE(power.size(), 340);
        bool acrossTheWrap = false;
        for (int i = 0; i < power.size(); ++i) {
            const qint64 t = power[i].first / 1000;
            acrossTheWrap |= t == wrap || t == wrap + 1;
            QVERIFY2(qAbs(power[i].second - m.rate(ct1, double(t) - 0.5)) < 50,
                     qPrintable(QStringLiteral("%1 W at %2").arg(power[i].second).arg(t)));
            QVERIFY(qAbs(power[i].second - meterRate(m, QStringLiteral("CT1_Power"), t, 1, 1)) < 1e-6);
            QVERIFY2(volts[i].second > 200 && volts[i].second < 260,
                     qPrintable(QString::number(volts[i].second)));
        }
        QVERIFY(acrossTheWrap);
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

    void theDemoMeterRecordsLivePowerVoltageAndCurrent()
    {
        TempStore store;
        Recorder& rec = store.rec;
        const SourceType* type = findSourceType(QStringLiteral("egauge"));
        QVERIFY(type);
        SourceSettings s = defaultSourceSettings(*type);
        auto made = type->create(s, {&rec, true, nullptr});
        QVERIFY2(made.ok(), qPrintable(made.error()));
        auto* source = static_cast<EgaugeSource*>(made.value().get());
        QSignalSpy stored(source, &EgaugeSource::stored);
        source->start();
        QVERIFY(stored.wait(test::timeoutMs(5000)));
        QCOMPARE(source->health(), Source::Health::Ok);
        QVERIFY2(source->deviceInfo().startsWith(QStringLiteral("eGauge serial 0x4e")),
                 qPrintable(source->deviceInfo()));
        QCOMPARE(source->poller().options().intervalMs, 10'000);
        source->stop();
        QCOMPARE(source->nodes().size(), 5);
        for (const QString& reg :
             {QStringLiteral("L1_Voltage"), QStringLiteral("CT1_Amperage"), QStringLiteral("CT1_Power"),
              QStringLiteral("Solar"), QStringLiteral("Grid")})
            QVERIFY2(readings(rec, QStringLiteral("egauge"), reg).size() == 340, qPrintable(reg));
        QCOMPARE(source->nodes().first().channels.first().sensorType, QStringLiteral("voltage"));
    }
};

QTEST_GUILESS_MAIN(TestEgaugePoller)
#include "tst_egauge_poller.moc"
