// Each source type's page offscreen over Main.qml: an eGauge meter's and an ISEMS network's channels,
// their plots and health columns, at the Pi touchscreen's size.
#include "QmlScene.h"
#include "TestSupport.h"
#include "views/ChannelPlot.h"

#include <QApplication>
#include <QFile>
#include <QQmlExtensionPlugin>
#include <QTemporaryDir>
#include <QTest>

Q_IMPORT_QML_PLUGIN(FieldStationPlugin)
Q_IMPORT_QML_PLUGIN(FieldStation_ViewsPlugin)

using namespace fs;
using namespace fs::test;

class TestDevicePages : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void devicePages()
    {
        Services services;
        LiveStream& stream = services.stream;
        SourceListModel& sources = services.sources;
        SourceListModel::Row meter, solar;
        meter.id = QStringLiteral("egauge-house");
        meter.type = QStringLiteral("egauge");
        meter.health = QStringLiteral("Ok");
        solar.id = QStringLiteral("isems");
        solar.type = QStringLiteral("isems");
        sources.setRows({meter, solar});
        Screen screen(services, true);
        QQuickWindow* window = screen.window();
        QVERIFY(window);
        QList<QQmlError>& warnings = screen.warnings;

        // A meter: one node per register, so every register has a tile on the energy page.
        const auto channel = [](const char* key, const char* type, const char* unit) {
            return ChannelSpec{QLatin1String(key), QLatin1String(type), QLatin1String(key),
                               QLatin1String(unit)};
        };
        const qint64 t0 = 1'790'000'000'000;
        ChannelId id = 1;
        for (const auto& [reg, type, unit, value] :
             {std::tuple{"Grid", "POW", "W", -812.5}, std::tuple{"L1_Voltage", "voltage", "V", 231.2},
              std::tuple{"CT1_Amperage", "current", "A", 4.198}}) {
            const QString name = QLatin1String(reg);
            stream.onNodeRegistered({QStringLiteral("egauge:egauge-house:") + name,
                                     QStringLiteral("egauge"),
                                     QStringLiteral("House ") + name,
                                     {channel(reg, type, unit)},
                                     QStringLiteral("egauge-house")},
                                    {id, {id}});
            stream.onSamples({{t0, id, value / 2}, {t0 + 1000, id, value}});
            ++id;
        }
        // A network of two solar nodes with the same channel keys: each keeps its own values.
        const QList<ChannelSpec> solarChannels = {channel("batteryVoltage", "BAT", "V"),
                                                  channel("batteryChargeEstimate", "state_of_charge", "%")};
        for (const char* nodeId : {"Elektra-Dach", "FF-ESP-Garten"}) {
            stream.onNodeRegistered({QStringLiteral("isems:") + QLatin1String(nodeId),
                                     QStringLiteral("isems"), QLatin1String(nodeId), solarChannels,
                                     QStringLiteral("isems")},
                                    {id, {id, id + 1}});
            const double volts = nodeId[0] == 'E' ? 14.07 : 12.31;
            stream.onSamples({{t0, id, volts}, {t0, id + 1, volts > 13 ? 100.0 : 64.0}});
            id += 2;
        }
        QTest::qWait(50);

        QQuickItem* energy = screen.open(QStringLiteral("energy"));
        QVERIFY(energy);
        QCOMPARE(energy->objectName(), QStringLiteral("energyPage"));
        // The objects named `name` inside `page`.
        const auto within = [&](QObject* page, const char* name) {
            QList<QObject*> out;
            for (QObject* o : all<QObject>(window)) {
                auto* item = qobject_cast<QQuickItem*>(o);
                if (o->objectName() != QLatin1String(name) || !item)
                    continue;
                for (QQuickItem* p = item->parentItem(); p; p = p->parentItem()) {
                    if (p == page) {
                        out.append(o);
                        break;
                    }
                }
            }
            return out;
        };
        const auto tilesOf = [&](QObject* page) {
            QMap<QString, double> out;
            for (QObject* o : within(page, "deviceTile"))
                out.insert(o->property("label").toString(), o->property("value").toDouble());
            return out;
        };
        QTRY_COMPARE(tilesOf(energy).size(), 3);
        QCOMPARE(tilesOf(energy).value(QStringLiteral("Grid")), -812.5);
        QCOMPARE(tilesOf(energy).value(QStringLiteral("CT1_Amperage")), 4.198);
        // The chart shows the first register, exporting: its axis goes below zero.
        const QList<ChannelPlot*> plots = all<ChannelPlot>(window);
        ChannelPlot* meterPlot = nullptr;
        for (ChannelPlot* p : plots) {
            if (p->source() == QLatin1String("egauge-house"))
                meterPlot = p;
        }
        QVERIFY(meterPlot);
        QCOMPARE(meterPlot->node(), QStringLiteral("egauge:egauge-house:Grid"));
        QCOMPARE(meterPlot->points(0).size(), 2);
        // Fitted to the values shown: below the lowest, and not stretched up to zero.
        QVERIFY(meterPlot->fitValues());
        QVERIFY(meterPlot->valueMin() < -812.5);
        QVERIFY(meterPlot->valueMax() > -406.25 && meterPlot->valueMax() < -300);

        QCOMPARE(within(energy, "nodeSelector").size(), 1);
        QCOMPARE(qobject_cast<QQuickItem*>(within(energy, "nodeSelector").first())->isVisible(), false);
        // The solar page through its tab, as a finger would.
        QObject* solarTab = byObjectName(window, QStringLiteral("solarTab"));
        QVERIFY(solarTab && QMetaObject::invokeMethod(solarTab, "clicked"));
        auto* loader = window->findChild<QQuickItem*>(QStringLiteral("pageLoader"));
        QQuickItem* solarPage = loader->property("item").value<QQuickItem*>();
        QVERIFY(solarPage);
        QCOMPARE(solarPage->objectName(), QStringLiteral("solarPage"));
        QTRY_COMPARE(tilesOf(solarPage).size(), 2);
        QCOMPARE(tilesOf(solarPage).value(QStringLiteral("batteryVoltage")), 14.07);
        QCOMPARE(within(solarPage, "nodeSelector").size(), 1);
        auto* nodeSelector = qobject_cast<QQuickItem*>(within(solarPage, "nodeSelector").first());
        QTRY_VERIFY(nodeSelector->isVisible()); // two nodes of several channels: a selector
        QCOMPARE(nodeSelector->property("count").toInt(), 2);
        QVERIFY(nodeSelector->setProperty("currentIndex", 1));
        QTRY_COMPARE(tilesOf(solarPage).value(QStringLiteral("batteryVoltage")), 12.31);
        QCOMPARE(tilesOf(solarPage).value(QStringLiteral("batteryChargeEstimate")), 64.0);
        for (const QQmlError& w : warnings)
            QVERIFY2(false, qPrintable(w.toString()));
    }
};

int main(int argc, char** argv)
{
    return fs::test::qmlTestMain<TestDevicePages>(argc, argv);
}
#include "tst_device_pages.moc"
