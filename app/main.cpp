// fieldstation: command line, mode choice (kiosk, desktop, headless), and wiring.
#include "CommandHelp.h"
#include "CommandLine.h"
#include "DecodeCommand.h"
#include "OldLayout.h"
#include "ServiceWatchdog.h"
#include "SignalWatcher.h"
#include "commands/Commands.h"
#include "views/AdminLock.h"
#include "views/AlarmModel.h"
#include "views/DashboardModel.h"
#include "views/LiveStream.h"
#include "views/PushStatusModel.h"
#include "views/RegistrationFlow.h"
#include "views/SettingsEditor.h"
#include "views/SinkControl.h"
#include "views/SinkStatusModel.h"
#include "views/SourceListModel.h"
#include "views/StoreHealthView.h"
#include "views/UploadQueueModel.h"

#include "Station.h"
#include "config/Settings.h"
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
#include <QStandardPaths>
#include <QTranslator>
#include <cstdio>
#include <memory>

Q_IMPORT_QML_PLUGIN(FieldStationPlugin)
Q_IMPORT_QML_PLUGIN(FieldStation_ViewsPlugin)

namespace {

using namespace fs;

/// The settings the user named, or the ones in the user's config folder, or the defaults.
Result<Settings> loadSettings(const CommandLine& cl)
{
    QString path = cl.configFile;
    if (path.isEmpty())
        path = QStandardPaths::locate(QStandardPaths::AppConfigLocation, QStringLiteral("fieldstation.yaml"));
    if (path.isEmpty())
        return Settings{};
    qCInfo(lcConfig) << "settings from" << path;
    Result<Settings> s = Settings::load(path);
    for (const QString& w : s ? s->warnings : QStringList())
        std::fprintf(stderr, "fieldstation: warning: %s\n", qPrintable(w));
    return s;
}

int runStation(QCoreApplication& app, const CommandLine& cl, const Settings& settings)
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

    std::unique_ptr<HistoryReader> history;
    std::unique_ptr<SourceListModel> sources;
    std::unique_ptr<UploadQueueModel> queue;
    std::unique_ptr<PushStatusModel> push;
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
        queue->attach(station.uploader(), station.uploaderProblem());
        push = std::make_unique<PushStatusModel>();
        push->attach(station.pusher());
        dashboard = std::make_unique<DashboardModel>();
        dashboard->attach(station, stream.get());
        alarms = std::make_unique<AlarmModel>();
        alarms->attach(station.alarmBook(), station.sources());
        sinks = std::make_unique<SinkStatusModel>();
        sinkControl = std::make_unique<SinkControl>();
        registration = std::make_unique<RegistrationFlow>();
        settingsEditor = std::make_unique<SettingsEditor>();
        adminLock = std::make_unique<AdminLock>();
        engine = std::make_unique<QQmlApplicationEngine>();
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        engine->setInitialProperties({
            {QStringLiteral("stream"), QVariant::fromValue(stream.get())},
            {QStringLiteral("sources"), QVariant::fromValue(sources.get())},
            {QStringLiteral("storeHealth"), QVariant::fromValue(storeHealth.get())},
            {QStringLiteral("queue"), QVariant::fromValue(queue.get())},
            {QStringLiteral("push"), QVariant::fromValue(push.get())},
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
    const int rc = app.exec();
    engine.reset(); // the window goes before the sources it shows
    watchdog.stopping();
    station.stop();
    return rc;
}

} // namespace

int main(int argc, char** argv)
{
    qRegisterMetaType<fs::Source::Health>();
    qRegisterMetaType<QList<fs::UploadBatch>>();
    qRegisterMetaType<QList<fs::PushStatus>>();
    std::unique_ptr<QCoreApplication> app;
    if (CommandLine::wantsNoGui(argc, argv))
        app = std::make_unique<QCoreApplication>(argc, argv);
    else
        app = std::make_unique<QApplication>(argc, argv); // QtCharts in QML needs a QApplication
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

    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("fieldstation"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(&translator);

    return runStation(*app, cl, settings.value());
}
