// The InfluxDB sink against a real influxd: Peper's layout queried back (counts, values, tags, UTC
// times), =P in kW, the same batch twice, a server frozen mid-backlog, stop within 2 s while it is
// frozen, and refused credentials in the status.
#include "FrozenProcess.h"
#include "InfluxStation.h"
#include "Station.h"
#include "TestSupport.h"

#include <QElapsedTimer>
#include <QTest>

using namespace fs;
using test::InfluxStation;

namespace {

constexpr qint64 kStartMs = 1562686920000; // 2019-07-09T15:42:00Z, a Peper summer

/// The value of column `name` in `row` of a series with `columns`.
QJsonValue column(const QJsonObject& series, const QJsonArray& row, const QString& name)
{
    return row.at(series.value(QLatin1String("columns")).toArray().toVariantList().indexOf(name));
}

} // namespace

class TestInflux : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<test::InfluxServer> m_influx;

    qint64 count(const QString& field, const QString& db)
    {
        return m_influx->number(QStringLiteral("SELECT COUNT(\"%1\") FROM measure").arg(field), db);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_influx = std::make_unique<test::InfluxServer>();
        QVERIFY2(m_influx->ok(), qPrintable(m_influx->error()));
    }

    void peperLayoutIsQueriedBack()
    {
        InfluxStation st(*m_influx, QStringLiteral("peper"), 100);
        st.record(250, kStartMs);
        const SinkStatus s = st.push();
        QVERIFY2(s.ok, qPrintable(s.lastError));
        QCOMPARE(s.pushedReadings, qint64(750));
        QCOMPARE(s.rowsBehind, qint64(0));
        QCOMPARE(st.cursor(), st.maxSeq());
        for (const test::TestRegister& r : test::testRegisters())
            QCOMPARE(count(r.name, QStringLiteral("peper")), qint64(250));

        // Peper's series: measure with its tags and the register's unit letter; power in kW.
        const QJsonObject result = m_influx->query(
            QStringLiteral("SELECT * FROM measure WHERE \"Unit\" = 'P' ORDER BY time ASC LIMIT 3"),
            QStringLiteral("peper"));
        const QJsonObject series = result.value(QLatin1String("series")).toArray().at(0).toObject();
        QCOMPARE(series.value(QLatin1String("name")).toString(), QStringLiteral("measure"));
        const QJsonArray rows = series.value(QLatin1String("values")).toArray();
        QCOMPARE(rows.size(), 3);
        for (int i = 0; i < 3; ++i) {
            const QJsonArray row = rows.at(i).toArray();
            QCOMPARE(qint64(column(series, row, QStringLiteral("time")).toDouble()), kStartMs + i * 1000);
            QCOMPARE(column(series, row, QStringLiteral("TEST_YK")).toDouble(), (1000.0 + i * 0.5) / 1000);
        }
        const QJsonArray first = rows.at(0).toArray();
        QCOMPARE(column(series, first, QStringLiteral("ID")).toString(), QStringLiteral("eGauge12345"));
        QCOMPARE(column(series, first, QStringLiteral("IP")).toString(), QStringLiteral("192.168.1.20"));
        QCOMPARE(column(series, first, QStringLiteral("GPS_lat")).toString(), QStringLiteral("48.8566"));
        QCOMPARE(column(series, first, QStringLiteral("GPS_long")).toString(), QStringLiteral("2.3522"));
        QCOMPARE(column(series, first, QStringLiteral("Ville")).toString(), QStringLiteral("Paris"));
        QCOMPARE(column(series, first, QStringLiteral("CP")).toString(), QStringLiteral("75001"));
        QCOMPARE(column(series, first, QStringLiteral("Rue")).toString(), QStringLiteral("Rue de Rivoli"));
        QCOMPARE(column(series, first, QStringLiteral("Unit")).toString(), QStringLiteral("P"));

        // Amperes and volts as stored; the time is UTC, read back by its RFC 3339 text.
        const QJsonArray amps = m_influx->rows(
            QStringLiteral(
                "SELECT \"CT1_Amperage\", \"Unit\" FROM measure WHERE time = '2019-07-09T15:42:07Z'"),
            QStringLiteral("peper"));
        QCOMPARE(amps.size(), 1);
        QCOMPARE(amps.at(0).toArray().at(1).toDouble(), 4.007);
        QCOMPARE(amps.at(0).toArray().at(2).toString(), QStringLiteral("A"));
        const QJsonArray volts = m_influx->rows(
            QStringLiteral("SELECT \"L1_Voltage\" FROM measure WHERE time = '2019-07-09T15:46:09Z'"),
            QStringLiteral("peper"));
        QCOMPARE(volts.size(), 1);
        QCOMPARE(volts.at(0).toArray().at(1).toDouble(), 230.0 + (249 % 7) * 0.25);
        // Three series (one per unit letter), nothing else.
        const QJsonObject series3 =
            m_influx->query(QStringLiteral("SHOW SERIES FROM measure"), QStringLiteral("peper"));
        QCOMPARE(series3.value(QLatin1String("series"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QLatin1String("values"))
                     .toArray()
                     .size(),
                 3);
    }

    void theSameBatchTwiceIsOnePoint()
    {
        InfluxStation st(*m_influx, QStringLiteral("twice"), 40);
        st.record(100, kStartMs);
        QVERIFY(st.push().ok);
        st.forgetCursor();
        const SinkStatus again = st.push();
        QVERIFY2(again.ok, qPrintable(again.lastError));
        QCOMPARE(again.pushedReadings, qint64(300)); // all sent again …
        for (const test::TestRegister& r : test::testRegisters())
            QCOMPARE(count(r.name, QStringLiteral("twice")), qint64(100)); // … and still one point each
        // A sink rebuilt from the same settings (a restart) keeps the same series.
        st.rebuild();
        st.forgetCursor();
        QVERIFY(st.push().ok);
        QCOMPARE(count(QStringLiteral("TEST_YK"), QStringLiteral("twice")), qint64(100));
    }

    void anExistingButEmptyDatabaseIsWrittenTo()
    {
        // Peper asked for the field keys before any request and died (KeyError: 'fieldKey') when the
        // database existed with no measurement in it. Both with and without CREATE DATABASE first.
        m_influx->query(QStringLiteral("CREATE DATABASE bare"));
        const QJsonArray dbs = m_influx->rows(QStringLiteral("SHOW DATABASES"), QString());
        QVERIFY2(dbs.contains(QJsonArray{QStringLiteral("bare")}), "the database was not made");
        QVERIFY(m_influx->rows(QStringLiteral("SHOW MEASUREMENTS"), QStringLiteral("bare")).isEmpty());
        InfluxStation st(*m_influx, QStringLiteral("bare"), 40);
        st.settings.createDatabase = false;
        st.rebuild();
        st.record(50, kStartMs);
        const SinkStatus s = st.push();
        QVERIFY2(s.ok, qPrintable(s.lastError));
        QCOMPARE(st.cursor(), st.maxSeq());
        st.settings.createDatabase = true;
        st.rebuild();
        st.record(50, kStartMs + 50000);
        QVERIFY2(st.push().ok, qPrintable(st.sink->statuses().value(0).lastError));
        for (const test::TestRegister& r : test::testRegisters())
            QCOMPARE(count(r.name, QStringLiteral("bare")), qint64(100));
    }

    void refusedPointsDoNotStopThePipeline()
    {
        // Another writer made TEST_YK a string field in this shard: InfluxDB refuses every float
        // TEST_YK for good (400, partial write) and keeps the rest. Resending would change nothing.
        InfluxStation st(*m_influx, QStringLiteral("partial"), 50);
        m_influx->query(QStringLiteral("CREATE DATABASE partial"));
        QVERIFY(m_influx->write(QStringLiteral("partial"),
                                QByteArrayLiteral("measure,ID=other TEST_YK=\"text\" 1562686900000\n")));
        st.record(100, kStartMs);
        const SinkStatus s = st.push();
        QVERIFY2(s.ok, qPrintable(s.lastError));
        QCOMPARE(st.cursor(), st.maxSeq());
        QCOMPARE(count(QStringLiteral("CT1_Amperage"), QStringLiteral("partial")), qint64(100));
        QCOMPARE(count(QStringLiteral("L1_Voltage"), QStringLiteral("partial")), qint64(100));
        QCOMPARE(count(QStringLiteral("TEST_YK"), QStringLiteral("partial")), qint64(1)); // the string only
    }

    void theStationRunsTheSinkFromSettings()
    {
        // The settings as import peper writes them; the meter itself is unreachable here, its
        // readings are recorded by hand under its source id.
        QTemporaryDir dir;
        const QByteArray yaml =
            QStringLiteral("station:\n  secrets: file\n"
                           "sources:\n  - id: eg1\n    type: egauge\n    name: eGauge12345\n"
                           "    url: http://127.0.0.1:1\n    interval_s: 3600\n"
                           "    registers: [TEST_YK=P, CT1_Amperage=A, L1_Voltage=V]\n"
                           "influx:\n  enabled: true\n  url: %1\n  database: station\n"
                           "  user: writer\n  interval_s: 1\n"
                           "  tags:\n    eg1: {Ville: Paris}\n")
                .arg(m_influx->url())
                .toUtf8();
        auto settings = Settings::parse(yaml, QStringLiteral("station.yaml"));
        QVERIFY2(settings.ok(), qPrintable(settings.error()));
        SecretStore(dir.path(), StationSettings::Secrets::File, false)
            .write(InfluxSink::secretName(QStringLiteral("influx")),
                   QLatin1String(test::InfluxServer::kPassword));
        Station station(settings.value(), {false, dir.path(), false});
        QVERIFY(station.start());
        QVERIFY(station.influx());
        Recorder& rec = *station.recorder();
        const NodeChannels p =
            rec.registerNode(test::egaugeNode(QStringLiteral("eg1"), QStringLiteral("eGauge12345"),
                                              QStringLiteral("TEST_YK"), QStringLiteral("POW"),
                                              QStringLiteral("W")))
                .value();
        for (int i = 0; i < 30; ++i)
            rec.submit(Sample{kStartMs + i * 1000, p.channels[0], 1500.0});
        QVERIFY(rec.flush());
        QTRY_COMPARE_WITH_TIMEOUT(
            m_influx->number(QStringLiteral("SELECT COUNT(\"TEST_YK\") FROM measure WHERE \"Unit\" = 'P' AND "
                                            "\"ID\" = 'eGauge12345' AND \"Ville\" = 'Paris'"),
                             QStringLiteral("station")),
            qint64(30), test::timeoutMs(15000));
        QCOMPARE(
            m_influx
                ->rows(QStringLiteral("SELECT \"TEST_YK\" FROM measure LIMIT 1"), QStringLiteral("station"))
                .at(0)
                .toArray()
                .at(1)
                .toDouble(),
            1.5);
        QElapsedTimer t;
        t.start();
        station.stop();
        QVERIFY2(t.elapsed() < test::timeoutMs(5000), qPrintable(QString::number(t.elapsed())));
    }

    void aFrozenServerMidBacklogLosesNothing()
    {
        InfluxStation st(*m_influx, QStringLiteral("frozen"), 300);
        st.settings.timeoutS = 1;
        st.settings.intervalS = 3600;
        st.rebuild();
        const int rows = 20000;
        st.record(rows, kStartMs);
        st.sink->start();
        QElapsedTimer t;
        t.start();
        while (st.cursor() == 0 && t.elapsed() < test::timeoutMs(20000))
            QTest::qWait(5);
        QVERIFY(st.cursor() > 0);
        std::optional<test::FrozenProcess> frozen(std::in_place, m_influx->pid());
        const qint64 atFreeze = st.cursor();
        QVERIFY2(atFreeze < st.maxSeq(), "the backlog was done before the freeze; make it longer");
        // The chunk in flight gets no answer: the pass fails after timeout_s and backs off.
        QTRY_VERIFY_WITH_TIMEOUT(!st.sink->statuses().value(0).lastError.isEmpty(), test::timeoutMs(10000));
        const SinkStatus failed = st.sink->statuses().value(0);
        QVERIFY(!failed.ok);
        QVERIFY2(failed.lastError.contains(QStringLiteral("no answer within 1 s")),
                 qPrintable(failed.lastError));
        QVERIFY(failed.nextAttemptMs > QDateTime::currentMSecsSinceEpoch()); // backed off
        const qint64 atFailure = st.cursor();
        QVERIFY(atFailure < st.maxSeq());
        frozen.reset();
        // Everything at or below the cursor is in the server (readings are one point each).
        const qint64 stored = count(QStringLiteral("TEST_YK"), QStringLiteral("frozen")) +
                              count(QStringLiteral("CT1_Amperage"), QStringLiteral("frozen")) +
                              count(QStringLiteral("L1_Voltage"), QStringLiteral("frozen"));
        QVERIFY2(stored >= atFailure, qPrintable(QStringLiteral("%1 < %2").arg(stored).arg(atFailure)));
        // After its back-off the worker tries again and sends the rest: every reading once.
        QTRY_COMPARE_WITH_TIMEOUT(st.cursor(), st.maxSeq(), test::timeoutMs(30000));
        QTRY_VERIFY_WITH_TIMEOUT(st.sink->statuses().value(0).ok, test::timeoutMs(5000));
        st.sink->stop();
        for (const test::TestRegister& r : test::testRegisters())
            QCOMPARE(count(r.name, QStringLiteral("frozen")), qint64(rows));
    }

    void stopsWithinTwoSecondsWhileTheServerIsFrozen()
    {
        InfluxStation st(*m_influx, QStringLiteral("stop"), 500);
        st.settings.timeoutS = 60; // stop must not wait for it
        st.rebuild();
        st.record(2000, kStartMs);
        test::FrozenProcess frozen(m_influx->pid());
        st.sink->start();
        QTest::qWait(500); // the first request (CREATE DATABASE) now waits for an answer
        QCOMPARE(st.cursor(), qint64(0));
        const SinkStatus before = st.sink->statuses().value(0);
        QVERIFY2(!before.ok && before.lastError.isEmpty(), qPrintable(before.lastError)); // no pass ended yet
        QElapsedTimer t;
        t.start();
        st.sink->stop();
        const qint64 took = t.elapsed();
        qInfo("stop took %lld ms", static_cast<long long>(took));
        QVERIFY2(took < test::timeoutMs(2000), qPrintable(QString::number(took)));
        QCOMPARE(st.cursor(), qint64(0));
        // It was waiting on the server when stopped, and says so.
        const SinkStatus s = st.sink->statuses().value(0);
        QVERIFY(!s.ok);
        QVERIFY2(s.lastError.contains(QStringLiteral("abandoned, the sink is stopping")),
                 qPrintable(s.lastError));
    }

    void badCredentialsAreNamedInTheStatus()
    {
        InfluxStation st(*m_influx, QStringLiteral("creds"));
        st.record(10, kStartMs);
        st.setPassword(QStringLiteral("not-the-password"));
        SinkStatus s = st.push();
        QVERIFY(!s.ok);
        QVERIFY2(s.lastError.contains(QStringLiteral("credentials refused (HTTP 401)")),
                 qPrintable(s.lastError));
        QVERIFY2(s.lastError.contains(QStringLiteral("as writer")), qPrintable(s.lastError));
        QVERIFY2(!s.lastError.contains(QStringLiteral("not-the-password")), qPrintable(s.lastError));
        QCOMPARE(s.failures, 1);
        QCOMPARE(st.cursor(), qint64(0));
        // Without create_database the write itself is refused, with the same words.
        st.settings.createDatabase = false;
        st.rebuild();
        s = st.push();
        QVERIFY2(s.lastError.contains(QStringLiteral("credentials refused (HTTP 401)")),
                 qPrintable(s.lastError));
        st.setPassword(QLatin1String(test::InfluxServer::kPassword));
        st.settings.createDatabase = true;
        st.rebuild();
        s = st.push();
        QVERIFY2(s.ok, qPrintable(s.lastError));
        QCOMPARE(count(QStringLiteral("TEST_YK"), QStringLiteral("creds")), qint64(10));
    }
};

QTEST_GUILESS_MAIN(TestInflux)
#include "tst_influx.moc"
