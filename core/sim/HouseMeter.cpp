// HouseMeter: loads as sums of sine waves (daily rhythm, appliance cycles, flicker), solar as a
// half sine between sunrise and sunset; grid = loads − solar. All linear, all integrable in closed form.
#include "sim/HouseMeter.h"

#include <cmath>
#include <limits>
#include <random>

namespace fs::sim {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kDay = 86400;
constexpr double kHalfDay = 43200;
constexpr double kNominalV = 230;

double omega(double periodS)
{
    return 2 * kPi / periodS;
}

} // namespace

HouseMeter::HouseMeter() : HouseMeter(Options{}) {}

HouseMeter::HouseMeter(Options options) : m_options(options)
{
    // mt19937's sequence is fixed by the standard, so a seed gives the same house everywhere.
    std::mt19937 gen(options.seed);
    const auto phase = [&gen] { return double(gen()) / 4294967296.0 * 2 * kPi; };

    Shape phases[3];
    for (int n = 0; n < 3; ++n) {
        // Evening peak near 19:00 UTC, fridge-like cycles, a kettle-scale flicker; never below ~100 W.
        phases[n].constant = 330 + 40 * n;
        phases[n].waves = {{150, omega(kDay), -omega(kDay) * (13 * 3600) + 0.3 * (phase() - kPi)},
                           {60, omega(1800 + 300 * n), phase()},
                           {25, omega(137 + 11 * n), phase()}};
    }
    const auto add = [this](const QString& name, const QString& type, Shape s, double quantum) {
        s.quantum = quantum;
        m_registers.append({name, type});
        m_shapes.append(s);
    };
    for (int n = 0; n < 3; ++n) {
        Shape v;
        v.constant = kNominalV;
        v.waves = {{2.5, omega(kDay), phase()}, {0.8, omega(311), phase()}};
        add(QStringLiteral("L%1_Voltage").arg(n + 1), QStringLiteral("V"), v, 1000);
    }
    for (int n = 0; n < 3; ++n) {
        Shape i = phases[n];
        i.constant /= kNominalV;
        for (Wave& w : i.waves)
            w.amplitude /= kNominalV;
        add(QStringLiteral("CT%1_Amperage").arg(n + 1), QStringLiteral("I"), i, 1000);
    }
    for (int n = 0; n < 3; ++n)
        add(QStringLiteral("CT%1_Power").arg(n + 1), QStringLiteral("P"), phases[n], 1);
    Shape solar;
    solar.solar = options.solarPeakW;
    add(QStringLiteral("Solar"), QStringLiteral("P"), solar, 1);
    Shape solarI;
    solarI.solar = options.solarPeakW / kNominalV;
    add(QStringLiteral("Solar_Amperage"), QStringLiteral("I"), solarI, 1000);
    Shape grid;
    for (const Shape& p : phases) {
        grid.constant += p.constant;
        grid.waves += p.waves;
    }
    grid.solar = -options.solarPeakW;
    add(QStringLiteral("Grid"), QStringLiteral("P"), grid, 1);
    Shape f;
    f.constant = 50;
    f.waves = {{0.03, omega(900), phase()}, {0.01, omega(97), phase()}};
    add(QStringLiteral("Frequency"), QStringLiteral("F"), f, 1000);

    for (int r = 0; r < m_registers.size(); ++r) {
        // Chosen so that raw + offset = S64 max at wrapAtS: one second later every rising counter wraps.
        m_offsets.append(options.wrapAtS ? qint64(quint64(std::numeric_limits<qint64>::max()) -
                                                  quint64(rawCounter(r, *options.wrapAtS)))
                                         : options.counterOffset);
    }
}

int HouseMeter::indexOf(QStringView name) const
{
    for (int i = 0; i < m_registers.size(); ++i) {
        if (m_registers[i].name == name)
            return i;
    }
    return -1;
}

double HouseMeter::sun(double unixS) const
{
    const double x = std::fmod(unixS - double(m_options.solarNoonUtcS) + kHalfDay / 2 + kDay, kDay);
    return x < kHalfDay ? std::sin(kPi * x / kHalfDay) : 0.0;
}

double HouseMeter::sunIntegral(double unixS) const
{
    // Per day the half sine integrates to 2·12h/π; the day in progress adds its part so far.
    const double shifted = unixS - double(m_options.solarNoonUtcS) + kHalfDay / 2;
    const double days = std::floor(shifted / kDay);
    const double x = shifted - days * kDay;
    const double perDay = 2 * kHalfDay / kPi;
    const double today = x < kHalfDay ? kHalfDay / kPi * (1 - std::cos(kPi * x / kHalfDay)) : perDay;
    return days * perDay + today;
}

double HouseMeter::integral(const Shape& s, double unixS) const
{
    const double e = double(m_options.epoch);
    double sum = s.constant * (unixS - e);
    for (const Wave& w : s.waves)
        sum +=
            w.amplitude / w.omega * (std::cos(w.omega * e + w.phase) - std::cos(w.omega * unixS + w.phase));
    if (s.solar != 0)
        sum += s.solar * (sunIntegral(unixS) - sunIntegral(e));
    return sum;
}

double HouseMeter::rate(int reg, double unixS) const
{
    const Shape& s = m_shapes[reg];
    double r = s.constant;
    for (const Wave& w : s.waves)
        r += w.amplitude * std::sin(w.omega * unixS + w.phase);
    return r + s.solar * sun(unixS);
}

qint64 HouseMeter::rawCounter(int reg, qint64 unixS) const
{
    const Shape& s = m_shapes[reg];
    return std::llround(integral(s, double(unixS)) * s.quantum);
}

qint64 HouseMeter::counter(int reg, qint64 unixS) const
{
    return qint64(quint64(rawCounter(reg, unixS)) + quint64(m_offsets[reg]));
}

} // namespace fs::sim
