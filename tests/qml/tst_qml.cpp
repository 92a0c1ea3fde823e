// The QML window, offscreen: loads Main.qml as the app does, in kiosk and desktop modes and at the
// kiosk's and a desktop's size, feeds it readings, and checks the frame (menu, keyboard, pointer,
// lazy pages) and that the chart series, the histogram bars and the value tiles follow.
#include "KioskMode.h"
#include "QmlScene.h"
#include "TestSupport.h"
#include "sources/opcn3/OpcN3Channels.h"
#include "views/ChannelPlot.h"
#include "views/LiveStream.h"
#include "views/SinkStatusModel.h"
#include "views/SourceListModel.h"
#include "views/StoreHealthView.h"
#include "views/UploadQueueModel.h"

#include <QApplication>
#include <QCursor>
#include <QFile>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QtCharts/QAbstractBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QXYSeries>

Q_IMPORT_QML_PLUGIN(FieldStationPlugin)
Q_IMPORT_QML_PLUGIN(FieldStation_ViewsPlugin)

using namespace fs;
using namespace fs::test;

namespace {

OpcN3Histogram histogram(float pm)
{
    OpcN3Histogram h;
    h.bins[0] = 120;
    h.bins[3] = 7;
    h.pm1 = pm;
    h.pm2_5 = pm * 2;
    h.pm10 = pm * 3;
    h.flowRaw = 502;
    h.periodRaw = 100;
    h.temperatureRaw = 26776;
    h.humidityRaw = 19398;
    h.fanRevCount = 420;
    h.laserStatus = 604;
    return h;
}

/// Registers an OPC-N3 node of `source` with the stream; its channel ids start at `firstId`.
QList<ChannelId> registerOpc(LiveStream& stream, const QString& source, ChannelId firstId)
{
    QList<ChannelId> ids;
    for (qsizetype i = 0; i < opcn3::channels().size(); ++i)
        ids << firstId + i;
    stream.onNodeRegistered(
        {QStringLiteral("opcn3:") + source, QStringLiteral("opcn3"), source, opcn3::channels(), source},
        {firstId, ids});
    return ids;
}

void feed(LiveStream& stream, const QList<ChannelId>& ids, qint64 t, float pm)
{
    const std::vector<Sample> s = opcn3::samplesFor(histogram(pm), ids, t, 0);
    stream.onSamples(QList<Sample>(s.begin(), s.end()));
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
        Services services;
        LiveStream& stream = services.stream;
        SourceListModel& sources = services.sources;
        StoreHealthView& storeHealth = services.storeHealth;
        UploadQueueModel& queue = services.queue;
        SinkStatusModel& sinks = services.sinks;
        SourceListModel::Row roof, yard;
        roof.id = QStringLiteral("opc-roof");
        roof.type = yard.type = QStringLiteral("opcn3");
        roof.name = QStringLiteral("Roof");
        roof.health = QStringLiteral("Ok");
        roof.deviceInfo = QStringLiteral("OPC-N3 177940203 · fw 1.17a");
        yard.id = QStringLiteral("opc-yard");
        yard.name = QStringLiteral("Yard");
        sources.setRows({roof, yard});
        Screen screen(services, kiosk);
        QQuickWindow* window = screen.window();
        QVERIFY(window);
        QList<QQmlError>& warnings = screen.warnings;
        QVERIFY(window->title().contains(QStringLiteral("test station")));
        // Only the page shown exists: the particle page's chart appears when it is opened.
        QVERIFY(chartSeries(window, QStringLiteral("pmChart")).isEmpty());
        QVERIFY(screen.open(QStringLiteral("particles")));

        const QList<ChannelId> roofIds = registerOpc(stream, QStringLiteral("opc-roof"), 1);
        const QList<ChannelId> yardIds = registerOpc(stream, QStringLiteral("opc-yard"), 101);
        const qint64 t0 = 1'790'000'000'000;
        for (int i = 0; i < 900; ++i)
            feed(stream, roofIds, t0 + i * 1000, 1.0f + i % 10);
        feed(stream, yardIds, t0, 33.0f);
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
        // A linear and a log series on axes of their own, one shown at a time.
        QCOMPARE(bars.size(), 2);
        QBarSet* linear = shownBarSet(bars);
        QVERIFY(linear);
        QCOMPARE(linear->count(), 24);
        QCOMPARE(linear->at(0), 120.0);
        QCOMPARE(linear->at(1), 0.0);
        QCOMPARE(linear->at(3), 7.0);
        QObject* logButton = byObjectName(window, QStringLiteral("histogramLog"));
        QVERIFY(logButton && logButton->setProperty("checked", true));
        QVERIFY(QMetaObject::invokeMethod(logButton, "toggled"));
        QBarSet* log = shownBarSet(bars);
        QVERIFY(log && log != linear);
        QCOMPARE(log->at(0), 120.0);
        QCOMPARE(log->at(1), 0.5); // an empty bin sits below 1: a count of 0 has no logarithm
        QCOMPARE(log->at(3), 7.0);

        // The PM2.5 tile shows the first OPC-N3's latest value; the selector switches to the second.
        QCOMPARE(tile(window, QStringLiteral("PM2.5")).toDouble(),
                 stream.latest(QStringLiteral("opc-roof"), QStringLiteral("pm2_5")));
        QCOMPARE(tile(window, QStringLiteral("PM2.5")).toDouble(), 2.0 * (1 + 899 % 10));
        QObject* selector = byObjectName(window, QStringLiteral("opcSelector"));
        QVERIFY(selector);
        QVERIFY(selector->property("visible").toBool()); // two OPC-N3 sources: a selector
        QVERIFY(selector->setProperty("currentIndex", 1));
        QTRY_COMPARE(tile(window, QStringLiteral("PM2.5")).toDouble(), 66.0);
        selector->setProperty("currentIndex", 0);
        QTRY_COMPARE(tile(window, QStringLiteral("PM2.5")).toDouble(), 2.0 * (1 + 899 % 10));
        // The range bar sets the chart's span (and so what the history reader loads).
        QList<ChannelPlot*> plots;
        for (ChannelPlot* p : all<ChannelPlot>(window)) {
            if (p->source() == QLatin1String("opc-roof"))
                plots.append(p);
        }
        QCOMPARE(plots.size(), 1); // the particle page's; the device pages have no source of theirs
        QCOMPARE(plots.first()->spanMinutes(), 60);
        QObject* span = byObjectName(window, QStringLiteral("pmSpan"));
        QVERIFY(span);
        QCOMPARE(span->property("currentIndex").toInt(), 2); // 1 h
        // The 24 h button, as a finger would, then the bar's index (0 Live, 1 10 min … 4 7 d).
        QObject* day = span->findChild<QObject*>(QStringLiteral("range_1440"));
        QVERIFY(day && QMetaObject::invokeMethod(day, "clicked"));
        QCOMPARE(span->property("currentIndex").toInt(), 3);
        QCOMPARE(plots.first()->spanMinutes(), 1440);
        QVERIFY(day->property("checked").toBool());
        QVERIFY(span->setProperty("currentIndex", 1));
        QCOMPARE(plots.first()->spanMinutes(), 10);
        QVERIFY(!day->property("checked").toBool());
        // The store's health in the title bar.
        QObject* health = byObjectName(window, QStringLiteral("storeHealth"));
        QVERIFY(health);
        QCOMPARE(health->property("text").toString(), QStringLiteral("Store OK"));
        RecorderHealth full;
        full.diskFull = true;
        full.droppedDiskFull = 3;
        storeHealth.setHealth(full);
        QCOMPARE(health->property("text").toString(), QStringLiteral("Disk full · 3 dropped"));
        RecorderHealth refused;
        refused.refusedNonFinite = 2;
        storeHealth.setHealth(refused);
        QCOMPARE(health->property("text").toString(), QStringLiteral("Store: 2 refused"));
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
        QObject* tab = byObjectName(window, QStringLiteral("uploadsTab"));
        QVERIFY(tab);
        QVERIFY(!byObjectName(window, QStringLiteral("uploadQueuePage")));
        QQuickItem* page = screen.open(QStringLiteral("uploads"));
        QVERIFY(page);
        QCOMPARE(page->objectName(), QStringLiteral("uploadQueuePage"));
        QTRY_VERIFY(chartSeries(window, QStringLiteral("pmChart")).isEmpty()); // the particle page is gone
        QCOMPARE(tab->property("text").toString(),
                 kiosk ? QStringLiteral("Uploads (1)") : QStringLiteral("Uploads (1 waiting)"));
        // The push page's model: one row per server.
        SinkStatus central;
        central.server = QStringLiteral("central");
        central.ok = false;
        central.rowsBehind = 4400;
        central.lastError = QStringLiteral("MySQL push@db:3306/cogent: connection refused");
        sinks.setStatuses(QStringLiteral("push"), {central});
        QCOMPARE(sinks.rowCount(), 1);
        QCOMPARE(sinks.data(sinks.index(0), SinkStatusModel::BehindRole).toLongLong(), qint64(4400));
        QCOMPARE(sinks.data(sinks.index(0), SinkStatusModel::LastSuccessTextRole).toString(),
                 QStringLiteral("never"));
        for (const QQmlError& w : warnings)
            QVERIFY2(false, qPrintable(w.toString()));
    }

