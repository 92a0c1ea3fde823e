// fieldstation: command line, mode choice (kiosk, desktop, headless), and wiring.
#include "CommandHelp.h"
#include "CommandLine.h"
#include "DecodeCommand.h"
#include "KioskMode.h"
#include "LanguageSwitch.h"
#include "OldLayout.h"
#include "ScreenshotTour.h"
#include "ServiceWatchdog.h"
#include "SignalWatcher.h"
#include "commands/Commands.h"
#include "views/AdminLock.h"
#include "views/AlarmModel.h"
#include "views/DashboardModel.h"
#include "views/LiveStream.h"
#include "views/RegistrationFlow.h"
#include "views/SettingsEditor.h"
#include "views/SinkControl.h"
#include "views/SinkStatusModel.h"
#include "views/SourceListModel.h"
#include "views/StoreHealthView.h"
#include "views/UploadQueueModel.h"

#include "Station.h"
#include "config/Settings.h"
#include "sinks/gascloud/GascloudSetup.h"
#include "sinks/influx/InfluxSink.h"
#include "sinks/mysqlpush/Pusher.h"
#include "sources/LiveTap.h"
#include "store/HistoryReader.h"
#include "util/Logging.h"
#include "util/Redact.h"

#include <QApplication>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickWindow>
#include <QStandardPaths>
#include <QTimer>
#include <cstdio>
#include <memory>
#include <unistd.h>
#include <vector>

Q_IMPORT_QML_PLUGIN(FieldStationPlugin)
Q_IMPORT_QML_PLUGIN(FieldStation_ViewsPlugin)

namespace {

using namespace fs;

/// The settings file the user named, or the one in the user's config folder; empty when neither.
QString settingsFile(const CommandLine& cl)
{
    return !cl.configFile.isEmpty() ? cl.configFile
                                    : QStandardPaths::locate(QStandardPaths::AppConfigLocation,
                                                             QStringLiteral("fieldstation.yaml"));
}

/// The settings the user named, or the ones in the user's config folder, or the defaults.
Result<Settings> loadSettings(const CommandLine& cl)
{
    const QString path = settingsFile(cl);
    if (path.isEmpty())
        return Settings{};
    qCInfo(lcConfig) << "settings from" << path;
    Result<Settings> s = Settings::load(path);
    for (const QString& w : s ? s->warnings : QStringList())
        std::fprintf(stderr, "fieldstation: warning: %s\n", qPrintable(w));
    return s;
}

int runStation(QCoreApplication& app, const CommandLine& cl, const Settings& settings,
               LanguageSwitch& language)
{
    Station station(settings, {cl.demo, cl.dataDir, cl.mode == CommandLine::Mode::Desktop});
    // Connected before start, so the stream and the store's health learn every node the sources
    // register.
    std::unique_ptr<LiveStream> stream;
    std::unique_ptr<StoreHealthView> storeHealth;
    if (cl.mode != CommandLine::Mode::Headless) {
        stream = std::make_unique<LiveStream>();
        stream->attach(station.liveTap());
        storeHealth = std::make_unique<StoreHealthView>();
        storeHealth->nameChannelsFrom(station.liveTap());
    }
    if (Status s = station.start(); !s) {
        std::fprintf(stderr, "fieldstation: %s\n", qPrintable(s.error()));
        return 1;
    }
    QList<Heartbeat> heartbeats;
    if (Pusher* pusher = station.pusher()) // its passes run in a thread of its own, with no event loop
        heartbeats.append({QStringLiteral("MySQL pusher"), [pusher] { return pusher->lastAliveMs(); }});
    if (InfluxSink* influx = station.influx()) // the same: a CursorSink thread of its own
        heartbeats.append({QStringLiteral("InfluxDB sink"), [influx] { return influx->lastAliveMs(); }});
    // systemd: READY=1, WATCHDOG=1 while everything shows progress
    ServiceWatchdog watchdog(*station.recorder(), station.workerThreads(), heartbeats);
    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, &app, [&app](int sig) {
        qCInfo(lcApp) << "signal" << sig << "received, stopping";
        app.quit();
    });
    watchdog.start(); // ready once SIGTERM stops it cleanly
    // An uploader started by a registration from the screen is watched from then on.
    QObject::connect(&station, &Station::uploaderChanged, &watchdog,
                     [&station, &watchdog] { watchdog.watch(station.workerThreads()); });

