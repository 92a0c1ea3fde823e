// ModbusMeterEmulator: an eGauge meter's Modbus TCP server over the same HouseMeter as the eGauge
// HTTP emulator, for --demo and tests; with knobs to stop answering and to refuse an address.
#pragma once

#include "HouseMeter.h"
#include "sources/modbus/EgaugeModbusLayout.h"
#include "util/Result.h"

#include <QHash>
#include <QHostAddress>
#include <QModbusPdu>
#include <QObject>
#include <functional>

namespace fs {

class ModbusMeterServer;

class ModbusMeterEmulator : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>; ///< Unix time in ms; default: the wall clock

    explicit ModbusMeterEmulator(sim::HouseMeter::Options meter = {}, int unitId = 1, Clock clock = {},
                                 QObject* parent = nullptr);
    ~ModbusMeterEmulator() override;

    /// Listens on `address`; port 0 takes a free port (see port()). In the thread it lives in.
    Status listen(const QHostAddress& address = QHostAddress::LocalHost, quint16 port = 0);
    bool isListening() const;
    quint16 port() const { return m_port; }
    /// Stops listening and drops every connection.
    void close();

    /// While set, requests are taken but never answered, as by a hung device; clients time out.
    void setSilent(bool silent);
    /// Every read that covers `address` (either table) gets this exception instead of data;
    /// clearExceptions() also drops the words set by setWords().
    void setException(int address, QModbusPdu::ExceptionCode code = QModbusPdu::IllegalDataAddress);
    void clearExceptions();
    /// From now on `address` and the next registers read as `words` (e.g. a NaN: 0x7FC0 0x0000).
    void setWords(int address, const QList<quint16>& words);

    /// The meter's registers as the `map: egauge` preset names them (name, type letter, index).
    QList<modbus::egauge::Register> registers() const;
    const sim::HouseMeter& meter() const { return m_meter; }
    /// Reads answered so far (with data or an exception).
    int requestsAnswered() const { return m_answered; }

private:
    friend class ModbusMeterServer;
    /// The word at `address` at this moment, or nothing where the meter has no register.
    std::optional<quint16> word(int address, qint64 nowMs) const;
    std::optional<QModbusPdu::ExceptionCode> exceptionFor(int start, int count) const;
    qint64 nowMs() const;

    sim::HouseMeter m_meter;
    int m_unitId;
    Clock m_clock;
    ModbusMeterServer* m_server = nullptr;
    quint16 m_port = 0;
    bool m_silent = false;
    QHash<int, QModbusPdu::ExceptionCode> m_exceptions;
    QHash<int, quint16> m_fixedWords;
    int m_answered = 0;
};

} // namespace fs
