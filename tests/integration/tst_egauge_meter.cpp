// The eGauge poller and source against the eGauge emulator (core/sim): Digest auth and the
// password from the secret store, catch-up after a day away (minute rows for what the meter no
// longer holds in seconds), counters wrapping past 2^63, and the --demo meter.
#include "EgaugeRig.h"
#include "config/SecretStore.h"
#include "sources/SourceTypes.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace fs;
using namespace fs::test;

class TestEgaugeMeter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
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

    void aFirstStartWithBackfillFetchesWhatTheMeterKept()
    {
        // Switching over from Peper: nothing stored yet, but the meter holds the hours since the
        // old script's last poll. backfill_h fetches them (minutes where its seconds are gone).
        TempStore store;
        sim::EgaugeEmulator::Options eo;
        eo.storage.secondsKept = 600;
        EmulatedHouse house(eo);
        EgaugeSource::Options o = house.options();
        o.poller.backfillS = 3 * 3600;
        EgaugeSource source(QStringLiteral("m"), o, &store.rec);
        QSignalSpy polled(&source.poller(), &EgaugePoller::polled);
        source.start();
        QVERIFY(polled.wait(test::timeoutMs(20000)));
        source.stop();
        const qint64 nowS = QDateTime::currentSecsSinceEpoch();
        const auto all = readings(store.rec, QStringLiteral("m"), QStringLiteral("CT1_Power"));
        QVERIFY(!all.isEmpty());
        const qint64 oldestS = all.first().first / 1000;
        QVERIFY2(oldestS <= nowS - 3 * 3600 + 120 && oldestS >= nowS - 3 * 3600 - 60,
                 qPrintable(QString::number(nowS - oldestS)));
        int minutes = 0;
        for (const auto& r : all)
            minutes += r.first / 1000 < nowS - 700 ? 1 : 0;
        QVERIFY2(minutes >= 3 * 60 - 14 && minutes <= 3 * 60, qPrintable(QString::number(minutes)));
        // Without backfill a first start reaches back 341 s only, as Peper's first request.
        TempStore fresh;
        EgaugeSource plain(QStringLiteral("m"), house.options(), &fresh.rec);
        QSignalSpy plainPolled(&plain.poller(), &EgaugePoller::polled);
        plain.start();
        QVERIFY(plainPolled.wait(test::timeoutMs(5000)));
        plain.stop();
        QCOMPARE(readings(fresh.rec, QStringLiteral("m"), QStringLiteral("CT1_Power")).size(), 340);
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

QTEST_GUILESS_MAIN(TestEgaugeMeter)
#include "tst_egauge_meter.moc"