    std::unique_ptr<HistoryReader> history;
    std::unique_ptr<SourceListModel> sources;
    std::unique_ptr<UploadQueueModel> queue;
    // One per service the screen shows; each is attached by the lines below that name it.
    std::unique_ptr<DashboardModel> dashboard;
    std::unique_ptr<AlarmModel> alarms;
    std::unique_ptr<SinkStatusModel> sinks;
    std::unique_ptr<SinkControl> sinkControl;
    std::unique_ptr<RegistrationFlow> registration;
    std::unique_ptr<SettingsEditor> settingsEditor;
    std::unique_ptr<AdminLock> adminLock;
    std::unique_ptr<QQmlApplicationEngine> engine;
    if (cl.mode != CommandLine::Mode::Headless) {
        history = std::make_unique<HistoryReader>(station.storePath());
        stream->setHistory(history.get());
        sources = std::make_unique<SourceListModel>();
        sources->attach(station.sources());
        storeHealth->attach(station.recorder());
        queue = std::make_unique<UploadQueueModel>();
        queue->attach(station.uploader(), station.storePath(), station.uploaderProblem());
        dashboard = std::make_unique<DashboardModel>();
        dashboard->attach(station, stream.get());
        // The queue page's reader counts every batch in the store; the home tile shows the same.
        QObject::connect(queue.get(), &UploadQueueModel::summaryChanged, dashboard.get(),
                         [q = queue.get(), d = dashboard.get()] {
                             if (q->countsKnown())
                                 d->setQueueCounts(q->pendingCount(), q->rejectedCount());
                             else
                                 d->clearQueueCounts();
                         });
        // Sinks and an uploader that start later (the demo's far ends, a registration) get tiles too.
        for (auto signal : {&Station::demoFarEndsChanged, &Station::uploaderChanged})
            QObject::connect(&station, signal, dashboard.get(),
                             [&station, d = dashboard.get()] { d->followSinks(station); });
        alarms = std::make_unique<AlarmModel>();
        alarms->attach(station.alarmBook(), station.sources());
        sinks = std::make_unique<SinkStatusModel>();
        sinkControl = std::make_unique<SinkControl>(station.sinkSecrets());
        // The demo's sinks start only once their far ends answer: each is attached as it appears.
        const auto followSinks = [&station, m = sinks.get(), c = sinkControl.get(),
                                  seen = std::make_shared<QSet<CursorSink*>>()] {
            for (const auto& [kind, sink] :
                 {std::pair<QString, CursorSink*>{QStringLiteral("push"), station.pusher()},
                  {QStringLiteral("influx"), station.influx()}}) {
                if (sink && !seen->contains(sink)) {
                    seen->insert(sink);
                    m->attach(kind, sink);
                    c->attach(kind, sink);
                }
            }
            m->setFarEnds(station.demoFarEnds());
        };
        followSinks();
        QObject::connect(&station, &Station::demoFarEndsChanged, sinks.get(), followSinks);
        const SecretStore secrets = gascloud::secretStore(settings, station.dataDir(),
                                                          cl.mode == CommandLine::Mode::Desktop, cl.demo);
        const GascloudSettings g = station.gascloud();
        registration = std::make_unique<RegistrationFlow>(RegistrationFlow::Setup{
            g.api, g.requestTimeoutS, g.allowInsecureHttp, settings.station.name, secrets});
        // A registration starts the uploader at once; the queue follows it, the wizard says so.
        QObject::connect(
            registration.get(), &RegistrationFlow::registered, &station,
            [&station, r = registration.get()] {
                const Status s = station.enableUploader();
                r->setUploaderState(s.ok(), s.error());
            },
            Qt::QueuedConnection);
        QObject::connect(&station, &Station::uploaderChanged, queue.get(), [&station, q = queue.get()] {
            q->attach(station.uploader(), station.uploaderProblem());
        });
        QString editedFile = settingsFile(cl);
        if (editedFile.isEmpty()) // none yet: the settings page creates it where the next start looks
            editedFile = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
                         QStringLiteral("/fieldstation.yaml");
        settingsEditor = std::make_unique<SettingsEditor>(editedFile, settings);
        QObject::connect(settingsEditor.get(), &SettingsEditor::stationNameApplied, registration.get(),
                         &RegistrationFlow::setStationName);
        QObject::connect(settingsEditor.get(), &SettingsEditor::stationNameApplied, &app,
                         [&engine](const QString& name) {
                             if (engine && !engine->rootObjects().isEmpty())
                                 engine->rootObjects().constFirst()->setProperty("stationName", name);
                         });
        QObject::connect(settingsEditor.get(), &SettingsEditor::liveApplied, &language,
                         [&language](const Settings& s) { language.setLanguage(s.station.language); });
        adminLock = std::make_unique<AdminLock>(cl.mode == CommandLine::Mode::Kiosk, secrets);
        engine = std::make_unique<QQmlApplicationEngine>();
        language.attach(engine.get()); // a later switch re-translates the window in place
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        engine->setInitialProperties({
            {QStringLiteral("stream"), QVariant::fromValue(stream.get())},
            {QStringLiteral("sources"), QVariant::fromValue(sources.get())},
            {QStringLiteral("storeHealth"), QVariant::fromValue(storeHealth.get())},
            {QStringLiteral("queue"), QVariant::fromValue(queue.get())},
            {QStringLiteral("dashboard"), QVariant::fromValue(dashboard.get())},
            {QStringLiteral("alarms"), QVariant::fromValue(alarms.get())},
            {QStringLiteral("sinks"), QVariant::fromValue(sinks.get())},
            {QStringLiteral("sinkControl"), QVariant::fromValue(sinkControl.get())},
            {QStringLiteral("registration"), QVariant::fromValue(registration.get())},
            {QStringLiteral("settingsEditor"), QVariant::fromValue(settingsEditor.get())},
            {QStringLiteral("adminLock"), QVariant::fromValue(adminLock.get())},
            {QStringLiteral("kiosk"), cl.mode == CommandLine::Mode::Kiosk},
            {QStringLiteral("stationName"), settings.station.name},
            {QStringLiteral("demo"), cl.demo},
            {QStringLiteral("startPage"), cl.startPage},
        });
        QObject::connect(
            engine.get(), &QQmlApplicationEngine::objectCreationFailed, &app,
            [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
        engine->load(QUrl(QStringLiteral("qrc:/qt/qml/FieldStation/Main.qml")));
        if (engine->rootObjects().isEmpty()) {
            station.stop();
            return 1;
        }
    }
    std::unique_ptr<ScreenshotTour> tour;
    if (!cl.screenshotTour.isEmpty()) {
        tour = std::make_unique<ScreenshotTour>(qobject_cast<QQuickWindow*>(engine->rootObjects().first()),
                                                cl.screenshotTour);
        QTimer::singleShot(0, tour.get(), &ScreenshotTour::start);
    }
    const int rc = app.exec();
    engine.reset(); // the window goes before the sources it shows
    watchdog.stopping();
    station.stop();
    return rc;
}

} // namespace

int main(int argc, char** argv)
{
    // Kept before Qt takes its own options out of argv: a restart runs the same command line.
    std::vector<QByteArray> args(argv, argv + argc);
    qRegisterMetaType<fs::Source::Health>();
    qRegisterMetaType<QList<fs::UploadBatch>>();
    qRegisterMetaType<QList<fs::PushStatus>>();
    std::unique_ptr<QCoreApplication> app;
    const bool gui = !CommandLine::wantsNoGui(argc, argv);
    // The input method is read from the environment when the application is created.
    if (gui && CommandLine::wantsKiosk(argc, argv))
        kiosk::prepareEnvironment();
    if (gui)
        app = std::make_unique<QApplication>(argc, argv); // QtCharts in QML needs a QApplication
    else
        app = std::make_unique<QCoreApplication>(argc, argv);
    // No organization name: with one, Qt puts settings and data one folder deeper
    // (~/.config/fieldstation/fieldstation/).
    QCoreApplication::setApplicationName(QStringLiteral("fieldstation"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FIELDSTATION_VERSION));

    redact::installLogFilter();
    const CommandLine cl = CommandLine::parse(*app);
    if (const auto help = commandhelp::answer(cl.command)) {
        std::fputs(qPrintable(*help), stdout); // before settings: help works with broken settings too
        return 0;
    }
    const QString command = cl.command.value(0);
    if (command == QLatin1String("decode"))
        return runDecodeCommand(cl.command.mid(1));
    if (command == QLatin1String("sim"))
        return runSimCommand(cl.command.mid(1));

    // import writes the settings file, so it may not exist yet.
    const bool creating =
        command == QLatin1String("import") && !cl.configFile.isEmpty() && !QFileInfo::exists(cl.configFile);
    const Result<Settings> settings = creating ? Result<Settings>(Settings{}) : loadSettings(cl);
    if (!settings) {
        // Every problem, one a line, before anything starts.
        std::fprintf(stderr, "%s\n", qPrintable(settings.error()));
        return 2;
    }
    for (const QString& line : oldLayoutWarnings(cl.configFile.isEmpty(),
                                                 cl.dataDir.isEmpty() && settings->station.dataDir.isEmpty()))
        std::fprintf(stderr, "fieldstation: %s\n", qPrintable(line));
    if (!command.isEmpty()) {
        CommandContext ctx{settings.value(), Station::resolveDataDir(settings.value(), cl.dataDir),
                           cl.configFile, cl.demo};
        if (ctx.configFile.isEmpty())
            ctx.configFile = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
                             QStringLiteral("/fieldstation.yaml");
        const QStringList args = cl.command.mid(1);
        if (command == QLatin1String("register"))
            return runRegisterCommand(ctx, args);
        if (command == QLatin1String("upload"))
            return runUploadCommand(ctx, args);
        if (command == QLatin1String("queue"))
            return runQueueCommand(ctx, args);
        if (command == QLatin1String("push"))
            return runPushCommand(ctx, args);
        if (command == QLatin1String("egauge"))
            return runEgaugeCommand(ctx, args);
        if (command == QLatin1String("influx"))
            return runInfluxCommand(ctx, args);
        if (command == QLatin1String("isems"))
            return runIsemsCommand(ctx, args);
        if (command == QLatin1String("import"))
            return runImportCommand(ctx, args);
        if (command == QLatin1String("api"))
            return runApiCommand(ctx, args);
        std::fprintf(stderr, "fieldstation: unknown command \"%s\" (see --help)\n", qPrintable(command));
        return 2;
    }
    if (!settings->logRules.isEmpty())
        QLoggingCategory::setFilterRules(
            QString(settings->logRules).replace(QLatin1Char(';'), QLatin1Char('\n')));

    LanguageSwitch language;
    language.setLanguage(settings->station.language);
    if (cl.mode == CommandLine::Mode::Kiosk)
        kiosk::hidePointer();

    const int rc = runStation(*app, cl, settings.value(), language);
    if (rc != kRestartExitCode)
        return rc;
    // The same process id (systemd keeps watching it), everything else new.
    app.reset();
    std::vector<char*> again;
    for (QByteArray& a : args)
        again.push_back(a.data());
    again.push_back(nullptr);
    ::execv("/proc/self/exe", again.data());
    std::perror("fieldstation: restart");
    return 1;
}
