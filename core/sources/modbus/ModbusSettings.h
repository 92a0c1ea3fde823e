// ModbusSettings: the keys of one `type: modbus` entry of `sources:` (a Modbus TCP device and its
// register map), and their reader.
#pragma once

#include "ModbusMap.h"
#include "config/Settings.h"

namespace fs {

class YamlReader;

struct ModbusSettings : SourceOptions
{
    QString host = QStringLiteral("127.0.0.1");
    int port = 502;
    int unitId = 1;
    int intervalS = 10;
    int timeoutS = 3;
    /// The map: the preset's entries (`map: egauge` with `egauge_registers`) then `registers:`.
    QList<modbus::RegisterEntry> registers;

    /// Reads the Modbus keys of one entry; problems go to the reader with file:line and the key.
    static std::shared_ptr<const SourceOptions> read(YamlReader& r);
};

} // namespace fs
