// SpidevBus: all bytes of a message go in one SPI_IOC_MESSAGE ioctl, one transfer per byte, so the
// per-byte delay is kept by the kernel rather than by user-space sleeps.
#include "SpidevBus.h"

#include <QFile>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/spi/spidev.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <vector>

namespace fs {

namespace {

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// A message of more transfers than this is split; the kernel caps a message at 4 KiB of descriptors.
constexpr size_t kMaxTransfersPerMessage = 128;

} // namespace

Result<std::unique_ptr<SpidevBus>> SpidevBus::open(const Options& o)
{
    const QByteArray path = QFile::encodeName(o.device);
    const int fd = ::open(path.constData(), O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return Error{QStringLiteral("%1: cannot open: %2").arg(o.device, errnoText())};
    const auto fail = [&](const char* step) {
        const QString msg =
            QStringLiteral("%1: %2: %3").arg(o.device, QString::fromLatin1(step), errnoText());
        ::close(fd);
        return Error{msg};
    };
    uint8_t mode = o.mode;
    uint8_t bits = 8;
    uint8_t lsbFirst = 0;
    uint32_t speed = o.speedHz;
    if (ioctl(fd, SPI_IOC_WR_MODE, &mode) < 0)
        return fail("setting SPI mode");
    if (ioctl(fd, SPI_IOC_WR_BITS_PER_WORD, &bits) < 0)
        return fail("setting 8 bits per word");
    if (ioctl(fd, SPI_IOC_WR_LSB_FIRST, &lsbFirst) < 0)
        return fail("setting MSB first");
    if (ioctl(fd, SPI_IOC_WR_MAX_SPEED_HZ, &speed) < 0)
        return fail("setting the clock speed");
    return std::unique_ptr<SpidevBus>(new SpidevBus(fd, o));
}

SpidevBus::~SpidevBus()
{
    ::close(m_fd);
}

Status SpidevBus::transfer(std::span<const uint8_t> tx, std::span<uint8_t> rx, int byteDelayUs)
{
    if (rx.size() != tx.size())
        return Error{QStringLiteral("%1: rx and tx differ in size").arg(m_opt.device)};
    for (size_t start = 0; start < tx.size(); start += kMaxTransfersPerMessage) {
        const size_t n = std::min(kMaxTransfersPerMessage, tx.size() - start);
        std::vector<spi_ioc_transfer> xfers(n);
        for (size_t i = 0; i < n; ++i) {
            spi_ioc_transfer& x = xfers[i];
            std::memset(&x, 0, sizeof x);
            x.tx_buf = reinterpret_cast<uintptr_t>(tx.data() + start + i);
            x.rx_buf = reinterpret_cast<uintptr_t>(rx.data() + start + i);
            x.len = 1;
            x.speed_hz = m_opt.speedHz;
            x.bits_per_word = 8;
            x.delay_usecs = uint16_t(std::clamp(byteDelayUs, 0, 65535));
            // cs_change on an inner transfer releases CS before the next one; on the last it would
            // ask to keep CS asserted after the message, which we never want on a shared bus.
            x.cs_change = (m_opt.csPerByte && i + 1 < n) ? 1 : 0;
        }
        if (ioctl(m_fd, SPI_IOC_MESSAGE(n), xfers.data()) < 0)
            return Error{QStringLiteral("%1: SPI transfer of %2 bytes failed: %3")
                             .arg(m_opt.device)
                             .arg(n)
                             .arg(errnoText())};
    }
    return {};
}

QString SpidevBus::describe() const
{
    return QStringLiteral("%1 @ %2 kHz, mode %3, CS per %4")
        .arg(m_opt.device)
        .arg(m_opt.speedHz / 1000)
        .arg(m_opt.mode)
        .arg(m_opt.csPerByte ? QStringLiteral("byte") : QStringLiteral("message"));
}

} // namespace fs
