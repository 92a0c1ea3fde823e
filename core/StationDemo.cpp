// Station in --demo: the emulated gascloud service, and the real MariaDB and InfluxDB the demo starts
// as far ends for its push and InfluxDB sinks (never a fake: what is not installed is named instead).
#include "Station.h"
#include "health/AlarmMonitor.h"
#include "sim/DemoFarEnds.h"
#include "sim/GascloudEmulator.h"
#include "sinks/gascloud/GascloudSetup.h"
#include "sinks/gascloud/Registration.h"
#include "sinks/influx/InfluxSink.h"
#include "sinks/influx/InfluxSources.h"
#include "sinks/mysqlpush/Pusher.h"
#include "util/Logging.h"

#include <QDir>
#include <QRandomGenerator>

namespace fs {

Status Station::startDemoGascloud(GascloudSettings& s)
{
    // An in-process gascloud; batches reach its inbox by a local copy instead of SCP.
    GascloudEmulator::Options o;
    o.inboxRoot = QDir(m_dataDir).filePath(QStringLiteral("demo-gascloud/inbox"));
    o.strict = true; // our own uploader keeps to the contract
    m_emulator = new GascloudEmulator(o);
    m_emulator->moveToThread(&m_simThread);
    connect(&m_simThread, &QThread::finished, m_emulator, &QObject::deleteLater);
    m_simThread.start();
    Result<quint16> port = Error{QString()};
    QMetaObject::invokeMethod(
        m_emulator, [&] { port = m_emulator->listen(QHostAddress::LocalHost, 0); },
        Qt::BlockingQueuedConnection);
    if (!port)
        return Error{port.error()};
    s.enabled = true;
    s.api = m_emulator->apiUrl();
    s.allowInsecureHttp = true; // the in-process emulator speaks plain http on loopback
    s.gadgetId = QStringLiteral("demo-gadget");
    s.uploadIntervalS = 30; // a lively queue for people watching the demo
    const SecretStore secrets = gascloud::secretStore(m_settings, m_dataDir, false, true);
    if (!gatewayKey(secrets)) {
        auto where = registerGateway(s.api, 10, QStringLiteral("1234"), m_settings.station.name, secrets,
                                     s.allowInsecureHttp);
        if (!where)
            return Error{where.error()};
    }
    return {};
}

SecretStore Station::sinkSecrets() const
{
    return gascloud::secretStore(m_settings, m_dataDir, m_options.keychainUsable, m_options.demo);
}

void Station::startDemoFarEnds()
{
    m_stopping = false;
    m_farEnds = std::make_unique<DemoFarEnds>(m_dataDir, QStringLiteral(":/demo/cogent_schema.sql"));
    // Shown at once: the window must not wait for a server that takes seconds to start.
    for (auto [kind, server, missing] :
         {std::tuple{"push", DemoFarEnds::kPushServer, DemoFarEnds::mariadbMissing()},
          std::tuple{"influx", DemoFarEnds::kInfluxServer, DemoFarEnds::influxMissing()}}) {
        DemoFarEnd f = DemoFarEnd::of(QLatin1String(kind), QLatin1String(server));
        f.text = !missing.isEmpty()                ? missing
                 : f.kind == QLatin1String("push") ? tr("starting the demo MariaDB…")
                                                   : tr("starting the demo InfluxDB…");
        m_farEndStates << f;
        if (!missing.isEmpty())
            qCWarning(lcStation).noquote() << missing;
    }
    Q_EMIT demoFarEndsChanged();
    const SecretStore secrets = sinkSecrets();
    DemoFarEnds* farEnds = m_farEnds.get();
    m_farEndsStarter = std::thread([this, farEnds, secrets] {
        const auto report = [this](const DemoFarEnd& f) {
            QMetaObject::invokeMethod(
                this, [this, f] { demoFarEndStarted(f); }, Qt::QueuedConnection);
        };
        report(farEnds->startInflux());
        // The demo server's password lives where the screen's "Set password…" writes it, so the
        // two stay one: the server takes the stored one at every start.
        const QString name = Pusher::passwordSecret(QLatin1String(DemoFarEnds::kPushServer));
        auto stored = secrets.read(name);
        QString password = stored ? stored->value_or(QString()) : QString();
        if (password.isEmpty()) {
            password = QString::number(QRandomGenerator::system()->generate64(), 36) +
                       QString::number(QRandomGenerator::system()->generate64(), 36);
            if (Status s = secrets.write(name, password); !s) {
                DemoFarEnd f =
                    DemoFarEnd::of(QStringLiteral("push"), QLatin1String(DemoFarEnds::kPushServer));
                f.text = s.error();
                report(f);
                return;
            }
        }
        report(farEnds->startMariadb(password));
    });
}

void Station::demoFarEndStarted(const DemoFarEnd& farEnd)
{
    if (m_stopping || !m_recorder)
        return;
    for (DemoFarEnd& f : m_farEndStates) {
        if (f.kind == farEnd.kind)
            f = farEnd;
    }
    if (!farEnd.running) {
        qCWarning(lcStation).noquote() << farEnd.text;
    } else if (farEnd.kind == QLatin1String("push") && !m_pusher) {
        PushSettings ps = m_settings.push;
        ps.deployment = QStringLiteral("FieldStation demo");
        if (ps.house.isEmpty())
            ps.house = QStringLiteral("Demo house");
        PushServerSettings s;
        s.name = farEnd.server;
        s.port = farEnd.port;
        s.database = QLatin1String(DemoFarEnds::kDatabase);
        s.user = QLatin1String(DemoFarEnds::kUser);
        s.intervalS = 30; // a lively push for people watching the demo
        s.timeoutS = 10;
        ps.servers = {s};
        m_pusher = std::make_unique<Pusher>(*m_recorder, storePath(), ps, m_dataDir, sinkSecrets());
        m_pusher->start();
        if (m_alarms)
            m_alarms->followSink(m_pusher.get(), QStringLiteral("push"));
    } else if (farEnd.kind == QLatin1String("influx") && !m_influx) {
        Settings demo = m_settings;
        demo.sources = sourcesToRun(m_settings, true);
        InfluxSettings is;
        is.enabled = true;
        is.name = farEnd.server;
        is.url = QStringLiteral("http://127.0.0.1:%1").arg(farEnd.port);
        is.database = QStringLiteral("fieldstation_demo");
        is.layout = InfluxSettings::Layout::Si;
        is.intervalS = 30;
        is.timeoutS = 10;
        for (const SourceSettings& src : demo.sources)
            is.sources << src.id;
        m_influx = std::make_unique<InfluxSink>(*m_recorder, storePath(), is, influx::sourceCatalog(demo),
                                                sinkSecrets());
        m_influx->start();
        if (m_alarms)
            m_alarms->followSink(m_influx.get(), QStringLiteral("influx"));
    }
    Q_EMIT demoFarEndsChanged();
}

void Station::stopDemoFarEnds()
{
    m_stopping = true;
    if (m_farEnds)
        m_farEnds->cancel();
    if (m_farEndsStarter.joinable())
        m_farEndsStarter.join(); // its waits are sliced and end on cancel()
    if (m_farEnds) {
        m_farEnds->stop(); // after the sinks: a pass under way ends on their stop, not on a dead server
        m_farEnds.reset();
    }
}

} // namespace fs
