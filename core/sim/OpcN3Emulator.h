// OpcN3Emulator: an OPC-N3 at byte level behind the SpiBus interface, for --demo and tests.
#pragma once

#include "OpcN3Aerosol.h"
#include "sources/opcn3/OpcN3Frame.h"
#include "sources/opcn3/SpiBus.h"

#include <QByteArray>
#include <functional>
#include <mutex>
#include <vector>

namespace fs {

class OpcN3Emulator : public SpiBus
{
public:
    enum class Fault {
        WrongPollByte,   ///< a byte other than 0x31/0xF3 while the master polls
        BadCrc,          ///< the next histogram or PM frame carries a wrong CRC
        StuckBusy,       ///< answers 0x31 forever to the next command
        LeakedHandshake, ///< the data phase starts with 31 <cmd> 31 <cmd> …
        NoAnswer,        ///< MISO floats: every byte reads as `byte` (0x00 or 0xFF)
        NonFinitePm,     ///< the next histogram or PM frame carries PM1 NaN, PM2.5 +inf, PM10 -inf
                         ///< under a correct CRC, as a real N3 can
    };

    struct Options
    {
        int busyPolls = 1; ///< 0x31 answers to repeated command bytes before 0xF3
        quint32 seed = 1;
        QString serial = QStringLiteral("177940203");
        double concentration = 1.0; ///< scales particle counts
        int idleResetMs = 500;      ///< silence after which an unfinished command is dropped
    };

    using Clock = std::function<qint64()>; ///< milliseconds, monotonic

    OpcN3Emulator();
    explicit OpcN3Emulator(Options options, Clock clock = {});

    Status transfer(std::span<const uint8_t> tx, std::span<uint8_t> rx, int byteDelayUs) override;
    QString describe() const override;

    /// Makes the next `times` commands (or frames, for BadCrc and NonFinitePm) show `fault`.
    void injectFault(Fault fault, int times = 1, uint8_t byte = 0xE6);
    /// Simulates a power cycle: fan and laser off, accumulators cleared, first read odd.
    void powerCycle();

    // Inspection, for tests.
    bool fanOn() const;
    bool laserOn() const;
    bool triggerArmed() const;
    /// Every command byte that started a transaction, in order.
    std::vector<uint8_t> commandLog() const;
    int histogramReads() const;

private:
    enum class Phase { Idle, Polling, Read, Write };
    uint8_t exchange(uint8_t mosi);
    void endMessage();
    void startData();
    void applyWrite();
    /// Reads and resets the accumulated histogram (what 0x30 and 0x32 both do).
    OpcN3Histogram sampleHistogram();
    /// `h`, with non-finite PM values while a NonFinitePm fault is pending.
    OpcN3Histogram withFaultyPm(OpcN3Histogram h);
    QByteArray buildPowerStatus() const;
    void resetOnError();
    qint64 now() const { return m_clock(); }

    mutable std::mutex m_mutex;
    Options m_opt;
    Clock m_clock;
    OpcN3Aerosol m_aerosol;

    Phase m_phase = Phase::Idle;
    uint8_t m_cmd = 0;
    int m_pollsLeft = 0;
    bool m_stuckThisCommand = false;
    QByteArray m_out; // read phase: what the slave clocks out
    QByteArray m_in;  // write phase: what the master sent
    int m_pos = 0;
    int m_expectIn = 0;
    uint8_t m_lastIn = 0;

    bool m_fan = false, m_laserPot = true, m_laserSwitch = false;
    bool m_gainHigh = true, m_autoGain = true;
    bool m_armed = true;
    bool m_oddNextPeriod = true;
    qint64 m_lastReadMs;
    qint64 m_fanOnMs = 0;
    qint64 m_lastByteMs = 0;
    int m_histogramReads = 0;
    std::vector<uint8_t> m_log;

    int m_wrongPoll = 0, m_badCrc = 0, m_stuck = 0, m_leak = 0, m_noAnswer = 0, m_nonFinite = 0;
    uint8_t m_faultByte = 0xE6;
};

} // namespace fs
