// ModbusSource: polls a Modbus TCP device's register map on a schedule with QModbusTcpClient and
// records each register as a channel of a node of its own. Lives in the source's thread.
#pragma once

#include "ModbusMap.h"
#include "sources/Source.h"

#include <QElapsedTimer>
#include <QHash>
#include <QTimer>
#include <memory>
#include <vector>

class QModbusTcpClient;
class QModbusReply;

namespace fs {

struct SourceType;
class ModbusMeterEmulator;

class ModbusSource : public Source
{
    Q_OBJECT
public:
    struct Options
    {
        QString name = QStringLiteral("Modbus");
        QString host = QStringLiteral("127.0.0.1");
        int port = 502;
        int unitId = 1;
        int intervalMs = 10000;
        int timeoutMs = 3000;
        int reconnectMinMs = 1000; ///< first wait after a lost connection, doubled up to the max
        int reconnectMaxMs = 60000;
        /// Consecutive polls without any answer before the connection is dropped and made again:
        /// a half-open TCP connection never recovers by itself.
        int silentPollsBeforeReconnect = 2;
        QList<modbus::RegisterEntry> registers;
    };

    /// `sink` may be null (nothing is stored).
    ModbusSource(QString id, Options options, SampleSink* sink, QObject* parent = nullptr);
    ~ModbusSource() override;

    /// The entry of the source-type table: settings reader and factory (device or emulator).
    static SourceType sourceType();

    /// Keeps an in-process emulator alive as long as the source (for --demo). Before start().
    void adoptEmulator(std::unique_ptr<ModbusMeterEmulator> emulator);

    /// Thread-safe counters for the screen and tests.
    struct Counters
    {
        qint64 polls = 0;
        qint64 stored = 0;
        qint64 refused = 0;  ///< values refused: exception replies, NaN, undecodable
        qint64 timeouts = 0; ///< reads that got no answer in time
        qint64 connects = 0; ///< successful connections (the first and every reconnect)
    };
    Counters counters() const;
    /// Refusals per channel key.
    QHash<QString, qint64> refusedByChannel() const;

    /// One poll of every register per interval.
    int expectedIntervalMs() const override { return m_opt.intervalMs; }

public Q_SLOTS:
    void start() override;
    void stop() override;

Q_SIGNALS:
    /// After every poll: how many values were stored and refused in it.
    void polled(int stored, int refused);

private:
    void connectToDevice();
    void makeClient();
    void dropClient();
    void onStateChanged(int state);
    void scheduleReconnect(const QString& why);
    void poll();
    void sendBlock(int blockIndex);
    void onReply(QModbusReply* reply, int blockIndex, quint64 generation);
    void setDeviceState(const QString& state, const QString& detail);
    void finishPoll();
    void refuse(int entry, const QString& why);
    void splitBlock(int blockIndex);
    bool declareNodes();

    Options m_opt;
    QTimer m_pollTimer;
    QTimer m_reconnectTimer;
    QTimer m_connectTimeout;
    QModbusTcpClient* m_client = nullptr;
    ModbusMeterEmulator* m_emulator = nullptr; ///< a child, for --demo
    QList<modbus::ReadBlock> m_blocks;
    QList<ChannelId> m_channels; ///< per map entry
    QList<NodeId> m_nodes;       ///< per map entry
    QList<QString> m_entryState; ///< per map entry: "" (unknown), "ok" or the last refusal
    bool m_running = false;
    quint64 m_generation = 0; ///< bumped on every (dis)connect: older replies are ignored
    QString m_deviceState;    ///< the node state last submitted for all nodes
    int m_backoffMs = 0;
    int m_silentPolls = 0;
    // The poll in flight.
    int m_pending = 0;
    qint64 m_pollTimeMs = 0;
    int m_pollStored = 0;
    int m_pollRefused = 0;
    int m_pollAnswered = 0;
    QStringList m_pollRefusedNames; ///< the first few, for the health line
    QString m_lastFailure;
    std::vector<Sample> m_samples;

    mutable std::mutex m_countMutex;
    Counters m_counters;
    QHash<QString, qint64> m_refusedByChannel;
};

} // namespace fs
