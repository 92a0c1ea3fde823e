// Station: wiring of sources, recorder and (later) sinks; the only owner of their threads.
#include "Station.h"

#include "api/ApiServer.h"
#include "health/AlarmMonitor.h"
#include "sim/GascloudEmulator.h"
#include "sinks/gascloud/BatchBuilder.h"
#include "sinks/gascloud/GascloudSetup.h"
#include "sinks/gascloud/Registration.h"
#include "sinks/gascloud/Uploader.h"
#include "sinks/influx/InfluxSink.h"
#include "sinks/influx/InfluxSources.h"
#include "sinks/mysqlpush/Pusher.h"
#include "sources/LiveTap.h"
#include "sources/SourceTypes.h"
#include "store/Recorder.h"
#include "store/Retention.h"
#include "util/DataDirLock.h"
#include "util/Logging.h"

#include <QDir>
#include <QHostAddress>
#include <QStandardPaths>

namespace fs {

Station::Station(Settings settings, Options options, QObject* parent)
    : QObject(parent), m_settings(std::move(settings)), m_options(std::move(options)),
      m_tap(std::make_unique<LiveTap>()), m_alarmBook(std::make_unique<AlarmBook>())
{
    m_dataDir = resolveDataDir(m_settings, m_options.dataDir);
    m_gascloud = m_settings.gascloud;
    m_uploaderThread.setObjectName(QStringLiteral("uploader"));
    m_simThread.setObjectName(QStringLiteral("gascloud-sim"));
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
    auto lock = DataDirLock::take(m_dataDir);
    if (!lock)
        return Error{lock.error()};
    m_dataDirLock = std::move(lock).value();
    RecorderOptions ro;
    ro.flushIntervalMs = m_settings.recorder.flushIntervalMs;
    ro.maxBatch = m_settings.recorder.maxBatch;
    ro.maxMemorySamples = m_settings.store.maxMemorySamples;
    m_recorder = std::make_unique<Recorder>(storePath(), ro);
    if (Status s = m_recorder->start(); !s)
        return Error{QStringLiteral("store: %1").arg(s.error())};
    m_tap->setNext(m_recorder.get());
    startAlarms();
    if (Status s = startSources(); !s)
        return s;
    if (m_settings.gascloud.enabled || m_options.demo) {
        if (Status s = startGascloud(); !s) {
            m_uploaderProblem = s.error();
            qCWarning(lcStation).noquote() << "gascloud upload is not running:" << s.error();
        }
    }
    startPusher();
    startInflux();
    startRetention();
    followAlarmSubjects();
    startApi();
    if (m_options.demo)
        startDemoFarEnds();
    qCInfo(lcStation) << "station" << m_settings.station.name << "started, data in" << m_dataDir
                      << (m_options.demo ? "(demo)" : "");
    return {};
}

QList<SourceSettings> Station::sourcesToRun(const Settings& settings, bool demo)
{
    if (!settings.sources.isEmpty() || !demo)
        return settings.sources;
    QList<SourceSettings> all;
    for (const SourceType& t : sourceTypes())
        all.append(defaultSourceSettings(t));
    return all;
}

Status Station::startSources()
{
    const QList<SourceSettings> list = sourcesToRun(m_settings, m_options.demo);
    if (list.isEmpty())
        qCWarning(lcStation) << "no sources configured: nothing will be recorded (see \"sources:\" in the "
                                "example settings)";
    for (const SourceSettings& s : list) {
        if (!s.enabled)
            continue;
        const SourceType* type = findSourceType(s.type);
        const SecretStore secrets =
            gascloud::secretStore(m_settings, m_dataDir, m_options.keychainUsable, m_options.demo);
        auto made = type->create(s, {m_tap.get(), m_options.demo, &secrets, m_settings.station.name});
        if (!made)
            return Error{QStringLiteral("source %1").arg(made.error())};
        Acquisition a;
        a.thread = std::make_unique<QThread>();
        a.thread->setObjectName(QStringLiteral("source:%1").arg(s.id));
        Source* source = made.value().release();
        a.running = {s.id, s.type, source};
        source->moveToThread(a.thread.get());
        connect(a.thread.get(), &QThread::finished, source, &QObject::deleteLater);
        a.thread->start();
        QMetaObject::invokeMethod(source, &Source::start, Qt::QueuedConnection);
        qCInfo(lcStation).noquote() << "source" << s.id << "(" << s.type
                                    << (m_options.demo ? ", emulated" : "") << ") started";
        m_sources.push_back(std::move(a));
    }
    return {};
}

QList<RunningSource> Station::sources() const
{
    QList<RunningSource> out;
    for (const Acquisition& a : m_sources)
        out.append(a.running);
    return out;
}

void Station::stopSources()
{
    // Each source powers its device down in its own thread, then the thread deletes it.
    for (Acquisition& a : m_sources) {
        if (a.thread->isRunning())
            QMetaObject::invokeMethod(a.running.source, &Source::stop, Qt::BlockingQueuedConnection);
        a.thread->quit();
    }
    for (Acquisition& a : m_sources)
        a.thread->wait();
    m_sources.clear();
}

Status Station::startGascloud()
{
    if (m_options.demo && !m_emulator) { // started once: a second try reuses it
        if (Status st = startDemoGascloud(m_gascloud); !st)
            return st;
    }
    const GascloudSettings s = m_gascloud;
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
    Uploader::Options uo = gascloud::uploaderOptions(s, m_dataDir, key.value(), m_options.demo);
    if (s.sources.isEmpty())
        uo.builder.sources << gascloudSources(m_settings, m_options.demo);
    // delete_reading_on_zip may delete only what every other enabled sink has passed.
    uo.builder.otherSinkCursors = otherSinkCursors();
    m_uploader = new Uploader(*m_recorder, storePath(), uo, std::move(transport));
    m_uploader->moveToThread(&m_uploaderThread);
    connect(&m_uploaderThread, &QThread::finished, m_uploader, &QObject::deleteLater);
    m_uploaderThread.start();
    QMetaObject::invokeMethod(m_uploader, &Uploader::start, Qt::QueuedConnection);
    return {};
}

Status Station::enableUploader()
{
    if (m_uploader && m_uploaderThread.isRunning())
        return {};
    Status started;
    if (!m_recorder || !m_recorder->isRunning())
        started = Error{QStringLiteral("the station is not running")};
    else if (!m_settings.gascloud.enabled && !m_options.demo)
        started = Error{QStringLiteral("gascloud.enabled is false in the settings: nothing is uploaded")};
    else
        started = startGascloud();
    m_uploaderProblem = started ? QString() : started.error();
    if (!started)
        qCWarning(lcStation).noquote() << "gascloud upload is still not running:" << started.error();
    else
        qCInfo(lcStation) << "gascloud upload started";
    if (started && m_alarms && m_uploader)
        m_alarms->followUploader(m_uploader);
    Q_EMIT uploaderChanged();
    return started;
}

QStringList Station::gascloudSources(const Settings& settings, bool demo)
{
    if (!settings.gascloud.sources.isEmpty())
        return settings.gascloud.sources;
    // One gadget is one device: with none named, the first OPC-N3 source. Several would share the
    // gadget's timestamps, and the batch stream keeps one row per gadget and second.
    QStringList opcs;
    for (const SourceSettings& src : sourcesToRun(settings, demo)) {
        if (src.enabled && src.type == QLatin1String("opcn3"))
            opcs << src.id;
    }
    if (opcs.size() > 1)
        qCWarning(lcStation).noquote() << "gascloud batches only source" << opcs.first()
                                       << "(one gadget is one device); choose another with gascloud.sources";
    return opcs.mid(0, 1);
}

QStringList Station::pushedServers() const
{
    QStringList names;
    if (m_options.demo)
        return names; // the demo pushes nowhere
    for (const PushServerSettings& s : m_settings.push.servers) {
        if (s.enabled)
            names << s.name;
    }
    return names;
}

void Station::startPusher()
{
    if (pushedServers().isEmpty())
        return;
    // Its passes run in a thread of its own (CursorSink); start and stop may be called from here.
    m_pusher = std::make_unique<Pusher>(
        *m_recorder, storePath(), m_settings.push, m_dataDir,
        gascloud::secretStore(m_settings, m_dataDir, m_options.keychainUsable, false));
    m_pusher->start();
}

QStringList Station::otherSinkCursors() const
{
    QStringList names;
    for (const QString& server : pushedServers())
        names << Pusher::cursorName(server);
    if (m_settings.influx.enabled && !m_options.demo)
        names << InfluxSink::cursorName(m_settings.influx.name);
    return names;
}

void Station::startInflux()
{
    if (!m_settings.influx.enabled || m_options.demo)
        return;
    m_influx = std::make_unique<InfluxSink>(
        *m_recorder, storePath(), m_settings.influx, influx::sourceCatalog(m_settings),
        gascloud::secretStore(m_settings, m_dataDir, m_options.keychainUsable, false));
    m_influx->start();
}

void Station::startRetention()
{
    RetentionOptions o;
    o.keepDays = m_settings.store.keepDays;
    o.minFreeMb = m_settings.store.minFreeMb;
    // Nothing an enabled sink has not passed is deleted for age: a sink that is down (or not yet
    // registered) holds its readings back until the disk runs low.
    for (const QString& server : pushedServers())
        o.stateCursors << Pusher::stateCursorName(server);
    o.readingCursors << otherSinkCursors();
    if (m_settings.gascloud.enabled || m_options.demo)
        o.readingCursors << QString::fromLatin1(BatchBuilder::kCursor);
    m_retention = std::make_unique<Retention>(*m_recorder, storePath(), o);
    m_retention->start();
}

void Station::startAlarms()
{
    m_alarms = std::make_unique<AlarmMonitor>(*m_alarmBook);
    m_alarms->followTap(m_tap.get());
    m_alarms->followStore(m_recorder.get(), m_dataDir, m_settings.store.minFreeMb);
}

void Station::followAlarmSubjects()
{
    for (const Acquisition& a : m_sources)
        m_alarms->followSource(a.running.source);
    if (m_uploader)
        m_alarms->followUploader(m_uploader);
    if (m_pusher)
        m_alarms->followSink(m_pusher.get(), QStringLiteral("push"));
    if (m_influx)
        m_alarms->followSink(m_influx.get(), QStringLiteral("influx"));
    m_alarms->start();
}

void Station::startApi()
{
    // --demo with no api: section serves the defaults, 127.0.0.1:8090.
    const ApiSettings& a = m_settings.api;
    if (!a.enabled && !m_options.demo)
        return;
    ApiServerOptions o;
    o.storePath = storePath();
    o.host = a.host;
    o.port = a.port;
    o.corsOrigins = a.effectiveCorsOrigins();
    o.hideInactiveAfterDays = a.hideInactiveAfterDays;
    o.alarms = m_alarmBook.get();
    if (!a.loopback()) {
        const SecretStore secrets =
            gascloud::secretStore(m_settings, m_dataDir, m_options.keychainUsable, m_options.demo);
        auto token = secrets.read(QStringLiteral("api/token"));
        if (token)
            o.token = token->value_or(QString());
        else
            m_apiProblem = token.error();
    }
    m_api = std::make_unique<ApiServer>(o);
    if (Status s = m_api->start(); !s) {
        m_apiProblem =
            m_apiProblem.isEmpty() ? s.error() : QStringLiteral("%1 (%2)").arg(s.error(), m_apiProblem);
        // The station records without its API: readings matter more than a way to read them.
        qCWarning(lcStation).noquote() << "the REST API is not running:" << m_apiProblem;
        m_api.reset();
    }
}

QList<QThread*> Station::workerThreads()
{
    QList<QThread*> running;
    for (const Acquisition& a : m_sources) {
        if (a.thread->isRunning())
            running << a.thread.get();
    }
    for (QThread* t : {&m_uploaderThread, &m_simThread}) {
        if (t->isRunning())
            running << t;
    }
    // A request stuck in the API thread holds no reading back, but a wedged station must not look
    // alive to systemd.
    if (m_api && m_api->requestThread()->isRunning())
        running << m_api->requestThread();
    return running;
}

void Station::stop()
{
    m_alarms.reset(); // before the sinks and sources it follows go
    m_api.reset();    // stops its thread; it only reads
    if (m_retention)
        m_retention->stop(); // its chunk jobs run on the Recorder, which stops last
    if (m_pusher) {
        m_pusher->stop(); // within 2 s whatever the far end does
        m_pusher.reset();
    }
    if (m_influx) {
        m_influx->stop(); // within 2 s, as the pusher
        m_influx.reset();
    }
    stopDemoFarEnds();
    if (m_uploader && m_uploaderThread.isRunning())
        m_uploader->stop(); // thread-safe: cuts the request or SCP the uploader thread is blocked in
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
    stopSources();
    if (m_recorder && m_recorder->isRunning()) {
        m_recorder->stop();
        qCInfo(lcStation) << "store closed at seq" << m_recorder->lastCommittedSeq();
    }
    m_dataDirLock.reset();
}

} // namespace fs
