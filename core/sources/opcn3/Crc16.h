// CRC-16/MODBUS (poly 0xA001 reflected, init 0xFFFF), the OPC-N3's frame checksum.
#pragma once

#include <cstdint>
#include <span>

namespace fs {

uint16_t crc16Modbus(std::span<const uint8_t> bytes);

} // namespace fs
