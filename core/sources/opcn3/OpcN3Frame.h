// OPC-N3 frames as values: the 86-byte histogram, the 14-byte PM frame, identity strings.
// Pure functions over bytes, shared by the driver (decode) and the emulator (encode).
#pragma once

#include "OpcN3Protocol.h"
#include "util/Result.h"

#include <QByteArray>
#include <QString>
#include <array>
#include <cstdint>
#include <optional>
#include <span>

namespace fs {

/// One histogram frame, decoded. Raw fields keep the device's units; accessors convert.
struct OpcN3Histogram
{
    std::array<uint16_t, opcn3::kBins> bins{};
    std::array<uint8_t, 4> mtofRaw{};   ///< bins 1, 3, 5, 7; µs = raw / 3
    uint16_t periodRaw = 0;             ///< s = raw / 100
    uint16_t flowRaw = 0;               ///< ml/s = raw / 100
    uint16_t temperatureRaw = 0;        ///< SHT31 ST
    uint16_t humidityRaw = 0;           ///< SHT31 SRH
    float pm1 = 0, pm2_5 = 0, pm10 = 0; ///< µg/m³
    uint16_t rejectGlitch = 0, rejectLongTof = 0, rejectRatio = 0, rejectOutOfRange = 0;
    uint16_t fanRevCount = 0;
    uint16_t laserStatus = 0;
    uint16_t crc = 0; ///< as received

    double samplingPeriodS() const { return periodRaw / 100.0; }
    double flowRateMlS() const { return flowRaw / 100.0; }
    double temperatureC() const { return -45.0 + 175.0 * temperatureRaw / 65535.0; }
    double humidityPct() const { return 100.0 * humidityRaw / 65535.0; }
    double mtofUs(int i) const { return mtofRaw[size_t(i)] / 3.0; }
    /// Counts per ml of sampled air, or nothing when flow × period is 0.
    std::optional<std::array<double, opcn3::kBins>> countsPerMl() const;
    /// Rejected particles as a percentage of all particles seen (counted + rejected).
    double rejectPct() const;
    bool allZero() const;
};

struct OpcN3PmFrame
{
    float pm1 = 0, pm2_5 = 0, pm10 = 0;
    uint16_t crc = 0;
};

struct OpcN3Identity
{
    QString info;   ///< 0x3F, e.g. "OPC-N3 Iss1.1 FirmwareVer=1.17a"
    QString serial; ///< 0x10, e.g. "OPC-N3 177940203"
    int firmwareMajor = 0;
    int firmwareMinor = 0;
};

namespace opcn3 {

/// Decodes an 86-byte histogram; the error names the length found or both CRC values.
Result<OpcN3Histogram> decodeHistogram(std::span<const uint8_t> frame);
/// Encodes a histogram; the CRC is computed (h.crc is ignored) unless `corruptCrc`.
QByteArray encodeHistogram(const OpcN3Histogram& h, bool corruptCrc = false);

Result<OpcN3PmFrame> decodePm(std::span<const uint8_t> frame);
QByteArray encodePm(const OpcN3PmFrame& pm);

/// Strips the padding (NUL, 0xFF, '.') and trailing "BS" marker from a 60-byte identity string.
QString cleanIdentity(std::span<const uint8_t> bytes);
/// Pads `text` with '.' to `size` bytes, the last two "BS" (the device's info format).
QByteArray padIdentity(const QString& text, int size, bool withMarker);

/// Parses frame bytes from a file: raw bytes, or hex text with any whitespace.
Result<QByteArray> frameFromFileContent(const QByteArray& content);

} // namespace opcn3
} // namespace fs
