// The Reading rows a push writes into Cogent-house's schema on a real MariaDB: a chunk boundary
// inside a run of equal timestamps, sub-second readings on DATETIME (merged, and counted) and on
// DATETIME(3) (kept), and values that land as a direct conversion to FLOAT would.
#include "CogentPushFixture.h"
#include "OpcN3Readings.h"
#include "PushStation.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>
#include <cmath>

using namespace fs;
using test::PushStation;

class TestPushRows : public QObject, private test::CogentPushFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_db = std::make_unique<test::MariadbServer>();
        QVERIFY2(m_db->ok(), qPrintable(m_db->error()));
    }

    void chunkBoundaryInsideEqualTimestamps()
    {
        // 44 readings share each timestamp; chunks of 7 cut every run of equal times.
        const QString db = freshDatabase();
        PushStation st(m_db->port(), db, 0, 7);
        test::recordOpcN3Readings(st.recorder, 30, alignedPast(1000) + 250);
        const PushStatus s = st.push();
        QVERIFY2(s.ok, qPrintable(s.lastError));
        QCOMPARE(count(QStringLiteral("Reading"), db), st.localReadings());
        QCOMPARE(count(QStringLiteral("Reading"), db, QStringLiteral("GROUP BY time HAVING COUNT(*) <> 44")),
                 qint64(0));
        QCOMPARE(s.mergedReadings, qint64(0));
    }

    void subSecondReadingsAreMergedAndCounted()
    {
        // Two frames in one wall-clock second (.029 and .970), as after a restart; chunks of 7 put
        // some pairs across a chunk boundary.
        const QString db = freshDatabase();
        PushStation st(m_db->port(), db, 0, 7);
        const NodeChannels ids = opcNode(st.recorder);
        const qint64 t0 = alignedPast(1000);
        QList<Sample> samples;
        for (int s = 0; s < 20; ++s) {
            for (int c = 0; c < 3; ++c) {
                samples.append({t0 + s * 1000 + 29, ids.channels[c], s * 10.0 + c});
                samples.append({t0 + s * 1000 + 970, ids.channels[c], s * 10.0 + c + 0.5});
            }
        }
        st.recorder.submit(std::span<const Sample>(samples));
        st.recorder.flush();
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("60 readings .* merged")));
        const PushStatus s = st.push();
        QVERIFY2(s.ok, qPrintable(s.lastError));
        QCOMPARE(s.pushedReadings, qint64(120));
        QCOMPARE(s.mergedReadings, qint64(60));
        QCOMPARE(count(QStringLiteral("Reading"), db), qint64(60));
        // The last of each second is the one kept.
        QCOMPARE(count(QStringLiteral("Reading"), db, QStringLiteral("WHERE value - FLOOR(value) = 0.5")),
                 qint64(60));
    }

    void subSecondReadingsAreKeptOnDatetime3()
    {
        const QString db = freshDatabase();
        QVERIFY(
            !m_db->sql(QStringLiteral("ALTER TABLE Reading MODIFY time DATETIME(3) NOT NULL"), db).isNull());
        PushStation st(m_db->port(), db, 0, 7);
        const NodeChannels ids = opcNode(st.recorder);
        const qint64 t0 = alignedPast(1000);
        QList<Sample> samples;
        for (int s = 0; s < 20; ++s) {
            samples.append({t0 + s * 1000 + 29, ids.channels[0], 1.0});
            samples.append({t0 + s * 1000 + 970, ids.channels[0], 2.0});
        }
        st.recorder.submit(std::span<const Sample>(samples));
        st.recorder.flush();
        const PushStatus s = st.push();
        QVERIFY2(s.ok, qPrintable(s.lastError));
        QCOMPARE(s.mergedReadings, qint64(0));
        QCOMPARE(count(QStringLiteral("Reading"), db), qint64(40));
        QCOMPARE(count(QStringLiteral("Reading"), db,
                       QStringLiteral("WHERE time = '%1.970' AND value = 2").arg(sqlSecond(t0))),
                 qint64(1));
    }

    void valuesLandAsADirectConversionWould()
    {
        const QString db = freshDatabase();
        PushStation st(m_db->port(), db);
        const NodeChannels ids = opcNode(st.recorder);
        const qint64 t0 = alignedPast(1000) - 86400'000;
        QRandomGenerator random(20261124);
        QList<Sample> samples;
        QList<double> values;
        for (int i = 0; i < 20000; ++i) {
            double v;
            if (i % 2) {
                // Any magnitude, any mantissa.
                v = std::ldexp(0.5 + random.generateDouble() / 2, int(random.bounded(-60, 60)));
            } else {
                // Just above the midpoint of two neighbouring floats: rounding twice lands on the lower.
                const float f = float(1 + random.generateDouble() * 1000);
                const float g = std::nextafter(f, 2000.0f);
                v = (double(f) + double(g)) / 2 + (double(g) - double(f)) * 1e-4;
            }
            v = random.bounded(2) ? -v : v;
            values.append(v);
            samples.append({t0 + i * 1000LL, ids.channels[0], v});
        }
        st.recorder.submit(std::span<const Sample>(samples));
        st.recorder.flush();
        const PushStatus s = st.push();
        QVERIFY2(s.ok, qPrintable(s.lastError));
        // FLOAT widened to DOUBLE is exact, and the client prints doubles so that they read back.
        const QList<QByteArray> rows =
            m_db->sql(QStringLiteral("SELECT CAST(value AS DOUBLE) FROM Reading ORDER BY time"), db)
                .split('\n');
        QCOMPARE(rows.size(), values.size() + 2); // header, rows, the trailing blank
        int off = 0;
        for (qsizetype i = 0; i < values.size(); ++i) {
            const float landed = float(rows[i + 1].trimmed().toDouble());
            if (landed != float(values[i]) && ++off <= 5)
                qWarning("value %lld: %.17g landed as %.9g, a direct conversion gives %.9g",
                         static_cast<long long>(i), values[i], double(landed), double(float(values[i])));
        }
        QCOMPARE(off, 0);
    }
};

QTEST_GUILESS_MAIN(TestPushRows)
#include "tst_push_rows.moc"
