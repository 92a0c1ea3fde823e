// EgaugeSource: one eGauge meter as a source: one store node per configured register (so two
// registers of one quantity never collide on a (time, node, type) key), rates in SI units, UTC.
#pragma once

#include "EgaugePoller.h"
#include "EgaugeSettings.h"
#include "sources/Source.h"

#include <QObject>
#include <memory>

namespace fs {

struct SourceType;

class EgaugeSource : public Source
{
    Q_OBJECT
public:
    struct Options
    {
        QString name = QStringLiteral("eGauge");
        QList<EgaugeRegister> registers;
        EgaugePoller::Options poller;
    };

    /// `sink` may be null (nothing is stored). `parent`-less: the Station moves it to its thread.
    EgaugeSource(QString id, Options options, SampleSink* sink, QObject* parent = nullptr);
    ~EgaugeSource() override;

    /// The entry of the source-type table: reader of the settings and factory (meter or emulator).
    static SourceType sourceType();

    /// The store node key of one register: "egauge:<source id>:<register>".
    static QString nodeKey(const QString& sourceId, const QString& registerName);
    /// The sensor-type code for an eGauge cname@t code (contracts.md), empty for one not stored.
    static QString sensorTypeFor(const QString& typeCode);

    /// Samples handed to the sink so far (all registers), for tests and the log.
    qint64 samplesStored() const { return m_stored; }
    const EgaugePoller& poller() const { return *m_poller; }

    /// Runs `beforeStart` in the source's thread at start() (e.g. an emulator's listen) and polls
    /// the URL it gives instead of the configured one; an error makes the source Failing.
    void setEndpoint(std::function<Result<QUrl>()> beforeStart) { m_endpoint = std::move(beforeStart); }

    /// One poll per interval (a poll that catches up still arrives then).
    int expectedIntervalMs() const override { return m_opt.poller.intervalMs; }

public Q_SLOTS:
    void start() override;
    void stop() override;

Q_SIGNALS:
    /// After every answer that was stored: how many new samples it gave.
    void stored(int samples);

private:
    struct Register
    {
        EgaugeRegister reg;
        QString typeCode; ///< the meter's cname@t, once seen
        ChannelId channel = 0;
        NodeId node = 0;
        qint64 lastMs = 0; ///< newest stored sample: older or equal ones are dropped
        bool declared = false;
        bool warnedMissing = false;
    };

    qint64 onFirstAnswer(const egauge::ShowAnswer& answer);
    void declare(const egauge::ShowAnswer& answer);
    void onAnswered(const egauge::ShowAnswer& answer, const egauge::Rates& rates);
    void updateHealth();

    Options m_opt;
    QList<Register> m_regs;
    EgaugePoller* m_poller = nullptr;
    std::function<Result<QUrl>()> m_endpoint;
    QStringList m_missing; // configured registers the meter does not have
    QString m_lastFailure;
    qint64 m_stored = 0;
};

} // namespace fs
