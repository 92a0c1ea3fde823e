// SpidevBus: a Linux spidev device (/dev/spidevB.C) behind the SpiBus interface.
#pragma once

#include "SpiBus.h"

#include <QString>
#include <memory>

namespace fs {

class SpidevBus : public SpiBus
{
public:
    struct Options
    {
        QString device = QStringLiteral("/dev/spidev0.0");
        uint32_t speedHz = 300000;
        uint8_t mode = 1;       ///< SPI mode (the OPC-N3 uses 1: CPOL 0, CPHA 1)
        bool csPerByte = false; ///< release chip select between the bytes of a message
    };

    /// Opens and configures the device; the error names the device and the failing step.
    static Result<std::unique_ptr<SpidevBus>> open(const Options& options);
    ~SpidevBus() override;

    Status transfer(std::span<const uint8_t> tx, std::span<uint8_t> rx, int byteDelayUs) override;
    QString describe() const override;

private:
    SpidevBus(int fd, Options options) : m_fd(fd), m_opt(std::move(options)) {}
    int m_fd;
    Options m_opt;
};

} // namespace fs