    void modes_data() { window_data(); }
    /// The frame: the kiosk is frameless full screen with the keyboard and no menu; the desktop a
    /// normal window with a menu that reaches every page.
    void modes()
    {
        QFETCH(bool, kiosk);
        Services services;
        Screen screen(services, kiosk);
        QQuickWindow* window = screen.window();
        QVERIFY(window);
        auto* menuLoader = window->findChild<QQuickItem*>(QStringLiteral("menuBarLoader"));
        auto* keyboardLoader = window->findChild<QQuickItem*>(QStringLiteral("keyboardLoader"));
        QObject* awake = byObjectName(window, QStringLiteral("screenAwake"));
        QVERIFY(menuLoader && keyboardLoader && awake);
        if (kiosk) {
            QCOMPARE(window->visibility(), QWindow::FullScreen);
            QVERIFY(window->flags().testFlag(Qt::FramelessWindowHint));
            QCOMPARE(window->size(), QSize(800, 480));
            QVERIFY(!menuLoader->property("item").value<QObject*>());
            QVERIFY(keyboardLoader->property("item").value<QObject*>());
            QCOMPARE(keyboardLoader->property("status").toInt(), 1); // Loader.Ready
            QVERIFY(byObjectName(window, QStringLiteral("kioskKeyboard")));
            // The screen stays awake on the dashboard and the charts, not on a list page.
            QVERIFY(awake->property("active").toBool());
            screen.open(QStringLiteral("particles"));
            QVERIFY(awake->property("active").toBool());
            screen.open(QStringLiteral("uploads"));
            QVERIFY(!awake->property("active").toBool());
            // The pointer: main.cpp hides it with the same call.
            kiosk::hidePointer();
            QVERIFY(QGuiApplication::overrideCursor());
            QCOMPARE(QGuiApplication::overrideCursor()->shape(), Qt::BlankCursor);
            QGuiApplication::restoreOverrideCursor();
        } else {
            QCOMPARE(window->visibility(), QWindow::Windowed);
            QVERIFY(!window->flags().testFlag(Qt::FramelessWindowHint));
            QCOMPARE(window->size(), QSize(1280, 800));
            QVERIFY(!keyboardLoader->property("item").value<QObject*>());
            QVERIFY(!byObjectName(window, QStringLiteral("kioskKeyboard")));
            QVERIFY(!awake->property("active").toBool());
            QObject* bar = menuLoader->property("item").value<QObject*>();
            QVERIFY(bar);
            QCOMPARE(bar->objectName(), QStringLiteral("menuBar"));
            QCOMPARE(window->property("menuBar").value<QObject*>(), menuLoader);
            QVERIFY(menuLoader->height() > 0);
            // View menu: one entry per page of the navigation bar, each opening its page.
            const QStringList pages = window->property("navigation").toStringList();
            QCOMPARE(pages.size(), 7);
            for (const QString& id : pages) {
                QObject* item = byObjectName(window, id + QStringLiteral("MenuItem"));
                QVERIFY2(item, qPrintable(id));
                QVERIFY(QMetaObject::invokeMethod(item, "triggered"));
                QCOMPARE(window->property("currentPage").toString(), id);
            }
        }
        for (const QQmlError& w : screen.warnings)
            QVERIFY2(false, qPrintable(w.toString()));
    }

