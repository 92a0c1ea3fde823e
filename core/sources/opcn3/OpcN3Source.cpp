// OpcN3Source: opcn3.md §8 as a timer-driven state machine (no sleeps beyond the protocol's own).
#include "OpcN3Source.h"

#include "OpcN3Channels.h"
#include "SpidevBus.h"
#include "sim/OpcN3Emulator.h"
#include "sources/SourceTypes.h"
#include "util/Logging.h"

#include <QDateTime>
#include <QElapsedTimer>

namespace fs {

using namespace opcn3;

namespace {

qint64 monotonicMs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.elapsed();
}

/// "OPC-N3 177940203 · fw 1.17a": the serial says which unit, the info string's tail the firmware.
QString describeIdentity(const OpcN3Identity& id)
{
    const qsizetype fw = id.info.indexOf(QLatin1String("FirmwareVer="));
    const QString version = fw >= 0 ? id.info.mid(fw + 12).section(QLatin1Char(' '), 0, 0) : QString();
    QString out = id.serial.isEmpty() ? id.info : id.serial;
    if (!version.isEmpty())
        out += QStringLiteral(" · fw %1").arg(version);
    return out;
}

/// A serial of nine digits that is the same for the same source id on every run, so that emulated
/// OPC-N3s of one settings file are distinct nodes and stay the same nodes after a restart.
QString demoSerial(const QString& id)
{
    quint32 h = 2166136261u; // FNV-1a
    for (char c : id.toUtf8())
        h = (h ^ quint8(c)) * 16777619u;
    return QString::number(100000000u + h % 900000000u);
}

Result<std::unique_ptr<Source>> create(const SourceSettings& settings, const SourceContext& context)
{
    const auto& s = settings.as<OpcN3Settings>();
    std::unique_ptr<SpiBus> bus;
    if (context.demo) {
        OpcN3Emulator::Options o;
        o.serial = demoSerial(settings.id);
        o.seed = o.serial.toUInt();
        bus = std::make_unique<OpcN3Emulator>(o);
    } else {
        auto spidev = SpidevBus::open(
            {s.device, uint32_t(s.speedHz), 1, s.chipSelect == OpcN3Settings::ChipSelect::Byte});
        if (!spidev)
            return Error{
                QStringLiteral("%1 (opcn3, %2): %3").arg(settings.id, settings.where, spidev.error())};
        bus = std::move(spidev).value();
    }
    OpcN3Source::Options o = OpcN3Source::Options::from(s);
    o.name = settings.name;
    return std::unique_ptr<Source>(
        std::make_unique<OpcN3Source>(settings.id, std::move(bus), o, context.sink));
}

} // namespace

SourceType OpcN3Source::sourceType()
{
    return {QStringLiteral("opcn3"), QStringLiteral("OPC-N3"), &OpcN3Settings::read, &create};
}

OpcN3Source::Options OpcN3Source::Options::from(const OpcN3Settings& s)
{
    Options o;
    o.readIntervalMs = s.readIntervalS * 1000;
    o.laserWaitMs = s.laserWaitMs;
    o.fanWaitMs = s.fanWaitMs;
    o.errorBackoffMs = s.errorBackoffMs;
    o.timing.pollIntervalMs = s.pollIntervalMs;
    o.timing.maxPolls = s.maxPolls;
    o.timing.byteDelayUs = s.byteDelayUs;
    o.timing.exchangeGapMs = s.exchangeGapMs;
    return o;
}

OpcN3Source::OpcN3Source(QString id, std::unique_ptr<SpiBus> bus, Options options, SampleSink* sink,
                         QObject* parent)
    : Source(std::move(id), QStringLiteral("opcn3"), options.name, sink, parent), m_bus(std::move(bus)),
      m_opt(std::move(options)), m_driver(*m_bus, m_opt.timing), m_timer(this)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &OpcN3Source::runStep);
}

OpcN3Source::~OpcN3Source() = default;

void OpcN3Source::start()
{
    qCInfo(lcOpcN3) << "starting on" << m_bus->describe();
    m_errors = 0;
    m_discardNext = true;
    schedule(Step::Identify, 0);
}

void OpcN3Source::stop()
{
    m_timer.stop();
    if (m_powered) {
        // Power down in the vendor's order: laser off, then fan off. Best effort: we are leaving.
        const bool laser = m_driver.setPower(PowerOption::LaserOff);
        const bool fan = m_driver.setPower(PowerOption::FanOff);
        if (!laser || !fan)
            qCWarning(lcOpcN3) << "power-down incomplete:" << m_driver.failure().message;
        m_powered = false;
    }
    setState(State::Stopped);
}

void OpcN3Source::schedule(Step step, int delayMs)
{
    m_next = step;
    m_timer.start(std::max(0, delayMs));
}

