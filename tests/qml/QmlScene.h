// QmlScene: Main.qml loaded offscreen as the app loads it over every service, and the ways tests find
// things in it (pages by id, objects by name, chart series, value tiles).
#pragma once

#include "KioskMode.h"
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

#include <QApplication>
#include <QFile>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QtCharts/QAbstractBarSeries>
#include <QtCharts/QAbstractSeries>
#include <QtCharts/QBarSet>

namespace fs::test {

/// Every object in the scene: QObject children and visual children, recursively.
inline void collect(QObject* o, QSet<QObject*>& seen)
{
    if (!o || seen.contains(o))
        return;
    seen.insert(o);
    for (QObject* c : o->children())
        collect(c, seen);
    if (auto* item = qobject_cast<QQuickItem*>(o)) {
        for (QQuickItem* c : item->childItems())
            collect(c, seen);
    }
}

template <typename T>
QList<T*> all(QQuickWindow* window)
{
    QSet<QObject*> seen;
    collect(window, seen);
    collect(window->contentItem(), seen);
    QList<T*> out;
    for (QObject* o : seen) {
        if (auto* t = qobject_cast<T*>(o))
            out.append(t);
    }
    return out;
}

/// Whether `item` is a QtCharts ChartView (it answers series(int) through its QML API).
inline bool isChartView(const QQuickItem* item)
{
    return item->metaObject()->indexOfMethod("series(int)") >= 0;
}

/// The ChartView of a chart named in QML: the named item itself, or the first ChartView among its
/// descendants when the name sits on a chart component's root (PmChart: the range bar above the chart).
inline QQuickItem* chartViewOf(QQuickItem* item)
{
    if (isChartView(item))
        return item;
    for (QQuickItem* c : item->childItems()) {
        if (QQuickItem* chart = chartViewOf(c))
            return chart;
    }
    return nullptr;
}

/// The series of the charts named `name`, through the ChartView's QML API (QtCharts keeps them
/// outside the object tree).
inline QList<QAbstractSeries*> chartSeries(QQuickWindow* window, const QString& name)
{
    QList<QAbstractSeries*> out;
    for (QQuickItem* named : all<QQuickItem>(window)) {
        if (named->objectName() != name)
            continue;
        QQuickItem* item = chartViewOf(named);
        if (!item)
            continue;
        const int n = item->property("count").toInt();
        for (int i = 0; i < n; ++i) {
            QAbstractSeries* s = nullptr;
            QMetaObject::invokeMethod(item, "series", Q_RETURN_ARG(QAbstractSeries*, s), Q_ARG(int, i));
            out.append(s);
        }
    }
    return out;
}

/// The bar set of the one visible series among `bars` (a chart that shows one of several), or null.
inline QBarSet* shownBarSet(const QList<QAbstractSeries*>& bars)
{
    QList<QBarSet*> shown;
    for (QAbstractSeries* b : bars) {
        if (auto* series = qobject_cast<QAbstractBarSeries*>(b); series && series->isVisible())
            shown << series->barSets();
    }
    return shown.size() == 1 ? shown.first() : nullptr;
}

inline QObject* byObjectName(QQuickWindow* window, const QString& name)
{
    for (QObject* o : all<QObject>(window)) {
        if (o->objectName() == name)
            return o;
    }
    return nullptr;
}

/// The value of the tile labelled `label` (there is one on the visible page).
inline QVariant tile(QQuickWindow* window, const QString& label)
{
    for (QObject* o : all<QObject>(window)) {
        if (o->property("label").toString() == label)
            return o->property("value");
    }
    return {};
}

/// Every service Main.qml is given; the tests fill the ones they look at.
struct Services
{
    /// `kioskLock`: the AdminLock a kiosk has (no PIN stored yet); else none, as on a desktop.
    explicit Services(bool kioskLock = false) : adminLock(kioskLock, secrets()) {}

