// ModbusMeterEmulator: QModbusTcpServer whose registers are computed from HouseMeter at each read.
#include "ModbusMeterEmulator.h"

#include "sources/modbus/ModbusMap.h"
#include "util/Logging.h"

#include <QDateTime>
#include <QModbusTcpServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QVariant>

namespace fs {

using namespace modbus;

/// The server: values come from the emulator at the moment of each read, and the emulator's knobs
/// are applied before Qt's own request handling.
class ModbusMeterServer : public QModbusTcpServer
{
public:
    explicit ModbusMeterServer(ModbusMeterEmulator* emu) : QModbusTcpServer(emu), m_emu(emu)
    {
        installConnectionObserver(new ClientTracker(this)); // the server owns and deletes it
    }

    void track(QTcpSocket* client)
    {
        m_clients.append(client);
        connect(client, &QObject::destroyed, this, [this, client] { m_clients.removeAll(client); });
        client->blockSignals(m_emu->m_silent);
    }

    void setSilent(bool silent)
    {
        // QModbusTcpServer always answers what it reads, so a hung device is a socket whose
        // readyRead nobody hears: the bytes wait in the buffer and are answered once it speaks again.
        for (QTcpSocket* c : std::as_const(m_clients)) {
            c->blockSignals(silent);
            if (!silent && c->bytesAvailable() > 0)
                Q_EMIT c->readyRead();
        }
    }

protected:
    QModbusResponse processRequest(const QModbusPdu& request) override
    {
        const auto fc = request.functionCode();
        if ((fc == QModbusPdu::ReadHoldingRegisters || fc == QModbusPdu::ReadInputRegisters) &&
            request.data().size() >= 4) {
            quint16 start = 0, count = 0;
            request.decodeData(&start, &count);
            ++m_emu->m_answered;
            if (const auto code = m_emu->exceptionFor(start, count))
                return QModbusExceptionResponse(fc, *code);
        }
        return QModbusTcpServer::processRequest(request);
    }

    bool readData(QModbusDataUnit* unit) const override
    {
        if (unit->registerType() != QModbusDataUnit::InputRegisters &&
            unit->registerType() != QModbusDataUnit::HoldingRegisters)
            return false;
        const qint64 now = m_emu->nowMs();
        for (uint i = 0; i < unit->valueCount(); ++i) {
            const std::optional<quint16> w = m_emu->word(unit->startAddress() + int(i), now);
            if (!w)
                return false; // Qt answers exception 2, illegal data address
            unit->setValue(int(i), *w);
        }
        return true;
    }

private:
    /// Qt hands every new client to an observer before it reads from it.
    struct ClientTracker : QModbusTcpConnectionObserver
    {
        explicit ClientTracker(ModbusMeterServer* s) : server(s) {}
        bool acceptNewConnection(QTcpSocket* client) override
        {
            server->track(client);
            return true;
        }
        ModbusMeterServer* server;
    };

