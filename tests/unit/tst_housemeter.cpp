// The simulated house meter: counters are the integrals of the rates (checked numerically), the
// house is plausible (voltages, loads, export around noon, none at night), deterministic per seed,
// and counters wrap past 2^63 where asked.
#include "sim/HouseMeter.h"

#include <QTest>

#include <cmath>
#include <limits>

using fs::sim::HouseMeter;

namespace {

constexpr qint64 kNoonUtc = 1719835200; // 2024-07-01T12:00:00Z
constexpr qint64 kMidnightUtc = kNoonUtc - 12 * 3600;

double quantum(const QString& type)
{
    return (type == QLatin1String("P")) ? 1.0 : 0.001;
}

// Average rate over [t0, t1] from the counters, as an eGauge client computes it.
double counterRate(const HouseMeter& m, int reg, qint64 t0, qint64 t1)
{
    const qint64 d = qint64(quint64(m.counter(reg, t1)) - quint64(m.counter(reg, t0)));
    return double(d) * quantum(m.registers()[reg].type) / double(t1 - t0);
}

// The same average by integrating rate() numerically (Simpson, 1 s steps split in 8).
double numericRate(const HouseMeter& m, int reg, qint64 t0, qint64 t1)
{
    const int n = int(t1 - t0) * 8;
    const double h = double(t1 - t0) / n;
    double s = m.rate(reg, double(t0)) + m.rate(reg, double(t1));
    for (int i = 1; i < n; ++i)
        s += (i % 2 ? 4 : 2) * m.rate(reg, double(t0) + i * h);
    return s * h / 3 / double(t1 - t0);
}

} // namespace

class TestHouseMeter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void registers()
    {
        const HouseMeter m;
        QCOMPARE(m.registers().size(), 13);
        QCOMPARE(m.indexOf(u"L2_Voltage"), 1);
        QCOMPARE(m.registers()[m.indexOf(u"Grid")].type, QStringLiteral("P"));
        QCOMPARE(m.registers()[m.indexOf(u"Frequency")].type, QStringLiteral("F"));
        QCOMPARE(m.indexOf(u"nope"), -1);
    }

    void countersIntegrateRates_data()
    {
        QTest::addColumn<qint64>("t0");
        QTest::addColumn<int>("span");
        QTest::newRow("noon, 1 s") << kNoonUtc << 1;
        QTest::newRow("sunrise, 60 s") << kNoonUtc - 6 * 3600 - 30 << 60;
        QTest::newRow("evening, 10 s") << kNoonUtc + 7 * 3600 + 7 << 10;
        QTest::newRow("midnight, 300 s") << kMidnightUtc - 150 << 300;
    }
    void countersIntegrateRates()
    {
        QFETCH(qint64, t0);
        QFETCH(int, span);
        const HouseMeter m;
        for (int r = 0; r < m.registers().size(); ++r) {
            const double fromCounters = counterRate(m, r, t0, t0 + span);
            const double numeric = numericRate(m, r, t0, t0 + span);
            // Counters are whole raw units: 1 mV·s or 1 W·s of rounding per end.
            const double tolerance = 2.0 * quantum(m.registers()[r].type) / span + 1e-6 * std::abs(numeric);
            QVERIFY2(std::abs(fromCounters - numeric) <= tolerance, qPrintable(QStringLiteral("%1: %2 vs %3")
                                                                                   .arg(m.registers()[r].name)
                                                                                   .arg(fromCounters)
                                                                                   .arg(numeric)));
        }
    }

    void plausibleHouse()
    {
        const HouseMeter m;
        const int grid = m.indexOf(u"Grid"), solar = m.indexOf(u"Solar");
        QCOMPARE(m.rate(solar, double(kMidnightUtc)), 0.0);
        QVERIFY(m.rate(grid, double(kMidnightUtc)) > 100);
        QVERIFY(counterRate(m, grid, kNoonUtc - 300, kNoonUtc) < -1000); // exporting at noon
        QVERIFY(counterRate(m, solar, kNoonUtc - 300, kNoonUtc) > 4000);
        for (qint64 t = kMidnightUtc; t < kMidnightUtc + 86400; t += 97) {
            for (int n = 0; n < 3; ++n) {
                const double v = m.rate(n, double(t));
                QVERIFY2(v > 225 && v < 235, qPrintable(QString::number(v)));
                QVERIFY(m.rate(m.indexOf(QStringLiteral("CT%1_Power").arg(n + 1)), double(t)) > 50);
                QVERIFY(m.rate(m.indexOf(QStringLiteral("CT%1_Amperage").arg(n + 1)), double(t)) > 0.2);
            }
            const double f = m.rate(m.indexOf(u"Frequency"), double(t));
            QVERIFY(f > 49.9 && f < 50.1);
            QVERIFY(m.rate(solar, double(t)) >= 0);
        }
        // Grid = loads − solar, in the counters too.
        const qint64 t = kNoonUtc + 1234;
        const auto delta = [&](int r) { return double(m.counter(r, t + 60) - m.counter(r, t)); };
        const double sum = delta(m.indexOf(u"CT1_Power")) + delta(m.indexOf(u"CT2_Power")) +
                           delta(m.indexOf(u"CT3_Power")) - delta(solar);
        QVERIFY(std::abs(delta(grid) - sum) <= 4);
    }

    void deterministicPerSeed()
    {
        const HouseMeter a, b;
        HouseMeter::Options o;
        o.seed = 2;
        const HouseMeter c(o);
        QCOMPARE(a.counter(0, kNoonUtc), b.counter(0, kNoonUtc));
        QVERIFY(a.counter(0, kNoonUtc) != c.counter(0, kNoonUtc));
        QCOMPARE(a.counter(0, a.options().epoch), 0);
    }

    void wrapsAt2to63()
    {
        HouseMeter::Options o;
        o.wrapAtS = kNoonUtc;
        const HouseMeter m(o);
        const HouseMeter plain;
        for (int r = 0; r < m.registers().size(); ++r) {
            QCOMPARE(m.counter(r, kNoonUtc), std::numeric_limits<qint64>::max());
            if (m.registers()[r].name != QLatin1String("Solar") &&
                m.registers()[r].name != QLatin1String("Solar_Amperage") &&
                m.registers()[r].name != QLatin1String("Grid"))
                QVERIFY(m.counter(r, kNoonUtc + 1) < 0); // wrapped to the negative side
            // Differences are unchanged by the offset.
            QCOMPARE(counterRate(m, r, kNoonUtc - 5, kNoonUtc + 5),
                     counterRate(plain, r, kNoonUtc - 5, kNoonUtc + 5));
        }
    }
};

QTEST_APPLESS_MAIN(TestHouseMeter)
#include "tst_housemeter.moc"
