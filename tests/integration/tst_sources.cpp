// Sources, plural: the type table builds every type, and two emulated OPC-N3 sources from one
// settings file record side by side into one store through the Station.
#include "Station.h"
#include "TestSupport.h"
#include "sources/LiveTap.h"
#include "sources/SourceTypes.h"
#include "store/Recorder.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace fs;

namespace {

using test::writeFile;
struct NodeRow
{
    QString key, source;
    qint64 readings = 0;
};

QList<NodeRow> nodesIn(Recorder& recorder)
{
    QList<NodeRow> out;
    recorder.run([&](Store& s) {
        QSqlQuery q(s.db());
        q.exec(
            QStringLiteral("SELECT n.key, n.source, (SELECT COUNT(*) FROM readings r JOIN channels c "
                           "ON c.id = r.channel_id WHERE c.node_id = n.id) FROM nodes n ORDER BY n.source"));
        while (q.next())
            out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong()});
        return Status();
    });
    return out;
}

} // namespace

class TestSources : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theTableBuildsEveryTypeOverItsEmulator()
    {
        QVERIFY(!sourceTypes().isEmpty());
        for (const SourceType& t : sourceTypes()) {
            SourceSettings s = defaultSourceSettings(t);
            s.id = QStringLiteral("x-") + t.type;
            auto made = t.create(s, {nullptr, true});
            QVERIFY2(made.ok(), qPrintable(made.error()));
            QCOMPARE(made.value()->id(), s.id);
            QCOMPARE(made.value()->type(), t.type);
            QCOMPARE(made.value()->health(), Source::Health::Stopped);
        }
    }

    void aMissingDeviceIsNamedWithItsEntry()
    {
        QTemporaryDir dir;
        const QString cfg = writeFile(dir, "s.yaml",
                                      "sources:\n  - id: opc-gone\n    type: opcn3\n"
                                      "    device: /nonexistent/spidev9.9\n");
        const auto settings = Settings::load(cfg);
        QVERIFY2(settings.ok(), qPrintable(settings.error()));
        Station station(settings.value(), {false, dir.filePath(QStringLiteral("data")), false});
        const Status s = station.start();
        QVERIFY(!s.ok());
        QVERIFY2(s.error().contains(QStringLiteral("opc-gone")), qPrintable(s.error()));
        QVERIFY2(s.error().contains(cfg + QStringLiteral(":2")), qPrintable(s.error()));
        QVERIFY2(s.error().contains(QStringLiteral("/nonexistent/spidev9.9")), qPrintable(s.error()));
        station.stop();
    }

    void demoRunsOneOfEachTypeOnlyWhenNoneIsConfigured()
    {
        const Settings none;
        QCOMPARE(Station::sourcesToRun(none, true).size(), sourceTypes().size());
        QCOMPARE(Station::sourcesToRun(none, true).first().type, sourceTypes().first().type);
        QVERIFY(Station::sourcesToRun(none, false).isEmpty());
        const auto one =
            Settings::parse("sources:\n  - id: only\n    type: opcn3\n", QStringLiteral("o.yaml"));
        QVERIFY(one.ok());
        QCOMPARE(Station::sourcesToRun(one.value(), true).size(), 1);
        QCOMPARE(Station::sourcesToRun(one.value(), true).first().id, QStringLiteral("only"));
    }

    void gascloudBatchesOneSourceById()
    {
        // Named: exactly those ids. Not named: the first enabled OPC-N3, never a disabled one.
        const auto named =
            Settings::parse("sources:\n  - id: a\n    type: opcn3\n  - id: b\n    type: opcn3\n"
                            "gascloud:\n  sources: [b]\n",
                            QStringLiteral("n.yaml"));
        QVERIFY2(named.ok(), qPrintable(named.error()));
        QCOMPARE(Station::gascloudSources(named.value(), false), QStringList{QStringLiteral("b")});
        const auto unnamed = Settings::parse("sources:\n  - id: off\n    type: opcn3\n    enabled: false\n"
                                             "  - id: roof\n    type: opcn3\n  - id: yard\n    type: opcn3\n",
                                             QStringLiteral("u.yaml"));
        QVERIFY2(unnamed.ok(), qPrintable(unnamed.error()));
        QCOMPARE(Station::gascloudSources(unnamed.value(), false), QStringList{QStringLiteral("roof")});
        QVERIFY(Station::gascloudSources(Settings{}, false).isEmpty());
        QCOMPARE(Station::gascloudSources(Settings{}, true).size(), 1); // the demo's own OPC-N3
    }

    void twoEmulatedOpcN3SourcesRecordSideBySide()
    {
        QTemporaryDir dir;
        const QString cfg =
            writeFile(dir, "two.yaml",
                      "recorder:\n  flush_interval_ms: 100\n"
                      "sources:\n"
                      "  - id: opc-roof\n    type: opcn3\n    laser_wait_ms: 0\n    fan_wait_ms: 0\n"
                      "  - id: opc-yard\n    type: opcn3\n    name: Yard\n    laser_wait_ms: 0\n"
                      "    fan_wait_ms: 0\n"
                      "  - id: opc-off\n    type: opcn3\n    enabled: false\n");
        const auto settings = Settings::load(cfg);
        QVERIFY2(settings.ok(), qPrintable(settings.error()));
        Station station(settings.value(), {true, dir.filePath(QStringLiteral("data")), false});
        QSignalSpy registered(station.liveTap(), &LiveTap::nodeRegistered);
        QSignalSpy live(station.liveTap(), &LiveTap::samples);
        QVERIFY(station.start().ok());

        const QList<RunningSource> running = station.sources();
        QCOMPARE(running.size(), 2); // the disabled one is not started
        QCOMPARE(running[0].id, QStringLiteral("opc-roof"));
        QCOMPARE(running[1].id, QStringLiteral("opc-yard"));
        QCOMPARE(running[1].source->name(), QStringLiteral("Yard"));
        // Each in its own thread: a blocking SPI transfer of one holds no other.
        QVERIFY(running[0].source->thread() != running[1].source->thread());
        QVERIFY(running[0].source->thread() != QThread::currentThread());

        // Both record: at least three whole readings (44 channels) each.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QList<NodeRow> n = nodesIn(*station.recorder());
                return n.size() == 2 && n[0].readings >= 3 * 44 && n[1].readings >= 3 * 44;
            }(),
            test::timeoutMs(15000));
        const QList<NodeRow> nodes = nodesIn(*station.recorder());
        QCOMPARE(nodes[0].source, QStringLiteral("opc-roof"));
        QCOMPARE(nodes[1].source, QStringLiteral("opc-yard"));
        QVERIFY2(nodes[0].key != nodes[1].key, qPrintable(nodes[0].key)); // distinct nodes
        for (const RunningSource& r : running) {
            QCOMPARE(r.source->health(), Source::Health::Ok);
            const QList<NodeSpec> declared = r.source->nodes();
            QCOMPARE(declared.size(), 1);
            QCOMPARE(declared.first().source, r.id);
        }
        // The live tap saw both nodes registered, with their source ids, and samples of both.
        QSet<QString> sources;
        for (const QList<QVariant>& a : registered)
            sources.insert(a.at(0).value<NodeSpec>().source);
        QCOMPARE(sources, (QSet<QString>{QStringLiteral("opc-roof"), QStringLiteral("opc-yard")}));
        QVERIFY(live.size() >= 6);

        QElapsedTimer stopping;
        stopping.start();
        station.stop();
        QVERIFY2(stopping.elapsed() < test::timeoutMs(5000), qPrintable(QString::number(stopping.elapsed())));
        QVERIFY(station.sources().isEmpty());
    }

    void theOldSingleSectionRunsAsSourceOpcn3()
    {
        QTemporaryDir dir;
        const QString cfg =
            writeFile(dir, "old.yaml",
                      "recorder:\n  flush_interval_ms: 100\nopcn3:\n  laser_wait_ms: 0\n  fan_wait_ms: 0\n");
        const auto settings = Settings::load(cfg);
        QVERIFY2(settings.ok(), qPrintable(settings.error()));
        QCOMPARE(settings->warnings.size(), 1);
        Station station(settings.value(), {true, dir.filePath(QStringLiteral("data")), false});
        QVERIFY(station.start().ok());
        QCOMPARE(station.sources().size(), 1);
        QCOMPARE(station.sources().first().id, QStringLiteral("opcn3"));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QList<NodeRow> n = nodesIn(*station.recorder());
                return n.size() == 1 && n[0].source == QLatin1String("opcn3") && n[0].readings >= 44;
            }(),
            test::timeoutMs(10000));
        station.stop();
    }
};

QTEST_GUILESS_MAIN(TestSources)
#include "tst_sources.moc"
