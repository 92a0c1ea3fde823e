// InfluxStation: one station for InfluxDB sink tests and the bench: a store with a real Recorder,
// eGauge-shaped nodes as the egauge source registers them (one node per register), Peper settings
// for one server, its password in a file secret store, and an InfluxSink over them.
#pragma once

#include "InfluxServer.h"
#include "config/SecretStore.h"
#include "sinks/influx/InfluxSink.h"
#include "store/Recorder.h"
#include "store/Store.h"

#include <QTemporaryDir>
#include <memory>

namespace fs::test {

/// One register of the synthetic meter: its name, Peper's unit letter, the sensor type, and the
/// stored (SI) value of row i.
struct TestRegister
{
    QString name;
    QString unit;
    QString sensorType;
    QString storedUnit;
    double (*value)(int i);
};

/// The node the egauge source registers for one register (contracts.md: one node per register).
inline NodeSpec egaugeNode(const QString& source, const QString& meter, const QString& reg,
                           const QString& sensorType, const QString& unit)
{
    return {QStringLiteral("egauge:%1:%2").arg(source, reg),
            QStringLiteral("egauge"),
            meter + QLatin1Char(' ') + reg,
            {{reg, sensorType, reg, unit}},
            source};
}

inline const QList<TestRegister>& testRegisters()
{
    static const QList<TestRegister> regs = {
        {QStringLiteral("TEST_YK"), QStringLiteral("P"), QStringLiteral("POW"), QStringLiteral("W"),
         [](int i) { return 1000.0 + i * 0.5; }},
        {QStringLiteral("CT1_Amperage"), QStringLiteral("A"), QStringLiteral("current"), QStringLiteral("A"),
         [](int i) { return 4.0 + (i % 100) * 0.001; }},
        {QStringLiteral("L1_Voltage"), QStringLiteral("V"), QStringLiteral("voltage"), QStringLiteral("V"),
         [](int i) { return 230.0 + (i % 7) * 0.25; }},
    };
    return regs;
}

struct InfluxStation
{
    QTemporaryDir dir;
    Recorder recorder;
    InfluxSettings settings;
    influx::SourceCatalog sources;
    std::unique_ptr<InfluxSink> sink;
    QList<ChannelId> channels; // in the order of testRegisters()

    InfluxStation(const InfluxServer& server, const QString& database, int batchPoints = 5000)
        : recorder(dir.filePath(QStringLiteral("store.db")))
    {
        recorder.start();
        settings.enabled = true;
        settings.url = server.url();
        settings.database = database;
        settings.user = QLatin1String(InfluxServer::kUser);
        settings.batchPoints = batchPoints;
        settings.timeoutS = 5;
        settings.tags[QStringLiteral("eg1")] = {{QStringLiteral("IP"), QStringLiteral("192.168.1.20")},
                                                {QStringLiteral("GPS_lat"), QStringLiteral("48.8566")},
                                                {QStringLiteral("GPS_long"), QStringLiteral("2.3522")},
                                                {QStringLiteral("Ville"), QStringLiteral("Paris")},
                                                {QStringLiteral("CP"), QStringLiteral("75001")},
                                                {QStringLiteral("Rue"), QStringLiteral("Rue de Rivoli")}};
        influx::SourceInfo eg{QStringLiteral("egauge"), QStringLiteral("eGauge12345"), {}};
        for (const TestRegister& r : testRegisters())
            eg.registerUnits.insert(r.name, r.unit);
        sources.insert(QStringLiteral("eg1"), eg);
        setPassword(QLatin1String(InfluxServer::kPassword));
        for (const TestRegister& r : testRegisters()) {
            const NodeChannels ids =
                recorder
                    .registerNode(egaugeNode(QStringLiteral("eg1"), QStringLiteral("eGauge12345"), r.name,
                                             r.sensorType, r.storedUnit))
                    .value();
            channels.append(ids.channels.first());
        }
        rebuild();
    }
    void setPassword(const QString& password)
    {
        SecretStore(dir.path(), StationSettings::Secrets::File, false)
            .write(InfluxSink::secretName(settings.name), password);
    }
    void rebuild()
    {
        sink.reset();
        sink = std::make_unique<InfluxSink>(recorder, recorder.storePath(), settings, sources,
                                            SecretStore(dir.path(), StationSettings::Secrets::File, false));
    }
    /// Records `rows` rows of every register, one a second from `startMs`, in chunks.
    void record(int rows, qint64 startMs)
    {
        QList<Sample> batch;
        for (int i = 0; i < rows; ++i) {
            for (int c = 0; c < channels.size(); ++c)
                batch.append({startMs + qint64(i) * 1000, channels[c], testRegisters()[c].value(i)});
            if (batch.size() >= 30000) {
                recorder.submit(std::span<const Sample>(batch));
                batch.clear();
            }
        }
        recorder.submit(std::span<const Sample>(batch));
        recorder.flush();
    }
    SinkStatus push() { return sink->runNow(settings.name); }
    qint64 cursor()
    {
        return Store::open(recorder.storePath(), Store::Mode::ReadOnly)
            .value()
            ->cursor(InfluxSink::cursorName(settings.name))
            .value();
    }
    qint64 maxSeq()
    {
        return Store::open(recorder.storePath(), Store::Mode::ReadOnly).value()->maxReadingSeq();
    }
    void forgetCursor()
    {
        recorder.run([&](Store& s) { return s.setCursor(InfluxSink::cursorName(settings.name), 0); });
    }
};

} // namespace fs::test
