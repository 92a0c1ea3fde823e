// OpcN3Driver: the OPC-N3 command layer (busy/ready handshake, read and write phases) over a SpiBus.
#pragma once

#include "OpcN3Frame.h"
#include "OpcN3Protocol.h"
#include "SpiBus.h"

#include <functional>

namespace fs {

/// Why an exchange with the OPC failed; every kind calls for the > 2 s back-off.
struct OpcN3Failure
{
    enum class Kind { Bus, UnexpectedByte, StuckBusy, BadEcho, BadFrame, Forbidden };
    Kind kind = Kind::Bus;
    QString message;
};

class OpcN3Driver
{
public:
    struct Timing
    {
        int pollIntervalMs = 10; ///< between repeated command bytes
        int maxPolls = 20;       ///< give up (stuck busy) after this many
        int byteDelayUs = 10;    ///< after each data byte, inside one ioctl message
        int exchangeGapMs = 10;  ///< after each complete exchange
    };
    using Sleep = std::function<void(int ms)>;

    OpcN3Driver(SpiBus& bus, Timing timing, Sleep sleep = {});

    /// Handshake for `command`, then read `length` bytes.
    bool read(uint8_t command, int length, QByteArray* out);
    /// Handshake for `command`, then send `payload`, checking the slave's shifted echo.
    bool write(uint8_t command, const QByteArray& payload);
    /// Handshake only (0xCF check status).
    bool ping();

    bool identify(OpcN3Identity* out);
    bool setPower(opcn3::PowerOption option);
    bool readHistogram(OpcN3Histogram* out);

    /// The last failure; meaningful after a call returned false.
    const OpcN3Failure& failure() const { return m_failure; }
    QString describe() const { return m_bus.describe(); }

private:
    bool handshake(uint8_t command);
    bool fail(OpcN3Failure::Kind kind, QString message);
    void gap();

    SpiBus& m_bus;
    Timing m_timing;
    Sleep m_sleep;
    OpcN3Failure m_failure;
};

QString toString(OpcN3Failure::Kind kind);

} // namespace fs
