// CRC-16/MODBUS, bitwise: the OPC frames are short, a table buys nothing.
#include "Crc16.h"

namespace fs {

uint16_t crc16Modbus(std::span<const uint8_t> bytes)
{
    uint16_t crc = 0xFFFF;
    for (uint8_t b : bytes) {
        crc ^= b;
        for (int i = 0; i < 8; ++i)
            crc = (crc & 1) ? uint16_t((crc >> 1) ^ 0xA001) : uint16_t(crc >> 1);
    }
    return crc;
}

} // namespace fs
