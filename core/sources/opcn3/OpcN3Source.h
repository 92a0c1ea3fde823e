// OpcN3Source: brings an OPC-N3 up, reads a histogram every N seconds, recovers from errors.
// Lives in the acquisition thread; every SPI call blocks only that thread.
#pragma once

#include "OpcN3Driver.h"
#include "OpcN3Settings.h"
#include "model/Sample.h"
#include "sources/Source.h"

#include <QObject>
#include <QTimer>
#include <memory>

namespace fs {

struct SourceType;

/// What the live view gets once a second.
struct OpcN3Reading
{
    qint64 timeMs = 0;
    OpcN3Histogram histogram;
    int consecutiveErrors = 0;
};

class OpcN3Source : public Source
{
    Q_OBJECT
public:
    enum class State { Stopped, Identifying, PoweringUp, Priming, Sampling, BackingOff };
    Q_ENUM(State)

    struct Options
    {
        QString name = QStringLiteral("OPC-N3");
        int readIntervalMs = 1000;
        int laserWaitMs = 1000;
        int fanWaitMs = 5000;
        int errorBackoffMs = 2500;
        int restartAfterErrors = 3; ///< identify and power up again after this many in a row
        OpcN3Driver::Timing timing;
        static Options from(const OpcN3Settings& s);
    };

    /// `sink` may be null (nothing is stored, e.g. in tests of the state machine).
    OpcN3Source(QString id, std::unique_ptr<SpiBus> bus, Options options, SampleSink* sink,
                QObject* parent = nullptr);
    ~OpcN3Source() override;

    /// The entry of the source-type table: reader of the settings and factory (spidev or emulator).
    static SourceType sourceType();

    State state() const { return m_state; }
    int consecutiveErrors() const { return m_errors; }
    const OpcN3Identity& identity() const { return m_identity; }
    SpiBus& bus() { return *m_bus; }

    /// One histogram per read interval.
    int expectedIntervalMs() const override { return m_opt.readIntervalMs; }

public Q_SLOTS:
    void start() override;
    /// Switches laser and fan off and stops the timer. Call in the source's thread.
    void stop() override;

Q_SIGNALS:
    void reading(const fs::OpcN3Reading& reading);
    void stateChanged(fs::OpcN3Source::State state, const QString& detail);
    void identified(const QString& info, const QString& serial);

private:
    enum class Step { Identify, FanOn, Prime, Read };
    void schedule(Step step, int delayMs);
    void runStep();
    void onFailure(const char* during);
    void setState(State s, const QString& detail = {});
    bool registerNode();

    std::unique_ptr<SpiBus> m_bus;
    Options m_opt;
    OpcN3Driver m_driver;
    QTimer m_timer;
    Step m_next = Step::Identify;
    State m_state = State::Stopped;
    OpcN3Identity m_identity;
    NodeChannels m_ids;
    bool m_powered = false;
    bool m_discardNext = true;
    int m_errors = 0;
    qint64 m_nextReadAt = 0;
};

} // namespace fs

Q_DECLARE_METATYPE(fs::OpcN3Reading)
