// OpcN3Aerosol: the air an emulated OPC-N3 samples, counted into its bins as its optics would.
#pragma once

#include "sources/opcn3/OpcN3Frame.h"

#include <QByteArray>
#include <random>

namespace fs {

/// The measuring side of the emulator, apart from its SPI state machine (OpcN3Emulator): what a
/// histogram holds depends on the fan, the laser and the time since the last read, never on the bytes.
/// Seeded, so a test sees the same counts on every run. Not thread-safe: the emulator calls it under
/// its own lock.
class OpcN3Aerosol
{
public:
    /// `concentration` scales particle counts; `seed` seeds the noise.
    OpcN3Aerosol(double concentration, quint32 seed);

    /// What the optics count in the `elapsedS` seconds that end at `t` (ms): counts per bin, PM mass,
    /// flow, temperature, humidity, rejects and the fan's and laser's readings. Particles are counted
    /// only while the fan turns and the laser shines. The sampling period is left at its default: only
    /// the device knows whether this period is a whole one.
    OpcN3Histogram sample(qint64 t, double elapsedS, bool fan, bool laserSwitch, bool laserPot);

    /// The 0x3C configuration frame: the bin boundaries `sample` counts in, and factory defaults.
    static QByteArray factoryConfig();

private:
    double m_concentration;
    std::mt19937 m_rng;
};

} // namespace fs
