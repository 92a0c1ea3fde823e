// EgaugeSource: maps the poller's answers onto one node per register and the sensor-type table.
#include "EgaugeSource.h"

#include "config/SecretStore.h"
#include "model/SensorTypes.h"
#include "sim/EgaugeEmulator.h"
#include "sources/SourceTypes.h"

#include <QDateTime>
#include <QHostAddress>
#include <QLoggingCategory>
#include <algorithm>
#include <cmath>

Q_LOGGING_CATEGORY(lcEgaugeSource, "fs.egauge.source")

namespace fs {

namespace {

/// The same number for the same source id on every run, so each emulated meter of one settings
/// file is a house of its own and stays the same house after a restart.
quint32 demoSeed(const QString& id)
{
    quint32 h = 2166136261u; // FNV-1a
    for (char c : id.toUtf8())
        h = (h ^ quint8(c)) * 16777619u;
    return h;
}

/// An emulated meter in the source's own thread on a free loopback port, polled every 10 s so the
/// screen moves; with no registers configured, the ones a dashboard wants.
Result<std::unique_ptr<Source>> demo(const SourceSettings& settings, EgaugeSource::Options o,
                                     const SourceContext& context)
{
    if (o.registers.isEmpty()) {
        for (const char* r : {"L1_Voltage=V", "CT1_Amperage=A", "CT1_Power=W", "Solar=W", "Grid=W"})
            o.registers.append(EgaugeSettings::parseRegister(QString::fromLatin1(r)).value());
    }
    o.poller.intervalMs = 10'000;
    o.poller.user.clear(); // the emulated meter is public
    auto source = std::make_unique<EgaugeSource>(settings.id, o, context.sink);
    sim::EgaugeEmulator::Options eo;
    eo.meter.seed = demoSeed(settings.id);
    eo.storage.serial = 0x4e000000u | (eo.meter.seed & 0xffffffu);
    EgaugeSource* raw = source.get();
    source->setEndpoint([raw, eo]() -> Result<QUrl> {
        auto* emulator = new sim::EgaugeEmulator(eo, raw);
        Result<quint16> port = emulator->listen(QHostAddress::LocalHost, 0);
        if (!port) {
            delete emulator;
            return Error{port.error()};
        }
        return QUrl(emulator->baseUrl());
    });
    return std::unique_ptr<Source>(std::move(source));
}

Result<std::unique_ptr<Source>> create(const SourceSettings& settings, const SourceContext& context)
{
    const auto& s = settings.as<EgaugeSettings>();
    EgaugeSource::Options o;
    o.name = settings.name;
    o.registers = s.registers;
    o.poller.url = QUrl(s.url);
    o.poller.user = s.user;
    o.poller.intervalMs = s.intervalS * 1000;
    o.poller.timeoutMs = s.timeoutS * 1000;
    o.poller.maxRows = s.maxRows;
    // Peper's first request reached back 341 s; a longer interval reaches back one interval.
    o.poller.firstRows = std::max(341, s.intervalS + 1);
    o.poller.backfillS = qint64(s.backfillH) * 3600;
    if (context.demo)
        return demo(settings, o, context); // never the meter's password: the demo keeps apart
    if (!s.user.isEmpty() && context.secrets) {
        auto password = context.secrets->read(EgaugeSettings::passwordSecret(settings.id));
        if (!password)
            return Error{QStringLiteral("%1 (egauge, %2): password: %3")
                             .arg(settings.id, settings.where, password.error())};
        if (!password.value())
            qCWarning(lcEgaugeSource).noquote()
                << settings.id << "has user" << s.user << "but no password in the secret store (secret"
                << EgaugeSettings::passwordSecret(settings.id) << "): the meter will refuse it";
        o.poller.password = password.value().value_or(QString());
    }
    return std::unique_ptr<Source>(std::make_unique<EgaugeSource>(settings.id, o, context.sink));
}

} // namespace

SourceType EgaugeSource::sourceType()
{
    return {QStringLiteral("egauge"), QStringLiteral("eGauge"), &EgaugeSettings::read, &create};
}

QString EgaugeSource::nodeKey(const QString& sourceId, const QString& registerName)
{
    return QStringLiteral("egauge:%1:%2").arg(sourceId, registerName);
}

QString EgaugeSource::sensorTypeFor(const QString& t)
{
    static const QHash<QString, QString> map = {
        {QStringLiteral("P"), QStringLiteral("POW")},
        {QStringLiteral("S"), QStringLiteral("apparent_power")},
        {QStringLiteral("var"), QStringLiteral("reactive_power")},
        {QStringLiteral("V"), QStringLiteral("voltage")},
        {QStringLiteral("I"), QStringLiteral("current")},
        {QStringLiteral("F"), QStringLiteral("frequency")},
        {QStringLiteral("T"), QStringLiteral("T")},
        {QStringLiteral("h"), QStringLiteral("RH")},
        {QStringLiteral("Ee"), QStringLiteral("irradiance")},
        {QStringLiteral("Pa"), QStringLiteral("pressure")},
        {QStringLiteral("THD"), QStringLiteral("harmonic_distortion")},
        {QStringLiteral("%"), QStringLiteral("harmonic_distortion")},
        {QStringLiteral("#"), QStringLiteral("meter_number")},
        {QStringLiteral("#3"), QStringLiteral("meter_number")},
        {QStringLiteral("d"), QStringLiteral("meter_number")},
    };
    return map.value(t);
}

EgaugeSource::EgaugeSource(QString id, Options options, SampleSink* sink, QObject* parent)
    : Source(std::move(id), QStringLiteral("egauge"), options.name, sink, parent), m_opt(std::move(options))
{
    for (const EgaugeRegister& r : m_opt.registers) {
        Register reg;
        reg.reg = r;
        m_regs.append(reg);
    }
    m_poller = new EgaugePoller(m_opt.poller, this);
    connect(m_poller, &EgaugePoller::answered, this, &EgaugeSource::onAnswered);
    connect(m_poller, &EgaugePoller::polled, this, [this] {
        m_lastFailure.clear();
        updateHealth();
    });
    connect(m_poller, &EgaugePoller::failed, this, [this](const QString& why) {
        m_lastFailure = why;
        updateHealth();
    });
}

EgaugeSource::~EgaugeSource() = default;

void EgaugeSource::start()
{
    setHealth(Health::Starting);
    m_lastFailure.clear();
    if (m_endpoint) {
        Result<QUrl> url = m_endpoint();
        if (!url) {
            setHealth(Health::Failing, url.error());
            return;
        }
        m_endpoint = {}; // once: a restart polls the same endpoint
        m_poller->setUrl(url.value());
    }
    qCInfo(lcEgaugeSource).noquote() << id() << "polling"
                                     << m_poller->options().url.toDisplayString(QUrl::RemoveUserInfo)
                                     << "every" << m_opt.poller.intervalMs / 1000.0 << "s";
    // The first answer says each register's type; only then can its node be declared and the store
    // say where it left off.
    m_poller->start(0, [this](const egauge::ShowAnswer& a) { return onFirstAnswer(a); });
}

void EgaugeSource::stop()
{
    m_poller->stop();
    setHealth(Health::Stopped);
}

qint64 EgaugeSource::onFirstAnswer(const egauge::ShowAnswer& answer)
{
    declare(answer);
    qint64 fromMs = 0;
    for (const Register& r : m_regs) {
        if (r.declared && r.lastMs > 0)
            fromMs = fromMs == 0 ? r.lastMs : std::min(fromMs, r.lastMs);
    }
    return fromMs / 1000;
}

void EgaugeSource::declare(const egauge::ShowAnswer& answer)
{
    setDeviceInfo(QStringLiteral("eGauge serial 0x%1").arg(answer.serial, 0, 16));
    QStringList missing;
    for (Register& r : m_regs) {
        if (r.declared)
            continue;
        const auto col = std::find_if(answer.columns.begin(), answer.columns.end(),
                                      [&](const egauge::Column& c) { return c.name == r.reg.name; });
        if (col == answer.columns.end()) {
            missing << r.reg.name;
            if (!r.warnedMissing)
                qCWarning(lcEgaugeSource).noquote() << id() << ": the meter has no register" << r.reg.name
                                                    << "(it has" <<
                    [&] {
                        QStringList names;
                        for (const egauge::Column& c : answer.columns)
                            names << c.name;
                        return names.join(QStringLiteral(", "));
                    }() << ")";
            r.warnedMissing = true;
            continue;
        }
        const QString code = sensorTypeFor(col->type);
        const SensorType* type = sensorTypeByCode(code);
        if (!type) {
            missing << QStringLiteral("%1 (type \"%2\" not recorded)").arg(r.reg.name, col->type);
            if (!r.warnedMissing)
                qCWarning(lcEgaugeSource).noquote() << id() << ": register" << r.reg.name << "has type code"
                                                    << col->type << "which has no sensor type: skipped";
            r.warnedMissing = true;
            continue;
        }
        NodeSpec spec{nodeKey(id(), r.reg.name),
                      QStringLiteral("egauge"),
                      QStringLiteral("%1 %2").arg(name(), r.reg.name),
                      {ChannelSpec{r.reg.name, type->code, type->name, type->unit}},
                      {}};
        Result<NodeChannels> ids = declareNode(spec);
        if (!ids) {
            missing << QStringLiteral("%1 (%2)").arg(r.reg.name, ids.error());
            qCWarning(lcEgaugeSource).noquote() << id() << ": register" << r.reg.name << ":" << ids.error();
            continue;
        }
        r.typeCode = col->type;
        r.node = ids->node;
        r.channel = ids->channels.value(0);
        r.lastMs = ids->lastTimeMs.value(0);
        r.declared = true;
    }
    m_missing = missing;
}

void EgaugeSource::onAnswered(const egauge::ShowAnswer& answer, const egauge::Rates& rates)
{
    declare(answer);
    std::vector<Sample> samples;
    for (Register& r : m_regs) {
        if (!r.declared)
            continue;
        const auto col = std::find_if(rates.columns.begin(), rates.columns.end(),
                                      [&](const egauge::Column& c) { return c.name == r.reg.name; });
        if (col == rates.columns.end())
            continue;
        const int c = int(col - rates.columns.begin());
        qint64 newest = r.lastMs;
        for (int row = 0; row < rates.timesMs.size(); ++row) {
            const qint64 t = rates.timesMs[row];
            const double v = rates.value(row, c);
            // Rows at or before the newest stored one were recorded by an earlier poll or run.
            if (t <= r.lastMs || !std::isfinite(v))
                continue;
            samples.push_back({t, r.channel, v});
            newest = std::max(newest, t);
        }
        r.lastMs = newest;
    }
    if (!samples.empty() && sink())
        sink()->submit(samples);
    m_stored += qint64(samples.size());
    Q_EMIT stored(int(samples.size()));
}

void EgaugeSource::updateHealth()
{
    const Health before = health();
    const bool failing = !m_lastFailure.isEmpty();
    if (failing)
        setHealth(Health::Failing, m_lastFailure);
    else if (!m_missing.isEmpty())
        setHealth(Health::Ok,
                  QStringLiteral("the meter has no register %1").arg(m_missing.join(QStringLiteral(", "))));
    else
        setHealth(Health::Ok);
    // Each register's node carries the meter's state too, so the node list shows why it is silent.
    if (sink() && (before == Health::Failing) != failing) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const Register& r : m_regs) {
            if (r.declared)
                sink()->submitState({r.node, now,
                                     failing ? QStringLiteral("unreachable") : QStringLiteral("ok"),
                                     failing ? m_lastFailure : QString()});
        }
    }
}

} // namespace fs
