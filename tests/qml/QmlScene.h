// QmlScene: Main.qml loaded offscreen as the app loads it, and the ways tests find things in it
// (objects by name, chart series, value tiles).
#pragma once

#include "views/LiveStream.h"
#include "views/SinkStatusModel.h"
#include "views/SourceListModel.h"
#include "views/StoreHealthView.h"
#include "views/UploadQueueModel.h"

#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSet>
#include <QtCharts/QAbstractSeries>

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

/// The series of a ChartView, through its QML API (QtCharts keeps them outside the object tree).
inline QList<QAbstractSeries*> chartSeries(QQuickWindow* window, const QString& name)
{
    QList<QAbstractSeries*> out;
    for (QQuickItem* item : all<QQuickItem>(window)) {
        if (item->objectName() != name)
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

/// Main.qml loaded as the app loads it, over the given models; its QML warnings collected.
struct Screen
{
    QQmlApplicationEngine engine;
    QList<QQmlError> warnings;

    Screen(LiveStream& stream, SourceListModel& sources, StoreHealthView& storeHealth,
           UploadQueueModel& queue, SinkStatusModel& sinks, bool kiosk)
    {
        queue.attach(nullptr, QStringLiteral("not registered"));
        engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
        engine.setInitialProperties({{QStringLiteral("stream"), QVariant::fromValue(&stream)},
                                     {QStringLiteral("sources"), QVariant::fromValue(&sources)},
                                     {QStringLiteral("storeHealth"), QVariant::fromValue(&storeHealth)},
                                     {QStringLiteral("queue"), QVariant::fromValue(&queue)},
                                     {QStringLiteral("sinks"), QVariant::fromValue(&sinks)},
                                     {QStringLiteral("kiosk"), kiosk},
                                     {QStringLiteral("stationName"), QStringLiteral("test station")},
                                     {QStringLiteral("demo"), true}});
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
};

} // namespace fs::test
