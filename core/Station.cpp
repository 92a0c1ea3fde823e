// Station: wiring of sources, recorder and (later) sinks; the only owner of their threads.
#include "Station.h"

#include "sim/GascloudEmulator.h"
#include "sim/OpcN3Emulator.h"
#include "sinks/gascloud/GascloudSetup.h"
#include "sinks/gascloud/Registration.h"
#include "sinks/gascloud/Uploader.h"
#include "sinks/mysqlpush/Pusher.h"
#include "sources/opcn3/OpcN3Source.h"
#include "sources/opcn3/SpidevBus.h"
#include "store/Recorder.h"
#include "util/Logging.h"

#include <QDir>
#include <QHostAddress>
#include <QStandardPaths>

namespace fs {

Station::Station(Settings settings, Options options, QObject* parent)
    : QObject(parent), m_settings(std::move(settings)), m_options(std::move(options))
{
    m_dataDir = !m_options.dataDir.isEmpty() ? m_options.dataDir
                : !m_settings.station.dataDir.isEmpty()
                    ? m_settings.station.dataDir
                    : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    m_acquisition.setObjectName(QStringLiteral("acquisition"));
    m_uploaderThread.setObjectName(QStringLiteral("uploader"));
    m_simThread.setObjectName(QStringLiteral("gascloud-sim"));
    m_pusherThread.setObjectName(QStringLiteral("pusher"));
}

Station::~Station()
{
    stop();
}

QString Station::resolveDataDir(const Settings& settings, const QString& fromCommandLine)
{
    return !fromCommandLine.isEmpty() ? fromCommandLine
           : !settings.station.dataDir.isEmpty()
               ? settings.station.dataDir
               : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QString Station::storePathIn(const QString& dataDir, bool demo)
{
    // Demo data never mixes with a station's real readings.
    return QDir(dataDir).filePath(demo ? QStringLiteral("fieldstation-demo.db")
                                       : QStringLiteral("fieldstation.db"));
}

QString Station::storePath() const
{
    return storePathIn(m_dataDir, m_options.demo);
}

Status Station::start()
{
    RecorderOptions ro;
    ro.flushIntervalMs = m_settings.recorder.flushIntervalMs;
    ro.maxBatch = m_settings.recorder.maxBatch;
    m_recorder = std::make_unique<Recorder>(storePath(), ro);
    if (Status s = m_recorder->start(); !s)
        return Error{QStringLiteral("store: %1").arg(s.error())};
    m_acquisition.start();
    if (m_settings.opcn3.enabled) {
        if (Status s = startOpcN3(); !s)
            return s;
    }
    if (m_settings.gascloud.enabled || m_options.demo) {
        if (Status s = startGascloud(); !s) {
            m_uploaderProblem = s.error();
            qCWarning(lcStation).noquote() << "gascloud upload is not running:" << s.error();
        }
    }
    startPusher();
    qCInfo(lcStation) << "station" << m_settings.station.name << "started, data in" << m_dataDir
                      << (m_options.demo ? "(demo)" : "");
    return {};
}

Status Station::startOpcN3()
{
    const OpcN3Settings& s = m_settings.opcn3;
    std::unique_ptr<SpiBus> bus;
    if (m_options.demo) {
        bus = std::make_unique<OpcN3Emulator>();
    } else {
        auto spidev = SpidevBus::open(
            {s.device, uint32_t(s.speedHz), 1, s.chipSelect == OpcN3Settings::ChipSelect::Byte});
        if (!spidev)
            return Error{QStringLiteral("opcn3: %1").arg(spidev.error())};
        bus = std::move(spidev).value();
    }
    m_opcn3 = new OpcN3Source(std::move(bus), OpcN3Source::Options::from(s), m_recorder.get());
    m_opcn3->moveToThread(&m_acquisition);
    connect(&m_acquisition, &QThread::finished, m_opcn3, &QObject::deleteLater);
    QMetaObject::invokeMethod(m_opcn3, &OpcN3Source::start, Qt::QueuedConnection);
    return {};
}

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

Status Station::startGascloud()
{
    GascloudSettings s = m_settings.gascloud;
    if (m_options.demo) {
        if (Status st = startDemoGascloud(s); !st)
            return st;
    }
    const SecretStore secrets =
        gascloud::secretStore(m_settings, m_dataDir, m_options.keychainUsable, m_options.demo);
    auto key = gatewayKey(secrets);
    if (!key)
        return Error{key.error()};
    std::unique_ptr<UploadTransport> transport;
    if (m_options.demo)
        transport = std::make_unique<LocalTransport>(QStringLiteral("/"));
    else
        transport =
            std::make_unique<ScpTransport>(gascloud::knownHostsPath(s, m_dataDir, false), s.requestTimeoutS);
    m_uploader = new Uploader(*m_recorder, storePath(),
                              gascloud::uploaderOptions(s, m_dataDir, key.value(), m_options.demo),
                              std::move(transport));
    m_uploader->moveToThread(&m_uploaderThread);
    connect(&m_uploaderThread, &QThread::finished, m_uploader, &QObject::deleteLater);
    m_uploaderThread.start();
    QMetaObject::invokeMethod(m_uploader, &Uploader::start, Qt::QueuedConnection);
    return {};
}

void Station::startPusher()
{
    const auto& servers = m_settings.push.servers;
    if (m_options.demo ||
        std::none_of(servers.begin(), servers.end(), [](const PushServerSettings& s) { return s.enabled; }))
        return;
    m_pusher = new Pusher(*m_recorder, storePath(), m_settings.push, m_dataDir,
                          gascloud::secretStore(m_settings, m_dataDir, m_options.keychainUsable, false));
    m_pusher->moveToThread(&m_pusherThread);
    connect(&m_pusherThread, &QThread::finished, m_pusher, &QObject::deleteLater);
    m_pusherThread.start();
    QMetaObject::invokeMethod(m_pusher, &Pusher::start, Qt::QueuedConnection);
}

void Station::stop()
{
    if (m_pusher && m_pusherThread.isRunning())
        QMetaObject::invokeMethod(m_pusher, &Pusher::stop, Qt::BlockingQueuedConnection);
    if (m_pusherThread.isRunning()) {
        m_pusherThread.quit();
        m_pusherThread.wait();
        m_pusher = nullptr;
    }
    if (m_uploader && m_uploaderThread.isRunning())
        QMetaObject::invokeMethod(m_uploader, &Uploader::stop, Qt::BlockingQueuedConnection);
    if (m_uploaderThread.isRunning()) {
        m_uploaderThread.quit();
        m_uploaderThread.wait();
        m_uploader = nullptr;
    }
    if (m_simThread.isRunning()) {
        m_simThread.quit();
        m_simThread.wait();
        m_emulator = nullptr;
    }
    if (m_opcn3 && m_acquisition.isRunning()) {
        QMetaObject::invokeMethod(m_opcn3, &OpcN3Source::stop, Qt::BlockingQueuedConnection);
    }
    if (m_acquisition.isRunning()) {
        m_acquisition.quit();
        m_acquisition.wait();
        m_opcn3 = nullptr;
    }
    if (m_recorder && m_recorder->isRunning()) {
        m_recorder->stop();
        qCInfo(lcStation) << "store closed at seq" << m_recorder->lastCommittedSeq();
    }
}

} // namespace fs