    void sizes_data()
    {
        QTest::addColumn<bool>("kiosk");
        QTest::addColumn<QSize>("size");
        QTest::newRow("kiosk 800x480") << true << QSize(800, 480);
        QTest::newRow("desktop 1280x800") << false << QSize(1280, 800);
        QTest::newRow("desktop 800x480") << false << QSize(800, 480);
    }
    /// Every page at the kiosk's and a desktop's size: no QML warning, laid out by width (compact
    /// below 1000 px), touch-sized tabs on the small screen, a header that fits.
    void sizes()
    {
        QFETCH(bool, kiosk);
        QFETCH(QSize, size);
        Services services;
        Screen screen(services, kiosk);
        QQuickWindow* window = screen.window();
        QVERIFY(window);
        if (!kiosk) // the kiosk fills the screen, which is the Pi's 800×480 here (see main())
            window->resize(size);
        QTRY_COMPARE(window->size(), size);
        const bool compact = size.width() < 1000;
        QTRY_COMPARE(window->property("compact").toBool(), compact); // after the resize event
        QStringList ids = window->property("navigation").toStringList();
        ids << QStringLiteral("register");
        for (const QString& id : ids) {
            QQuickItem* page = screen.open(id);
            QVERIFY2(page, qPrintable(id));
            QCOMPARE(page->property("compact").toBool(), compact);
            // The header (station, store health, alarm banner) stays above every page.
            auto* banner = qobject_cast<QQuickItem*>(byObjectName(window, QStringLiteral("alarmBanner")));
            QVERIFY(banner && banner->parentItem());
            QVERIFY(!page->isAncestorOf(banner));
            QVERIFY2(page->width() <= size.width() && page->width() > size.width() / 2, qPrintable(id));
        }
        for (const QString& id : window->property("navigation").toStringList()) {
            auto* tab = qobject_cast<QQuickItem*>(byObjectName(window, id + QStringLiteral("Tab")));
            QVERIFY(tab);
            QVERIFY(tab->height() >= (compact ? 48 : 40));
        }
        // The header row's content fits the width (nothing pushed off the right edge).
        QObject* clock = byObjectName(window, QStringLiteral("clock"));
        auto* clockItem = qobject_cast<QQuickItem*>(clock);
        QVERIFY(clockItem);
        const QPointF right = clockItem->mapToScene(QPointF(clockItem->width(), 0));
        QVERIFY2(right.x() <= size.width(), qPrintable(QString::number(right.x())));
        for (const QQmlError& w : screen.warnings)
            QVERIFY2(false, qPrintable(w.toString()));
    }

