// OpcN3Emulator: the slave state machine of opcn3.md §1.4 and §6.
#include "OpcN3Emulator.h"

#include "sources/opcn3/OpcN3Protocol.h"
#include "util/Logging.h"

#include <algorithm>
#include <chrono>
#include <limits>

namespace fs {

using namespace opcn3;

namespace {

qint64 steadyMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

int readSize(uint8_t cmd)
{
    switch (cmd) {
    case 0x3F:
        return kInfoSize;
    case 0x10:
        return kSerialSize;
    case 0x12:
        return kFirmwareSize;
    case 0x13:
        return kPowerStatusSize;
    case 0x3C:
        return kConfigSize;
    case 0x30:
        return kHistogramSize;
    case 0x32:
        return kPmSize;
    default:
        return 0;
    }
}

int writeSize(uint8_t cmd)
{
    switch (cmd) {
    case 0x03:
        return 1;
    case 0x05:
        return 1;
    case 0x42:
        return 2;
    case 0x3A:
        return 167;
    case 0x43:
        return 5;
    case 0x11:
        return 60;
    default:
        return 0;
    }
}

} // namespace

OpcN3Emulator::OpcN3Emulator() : OpcN3Emulator(Options{}) {}

OpcN3Emulator::OpcN3Emulator(Options options, Clock clock)
    : m_opt(std::move(options)), m_clock(clock ? std::move(clock) : Clock(steadyMs)),
      m_aerosol(m_opt.concentration, m_opt.seed)
{
    m_lastReadMs = now();
}

Status OpcN3Emulator::transfer(std::span<const uint8_t> tx, std::span<uint8_t> rx, int)
{
    std::lock_guard lock(m_mutex);
    for (size_t i = 0; i < tx.size(); ++i)
        rx[i] = exchange(tx[i]);
    endMessage();
    return {};
}

QString OpcN3Emulator::describe() const
{
    return QStringLiteral("OPC-N3 emulator (serial %1)").arg(m_opt.serial);
}

void OpcN3Emulator::injectFault(Fault fault, int times, uint8_t byte)
{
    std::lock_guard lock(m_mutex);
    m_faultByte = byte;
    switch (fault) {
    case Fault::WrongPollByte:
        m_wrongPoll += times;
        break;
    case Fault::BadCrc:
        m_badCrc += times;
        break;
    case Fault::StuckBusy:
        m_stuck += times;
        break;
    case Fault::LeakedHandshake:
        m_leak += times;
        break;
    case Fault::NoAnswer:
        m_noAnswer += times;
        break;
    case Fault::NonFinitePm:
        m_nonFinite += times;
        break;
    }
}

void OpcN3Emulator::powerCycle()
{
    std::lock_guard lock(m_mutex);
    m_fan = false;
    m_laserSwitch = false;
    m_phase = Phase::Idle;
    m_oddNextPeriod = true;
    m_lastReadMs = now();
}

bool OpcN3Emulator::fanOn() const
{
    std::lock_guard lock(m_mutex);
    return m_fan;
}

bool OpcN3Emulator::laserOn() const
{
    std::lock_guard lock(m_mutex);
    return m_laserSwitch;
}

bool OpcN3Emulator::triggerArmed() const
{
    std::lock_guard lock(m_mutex);
    return m_armed;
}

std::vector<uint8_t> OpcN3Emulator::commandLog() const
{
    std::lock_guard lock(m_mutex);
    return m_log;
}

int OpcN3Emulator::histogramReads() const
{
    std::lock_guard lock(m_mutex);
    return m_histogramReads;
}

void OpcN3Emulator::resetOnError()
{
    // After an error the device flushes its buffer; the next histogram covers an unknown period.
    m_phase = Phase::Idle;
    m_armed = false;
    m_oddNextPeriod = true;
}

uint8_t OpcN3Emulator::exchange(uint8_t mosi)
{
    // After a silence the firmware has flushed its buffer: whatever was unfinished is dropped.
    const qint64 t = now();
    if (m_phase != Phase::Idle && t - m_lastByteMs > m_opt.idleResetMs)
        resetOnError();
    m_lastByteMs = t;
    if (m_noAnswer > 0) {
        // The fault lasts for whole commands: count one down each time a command would start.
        if (m_phase == Phase::Idle)
            --m_noAnswer;
        resetOnError();
        return m_faultByte;
    }
    switch (m_phase) {
    case Phase::Idle:
        m_cmd = mosi;
        m_log.push_back(mosi);
        m_pollsLeft = m_opt.busyPolls;
        m_stuckThisCommand = m_stuck > 0;
        if (m_stuckThisCommand)
            --m_stuck;
        m_phase = Phase::Polling;
        return kBusy;
    case Phase::Polling:
        if (mosi != m_cmd) {
            // DOC §3: a differing byte cancels the command and leaves the trigger unarmed.
            m_phase = Phase::Idle;
            m_armed = false;
            return kBusy;
        }
        if (m_wrongPoll > 0) {
            --m_wrongPoll;
            resetOnError();
            return m_faultByte;
        }
        if (m_stuckThisCommand || m_pollsLeft > 0) {
            --m_pollsLeft;
            return kBusy;
        }
        startData();
        return kReady;
    case Phase::Read: {
        const uint8_t b = m_pos < m_out.size() ? uint8_t(m_out[m_pos]) : 0x00;
        if (++m_pos >= m_out.size())
            m_phase = Phase::Idle;
        return b;
    }
    case Phase::Write: {
        const uint8_t echo = m_in.isEmpty() ? m_cmd : m_lastIn;
        m_in.append(char(mosi));
        m_lastIn = mosi;
        if (m_in.size() >= m_expectIn) {
            applyWrite();
            m_phase = Phase::Idle;
        }
        return echo;
    }
    }
    return 0x00;
}

void OpcN3Emulator::endMessage()
{
    // Chip select released. Polling survives it (firmware tolerates CS between polls), and so does
    // the gap between 0xF3 and the first data byte; a data phase cut short does not.
    if ((m_phase == Phase::Read && m_pos > 0) || (m_phase == Phase::Write && !m_in.isEmpty())) {
        qCDebug(lcSim) << "OPC-N3 emulator: CS released mid data phase of" << Qt::hex << m_cmd;
        resetOnError();
    }
}

void OpcN3Emulator::startData()
{
    const int rsize = readSize(m_cmd);
    const int wsize = writeSize(m_cmd);
    m_pos = 0;
    if (rsize > 0) {
        switch (m_cmd) {
        case 0x3F:
            m_out = padIdentity(QStringLiteral("OPC-N3 Iss1.1 FirmwareVer=1.17a"), kInfoSize, true);
            break;
        case 0x10:
            m_out = padIdentity(QStringLiteral("OPC-N3 ") + m_opt.serial, kSerialSize, false);
            break;
        case 0x12:
            m_out = QByteArray("\x01\x11", 2);
            break;
        case 0x13:
            m_out = buildPowerStatus();
            break;
        case 0x3C:
            m_out = OpcN3Aerosol::factoryConfig();
            break;
        case 0x30: {
            const bool corrupt = m_badCrc > 0;
            if (corrupt)
                --m_badCrc;
            m_out = encodeHistogram(withFaultyPm(sampleHistogram()), corrupt);
            break;
        }
        case 0x32: {
            const OpcN3Histogram h = withFaultyPm(sampleHistogram());
            m_out = encodePm({h.pm1, h.pm2_5, h.pm10, 0});
            if (m_badCrc > 0) {
                --m_badCrc;
                m_out[12] = char(m_out[12] ^ 0x5A);
            }
            break;
        }
        }
        if (m_leak > 0) {
            --m_leak;
            QByteArray leaked;
            for (int i = 0; i < 4; ++i)
                leaked.append(char(i % 2 ? m_cmd : kBusy));
            m_out = (leaked + m_out).left(rsize);
        }
        m_phase = Phase::Read;
    } else if (wsize > 0) {
        m_in.clear();
        m_expectIn = wsize;
        m_phase = Phase::Write;
    } else {
        if (m_cmd == 0x06) { // reset
            m_gainHigh = true;
            m_autoGain = true;
        }
        m_phase = Phase::Idle; // handshake-only command
    }
}

void OpcN3Emulator::applyWrite()
{
    if (m_cmd != 0x03)
        return; // pots, bin weighting, config: accepted and ignored
    switch (uint8_t(m_in[0])) {
    case 0x02:
        m_fan = false;
        break;
    case 0x03:
        if (!m_fan)
            m_fanOnMs = now();
        m_fan = true;
        break;
    case 0x04:
        m_laserPot = false;
        break;
    case 0x05:
        m_laserPot = true;
        break;
    case 0x06:
        m_laserSwitch = false;
        break;
    case 0x07:
        m_laserSwitch = true;
        break;
    case 0x08:
        m_gainHigh = false;
        m_autoGain = false;
        break;
    case 0x09:
        m_gainHigh = true;
        m_autoGain = false;
        break;
    default:
        break;
    }
}

OpcN3Histogram OpcN3Emulator::sampleHistogram()
{
    const qint64 t = now();
    const double elapsedS = std::max<qint64>(0, t - m_lastReadMs) / 1000.0;
    m_lastReadMs = t;
    ++m_histogramReads;
    m_armed = true;

    OpcN3Histogram h = m_aerosol.sample(t, elapsedS, m_fan, m_laserSwitch, m_laserPot);
    h.periodRaw = m_oddNextPeriod ? 0xFFFF : uint16_t(std::min<double>(elapsedS * 100.0, 65535.0));
    m_oddNextPeriod = false;
    return h;
}

OpcN3Histogram OpcN3Emulator::withFaultyPm(OpcN3Histogram h)
{
    if (m_nonFinite <= 0)
        return h;
    --m_nonFinite;
    h.pm1 = std::numeric_limits<float>::quiet_NaN();
    h.pm2_5 = std::numeric_limits<float>::infinity();
    h.pm10 = -std::numeric_limits<float>::infinity();
    return h;
}

QByteArray OpcN3Emulator::buildPowerStatus() const
{
    QByteArray s(kPowerStatusSize, 0);
    s[0] = char(m_fan);
    s[1] = char(m_laserPot);
    s[2] = char(255);
    s[3] = char(140);
    s[4] = char(m_laserSwitch);
    s[5] = char((m_gainHigh ? 1 : 0) | (m_autoGain ? 2 : 0));
    return s;
}

} // namespace fs
