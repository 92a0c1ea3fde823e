// OpcN3Aerosol: counts per bin from a seeded, slowly swinging concentration; mass from the bin sizes.
#include "OpcN3Aerosol.h"

#include "sources/opcn3/OpcN3Protocol.h"

#include <QtMath>
#include <algorithm>
#include <cmath>

namespace fs {

using namespace opcn3;

namespace {

// Bin boundaries in µm (25 edges for 24 bins), as the N3's factory table.
constexpr double kEdges[25] = {0.35, 0.46, 0.66, 1.0,  1.3,  1.7,  2.3,  3.0,  4.0,  5.2,  6.5,  8.0, 10.0,
                               12.0, 14.0, 16.0, 18.0, 20.0, 22.0, 25.0, 28.0, 31.0, 34.0, 37.0, 40.0};

} // namespace

OpcN3Aerosol::OpcN3Aerosol(double concentration, quint32 seed) : m_concentration(concentration), m_rng(seed)
{}

OpcN3Histogram OpcN3Aerosol::sample(qint64 t, double elapsedS, bool fan, bool laserSwitch, bool laserPot)
{
    OpcN3Histogram h;
    const bool sampling = fan && laserSwitch && laserPot;
    const double flow = sampling ? 5.02 + std::normal_distribution<double>(0, 0.02)(m_rng) : 0.0;
    const double phase = double(t) / 1000.0;
    // Slow swings so the live chart has something to show; seeded noise on top.
    const double level = m_concentration * (1.0 + 0.5 * std::sin(2 * M_PI * phase / 300.0));
    double mass[3] = {0, 0, 0};
    uint32_t counted = 0;
    for (int i = 0; i < kBins && sampling; ++i) {
        const double perMl = 40.0 * level * std::exp(-0.9 * i);
        const double expected = perMl * flow * elapsedS;
        const uint32_t n = expected > 0 ? std::poisson_distribution<uint32_t>(expected)(m_rng) : 0;
        h.bins[size_t(i)] = uint16_t(std::min<uint32_t>(n, 65535));
        counted += h.bins[size_t(i)];
        const double d = std::sqrt(kEdges[i] * kEdges[i + 1]);
        const double ugPerParticle = 1.65e-6 * M_PI / 6.0 * d * d * d; // ρ = 1.65 g/cm³
        const double ugPerM3 = ugPerParticle * h.bins[size_t(i)] / std::max(flow * elapsedS, 1e-9) * 1e6;
        if (kEdges[i + 1] <= 1.0)
            mass[0] += ugPerM3;
        if (kEdges[i + 1] <= 2.5 || i <= 5)
            mass[1] += ugPerM3;
        if (kEdges[i + 1] <= 10.0)
            mass[2] += ugPerM3;
    }
    h.mtofRaw = sampling ? std::array<uint8_t, 4>{30, 25, 20, 15} : std::array<uint8_t, 4>{0, 0, 0, 0};
    h.flowRaw = uint16_t(std::lround(flow * 100));
    const double tempC = 21.0 + 3.0 * std::sin(2 * M_PI * phase / 600.0);
    const double rh = 45.0 + 10.0 * std::sin(2 * M_PI * phase / 900.0);
    h.temperatureRaw = uint16_t(std::lround((tempC + 45.0) / 175.0 * 65535.0));
    h.humidityRaw = uint16_t(std::lround(rh / 100.0 * 65535.0));
    h.pm1 = float(mass[0]);
    h.pm2_5 = float(mass[1]);
    h.pm10 = float(mass[2]);
    if (sampling) {
        h.rejectGlitch = uint16_t(std::poisson_distribution<int>(2.0)(m_rng));
        h.rejectRatio = uint16_t(counted / 30);
        h.rejectOutOfRange = uint16_t(std::poisson_distribution<int>(1.0)(m_rng));
    }
    h.fanRevCount = fan ? uint16_t(420 + std::uniform_int_distribution<int>(-5, 5)(m_rng)) : 0;
    h.laserStatus = laserSwitch ? uint16_t(604 + std::uniform_int_distribution<int>(-3, 3)(m_rng)) : 0;
    return h;
}

QByteArray OpcN3Aerosol::factoryConfig()
{
    QByteArray c;
    const auto put16 = [&c](int v) {
        c.append(char(v & 0xFF));
        c.append(char((v >> 8) & 0xFF));
    };
    for (int i = 0; i < 25; ++i)
        put16(int(std::lround(std::pow(kEdges[i] / 0.35, 2.0) * 20))); // ADC counts, monotonic
    for (double e : kEdges)
        put16(int(std::lround(e * 100)));
    for (int i = 0; i < 24; ++i)
        put16(100);
    for (int m : {100, 250, 1000})
        put16(m);
    put16(1800);                                       // MaxTOF
    put16(1);                                          // AMSamplingIntervalCount
    put16(1);                                          // AMIdleIntervalCount
    put16(1440);                                       // AMMaxDataArraysInFile
    c.append(char(0)).append(char(0)).append(char(0)); // AMOnlySavePMData, AMFanOnInIdle, AMLaserOnInIdle
    c.append(char(80));                                // TOF to SFR factor
    c.append(char(48));                                // PVP
    c.append(char(2));                                 // bin weighting index
    return c;
}

} // namespace fs