    /// A kiosk's first start (not the demo): the admin PIN is chosen, twice, before anything else;
    /// no Cancel. Then the settings are locked; a later start does not ask again.
    void firstStartChoosesAdminPin()
    {
        Services services(true);
        QCOMPARE(services.adminLock.stage(), AdminLock::Choose);
        {
            Screen screen(services, true, false);
            QQuickWindow* window = screen.window();
            QVERIFY(window);
            auto* overlay = qobject_cast<QQuickItem*>(byObjectName(window, QStringLiteral("firstStartPin")));
            QVERIFY(overlay);
            QVERIFY(overlay->isVisible());
            auto* cancel = qobject_cast<QQuickItem*>(byObjectName(window, QStringLiteral("adminPinCancel")));
            QVERIFY(cancel && !cancel->isVisible());
            for (int round = 0; round < 2; ++round) {
                for (const char* digit : {"4", "7", "1", "9"})
                    services.adminLock.appendDigit(QLatin1String(digit));
                services.adminLock.submit();
            }
            QTRY_VERIFY(!overlay->isVisible());
            QCOMPARE(services.adminLock.stage(), AdminLock::Locked);
            for (const QQmlError& w : screen.warnings)
                QVERIFY2(false, qPrintable(w.toString()));
        }
        // Kept in the secret store: a lock made anew from it (the next start) is locked, not choosing.
        AdminLock fresh(true, services.secrets());
        QCOMPARE(fresh.stage(), AdminLock::Locked);
        Screen again(services, true, false);
        QVERIFY(again.window());
        auto* overlay =
            qobject_cast<QQuickItem*>(byObjectName(again.window(), QStringLiteral("firstStartPin")));
        QVERIFY(overlay && !overlay->isVisible());
    }

    /// The demo and the desktop start straight on the dashboard (the demo asks when Settings opens).
    void noFirstStartPinInDemoOrDesktop()
    {
        for (const auto& [kiosk, demo] : {std::pair{true, true}, std::pair{false, false}}) {
            Services services(kiosk);
            Screen screen(services, kiosk, demo);
            QVERIFY(screen.window());
            auto* overlay =
                qobject_cast<QQuickItem*>(byObjectName(screen.window(), QStringLiteral("firstStartPin")));
            QVERIFY(overlay);
            QVERIFY2(!overlay->isVisible(), kiosk ? "kiosk demo" : "desktop");
        }
    }
};

int main(int argc, char** argv)
{
    return fs::test::qmlTestMain<TestQml>(argc, argv);
}
#include "tst_qml.moc"
