// The ISEMS source over its emulator (as --demo builds it) into a real store: the store mapping of
// contracts.md to the letter, the "reported" node state, and the health detail naming failing nodes.
#include "TestSupport.h"
#include "sources/SourceTypes.h"
#include "sources/isems/IsemsLine.h"
#include "sources/isems/IsemsSource.h"
#include "store/Recorder.h"
#include "store/Store.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace fs;
using Node = IsemsNodeEmulator::Node;

namespace {

constexpr qint64 kStart = 1782036000000LL; // 2026-06-21 10:00:00 UTC, on a 15 s boundary

QMap<QString, QString> channelTypes(Recorder& recorder, const QString& nodeKey)
{
    QMap<QString, QString> out;
    recorder.run([&](Store& s) {
        QSqlQuery q(s.db());
        q.prepare(QStringLiteral(
            "SELECT c.key, t.code FROM channels c JOIN sensor_types t ON t.id = c.sensor_type_id "
            "JOIN nodes n ON n.id = c.node_id WHERE n.key = ?"));
        q.addBindValue(nodeKey);
        q.exec();
        while (q.next())
            out.insert(q.value(0).toString(), q.value(1).toString());
        return Status();
    });
    return out;
}

QVariantList row(Recorder& recorder, const QString& sql, const QVariantList& binds)
{
    QVariantList out;
    recorder.run([&](Store& s) {
        QSqlQuery q(s.db());
        q.prepare(sql);
        for (const QVariant& b : binds)
            q.addBindValue(b);
        q.exec();
        if (q.next()) {
            for (int i = 0; i < q.record().count(); ++i)
                out.append(q.value(i));
        }
        return Status();
    });
    return out;
}

} // namespace

