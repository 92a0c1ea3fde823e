// OpcN3Settings: the keys of one `type: opcn3` entry of `sources:`, and their reader.
#pragma once

#include "config/Settings.h"

namespace fs {

class YamlReader;

struct OpcN3Settings : SourceOptions
{
    enum class ChipSelect { Message, Byte };
    QString device = QStringLiteral("/dev/spidev0.0");
    int speedHz = 300000;
    ChipSelect chipSelect = ChipSelect::Message; ///< hold CS for a whole message, or toggle per byte
    int byteDelayUs = 10;
    int pollIntervalMs = 10;
    int maxPolls = 20;
    int exchangeGapMs = 10;
    int readIntervalS = 1;
    int laserWaitMs = 1000;
    int fanWaitMs = 5000;
    int errorBackoffMs = 2500;

    /// Reads the OPC-N3's own keys of one entry; problems go to the reader with file:line.
    static std::shared_ptr<const SourceOptions> read(YamlReader& r);
};

} // namespace fs
