// HouseMeter: a deterministic three-phase house with rooftop solar, as an eGauge meter sees it:
// each register's rate and its cumulative S64 counter in closed form for any Unix second, so an
// emulator can answer any range of the past without storing anything.
#pragma once

#include <QList>
#include <QString>
#include <QStringView>
#include <optional>

namespace fs::sim {

class HouseMeter
{
public:
    struct Options
    {
        quint32 seed = 1;             ///< phases of the load and voltage waves: meters differ by seed
        qint64 epoch = 1546300800;    ///< counters are 0 here (plus `counterOffset`): 2019-01-01
        double solarPeakW = 4500;     ///< inverter output at solar noon
        qint64 solarNoonUtcS = 43200; ///< seconds after UTC midnight; the sun is up ±6 h around it
        qint64 counterOffset = 0;     ///< added to every counter (two's complement, so it may wrap)
        /// When set, every counter passes the S64 maximum (and wraps to the minimum) at this Unix
        /// second, for wrap tests. Overrides `counterOffset`.
        std::optional<qint64> wrapAtS;
    };

    /// A register as the meter names it, with its eGauge type code (cname@t).
    struct Register
    {
        QString name;
        QString type;
    };

    HouseMeter();
    explicit HouseMeter(Options options);

    /// L1..L3_Voltage (V), CT1..CT3_Amperage (I) and CT1..CT3_Power (P) for the loads on each phase,
    /// Solar (P, generation) and Solar_Amperage (I), Grid (P, negative while exporting), Frequency (F).
    const QList<Register>& registers() const { return m_registers; }
    /// Index of a register by name, -1 when there is none.
    int indexOf(QStringView name) const;

    /// Rate in the type's unit (W, V, A, Hz) at a Unix time.
    double rate(int reg, double unixS) const;
    /// Cumulative counter at a Unix second in eGauge raw units (W·s, mV·s, mA·s, mHz·s), S64 wrapping.
    qint64 counter(int reg, qint64 unixS) const;

    const Options& options() const { return m_options; }

private:
    struct Wave
    {
        double amplitude, omega, phase;
    };
    // rate(t) = constant + Σ waves + solar·sun(t): linear, so its integral is closed-form too.
    struct Shape
    {
        double constant = 0;
        QList<Wave> waves;
        double solar = 0;
        double quantum = 1; ///< raw counter units per rate unit·s
    };

    double sun(double unixS) const;
    double sunIntegral(double unixS) const;
    double integral(const Shape& s, double unixS) const; ///< from the epoch, in rate unit·s
    qint64 rawCounter(int reg, qint64 unixS) const;

    Options m_options;
    QList<Register> m_registers;
    QList<Shape> m_shapes;
    QList<qint64> m_offsets;
};

} // namespace fs::sim
