// OpcN3Driver: DOC §3's handshake; data bytes of one phase in one SPI message.
#include "OpcN3Driver.h"

#include "util/Logging.h"

#include <QThread>

namespace fs {

using namespace opcn3;

namespace {

QString hexByte(uint8_t b)
{
    return QStringLiteral("0x%1").arg(b, 2, 16, QLatin1Char('0'));
}

} // namespace

QString toString(OpcN3Failure::Kind kind)
{
    switch (kind) {
    case OpcN3Failure::Kind::Bus:
        return QStringLiteral("bus error");
    case OpcN3Failure::Kind::UnexpectedByte:
        return QStringLiteral("unexpected byte");
    case OpcN3Failure::Kind::StuckBusy:
        return QStringLiteral("stuck busy");
    case OpcN3Failure::Kind::BadEcho:
        return QStringLiteral("bad echo");
    case OpcN3Failure::Kind::BadFrame:
        return QStringLiteral("bad frame");
    case OpcN3Failure::Kind::Forbidden:
        return QStringLiteral("forbidden command");
    }
    return {};
}

OpcN3Driver::OpcN3Driver(SpiBus& bus, Timing timing, Sleep sleep)
    : m_bus(bus), m_timing(timing), m_sleep(sleep ? std::move(sleep) : Sleep([](int ms) {
          if (ms > 0)
              QThread::msleep(ulong(ms));
      }))
{}

bool OpcN3Driver::fail(OpcN3Failure::Kind kind, QString message)
{
    m_failure = {kind, std::move(message)};
    qCDebug(lcOpcN3) << toString(kind) << m_failure.message;
    return false;
}

void OpcN3Driver::gap()
{
    m_sleep(m_timing.exchangeGapMs);
}

bool OpcN3Driver::handshake(uint8_t command)
{
    if (isForbidden(command))
        return fail(OpcN3Failure::Kind::Forbidden,
                    QStringLiteral("command %1 is never sent by a logger").arg(hexByte(command)));
    // Each poll is its own message: what comes next depends on the byte received.
    for (int poll = 0; poll <= m_timing.maxPolls; ++poll) {
        if (poll > 0)
            m_sleep(m_timing.pollIntervalMs);
        uint8_t rx = 0;
        if (Status s = m_bus.transfer({&command, 1}, {&rx, 1}, 0); !s)
            return fail(OpcN3Failure::Kind::Bus, s.error());
        if (rx == kReady && poll > 0)
            return true;
        if (rx != kBusy) {
            gap();
            return fail(OpcN3Failure::Kind::UnexpectedByte,
                        QStringLiteral("command %1, poll %2: got %3, expected 0x31 (busy) or 0xf3 (ready)")
                            .arg(hexByte(command))
                            .arg(poll)
                            .arg(hexByte(rx)));
        }
    }
    gap();
    return fail(
        OpcN3Failure::Kind::StuckBusy,
        QStringLiteral("command %1: still busy after %2 polls").arg(hexByte(command)).arg(m_timing.maxPolls));
}

bool OpcN3Driver::read(uint8_t command, int length, QByteArray* out)
{
    if (!handshake(command))
        return false;
    // DOC lists the command byte as the byte out for every data byte of a read.
    const QByteArray tx(length, char(command));
    out->resize(length);
    const Status s =
        m_bus.transfer({reinterpret_cast<const uint8_t*>(tx.constData()), size_t(length)},
                       {reinterpret_cast<uint8_t*>(out->data()), size_t(length)}, m_timing.byteDelayUs);
    gap();
    if (!s)
        return fail(OpcN3Failure::Kind::Bus, s.error());
    return true;
}

bool OpcN3Driver::write(uint8_t command, const QByteArray& payload)
{
    if (!handshake(command))
        return false;
    QByteArray rx(payload.size(), 0);
    const Status s =
        m_bus.transfer({reinterpret_cast<const uint8_t*>(payload.constData()), size_t(payload.size())},
                       {reinterpret_cast<uint8_t*>(rx.data()), size_t(rx.size())}, m_timing.byteDelayUs);
    gap();
    if (!s)
        return fail(OpcN3Failure::Kind::Bus, s.error());
    for (int i = 0; i < payload.size(); ++i) {
        const uint8_t expected = i == 0 ? command : uint8_t(payload[i - 1]);
        if (uint8_t(rx[i]) != expected)
            return fail(OpcN3Failure::Kind::BadEcho,
                        QStringLiteral("command %1, payload byte %2: echo %3, expected %4")
                            .arg(hexByte(command))
                            .arg(i)
                            .arg(hexByte(uint8_t(rx[i])))
                            .arg(hexByte(expected)));
    }
    return true;
}

bool OpcN3Driver::ping()
{
    if (!handshake(uint8_t(Command::CheckStatus)))
        return false;
    gap();
    return true;
}

bool OpcN3Driver::identify(OpcN3Identity* out)
{
    QByteArray info, serial, fw;
    if (!read(uint8_t(Command::ReadInfo), kInfoSize, &info))
        return false;
    const auto span = [](const QByteArray& a) {
        return std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(a.constData()), size_t(a.size()));
    };
    out->info = cleanIdentity(span(info));
    if (!out->info.startsWith(QLatin1String("OPC-N3")))
        return fail(OpcN3Failure::Kind::BadFrame,
                    QStringLiteral("information string (0x3f) is not an OPC-N3's: "
                                   "starts with %1")
                        .arg(QString::fromLatin1(info.left(8).toHex(' '))));
    if (!read(uint8_t(Command::ReadSerial), kSerialSize, &serial))
        return false;
    out->serial = cleanIdentity(span(serial));
    if (!out->serial.startsWith(QLatin1String("OPC-N3")))
        return fail(OpcN3Failure::Kind::BadFrame, QStringLiteral("serial string (0x10) starts with %1")
                                                      .arg(QString::fromLatin1(serial.left(8).toHex(' '))));
    if (!read(uint8_t(Command::ReadFirmware), kFirmwareSize, &fw))
        return false;
    out->firmwareMajor = uint8_t(fw[0]);
    out->firmwareMinor = uint8_t(fw[1]);
    return true;
}

bool OpcN3Driver::setPower(PowerOption option)
{
    // DOC: one option byte per 0x03 command; fan and laser need separate sequences.
    return write(uint8_t(Command::WritePower), QByteArray(1, char(option)));
}

bool OpcN3Driver::readHistogram(OpcN3Histogram* out)
{
    QByteArray frame;
    if (!read(uint8_t(Command::ReadHistogram), kHistogramSize, &frame))
        return false;
    auto h = decodeHistogram({reinterpret_cast<const uint8_t*>(frame.constData()), size_t(frame.size())});
    if (!h)
        return fail(OpcN3Failure::Kind::BadFrame, h.error());
    *out = h.value();
    return true;
}

} // namespace fs
