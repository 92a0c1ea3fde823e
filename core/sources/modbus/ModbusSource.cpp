// ModbusSource: connect, poll in grouped reads, decode, submit; reconnect with back-off.
#include "ModbusSource.h"

#include "model/SensorTypes.h"
#include "sim/ModbusMeterEmulator.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QModbusTcpClient>
#include <QVariant>

Q_LOGGING_CATEGORY(lcModbus, "fs.modbus", QtInfoMsg)

namespace fs {

using namespace modbus;

ModbusSource::ModbusSource(QString id, Options options, SampleSink* sink, QObject* parent)
    : Source(std::move(id), QStringLiteral("modbus"), options.name, sink, parent), m_opt(std::move(options)),
      m_pollTimer(this), m_reconnectTimer(this), m_connectTimeout(this)
{
    m_blocks = planReads(m_opt.registers);
    m_entryState = QList<QString>(m_opt.registers.size());
    m_reconnectTimer.setSingleShot(true);
    m_connectTimeout.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &ModbusSource::poll);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &ModbusSource::connectToDevice);
    connect(&m_connectTimeout, &QTimer::timeout, this, [this] {
        // QModbusTcpClient stays in ConnectingState when asked to disconnect a connection that
        // hangs: a fresh client is the only sure way out.
        dropClient();
        scheduleReconnect(QStringLiteral("no connection to %1:%2 within %3 s")
                              .arg(m_opt.host)
                              .arg(m_opt.port)
                              .arg(m_opt.timeoutMs / 1000.0));
    });
}

void ModbusSource::dropClient()
{
    ++m_generation;
    m_pending = 0;
    if (!m_client)
        return;
    m_client->disconnect(this);
    m_client->disconnectDevice();
    delete m_client;
    m_client = nullptr;
}

void ModbusSource::makeClient()
{
    if (m_client)
        return;
    m_client = new QModbusTcpClient(this);
    connect(m_client, &QModbusDevice::stateChanged, this,
            [this](QModbusDevice::State s) { onStateChanged(int(s)); });
}

ModbusSource::~ModbusSource()
{
    delete m_emulator; // a child too, but it must go before the client it may still serve
    m_emulator = nullptr;
}

void ModbusSource::adoptEmulator(std::unique_ptr<ModbusMeterEmulator> emulator)
{
    // A child, so that it moves into the source's thread with it and listens there.
    m_emulator = emulator.release();
    m_emulator->setParent(this);
}

ModbusSource::Counters ModbusSource::counters() const
{
    std::lock_guard lock(m_countMutex);
    return m_counters;
}

QHash<QString, qint64> ModbusSource::refusedByChannel() const
{
    std::lock_guard lock(m_countMutex);
    return m_refusedByChannel;
}

bool ModbusSource::declareNodes()
{
    m_channels.clear();
    m_nodes.clear();
    for (const RegisterEntry& e : std::as_const(m_opt.registers)) {
        const SensorType* t = sensorTypeByCode(e.sensorType);
        // One node per register, as for the eGauge: two registers of one quantity on one meter
        // must not collide on Cogent's (time, node, type) key.
        NodeSpec spec{QStringLiteral("modbus:%1:%2").arg(id(), e.channel),
                      QStringLiteral("modbus"),
                      QStringLiteral("%1 %2").arg(name(), e.channel),
                      {{e.channel, e.sensorType, t ? t->name : e.sensorType, t ? t->unit : e.unit}},
                      id()};
        if (!sink()) {
            m_channels.append(0);
            m_nodes.append(0);
            continue;
        }
        const Result<NodeChannels> ids = declareNode(spec);
        if (!ids) {
            setHealth(Health::Failing, QStringLiteral("cannot register %1: %2").arg(spec.key, ids.error()));
            return false;
        }
        m_channels.append(ids->channels.value(0));
        m_nodes.append(ids->node);
    }
    return true;
}

void ModbusSource::start()
{
    m_running = true;
    ++m_generation;
    if (m_emulator && !m_emulator->isListening()) {
        const Status listening = m_emulator->listen();
        if (!listening) {
            setHealth(Health::Failing, listening.error());
            return;
        }
        m_opt.host = QStringLiteral("127.0.0.1");
        m_opt.port = m_emulator->port();
    }
    if (m_nodes.size() != m_opt.registers.size() && !declareNodes())
        return scheduleReconnect(healthDetail());
    makeClient();
    setDeviceInfo(QStringLiteral("Modbus TCP %1:%2 unit %3, %4 registers in %5 reads")
                      .arg(m_opt.host)
                      .arg(m_opt.port)
                      .arg(m_opt.unitId)
                      .arg(m_opt.registers.size())
                      .arg(m_blocks.size()));
    connectToDevice();
}