class TestIsemsSource : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theTableHasTheType()
    {
        const SourceType* t = findSourceType(QStringLiteral("isems"));
        QVERIFY(t);
        QCOMPARE(t->displayName, QStringLiteral("ISEMS solar nodes"));
    }

    void theDemoSourceRecordsTheContractsMapping()
    {
        QTemporaryDir dir;
        Recorder recorder(dir.filePath(QStringLiteral("store.db")));
        QVERIFY(recorder.start().ok());
        IsemsSource::Options o;
        o.demo = true;
        o.emulator.clock = [] { return kStart; };
        o.poll.clock = o.emulator.clock;
        o.poll.intervalMs = 3600000;
        o.poll.timeoutMs = 3000;
        IsemsSource source(QStringLiteral("solar"), o, &recorder);
        source.start();
        QTRY_COMPARE_WITH_TIMEOUT(source.nodes().size(), 2, test::timeoutMs(20000));
        // The silent node fails on its timeout; the garbage node is named too.
        const QString silent =
            source.emulator()->url(Node::Silent).toString() + QStringLiteral(" (no answer within 3 s)");
        QTRY_VERIFY_WITH_TIMEOUT(source.healthDetail().contains(silent), test::timeoutMs(20000));
        QVERIFY2(source.healthDetail().startsWith(QStringLiteral("2 of 4 nodes ok; failing: ")),
                 qPrintable(source.healthDetail()));
        QCOMPARE(source.health(), Source::Health::Failing);
        QVERIFY(source.healthDetail().contains(QStringLiteral("(garbage: ")));
        QVERIFY(recorder.flush().ok());

        const QVariantList node =
            row(recorder, QStringLiteral("SELECT kind, name, source FROM nodes WHERE key = ?"),
                {QStringLiteral("isems:Solar-Dach-01")});
        QCOMPARE(node, (QVariantList{"isems", "Solar-Dach-01", "solar"}));
        const QMap<QString, QString> expected = {
            {"batteryVoltage", "BAT"},
            {"batteryChargeEstimate", "state_of_charge"},
            {"batteryHealthEstimate", "battery_health"},
            {"batteryTemperature", "T"},
            {"openCircuitVoltage", "panel_open_circuit_voltage"},
            {"mppVoltage", "panel_voltage"},
            {"timeToShutdown", "time_to_shutdown"},
            {"isPowerSaveMode", "power_save_level"},
            {"status", "solar_status_bits"},
            {"lowVoltageDisconnectVoltage", "low_voltage_disconnect"},
            {"temperatureCorrectedVoltage", "charge_end_voltage"},
            {"rateBatteryCapacity", "battery_rated_capacity"},
            {"ratedSolarModuleCapacity", "panel_rated_power"},
        };
        QCOMPARE(channelTypes(recorder, QStringLiteral("isems:Solar-Dach-01")), expected);
        QCOMPARE(channelTypes(recorder, QStringLiteral("isems:ESP-Hof-Nord")), expected);

        // One collector row = the readings of one node at one time: compare with the line itself.
        const auto line = isems::parseLine(source.emulator()->lineAt(Node::Router, kStart), kStart);
        QVERIFY(line.ok());
        const QString valueSql = QStringLiteral("SELECT r.value FROM readings r JOIN channels c ON c.id = "
                                                "r.channel_id JOIN nodes n ON n.id = c.node_id "
                                                "WHERE n.key = ? AND c.key = ? AND r.time_ms = ?");
        QCOMPARE(
            row(recorder, valueSql, {"isems:Solar-Dach-01", "batteryVoltage", kStart}).value(0).toDouble(),
            line->batteryVoltage);
        QCOMPARE(row(recorder, valueSql, {"isems:Solar-Dach-01", "status", kStart}).value(0).toInt(),
                 *line->status);
        QCOMPARE(row(recorder, valueSql, {"isems:Solar-Dach-01", "mppVoltage", kStart}).value(0).toDouble(),
                 line->mppVoltage);

        // Strings and place: one "reported" state at the first line's time.
        const QVariantList state =
            row(recorder,
                QStringLiteral("SELECT s.state, s.detail, s.time_ms, COUNT(*) FROM node_states s "
                               "JOIN nodes n ON n.id = s.node_id WHERE n.key = ?"),
                {QStringLiteral("isems:Solar-Dach-01")});
        QCOMPARE(state.value(0).toString(), QStringLiteral("reported"));
        QCOMPARE(state.value(1).toString(),
                 QStringLiteral("{\"isemsRevision\":\"1\",\"openMPPTFirmwareVersion\":\"ATmega8_A_1\","
                                "\"latitude\":52.507309,\"longitude\":13.458635,\"timeSource\":\"node\"}"));
        QCOMPARE(state.value(2).toLongLong(), kStart - 3600000);
        QCOMPARE(state.value(3).toInt(), 1);
        source.stop();
        QCOMPARE(source.health(), Source::Health::Stopped);
        recorder.stop();
    }

    void theOldCollectorsFaultsAreGone()
    {
        QTemporaryDir dir;
        Recorder recorder(dir.filePath(QStringLiteral("store.db")));
        QVERIFY(recorder.start().ok());
        IsemsSource source(QStringLiteral("solar"), IsemsSource::Options{}, &recorder);
        IsemsNodeEmulator lines({});
        // 2026-10-25 00:30 and 01:30 UTC are both 02:30 in Berlin (the autumn change): the old
        // collector's wall-clock key stored neither; in UTC they are two rows.
        const qint64 first = 1792888200000LL, second = first + 3600000;
        const qint64 now = second + 60000;
        QByteArray log = lines.lineAt(Node::Router, first) + '\n';
        log += "Solar-Dach-01;1;1562686800;ATmega8_A_1;711;0;21.3;oops;13.5;86;100;24.7;11.67;14.086;18;20;"
               "52.5;13.4\n";
        log += lines.lineAt(Node::Router, 2208988800000LL) + '\n'; // 2040: refused, blocks nothing
        log += lines.lineAt(Node::Router, second) + '\n';
        const auto b = source.ingest().ingestText(log, now);
        QCOMPARE(b.stored, 2);
        QCOMPARE(b.refused, 2);
        QVERIFY2(b.errors[0].startsWith(QStringLiteral("line 2: field 8 mppVoltage: \"oops\"")),
                 qPrintable(b.errors[0]));
        QVERIFY2(b.errors[1].startsWith(QStringLiteral("line 3: field 3 timestamp")),
                 qPrintable(b.errors[1]));
        // A later line is still stored: nothing from the future stands in its way.
        QCOMPARE(source.ingest().ingestText(lines.lineAt(Node::Router, now), now).stored, 1);
        QCOMPARE(source.ingest().totals().refused, 2);
        QVERIFY(recorder.flush().ok());
        const QVariantList count = row(recorder,
                                       QStringLiteral("SELECT COUNT(*) FROM readings r JOIN channels c ON "
                                                      "c.id = r.channel_id WHERE c.key = 'batteryVoltage'"),
                                       {});
        QCOMPARE(count.value(0).toInt(), 3);
        recorder.stop();
    }

    void aRecordTimedOnArrivalSaysSoInItsState()
    {
        QTemporaryDir dir;
        Recorder recorder(dir.filePath(QStringLiteral("store.db")));
        QVERIFY(recorder.start().ok());
        IsemsSource::Options o;
        IsemsSource source(QStringLiteral("solar"), o, &recorder);
        IsemsNodeEmulator lines({});
        auto r = isems::parseLine(lines.lineAt(Node::Esp32, kStart), kStart);
        QVERIFY(r.ok());
        // As the MQTT client hands in a data.json record: the node from the topic, time of arrival.
        isems::Record json = r.value();
        json.timeMs = kStart + 65000;
        json.timeFromArrival = true;
        QCOMPARE(source.ingest().ingestRecords({r.value(), json}).stored, 2);
        QCOMPARE(source.nodes().size(), 1);
        QVERIFY(recorder.flush().ok());
        QStringList details;
        recorder.run([&](Store& s) {
            QSqlQuery q(s.db());
            q.exec(QStringLiteral("SELECT detail FROM node_states ORDER BY seq"));
            while (q.next())
                details.append(q.value(0).toString());
            return Status();
        });
        QCOMPARE(details.size(), 2);
        QVERIFY2(details[0].endsWith(QStringLiteral("\"timeSource\":\"node\"}")), qPrintable(details[0]));
        QVERIFY2(details[1].endsWith(QStringLiteral("\"timeSource\":\"arrival\"}")), qPrintable(details[1]));
        recorder.stop();
    }
};

QTEST_GUILESS_MAIN(TestIsemsSource)
#include "tst_isems_source.moc"
