// Settings: the one YAML settings file, with embedded defaults and strict validation.
#pragma once

#include "util/Result.h"

#include <QString>
#include <QStringList>

namespace fs {

struct StationSettings
{
    QString name = QStringLiteral("fieldstation");
    QString dataDir; ///< empty: the platform's application data folder
};

struct RecorderSettings
{
    int flushIntervalMs = 1000;
    int maxBatch = 4096;
};

struct OpcN3Settings
{
    enum class ChipSelect { Message, Byte };
    bool enabled = true;
    QString name = QStringLiteral("OPC-N3");
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
};

struct Settings
{
    StationSettings station;
    RecorderSettings recorder;
    OpcN3Settings opcn3;
    QString logRules; ///< QLoggingCategory filter rules, e.g. "fs.opcn3.debug=true"

    /// Reads `path`; every problem is reported as "file:line: key: what is wrong", one a line.
    static Result<Settings> load(const QString& path);
    /// The same, from YAML text; `origin` names it in messages.
    static Result<Settings> parse(const QByteArray& yaml, const QString& origin);
};

} // namespace fs