void ModbusSource::stop()
{
    m_running = false;
    m_pollTimer.stop();
    m_reconnectTimer.stop();
    m_connectTimeout.stop();
    dropClient(); // replies still under way belong to no poll any more
    if (m_emulator)
        m_emulator->close();
    setHealth(Health::Stopped);
}

void ModbusSource::connectToDevice()
{
    if (!m_running)
        return;
    makeClient();
    if (m_nodes.size() != m_opt.registers.size() && !declareNodes())
        return scheduleReconnect(healthDetail());
    if (m_client->state() != QModbusDevice::UnconnectedState)
        return;
    setHealth(health() == Health::Failing ? Health::Failing : Health::Starting,
              QStringLiteral("connecting to %1:%2").arg(m_opt.host).arg(m_opt.port));
    m_client->setConnectionParameter(QModbusDevice::NetworkAddressParameter, m_opt.host);
    m_client->setConnectionParameter(QModbusDevice::NetworkPortParameter, m_opt.port);
    m_client->setTimeout(m_opt.timeoutMs);
    m_client->setNumberOfRetries(0); // a retry is the next poll: it carries fresher values
    if (!m_client->connectDevice())
        return scheduleReconnect(m_client->errorString());
    m_connectTimeout.start(m_opt.timeoutMs);
}

void ModbusSource::onStateChanged(int state)
{
    if (!m_running)
        return;
    if (state == QModbusDevice::ConnectedState) {
        m_connectTimeout.stop();
        m_backoffMs = 0;
        m_silentPolls = 0;
        m_lastFailure.clear();
        {
            std::lock_guard lock(m_countMutex);
            ++m_counters.connects;
        }
        qCInfo(lcModbus).noquote() << id() << "connected to" << m_opt.host << m_opt.port;
        poll();
        m_pollTimer.start(m_opt.intervalMs);
    } else if (state == QModbusDevice::UnconnectedState) {
        m_connectTimeout.stop();
        m_pollTimer.stop();
        ++m_generation;
        m_pending = 0;
        const QString why =
            m_client->error() != QModbusDevice::NoError
                ? m_client->errorString()
                : QStringLiteral("connection to %1:%2 closed").arg(m_opt.host).arg(m_opt.port);
        scheduleReconnect(why);
    }
}

void ModbusSource::scheduleReconnect(const QString& why)
{
    if (!m_running)
        return;
    m_backoffMs = m_backoffMs == 0 ? m_opt.reconnectMinMs : std::min(2 * m_backoffMs, m_opt.reconnectMaxMs);
    const QString detail = QStringLiteral("%1; next attempt in %2 s").arg(why).arg(m_backoffMs / 1000.0);
    // The first failure is a warning; the same one again while the device stays away is not news.
    if (why != m_lastFailure)
        qCWarning(lcModbus).noquote() << id() << detail;
    else
        qCDebug(lcModbus).noquote() << id() << detail;
    m_lastFailure = why;
    setDeviceState(QStringLiteral("unreachable"), why);
    setHealth(Health::Failing, detail);
    m_reconnectTimer.start(m_backoffMs);
}

void ModbusSource::setDeviceState(const QString& state, const QString& detail)
{
    // Node states on changes only: every node of this source shares the one connection.
    if (state == m_deviceState || !sink())
        return;
    m_deviceState = state;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (NodeId node : std::as_const(m_nodes))
        sink()->submitState({node, now, state, detail});
}

void ModbusSource::poll()
{
    if (!m_client || m_client->state() != QModbusDevice::ConnectedState)
        return;
    if (m_pending > 0) {
        qCDebug(lcModbus) << id() << "previous poll still under way; skipped";
        return;
    }
    m_pollTimeMs = QDateTime::currentMSecsSinceEpoch();
    m_pollStored = m_pollRefused = m_pollAnswered = 0;
    m_pollRefusedNames.clear();
    m_samples.clear();
    m_pending = int(m_blocks.size());
    for (int i = 0; i < m_blocks.size(); ++i)
        sendBlock(i);
}

void ModbusSource::sendBlock(int blockIndex)
{
    const ReadBlock& b = m_blocks[blockIndex];
    const QModbusDataUnit unit(b.function == Function::Holding ? QModbusDataUnit::HoldingRegisters
                                                               : QModbusDataUnit::InputRegisters,
                               b.start, quint16(b.count));
    QModbusReply* reply = m_client->sendReadRequest(unit, m_opt.unitId);
    if (!reply) {
        // Not connected any more: the state change ends this poll.
        --m_pending;
        return;
    }
    const quint64 generation = m_generation;
    if (reply->isFinished())
        return onReply(reply, blockIndex, generation);
    connect(reply, &QModbusReply::finished, this,
            [this, reply, blockIndex, generation] { onReply(reply, blockIndex, generation); });
}

