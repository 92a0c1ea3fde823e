// ModbusMap: a Modbus register map as data, how its values are decoded from 16-bit words, and how
// its entries are grouped into reads. Pure: no sockets, no event loop.
#pragma once

#include "util/Result.h"

#include <QList>
#include <QString>
#include <QtGlobal>
#include <span>

namespace fs::modbus {

enum class ValueType { U16, S16, U32, S32, U64, S64, F32, F64 };
/// Order of the 16-bit words of a multi-word value; bytes within a word are always big-endian.
enum class WordOrder { Big, Little };
/// Which table a register lives in: holding (function 3) or input (function 4).
enum class Function { Holding, Input };

/// One value of the map: where it is, how to decode it and which channel it feeds.
struct RegisterEntry
{
    int address = 0; ///< the protocol address (0-based, as sent on the wire)
    ValueType type = ValueType::U16;
    WordOrder wordOrder = WordOrder::Big;
    Function function = Function::Input;
    double scale = 1.0; ///< stored value = raw × scale
    QString unit;       ///< unit of the stored value
    QString channel;    ///< channel key, unique within the source
    QString sensorType; ///< code in the sensor-type table
    QString where;      ///< "file:line" of the entry, for messages
};

/// One read request: a run of contiguous registers of one table, and the entries it covers.
struct ReadBlock
{
    Function function = Function::Input;
    int start = 0;
    int count = 0;
    QList<int> entries; ///< indexes into the map
};

/// The names used in settings: "u16" … "f64", "big"/"little", "holding"/"input".
QStringList valueTypeNames();
QString valueTypeName(ValueType t);
QString functionName(Function f);

/// "exception 2, illegal data address": a device's exception reply for messages.
QString exceptionName(int code);

/// How many 16-bit registers a value of this type takes.
int wordCount(ValueType t);

/// Decodes one value from exactly wordCount(entry.type) words and scales it. A NaN or infinite
/// result is an error naming the channel and the raw words: it is refused, not stored.
Result<double> decode(const RegisterEntry& entry, std::span<const quint16> words);

/// The inverse of decode without scale, for emulators: the words that hold `value`.
QList<quint16> encode(ValueType type, WordOrder order, double value);

/// Groups entries into reads: entries of one table whose registers touch or overlap share a read,
/// up to `maxRegisters` per read (125 is the protocol's limit for functions 3 and 4). Entries are
/// read in address order; a block never spans a gap, so no register outside the map is asked for.
QList<ReadBlock> planReads(const QList<RegisterEntry>& map, int maxRegisters = 125);

/// The sensor type implied by a unit (W → POW, V → voltage, …), or an error saying which key to
/// set when the unit says nothing (%, empty) or is not one we know.
Result<QString> sensorTypeForUnit(const QString& unit);

/// Checks one entry against the protocol and the sensor-type table: address range, the unit of
/// its sensor type. Returns the problem, or an empty string.
QString checkEntry(const RegisterEntry& entry);

} // namespace fs::modbus
