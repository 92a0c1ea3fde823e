// The one sensor-type table: every id, code and unit pinned; OPC-N3 codes all in it; the store gives
// its rows the global ids (moving a store's older numbering) and refuses a code not in the table.
#include "model/SensorTypes.h"
#include "sources/opcn3/OpcN3Channels.h"
#include "store/Store.h"

#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace fs;

namespace {

struct Pinned
{
    int id;
    const char* code;
    const char* unit;
};

// Central databases keep these ids for ever: a change here is a change to every one of them.
const Pinned kPinned[] = {
    {0, "T", "deg.C"},
    {2, "RH", "%"},
    {6, "BAT", "V"},
    {8, "CO2", "ppm"},
    {11, "POW", "W"},
    {17, "CON", "kWh"},
    {1000, "pm1", "µg/m³"},
    {1001, "pm2_5", "µg/m³"},
    {1002, "pm10", "µg/m³"},
    {1005, "flow_rate", "ml/s"},
    {1006, "sampling_period", "s"},
    {1007, "opc_reject_glitch", "count"},
    {1008, "opc_reject_long_tof", "count"},
    {1009, "opc_reject_ratio", "count"},
    {1010, "opc_reject_out_of_range", "count"},
    {1011, "opc_reject_pct", "%"},
    {1012, "opc_fan_rev_count", "count"},
    {1013, "opc_laser_status", "raw"},
    {1014, "consecutive_errors", "count"},
    {1015, "opc_checksum", "raw"},
    {1016, "opc_bin_0", "count"},
    {1017, "opc_bin_1", "count"},
    {1018, "opc_bin_2", "count"},
    {1019, "opc_bin_3", "count"},
    {1020, "opc_bin_4", "count"},
    {1021, "opc_bin_5", "count"},
    {1022, "opc_bin_6", "count"},
    {1023, "opc_bin_7", "count"},
    {1024, "opc_bin_8", "count"},
    {1025, "opc_bin_9", "count"},
    {1026, "opc_bin_10", "count"},
    {1027, "opc_bin_11", "count"},
    {1028, "opc_bin_12", "count"},
    {1029, "opc_bin_13", "count"},
    {1030, "opc_bin_14", "count"},
    {1031, "opc_bin_15", "count"},
    {1032, "opc_bin_16", "count"},
    {1033, "opc_bin_17", "count"},
    {1034, "opc_bin_18", "count"},
    {1035, "opc_bin_19", "count"},
    {1036, "opc_bin_20", "count"},
    {1037, "opc_bin_21", "count"},
    {1038, "opc_bin_22", "count"},
    {1039, "opc_bin_23", "count"},
    {1040, "opc_bin1_mtof", "µs"},
    {1041, "opc_bin3_mtof", "µs"},
    {1042, "opc_bin5_mtof", "µs"},
    {1043, "opc_bin7_mtof", "µs"},
    {1100, "voltage", "V"},
    {1101, "current", "A"},
    {1102, "frequency", "Hz"},
    {1103, "power_factor", ""},
    {1104, "apparent_power", "VA"},
    {1105, "reactive_power", "var"},
    {1106, "irradiance", "W/m²"},
    {1107, "pressure", "Pa"},
    {1108, "harmonic_distortion", "%"},
    {1109, "meter_number", ""},
    {1200, "battery_temperature", "deg.C"},
    {1201, "state_of_charge", "%"},
    {1202, "charge_state", "state"},
    {1203, "panel_voltage", "V"},
    {1204, "panel_open_circuit_voltage", "V"},
    {1205, "panel_power", "W"},
    {1206, "load_current", "A"},
    {1207, "battery_health", "%"},
    {1208, "time_to_shutdown", "min"},
    {1209, "power_save_level", "level"},
    {1210, "solar_status_bits", "bits"},
    {1211, "low_voltage_disconnect", "V"},
    {1212, "charge_end_voltage", "V"},
    {1213, "battery_rated_capacity", "Ah"},
    {1214, "panel_rated_power", "W"},
};

NodeSpec node(const QString& key, const QList<ChannelSpec>& channels)
{
    return {key, QStringLiteral("test"), QStringLiteral("Test"), channels, QString()};
}

ChannelSpec channel(const char* key, const char* code)
{
    return {QLatin1String(key), QLatin1String(code), QStringLiteral("x"), QStringLiteral("u")};
}

/// sensor_types as (id → code).
QMap<qint64, QString> storedTypes(Store& s)
{
    QMap<qint64, QString> out;
    QSqlQuery q(s.db());
    q.exec(QStringLiteral("SELECT id, code FROM sensor_types"));
    while (q.next())
        out.insert(q.value(0).toLongLong(), q.value(1).toString());
    return out;
}

} // namespace