    ModbusMeterEmulator* m_emu;
    QList<QTcpSocket*> m_clients;
};

ModbusMeterEmulator::ModbusMeterEmulator(sim::HouseMeter::Options meter, int unitId, Clock clock,
                                         QObject* parent)
    : QObject(parent), m_meter(meter), m_unitId(unitId), m_clock(std::move(clock))
{}

ModbusMeterEmulator::~ModbusMeterEmulator()
{
    close();
}

qint64 ModbusMeterEmulator::nowMs() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

Status ModbusMeterEmulator::listen(const QHostAddress& address, quint16 port)
{
    close();
    // QModbusTcpServer does not tell which port it got for port 0: take a free one from a
    // QTcpServer, and try again when another process takes it between the two binds.
    for (int attempt = 0; attempt < 10; ++attempt) {
        quint16 p = port;
        if (p == 0) {
            QTcpServer probe;
            if (!probe.listen(address, 0))
                return Error{QStringLiteral("modbus emulator: no free port on %1: %2")
                                 .arg(address.toString(), probe.errorString())};
            p = probe.serverPort();
        }
        auto* server = new ModbusMeterServer(this);
        server->setServerAddress(m_unitId);
        server->setConnectionParameter(QModbusDevice::NetworkAddressParameter, address.toString());
        server->setConnectionParameter(QModbusDevice::NetworkPortParameter, p);
        // Qt checks a read against the map before asking readData: declare both tables whole.
        QModbusDataUnitMap map;
        map.insert(QModbusDataUnit::InputRegisters, {QModbusDataUnit::InputRegisters, 0, 65535});
        map.insert(QModbusDataUnit::HoldingRegisters, {QModbusDataUnit::HoldingRegisters, 0, 65535});
        server->setMap(map);
        if (server->connectDevice()) {
            m_server = server;
            m_port = p;
            qCInfo(lcSim) << "modbus meter emulator on" << address.toString() << p << "unit" << m_unitId;
            return {};
        }
        const QString why = server->errorString();
        delete server;
        if (port != 0)
            return Error{QStringLiteral("modbus emulator: cannot listen on %1:%2: %3")
                             .arg(address.toString())
                             .arg(port)
                             .arg(why)};
    }
    return Error{
        QStringLiteral("modbus emulator: no free port on %1 after 10 attempts").arg(address.toString())};
}

bool ModbusMeterEmulator::isListening() const
{
    return m_server && m_server->state() == QModbusDevice::ConnectedState;
}

void ModbusMeterEmulator::close()
{
    if (!m_server)
        return;
    m_server->disconnectDevice();
    delete m_server;
    m_server = nullptr;
    m_port = 0;
}

void ModbusMeterEmulator::setSilent(bool silent)
{
    m_silent = silent;
    if (m_server)
        m_server->setSilent(silent);
}

void ModbusMeterEmulator::setException(int address, QModbusPdu::ExceptionCode code)
{
    m_exceptions.insert(address, code);
}

void ModbusMeterEmulator::clearExceptions()
{
    m_exceptions.clear();
    m_fixedWords.clear();
}

void ModbusMeterEmulator::setWords(int address, const QList<quint16>& words)
{
    for (int i = 0; i < words.size(); ++i)
        m_fixedWords.insert(address + i, words[i]);
}

std::optional<QModbusPdu::ExceptionCode> ModbusMeterEmulator::exceptionFor(int start, int count) const
{
    for (auto it = m_exceptions.cbegin(); it != m_exceptions.cend(); ++it) {
        if (it.key() >= start && it.key() < start + count)
            return it.value();
    }
    return std::nullopt;
}

QList<egauge::Register> ModbusMeterEmulator::registers() const
{
    QList<egauge::Register> out;
    const auto& regs = m_meter.registers();
    for (int i = 0; i < regs.size(); ++i)
        out.append({regs[i].name, regs[i].type, i});
    return out;
}

std::optional<quint16> ModbusMeterEmulator::word(int address, qint64 nowMs) const
{
    if (const auto fixed = m_fixedWords.constFind(address); fixed != m_fixedWords.cend())
        return *fixed;
    const double t = nowMs / 1000.0;
    const auto& regs = m_meter.registers();
    // Which register of which kind, and which of its words.
    auto floatWord = [&](int base, const QList<int>& order) -> std::optional<quint16> {
        const int slot = (address - base) / 2;
        if (address < base || slot >= order.size())
            return std::nullopt;
        const QList<quint16> words = encode(ValueType::F32, WordOrder::Big, m_meter.rate(order[slot], t));
        return words[(address - base) % 2];
    };
    auto indexesOf = [&](const QString& type) {
        QList<int> out;
        for (int i = 0; i < regs.size(); ++i) {
            if (regs[i].type == type)
                out.append(i);
        }
        return out;
    };
    QList<int> all(regs.size());
    for (int i = 0; i < regs.size(); ++i)
        all[i] = i;
    if (address >= egauge::kRate && address < egauge::kRate + 2 * int(regs.size()))
        return floatWord(egauge::kRate, all);
    if (address >= egauge::kCumulative && address < egauge::kCumulative + 4 * int(regs.size())) {
        const int reg = (address - egauge::kCumulative) / 4;
        const qint64 counter = m_meter.counter(reg, nowMs / 1000);
        return quint16(quint64(counter) >> (16 * (3 - (address - egauge::kCumulative) % 4)));
    }
    const QList<int> lines = indexesOf(QStringLiteral("V"));
    if (address >= egauge::kLineVoltageRms && address < egauge::kLineVoltageRms + 2 * int(lines.size()))
        return floatWord(egauge::kLineVoltageRms, lines);
    const QList<int> frequency = indexesOf(QStringLiteral("F"));
    if (!frequency.isEmpty() && address >= egauge::kLineFrequency &&
        address < egauge::kLineFrequency + 2 * int(lines.size()))
        return floatWord(egauge::kLineFrequency, QList<int>(lines.size(), frequency.first()));
    const QList<int> sensors = indexesOf(QStringLiteral("I"));
    if (address >= egauge::kSensorRms && address < egauge::kSensorRms + 2 * int(sensors.size()))
        return floatWord(egauge::kSensorRms, sensors);
    return std::nullopt;
}

} // namespace fs