    LiveStream stream{600};
    SourceListModel sources;
    StoreHealthView storeHealth;
    UploadQueueModel queue;
    DashboardModel dashboard;
    AlarmModel alarms;
    SinkStatusModel sinks;
    // Secrets in a file under a folder of the test's own; the settings file is never written.
    QTemporaryDir secretsDir;
    SinkControl sinkControl{secrets()};
    RegistrationFlow registration{RegistrationFlow::Setup{QStringLiteral("http://127.0.0.1:9"), 5, true,
                                                          QStringLiteral("test station"), secrets()}};
    SettingsEditor settingsEditor{secretsDir.filePath(QStringLiteral("fieldstation.yaml")), Settings{}};
    AdminLock adminLock;

    SecretStore secrets() const
    {
        return SecretStore(secretsDir.path(), StationSettings::Secrets::File, false);
    }
};

/// Main.qml loaded as the app loads it, over the given services; its QML warnings collected.
struct Screen
{
    QQmlApplicationEngine engine;
    QList<QQmlError> warnings;

    Screen(Services& s, bool kiosk, bool demo = true)
    {
        s.queue.attach(nullptr, QStringLiteral("not registered"));
        engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
        engine.setInitialProperties({
            {QStringLiteral("stream"), QVariant::fromValue(&s.stream)},
            {QStringLiteral("sources"), QVariant::fromValue(&s.sources)},
            {QStringLiteral("storeHealth"), QVariant::fromValue(&s.storeHealth)},
            {QStringLiteral("queue"), QVariant::fromValue(&s.queue)},
            {QStringLiteral("dashboard"), QVariant::fromValue(&s.dashboard)},
            {QStringLiteral("alarms"), QVariant::fromValue(&s.alarms)},
            {QStringLiteral("sinks"), QVariant::fromValue(&s.sinks)},
            {QStringLiteral("sinkControl"), QVariant::fromValue(&s.sinkControl)},
            {QStringLiteral("registration"), QVariant::fromValue(&s.registration)},
            {QStringLiteral("settingsEditor"), QVariant::fromValue(&s.settingsEditor)},
            {QStringLiteral("adminLock"), QVariant::fromValue(&s.adminLock)},
            {QStringLiteral("kiosk"), kiosk},
            {QStringLiteral("stationName"), QStringLiteral("test station")},
            {QStringLiteral("demo"), demo},
        });
        QObject::connect(&engine, &QQmlApplicationEngine::warnings,
                         [this](const QList<QQmlError>& w) { warnings << w; });
        engine.load(QUrl(QStringLiteral("qrc:/qt/qml/FieldStation/Main.qml")));
    }
    /// The one window, or null when Main.qml did not load.
    QQuickWindow* window() const
    {
        return engine.rootObjects().size() == 1 ? qobject_cast<QQuickWindow*>(engine.rootObjects().first())
                                                : nullptr;
    }
    /// Opens page `id` the way the navigation bar does; the page's root item once it is loaded.
    QQuickItem* open(const QString& id)
    {
        QMetaObject::invokeMethod(window(), "openPage", Q_ARG(QVariant, id));
        auto* loader = window()->findChild<QQuickItem*>(QStringLiteral("pageLoader"));
        return loader ? loader->property("item").value<QQuickItem*>() : nullptr;
    }
};

/// A QML test's main(): the environment fieldstation --kiosk sets (so the kiosk's keyboard loads as
/// there) and, offscreen, one screen of the official Pi touchscreen's size, so the kiosk's full-screen
/// window is 800×480 as on the station (the offscreen platform's default screen is 800×800).
template <class TestObject>
int qmlTestMain(int argc, char** argv)
{
    fs::kiosk::prepareEnvironment();
    QTemporaryDir dir;
    if (qEnvironmentVariable("QT_QPA_PLATFORM") == QLatin1String("offscreen") && dir.isValid()) {
        QFile config(dir.filePath(QStringLiteral("screens.json")));
        if (config.open(QIODevice::WriteOnly)) {
            config.write(R"({"screens": [{"name": "pi-7inch", "x": 0, "y": 0, "width": 800, "height": 480,
                             "logicalDpi": 96, "logicalBaseDpi": 96}]})");
            config.close();
            qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + config.fileName().toLocal8Bit());
        }
    }
    QApplication app(argc, argv); // QtCharts in QML needs a QApplication
    TestObject test;
    return QTest::qExec(&test, argc, argv);
}

} // namespace fs::test