void OpcN3Source::setState(State s, const QString& detail)
{
    const bool changed = s != m_state;
    m_state = s;
    if (!changed && detail.isEmpty())
        return;
    Q_EMIT stateChanged(s, detail);
    static const Health health[] = {Health::Stopped,  Health::Starting, Health::Starting,
                                    Health::Starting, Health::Ok,       Health::Failing};
    setHealth(health[int(s)], detail);
    if (sink() && m_ids.node) {
        static const char* names[] = {"stopped", "identifying", "powering_up", "priming", "ok", "error"};
        sink()->submitState(
            {m_ids.node, QDateTime::currentMSecsSinceEpoch(), QString::fromLatin1(names[int(s)]), detail});
    }
}

bool OpcN3Source::registerNode()
{
    QString serial = m_identity.serial;
    serial.remove(QLatin1String("OPC-N3")).replace(QLatin1Char(' '), QString());
    // Without a serial, two OPC-N3s must still be two nodes: the source id tells them apart.
    NodeSpec spec{
        QStringLiteral("opcn3:%1").arg(serial.isEmpty() ? id() + QStringLiteral(":unknown") : serial),
        QStringLiteral("opcn3"), m_opt.name, channels(), id()};
    auto ids = declareNode(spec);
    if (!ids) {
        qCCritical(lcOpcN3) << "cannot register the node:" << ids.error();
        return false;
    }
    m_ids = ids.value();
    return true;
}

void OpcN3Source::runStep()
{
    switch (m_next) {
    case Step::Identify: {
        setState(State::Identifying);
        if (!m_driver.identify(&m_identity))
            return onFailure("identifying");
        qCInfo(lcOpcN3) << "found" << m_identity.info << "serial" << m_identity.serial << "firmware"
                        << m_identity.firmwareMajor << "." << m_identity.firmwareMinor;
        if (!m_ids.node && !registerNode()) {
            m_errors = 0;
            return schedule(Step::Identify, m_opt.errorBackoffMs);
        }
        Q_EMIT identified(m_identity.info, m_identity.serial);
        setDeviceInfo(describeIdentity(m_identity));
        setState(State::PoweringUp);
        if (!m_driver.setPower(PowerOption::LaserOn))
            return onFailure("switching the laser on");
        return schedule(Step::FanOn, m_opt.laserWaitMs);
    }
    case Step::FanOn:
        if (!m_driver.setPower(PowerOption::FanOn))
            return onFailure("switching the fan on");
        m_powered = true;
        return schedule(Step::Prime, m_opt.fanWaitMs);
    case Step::Prime: {
        // The first histogram covers an unknown period (DOC §2.7): read it to reset, drop it.
        setState(State::Priming);
        OpcN3Histogram discard;
        if (!m_driver.readHistogram(&discard))
            return onFailure("priming");
        m_discardNext = false;
        m_nextReadAt = monotonicMs() + m_opt.readIntervalMs;
        return schedule(Step::Read, m_opt.readIntervalMs);
    }
    case Step::Read: {
        OpcN3Histogram h;
        if (!m_driver.readHistogram(&h))
            return onFailure("reading the histogram");
        const int errorsBefore = m_errors;
        m_errors = 0;
        if (m_discardNext) {
            qCDebug(lcOpcN3) << "discarded the frame after an error (period" << h.samplingPeriodS() << "s)";
            m_discardNext = false;
            m_nextReadAt = monotonicMs();
        } else {
            const qint64 t = QDateTime::currentMSecsSinceEpoch();
            if (sink() && m_ids.node) {
                const std::vector<Sample> samples = samplesFor(h, m_ids.channels, t, 0);
                sink()->submit(std::span<const Sample>(samples));
            }
            Q_EMIT reading({t, h, 0});
        }
        if (m_state != State::Sampling || errorsBefore > 0)
            setState(State::Sampling, errorsBefore > 0 ? QStringLiteral("recovered") : QString());
        // Keep the cadence: the next read is due one interval after the previous one was due.
        m_nextReadAt = std::max(m_nextReadAt + m_opt.readIntervalMs, monotonicMs());
        return schedule(Step::Read, int(m_nextReadAt - monotonicMs()));
    }
    }
}

void OpcN3Source::onFailure(const char* during)
{
    ++m_errors;
    const QString detail =
        QStringLiteral("%1: %2: %3")
            .arg(QString::fromLatin1(during), toString(m_driver.failure().kind), m_driver.failure().message);
    qCWarning(lcOpcN3).noquote() << detail << "(" << m_errors << "in a row ); backing off"
                                 << m_opt.errorBackoffMs << "ms";
    setState(State::BackingOff, detail);
    if (sink() && m_ids.node) {
        const int i = channelIndex(QStringLiteral("consecutive_errors"));
        const Sample errors{QDateTime::currentMSecsSinceEpoch(), m_ids.channels[i], double(m_errors)};
        sink()->submit(std::span<const Sample>(&errors, 1));
    }
    // DOC §3: stay silent > 2 s so the OPC flushes its buffer; the next frame covers an unknown
    // period and re-arms the trigger, so it is read and dropped.
    m_discardNext = true;
    const bool restart = !m_powered || m_next == Step::Identify || m_errors >= m_opt.restartAfterErrors;
    if (restart)
        m_powered = false;
    schedule(restart ? Step::Identify : Step::Read, m_opt.errorBackoffMs);
}

} // namespace fs
