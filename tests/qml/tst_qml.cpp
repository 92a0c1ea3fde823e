// The QML window, offscreen: loads Main.qml as the app does, in kiosk and desktop sizes, feeds it
// readings, and checks the chart series, the histogram bars and the value tiles follow.
#include "TestSupport.h"
#include "views/OpcN3View.h"
#include "views/PushStatusModel.h"
#include "views/UploadQueueModel.h"

#include <QApplication>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSet>
#include <QTest>
#include <QtCharts/QAbstractBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QXYSeries>

Q_IMPORT_QML_PLUGIN(FieldStationPlugin)
Q_IMPORT_QML_PLUGIN(FieldStation_ViewsPlugin)

using namespace fs;

namespace {

OpcN3Reading reading(qint64 t, float pm)
{
    OpcN3Reading r;
    r.timeMs = t;
    r.histogram.bins[0] = 120;
    r.histogram.bins[3] = 7;
    r.histogram.pm1 = pm;
    r.histogram.pm2_5 = pm * 2;
    r.histogram.pm10 = pm * 3;
    r.histogram.flowRaw = 502;
    r.histogram.periodRaw = 100;
    r.histogram.temperatureRaw = 26776;
    r.histogram.humidityRaw = 19398;
    r.histogram.fanRevCount = 420;
    r.histogram.laserStatus = 604;
    return r;
}

/// Every object in the scene: QObject children and visual children, recursively.
void collect(QObject* o, QSet<QObject*>& seen)
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
QList<QAbstractSeries*> chartSeries(QQuickWindow* window, const QString& name)
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

} // namespace

class TestQml : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void window_data()
    {
        QTest::addColumn<bool>("kiosk");
        QTest::newRow("desktop") << false;
        QTest::newRow("kiosk") << true;
    }
    void window()
    {
        QFETCH(bool, kiosk);
        OpcN3View view(600);
        UploadQueueModel queue;
        PushStatusModel push;
        queue.attach(nullptr, QStringLiteral("not registered"));
        QQmlApplicationEngine engine;
        engine.addImportPath(QStringLiteral("qrc:/qt/qml"));
        engine.setInitialProperties({{QStringLiteral("opc"), QVariant::fromValue(&view)},
                                     {QStringLiteral("queue"), QVariant::fromValue(&queue)},
                                     {QStringLiteral("push"), QVariant::fromValue(&push)},
                                     {QStringLiteral("kiosk"), kiosk},
                                     {QStringLiteral("stationName"), QStringLiteral("test station")},
                                     {QStringLiteral("demo"), true}});
        QList<QQmlError> warnings;
        connect(&engine, &QQmlApplicationEngine::warnings, this,
                [&](const QList<QQmlError>& w) { warnings << w; });
        engine.load(QUrl(QStringLiteral("qrc:/qt/qml/FieldStation/Main.qml")));
        QCOMPARE(engine.rootObjects().size(), 1);
        auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
        QVERIFY(window);
        if (kiosk) {
            QCOMPARE(window->visibility(), QWindow::FullScreen);
        } else {
            QCOMPARE(window->width(), 1100);
            QCOMPARE(window->visibility(), QWindow::Windowed);
        }
        QVERIFY(window->title().contains(QStringLiteral("test station")));

        view.onStateChanged(OpcN3Source::State::Sampling, QString());
        view.onIdentified(QStringLiteral("OPC-N3 Iss1.1 FirmwareVer=1.17a"),
                          QStringLiteral("OPC-N3 177940203"));
        QCOMPARE(view.deviceInfo(), QStringLiteral("OPC-N3 177940203 · fw 1.17a"));
        const qint64 t0 = 1'790'000'000'000;
        for (int i = 0; i < 900; ++i)
            view.onReading(reading(t0 + i * 1000, 1.0f + i % 10));
        QTest::qWait(50);

        const QList<QAbstractSeries*> series = chartSeries(window, QStringLiteral("pmChart"));
        QCOMPARE(series.size(), 3);
        for (QAbstractSeries* as : series) {
            auto* s = qobject_cast<QXYSeries*>(as);
            QVERIFY(s);
            // 600 points of history, decimated to at most two per plot column.
            QVERIFY2(s->count() > 50, qPrintable(s->name()));
            QVERIFY(s->count() <= 600);
            QCOMPARE(qint64(s->at(s->count() - 1).x()), t0 + 899 * 1000);
        }
        const QList<QAbstractSeries*> bars = chartSeries(window, QStringLiteral("histogramChart"));
        QCOMPARE(bars.size(), 1);
        const QList<QBarSet*> sets = qobject_cast<QAbstractBarSeries*>(bars.first())->barSets();
        QCOMPARE(sets.size(), 1);
        QCOMPARE(sets.first()->count(), 24);
        QCOMPARE(sets.first()->at(0), 120.0);
        QCOMPARE(sets.first()->at(3), 7.0);

        // The PM2.5 tile shows the latest value with one decimal.
        bool found = false;
        for (QObject* o : all<QObject>(window)) {
            if (o->property("label").toString() == QLatin1String("PM2.5")) {
                QCOMPARE(o->property("value").toDouble(), view.pm2_5());
                found = true;
            }
        }
        QVERIFY(found);
        // The upload queue page lists the batches, newest first, with their states.
        UploadBatch done, waiting;
        done.id = 1;
        done.state = UploadBatch::State::Uploaded;
        done.batchId = QStringLiteral("0123456789abcdef0123456789abcdef");
        done.rows = 300;
        waiting.id = 2;
        waiting.state = UploadBatch::State::Pending;
        waiting.lastError = QStringLiteral("SSH to q:22: connection refused");
        queue.setBatches({done, waiting});
        QCOMPARE(queue.rowCount(), 2);
        QCOMPARE(queue.pendingCount(), 1);
        QCOMPARE(queue.uploadedCount(), 1);
        QCOMPARE(queue.data(queue.index(0), UploadQueueModel::StateRole).toString(),
                 QStringLiteral("pending"));
        QCOMPARE(queue.data(queue.index(1), UploadQueueModel::RowsRole).toInt(), 300);
        QObject* tab = nullptr;
        QObject* page = nullptr;
        for (QObject* o : all<QObject>(window)) {
            if (o->objectName() == QLatin1String("uploadsTab"))
                tab = o;
            if (o->objectName() == QLatin1String("uploadQueuePage"))
                page = o;
        }
        QVERIFY(tab && page);
        QCOMPARE(tab->property("text").toString(), QStringLiteral("Uploads (1 waiting)"));
        // The push page's model: one row per server.
        PushStatus central;
        central.server = QStringLiteral("central");
        central.ok = false;
        central.rowsBehind = 4400;
        central.lastError = QStringLiteral("MySQL push@db:3306/cogent: connection refused");
        push.setStatuses({central});
        QCOMPARE(push.rowCount(), 1);
        QCOMPARE(push.data(push.index(0), PushStatusModel::BehindRole).toLongLong(), qint64(4400));
        QCOMPARE(push.data(push.index(0), PushStatusModel::LastSuccessRole).toString(),
                 QStringLiteral("never"));
        for (const QQmlError& w : warnings)
            QVERIFY2(false, qPrintable(w.toString()));
    }
};

QTEST_MAIN(TestQml)
#include "tst_qml.moc"
