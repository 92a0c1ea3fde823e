// OPC-N3 SPI protocol constants (Alphasense 072-0503, firmware 1.14–1.17a).
#pragma once

#include <cstdint>

namespace fs::opcn3 {

constexpr uint8_t kBusy = 0x31;
constexpr uint8_t kReady = 0xF3;

/// Commands a logger may send. 0x11 (write serial, once only) and 0x41 (bootloader) are absent on
/// purpose, and the driver refuses them even as raw bytes.
enum class Command : uint8_t {
    WritePower = 0x03,
    SetBinWeighting = 0x05,
    Reset = 0x06,
    ReadSerial = 0x10,
    ReadFirmware = 0x12,
    ReadPowerStatus = 0x13,
    ReadHistogram = 0x30,
    ReadPm = 0x32,
    WriteConfig = 0x3A,
    ReadConfig = 0x3C,
    ReadInfo = 0x3F,
    SetPot = 0x42,
    CheckStatus = 0xCF,
};

constexpr uint8_t kForbiddenWriteSerial = 0x11;
constexpr uint8_t kForbiddenBootloader = 0x41;

constexpr bool isForbidden(uint8_t command)
{
    return command == kForbiddenWriteSerial || command == kForbiddenBootloader;
}

/// Option bytes that follow a 0x03 power command: (target << 1) | state.
enum class PowerOption : uint8_t {
    FanOff = 0x02,
    FanOn = 0x03,
    LaserPotOff = 0x04,
    LaserPotOn = 0x05,
    LaserOff = 0x06,
    LaserOn = 0x07,
    GainLow = 0x08,
    GainHigh = 0x09,
};

constexpr int kHistogramSize = 86;
constexpr int kPmSize = 14;
constexpr int kInfoSize = 60;
constexpr int kSerialSize = 60;
constexpr int kFirmwareSize = 2;
constexpr int kPowerStatusSize = 6;
constexpr int kConfigSize = 168;
constexpr int kBins = 24;

} // namespace fs::opcn3
