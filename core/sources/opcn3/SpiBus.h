// SpiBus: one SPI device as seen by a protocol driver. Implemented by spidev and by the emulator.
#pragma once

#include "util/Result.h"

#include <cstdint>
#include <span>

namespace fs {

class SpiBus
{
public:
    virtual ~SpiBus() = default;

    /// One message: tx.size() one-byte transfers, full duplex, rx the same size. Chip select is
    /// asserted for the message (or toggled between bytes, as the bus is configured) and released
    /// after it. `byteDelayUs` is waited after every byte.
    virtual Status transfer(std::span<const uint8_t> tx, std::span<uint8_t> rx, int byteDelayUs) = 0;
    /// What this bus is, for log lines, e.g. "/dev/spidev0.0 @ 300 kHz, mode 1".
    virtual QString describe() const = 0;
};

} // namespace fs
