// OPC-N3 frame codec: explicit little-endian reads, no struct overlays.
#include "OpcN3Frame.h"

#include "Crc16.h"

#include <bit>
#include <cctype>
#include <cstring>

namespace fs::opcn3 {

namespace {

uint16_t u16(std::span<const uint8_t> f, size_t at)
{
    return uint16_t(f[at] | (f[at + 1] << 8));
}

float f32(std::span<const uint8_t> f, size_t at)
{
    uint32_t v =
        uint32_t(f[at]) | uint32_t(f[at + 1]) << 8 | uint32_t(f[at + 2]) << 16 | uint32_t(f[at + 3]) << 24;
    return std::bit_cast<float>(v);
}

void put16(QByteArray& out, uint16_t v)
{
    out.append(char(v & 0xFF));
    out.append(char(v >> 8));
}

void putF32(QByteArray& out, float f)
{
    const uint32_t v = std::bit_cast<uint32_t>(f);
    for (int i = 0; i < 4; ++i)
        out.append(char((v >> (8 * i)) & 0xFF));
}

std::span<const uint8_t> bytesOf(const QByteArray& a)
{
    return {reinterpret_cast<const uint8_t*>(a.constData()), size_t(a.size())};
}

QString hex16(uint16_t v)
{
    return QStringLiteral("0x%1").arg(v, 4, 16, QLatin1Char('0'));
}

Status checkCrc(std::span<const uint8_t> frame, const char* what)
{
    const size_t n = frame.size() - 2;
    const uint16_t received = u16(frame, n);
    const uint16_t computed = crc16Modbus(frame.first(n));
    if (received != computed)
        return Error{
            QStringLiteral("%1: CRC mismatch: frame carries %2 (bytes %3–%4), bytes 0–%5 compute to %6")
                .arg(QString::fromLatin1(what), hex16(received))
                .arg(n)
                .arg(n + 1)
                .arg(n - 1)
                .arg(hex16(computed))};
    return {};
}

} // namespace

Result<OpcN3Histogram> decodeHistogram(std::span<const uint8_t> f)
{
    if (f.size() != size_t(kHistogramSize))
        return Error{
            QStringLiteral("histogram frame: expected %1 bytes, found %2").arg(kHistogramSize).arg(f.size())};
    if (Status s = checkCrc(f, "histogram frame"); !s)
        return Error{s.error()};
    OpcN3Histogram h;
    for (int i = 0; i < kBins; ++i)
        h.bins[size_t(i)] = u16(f, size_t(2 * i));
    for (int i = 0; i < 4; ++i)
        h.mtofRaw[size_t(i)] = f[size_t(48 + i)];
    h.periodRaw = u16(f, 52);
    h.flowRaw = u16(f, 54);
    h.temperatureRaw = u16(f, 56);
    h.humidityRaw = u16(f, 58);
    h.pm1 = f32(f, 60);
    h.pm2_5 = f32(f, 64);
    h.pm10 = f32(f, 68);
    h.rejectGlitch = u16(f, 72);
    h.rejectLongTof = u16(f, 74);
    h.rejectRatio = u16(f, 76);
    h.rejectOutOfRange = u16(f, 78);
    h.fanRevCount = u16(f, 80);
    h.laserStatus = u16(f, 82);
    h.crc = u16(f, 84);
    return h;
}

QByteArray encodeHistogram(const OpcN3Histogram& h, bool corruptCrc)
{
    QByteArray out;
    out.reserve(kHistogramSize);
    for (uint16_t b : h.bins)
        put16(out, b);
    for (uint8_t m : h.mtofRaw)
        out.append(char(m));
    for (uint16_t v : {h.periodRaw, h.flowRaw, h.temperatureRaw, h.humidityRaw})
        put16(out, v);
    for (float v : {h.pm1, h.pm2_5, h.pm10})
        putF32(out, v);
    for (uint16_t v :
         {h.rejectGlitch, h.rejectLongTof, h.rejectRatio, h.rejectOutOfRange, h.fanRevCount, h.laserStatus})
        put16(out, v);
    uint16_t crc = crc16Modbus(bytesOf(out));
    if (corruptCrc)
        crc ^= 0x5A5A;
    put16(out, crc);
    return out;
}

Result<OpcN3PmFrame> decodePm(std::span<const uint8_t> f)
{
    if (f.size() != size_t(kPmSize))
        return Error{QStringLiteral("PM frame: expected %1 bytes, found %2").arg(kPmSize).arg(f.size())};
    if (Status s = checkCrc(f, "PM frame"); !s)
        return Error{s.error()};
    return OpcN3PmFrame{f32(f, 0), f32(f, 4), f32(f, 8), u16(f, 12)};
}

QByteArray encodePm(const OpcN3PmFrame& pm)
{
    QByteArray out;
    for (float v : {pm.pm1, pm.pm2_5, pm.pm10})
        putF32(out, v);
    put16(out, crc16Modbus(bytesOf(out)));
    return out;
}

QString cleanIdentity(std::span<const uint8_t> bytes)
{
    QByteArray s(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
    while (!s.isEmpty() && (s.endsWith('\0') || s.endsWith('\xff')))
        s.chop(1);
    if (s.endsWith("BS") && s.size() >= 2 && s.size() == qsizetype(bytes.size()))
        s.chop(2);
    while (!s.isEmpty() && (s.endsWith('.') || s.endsWith(' ') || s.endsWith('\0') || s.endsWith('\xff')))
        s.chop(1);
    return QString::fromLatin1(s);
}

QByteArray padIdentity(const QString& text, int size, bool withMarker)
{
    QByteArray s = text.toLatin1().left(withMarker ? size - 2 : size);
    while (s.size() < (withMarker ? size - 2 : size))
        s.append('.');
    if (withMarker)
        s.append("BS");
    return s;
}

Result<QByteArray> frameFromFileContent(const QByteArray& content)
{
    bool text = true;
    bool hexOnly = true;
    for (char c : content) {
        const uchar u = uchar(c);
        const bool space = u == ' ' || u == '\t' || u == '\n' || u == '\r';
        if (!space && !(u >= 0x21 && u < 0x7F))
            text = false;
        if (!space && !std::isxdigit(u))
            hexOnly = false;
    }
    // An 86-byte file that is not all hex digits is a raw frame; anything printable is hex text.
    if (!text || (content.size() == kHistogramSize && !hexOnly))
        return content;
    QByteArray out;
    int line = 1, column = 0, pending = -1;
    for (char c : content) {
        ++column;
        if (c == '\n') {
            ++line;
            column = 0;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r')
            continue;
        const int v = QByteArray(1, c).toInt(nullptr, 16);
        if (!std::isxdigit(uchar(c)))
            return Error{QStringLiteral("line %1, column %2: '%3' is not a hex digit")
                             .arg(line)
                             .arg(column)
                             .arg(QChar::fromLatin1(c))};
        if (pending < 0) {
            pending = v;
        } else {
            out.append(char(pending << 4 | v));
            pending = -1;
        }
    }
    if (pending >= 0)
        return Error{QStringLiteral("hex text has an odd number of digits (%1 bytes and half a byte)")
                         .arg(out.size())};
    return out;
}

} // namespace fs::opcn3

namespace fs {

std::optional<std::array<double, opcn3::kBins>> OpcN3Histogram::countsPerMl() const
{
    const double ml = flowRateMlS() * samplingPeriodS();
    if (ml <= 0.0)
        return std::nullopt;
    std::array<double, opcn3::kBins> out{};
    for (size_t i = 0; i < bins.size(); ++i)
        out[i] = bins[i] / ml;
    return out;
}

double OpcN3Histogram::rejectPct() const
{
    double counted = 0;
    for (uint16_t b : bins)
        counted += b;
    const double rejected = double(rejectGlitch) + rejectLongTof + rejectRatio + rejectOutOfRange;
    return counted + rejected > 0 ? 100.0 * rejected / (counted + rejected) : 0.0;
}

bool OpcN3Histogram::allZero() const
{
    for (uint16_t b : bins) {
        if (b)
            return false;
    }
    return pm1 == 0 && pm2_5 == 0 && pm10 == 0 && fanRevCount == 0 && laserStatus == 0;
}

} // namespace fs
