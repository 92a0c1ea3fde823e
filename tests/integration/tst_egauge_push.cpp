// eGauge readings reach the Cogent-house push like any other (issue 9 item 8), on a real MariaDB:
// two power registers of one meter land on distinct Cogent nodes with no (time, node, type)
// collision, in W (never kW), and a voltage register with its own type.
#include "CannedMeter.h"
#include "CogentPushFixture.h"
#include "PushStation.h"
#include "TestSupport.h"
#include "sources/egauge/EgaugeSource.h"

#include <QSignalSpy>
#include <QTest>

using namespace fs;
using test::PushStation;

class TestEgaugePush : public QObject, private test::CogentPushFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_db = std::make_unique<test::MariadbServer>();
        QVERIFY2(m_db->ok(), qPrintable(m_db->error()));
    }

    void twoPowerRegistersLandOnDistinctNodesInWatts()
    {
        const QString db = freshDatabase();
        PushStation st(m_db->port(), db);
        const qint64 t = alignedPast(1000) / 1000;
        // Newest row first; per second CT1 adds 1500 W·s, CT2 250 W·s, L1 230 125 mV·s.
        QList<QList<qint64>> rows;
        for (int k = 0; k < 4; ++k)
            rows.append({9'000'000 + 1500 * (3 - k), 4'000'000 + 250 * (3 - k),
                         70'000'000 + 230'125 * (3 - k), 123 * (3 - k)});
        test::CannedMeter meter({test::showXml(0x4e842294,
                                               {{QStringLiteral("CT1_Power"), QStringLiteral("P")},
                                                {QStringLiteral("CT2_Power"), QStringLiteral("P")},
                                                {QStringLiteral("L1_Voltage"), QStringLiteral("V")},
                                                {QStringLiteral("Grid"), QStringLiteral("P")}},
                                               t, rows)});
        EgaugeSource::Options o;
        o.name = QStringLiteral("eGauge12345");
        o.registers = {{QStringLiteral("CT1_Power"), QStringLiteral("W")},
                       {QStringLiteral("CT2_Power"), QStringLiteral("W")},
                       {QStringLiteral("L1_Voltage"), QStringLiteral("V")}};
        o.poller.url = QUrl(meter.url());
        o.poller.intervalMs = 3600'000;
        EgaugeSource source(QStringLiteral("egauge12345"), o, &st.recorder);
        QSignalSpy stored(&source, &EgaugeSource::stored);
        source.start();
        QVERIFY(stored.wait(test::timeoutMs(10000)));
        source.stop();
        QCOMPARE(stored.first().first().toInt(), 9); // 3 rates × 3 configured registers; Grid ignored
        QVERIFY(st.recorder.flush().ok());

        const PushStatus s = st.push();
        QVERIFY2(s.ok, qPrintable(s.lastError));
        QCOMPARE(count(QStringLiteral("Reading"), db), qint64(9));
        // One Cogent node per register: the two power registers do not share a node.
        QCOMPARE(
            m_db->value(QStringLiteral("SELECT COUNT(DISTINCT nodeId) FROM Reading WHERE type = 11"), db),
            QStringLiteral("2"));
        QCOMPARE(count(QStringLiteral("Reading"), db,
                       QStringLiteral("WHERE type = 11 AND time = '%1'").arg(sqlSecond(t * 1000))),
                 qint64(2));
        // Values in W (the note's quantum 1 for P), not kW; volts with the voltage type.
        QCOMPARE(m_db->value(QStringLiteral("SELECT GROUP_CONCAT(DISTINCT value ORDER BY value) FROM Reading "
                                            "WHERE type = 11"),
                             db),
                 QStringLiteral("250,1500"));
        QCOMPARE(m_db->value(QStringLiteral("SELECT COUNT(*) FROM Reading WHERE type = 1100 AND "
                                            "ABS(value - 230.125) < 0.001"),
                             db),
                 QStringLiteral("3"));
        // The newest rate carries the newest row's time, UTC.
        QCOMPARE(m_db->value(QStringLiteral("SELECT MAX(time) FROM Reading"), db), sqlSecond(t * 1000));
        QCOMPARE(m_db->value(QStringLiteral("SELECT MIN(time) FROM Reading"), db), sqlSecond((t - 2) * 1000));
    }
};

QTEST_GUILESS_MAIN(TestEgaugePush)
#include "tst_egauge_push.moc"