class TestSensorTypes : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void everyIdCodeAndUnitIsPinned()
    {
        const QList<SensorType>& all = sensorTypes();
        QCOMPARE(all.size(), qsizetype(std::size(kPinned)));
        for (qsizetype i = 0; i < all.size(); ++i) {
            const Pinned& p = kPinned[i];
            QCOMPARE(all[i].id, p.id);
            QCOMPARE(all[i].code, QString::fromUtf8(p.code));
            QCOMPARE(all[i].unit, QString::fromUtf8(p.unit));
            QVERIFY(!all[i].name.isEmpty());
            QCOMPARE(sensorTypeById(p.id), &all[i]);
            QCOMPARE(sensorTypeByCode(QString::fromUtf8(p.code)), &all[i]);
        }
        QCOMPARE(sensorTypeById(1), nullptr);
        QCOMPARE(sensorTypeByCode(u"temperature"), nullptr);
    }

    void everyOpcN3ChannelHasItsType()
    {
        QSet<QString> codes;
        for (const ChannelSpec& c : opcn3::channels()) {
            QVERIFY2(sensorTypeByCode(c.sensorType), qPrintable(c.sensorType));
            codes.insert(c.sensorType);
        }
        QCOMPARE(codes.size(), opcn3::channels().size()); // one type per channel: one Reading key each
        QCOMPARE(sensorTypeByCode(opcn3::channels()[3].sensorType)->id, 0);    // temperature is Cogent's T
        QCOMPARE(sensorTypeByCode(opcn3::channels()[4].sensorType)->id, 2);    // humidity is Cogent's RH
        QCOMPARE(sensorTypeByCode(opcn3::channels()[1].sensorType)->id, 1001); // as pushed before
    }

    void theStoreUsesTheGlobalIds()
    {
        auto store = Store::open(m_dir.filePath(QStringLiteral("global.db"))).value();
        auto ids = store->ensureNode(node(QStringLiteral("n:1"), {channel("t", "T"), channel("p", "pm2_5")}));
        QVERIFY2(ids.ok(), qPrintable(ids.error()));
        const QMap<qint64, QString> types = storedTypes(*store);
        QCOMPARE(types.value(0), QStringLiteral("T"));
        QCOMPARE(types.value(1001), QStringLiteral("pm2_5"));
        QCOMPARE(types.size(), 2);
        QSqlQuery q(store->db());
        QVERIFY(q.exec(QStringLiteral("SELECT unit, name FROM sensor_types WHERE id = 0")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("deg.C")); // the table's, not the channel's
        QCOMPARE(q.value(1).toString(), QStringLiteral("Temperature"));
    }

    void registrationTellsWhereEachChannelLeftOff()
    {
        auto store = Store::open(m_dir.filePath(QStringLiteral("resume.db"))).value();
        const NodeSpec spec = node(QStringLiteral("n:2"), {channel("t", "T"), channel("p", "pm2_5")});
        auto first = store->ensureNode(spec);
        QVERIFY2(first.ok(), qPrintable(first.error()));
        QCOMPARE(first->lastTimeMs, (QList<qint64>{0, 0}));
        QSqlQuery q(store->db());
        q.prepare(QStringLiteral("INSERT INTO readings (time_ms, channel_id, value) VALUES (?, ?, 1)"));
        for (qint64 t : {5000, 9000, 7000}) {
            q.addBindValue(t);
            q.addBindValue(first->channels[0]);
            QVERIFY(q.exec());
        }
        // Folded minutes count too: retention may have deleted the raw rows.
        q.prepare(QStringLiteral("INSERT INTO minute_aggregates (channel_id, minute_ms, n, min, mean, max) "
                                 "VALUES (?, 60000, 1, 1, 1, 1)"));
        q.addBindValue(first->channels[1]);
        QVERIFY(q.exec());
        auto again = store->ensureNode(spec);
        QVERIFY2(again.ok(), qPrintable(again.error()));
        QCOMPARE(again->lastTimeMs, (QList<qint64>{9000, 60000}));
    }

    void theStoreRefusesACodeNotInTheTable()
    {
        auto store = Store::open(m_dir.filePath(QStringLiteral("refuse.db"))).value();
        auto ids =
            store->ensureNode(node(QStringLiteral("n:7"), {channel("t", "T"), channel("w", "wobble")}));
        QVERIFY(!ids.ok());
        QVERIFY2(ids.error().contains(QStringLiteral("n:7")) &&
                     ids.error().contains(QStringLiteral("channel w")) &&
                     ids.error().contains(QStringLiteral("\"wobble\"")),
                 qPrintable(ids.error()));
        QSqlQuery q(store->db());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM nodes")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0); // nothing written
    }

    void anOlderNumberingMovesToTheGlobalIds()
    {
        // A store from before the table: types numbered as they came (pm1 = 1, pm2_5 = 2, …), the
        // temperature under its old code.
        const QString path = m_dir.filePath(QStringLiteral("old.db"));
        qint64 oldPm25Channel = 0;
        {
            auto store = Store::open(path).value();
            QSqlQuery q(store->db());
            for (const char* sql :
                 {"INSERT INTO sensor_types (id, code, name, unit) VALUES (1, 'pm1', 'PM1', 'u'), "
                  "(2, 'pm2_5', 'PM2.5', 'u'), (3, 'temperature', 'Temperature', 'u')",
                  "INSERT INTO nodes (id, key, kind, name, created_ms) VALUES (1, 'n:1', 'test', 'T', 0)",
                  "INSERT INTO channels (id, node_id, key, sensor_type_id, unit) VALUES "
                  "(11, 1, 'a', 1, 'u'), (12, 1, 'p', 2, 'u'), (13, 1, 't', 3, 'u')"})
                QVERIFY2(q.exec(QLatin1String(sql)), sql);
            oldPm25Channel = 12;
        }
        auto store = Store::open(path).value();
        // RH takes id 2, which pm2_5 held; pm2_5 then comes to 1001 with its channel.
        auto ids = store->ensureNode(
            node(QStringLiteral("n:1"), {channel("h", "RH"), channel("p", "pm2_5"), channel("t", "T")}));
        QVERIFY2(ids.ok(), qPrintable(ids.error()));
        QCOMPARE(ids->channels[1], oldPm25Channel); // the channel, and so its readings, stay
        const QMap<qint64, QString> types = storedTypes(*store);
        QCOMPARE(types.value(2), QStringLiteral("RH"));
        QCOMPARE(types.value(1001), QStringLiteral("pm2_5"));
        QCOMPARE(types.value(0), QStringLiteral("T"));
        QSqlQuery q(store->db());
        QVERIFY(q.exec(QStringLiteral("SELECT sensor_type_id FROM channels WHERE id = 12")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1001);
        QVERIFY(q.exec(QStringLiteral("SELECT sensor_type_id FROM channels WHERE id = 13")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        // Rows the table does not know keep their channels, below every global id.
        QVERIFY(q.exec(QStringLiteral("SELECT sensor_type_id FROM channels WHERE id = 11")) && q.next());
        QCOMPARE(types.value(q.value(0).toLongLong()), QStringLiteral("pm1"));
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_key_check")));
        QVERIFY(!q.next());
        QCOMPARE(store->integrityCheck(), QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(TestSensorTypes)
#include "tst_sensortypes.moc"