void ModbusSource::onReply(QModbusReply* reply, int blockIndex, quint64 generation)
{
    reply->deleteLater();
    if (generation != m_generation || blockIndex >= m_blocks.size())
        return;
    --m_pending;
    const ReadBlock block = m_blocks[blockIndex];
    switch (reply->error()) {
    case QModbusDevice::NoError: {
        ++m_pollAnswered;
        const QList<quint16> words = reply->result().values();
        for (int entry : block.entries) {
            const RegisterEntry& e = m_opt.registers[entry];
            const int offset = e.address - block.start;
            if (offset + wordCount(e.type) > words.size()) {
                refuse(entry, QStringLiteral("short answer: %1 registers").arg(words.size()));
                continue;
            }
            const Result<double> v =
                decode(e, std::span<const quint16>(words).subspan(offset, wordCount(e.type)));
            if (!v) {
                refuse(entry, v.error());
                continue;
            }
            m_samples.push_back({m_pollTimeMs, m_channels.value(entry), v.value()});
            ++m_pollStored;
            if (m_entryState[entry] != QLatin1String("ok")) {
                if (!m_entryState[entry].isEmpty() && sink() && m_nodes.value(entry))
                    sink()->submitState({m_nodes[entry], m_pollTimeMs, QStringLiteral("ok"), {}});
                m_entryState[entry] = QStringLiteral("ok");
            }
        }
        break;
    }
    case QModbusDevice::ProtocolError:
        ++m_pollAnswered;
        if (block.entries.size() > 1) {
            // One register in the run refuses: read each on its own from now on, so the others
            // are not lost with it.
            splitBlock(blockIndex);
        } else {
            refuse(block.entries.first(), exceptionName(int(reply->rawResult().exceptionCode())));
        }
        break;
    case QModbusDevice::TimeoutError: {
        std::lock_guard lock(m_countMutex);
        ++m_counters.timeouts;
        break;
    }
    default:
        qCDebug(lcModbus).noquote() << id() << "read failed:" << reply->errorString();
        break;
    }
    if (m_pending == 0)
        finishPoll();
}

void ModbusSource::splitBlock(int blockIndex)
{
    const ReadBlock block = m_blocks[blockIndex];
    qCInfo(lcModbus).noquote() << id() << "exception for" << block.count << "registers from" << block.start
                               << "; reading its" << block.entries.size() << "values one by one";
    for (int i = 0; i < block.entries.size(); ++i) {
        const RegisterEntry& e = m_opt.registers[block.entries[i]];
        const ReadBlock single{e.function, e.address, wordCount(e.type), {block.entries[i]}};
        int index = blockIndex;
        if (i == 0) {
            m_blocks[blockIndex] = single;
        } else {
            index = int(m_blocks.size());
            m_blocks.append(single);
        }
        ++m_pending;
        sendBlock(index);
    }
}

void ModbusSource::refuse(int entry, const QString& why)
{
    const QString channel = m_opt.registers[entry].channel;
    ++m_pollRefused;
    if (m_pollRefusedNames.size() < 3)
        m_pollRefusedNames << QStringLiteral("%1 (%2)").arg(channel, why);
    {
        std::lock_guard lock(m_countMutex);
        ++m_counters.refused;
        ++m_refusedByChannel[channel];
    }
    if (m_entryState[entry] != why) {
        qCWarning(lcModbus).noquote() << id() << channel << "refused:" << why;
        m_entryState[entry] = why;
        if (sink() && m_nodes.value(entry))
            sink()->submitState({m_nodes[entry], m_pollTimeMs, QStringLiteral("refused"), why});
    }
}

void ModbusSource::finishPoll()
{
    if (sink() && !m_samples.empty())
        sink()->submit(std::span<const Sample>(m_samples));
    {
        std::lock_guard lock(m_countMutex);
        ++m_counters.polls;
        m_counters.stored += m_pollStored;
    }
    if (m_pollAnswered == 0) {
        ++m_silentPolls;
        const QString why = QStringLiteral("no answer from %1:%2 within %3 s")
                                .arg(m_opt.host)
                                .arg(m_opt.port)
                                .arg(m_opt.timeoutMs / 1000.0);
        setHealth(Health::Failing, why);
        setDeviceState(QStringLiteral("unreachable"), why);
        if (m_silentPolls >= m_opt.silentPollsBeforeReconnect && m_client)
            m_client->disconnectDevice(); // the state change schedules a new connection
    } else {
        m_silentPolls = 0;
        setDeviceState(QStringLiteral("ok"), {});
        setHealth(Health::Ok, m_pollRefused == 0 ? QString()
                                                 : QStringLiteral("%1 of %2 values refused: %3")
                                                       .arg(m_pollRefused)
                                                       .arg(m_opt.registers.size())
                                                       .arg(m_pollRefusedNames.join(QStringLiteral(", "))));
    }
    Q_EMIT polled(m_pollStored, m_pollRefused);
}

} // namespace fs
