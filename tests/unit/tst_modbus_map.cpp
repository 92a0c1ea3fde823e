// The Modbus register map: decoding of every type in both word orders, scale, refusal of NaN,
// grouping of reads, default sensor types, the eGauge preset and bad map entries with file:line.
#include "config/Settings.h"
#include "sources/modbus/EgaugeModbusLayout.h"
#include "sources/modbus/ModbusMap.h"
#include "sources/modbus/ModbusSettings.h"

#include <QTest>
#include <cmath>
#include <limits>

using namespace fs;
using namespace fs::modbus;

Q_DECLARE_METATYPE(fs::modbus::ValueType)
Q_DECLARE_METATYPE(fs::modbus::WordOrder)

namespace {

RegisterEntry entry(ValueType type, WordOrder order = WordOrder::Big, double scale = 1.0)
{
    RegisterEntry e;
    e.type = type;
    e.wordOrder = order;
    e.scale = scale;
    e.channel = QStringLiteral("x");
    return e;
}

Result<Settings> parseSource(const QByteArray& body)
{
    return Settings::parse("sources:\n  - id: m1\n    type: modbus\n" + body, QStringLiteral("m.yaml"));
}

} // namespace

class TestModbusMap : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decodesEveryType_data()
    {
        QTest::addColumn<ValueType>("type");
        QTest::addColumn<WordOrder>("order");
        QTest::addColumn<QList<quint16>>("words");
        QTest::addColumn<double>("expected");
        using V = ValueType;
        const auto big = WordOrder::Big;
        const auto little = WordOrder::Little;
        QTest::newRow("u16") << V::U16 << big << QList<quint16>{0xFFFE} << 65534.0;
        QTest::newRow("u16 little is the same") << V::U16 << little << QList<quint16>{0x1234} << 4660.0;
        QTest::newRow("s16 negative") << V::S16 << big << QList<quint16>{0xFFFE} << -2.0;
        QTest::newRow("u32 big") << V::U32 << big << QList<quint16>{0x0001, 0x0002} << 65538.0;
        QTest::newRow("u32 little") << V::U32 << little << QList<quint16>{0x0002, 0x0001} << 65538.0;
        QTest::newRow("s32 big negative") << V::S32 << big << QList<quint16>{0xFFFF, 0xFFFD} << -3.0;
        QTest::newRow("s32 little negative") << V::S32 << little << QList<quint16>{0xFFFD, 0xFFFF} << -3.0;
        QTest::newRow("u64 big") << V::U64 << big << QList<quint16>{0x0000, 0x0001, 0x0000, 0x0000}
                                 << 4294967296.0;
        QTest::newRow("u64 little") << V::U64 << little << QList<quint16>{0x0000, 0x0000, 0x0001, 0x0000}
                                    << 4294967296.0;
        // An eGauge counter near the S64 minimum after a wrap.
        QTest::newRow("s64 big negative")
            << V::S64 << big << QList<quint16>{0xFFFF, 0xFFFF, 0xFFFF, 0xFF38} << -200.0;
        QTest::newRow("s64 little negative")
            << V::S64 << little << QList<quint16>{0xFF38, 0xFFFF, 0xFFFF, 0xFFFF} << -200.0;
        // 230.5f = 0x43668000
        QTest::newRow("f32 big") << V::F32 << big << QList<quint16>{0x4366, 0x8000} << 230.5;
        QTest::newRow("f32 little") << V::F32 << little << QList<quint16>{0x8000, 0x4366} << 230.5;
        // -1.5 = 0xBFF8000000000000
        QTest::newRow("f64 big") << V::F64 << big << QList<quint16>{0xBFF8, 0, 0, 0} << -1.5;
        QTest::newRow("f64 little") << V::F64 << little << QList<quint16>{0, 0, 0, 0xBFF8} << -1.5;
    }

    void decodesEveryType()
    {
        QFETCH(ValueType, type);
        QFETCH(WordOrder, order);
        QFETCH(QList<quint16>, words);
        QFETCH(double, expected);
        QCOMPARE(words.size(), wordCount(type));
        const Result<double> v = decode(entry(type, order), words);
        QVERIFY2(v.ok(), qPrintable(v.error()));
        QCOMPARE(v.value(), expected);
        // The emulator's encoder is the exact inverse.
        QCOMPARE(encode(type, order, expected), words);
    }

    void scaleIsApplied()
    {
        // An eGauge energy counter in W·s, stored as kWh.
        const QList<quint16> words = encode(ValueType::S64, WordOrder::Big, 7200000.0);
        const Result<double> v = decode(entry(ValueType::S64, WordOrder::Big, 1.0 / 3.6e6), words);
        QVERIFY(v.ok());
        QCOMPARE(v.value(), 2.0);
        const Result<double> tenths =
            decode(entry(ValueType::S16, WordOrder::Big, 0.1), QList<quint16>{0xFFF6});
        QCOMPARE(tenths.value(), -1.0);
    }

    void aFloat32ReadsAsTheDecimalItHolds()
    {
        // 4.198 as float32 widens to 4.1979999542236328; what goes on is the decimal the meter meant.
        const Result<double> amps = decode(entry(ValueType::F32), QList<quint16>{0x4086, 0x5604});
        QVERIFY(amps.ok());
        QVERIFY2(amps.value() == 4.198, qPrintable(QString::number(amps.value(), 'g', 17)));
        const Result<double> volts =
            decode(entry(ValueType::F32), encode(ValueType::F32, WordOrder::Big, 230.759));
        QVERIFY2(volts.value() == 230.759, qPrintable(QString::number(volts.value(), 'g', 17)));
    }

    void notANumberIsRefusedWithTheWords()
    {
        const Result<double> nan = decode(entry(ValueType::F32), QList<quint16>{0x7FC0, 0x0000});
        QVERIFY(!nan.ok());
        QVERIFY2(nan.error().contains(QStringLiteral("7fc0 0000")), qPrintable(nan.error()));
        QVERIFY2(nan.error().contains(QStringLiteral("not a number")), qPrintable(nan.error()));
        QVERIFY(!decode(entry(ValueType::F32), QList<quint16>{0x7F80, 0x0000}).ok()); // +inf
        QVERIFY(!decode(entry(ValueType::F64),
                        encode(ValueType::F64, WordOrder::Big, std::numeric_limits<double>::quiet_NaN()))
                     .ok());
        // The wrong number of words is an error, not a read past the answer.
        QVERIFY(!decode(entry(ValueType::F32), QList<quint16>{0x4366}).ok());
    }

    void readsAreGroupedByContiguousRuns()
    {
        QList<RegisterEntry> map;
        auto add = [&](int address, ValueType t, Function f = Function::Input) {
            RegisterEntry e = entry(t);
            e.address = address;
            e.function = f;
            map.append(e);
        };
        add(6002, ValueType::F32);                    // 0
        add(6000, ValueType::F32);                    // 1: touches 0
        add(6004, ValueType::F32);                    // 2: touches 0
        add(6010, ValueType::F32);                    // 3: gap before it
        add(5000, ValueType::S64);                    // 4
        add(6000, ValueType::F32, Function::Holding); // 5: other table
        add(6001, ValueType::U16);                    // 6: overlaps 1
        const QList<ReadBlock> blocks = planReads(map);
        QCOMPARE(blocks.size(), 4);
        QCOMPARE(blocks[0].function, Function::Holding);
        QCOMPARE(blocks[0].start, 6000);
        QCOMPARE(blocks[0].count, 2);
        QCOMPARE(blocks[1].start, 5000);
        QCOMPARE(blocks[1].count, 4);
        QCOMPARE(blocks[2].start, 6000);
        QCOMPARE(blocks[2].count, 6);
        QCOMPARE(blocks[2].entries, (QList<int>{1, 6, 0, 2}));
        QCOMPARE(blocks[3].start, 6010);
        QCOMPARE(blocks[3].count, 2);
    }

    void aReadNeverExceedsTheLimit()
    {
        QList<RegisterEntry> map;
        for (int i = 0; i < 100; ++i) {
            RegisterEntry e = entry(ValueType::F32);
            e.address = 2 * i;
            map.append(e);
        }
        const QList<ReadBlock> blocks = planReads(map, 125);
        QCOMPARE(blocks.size(), 2);
        QCOMPARE(blocks[0].count, 124); // 62 floats; a 63rd would need 126
        QCOMPARE(blocks[1].start, 124);
        QCOMPARE(blocks[1].count, 76);
    }

    void unitsGiveSensorTypes()
    {
        QCOMPARE(sensorTypeForUnit(QStringLiteral("W")).value(), QStringLiteral("POW"));
        QCOMPARE(sensorTypeForUnit(QStringLiteral("kWh")).value(), QStringLiteral("CON"));
        QCOMPARE(sensorTypeForUnit(QStringLiteral("°C")).value(), QStringLiteral("T"));
        QCOMPARE(sensorTypeForUnit(QStringLiteral("deg.C")).value(), QStringLiteral("T"));
        QCOMPARE(sensorTypeForUnit(QStringLiteral("var")).value(), QStringLiteral("reactive_power"));
        const auto percent = sensorTypeForUnit(QStringLiteral("%"));
        QVERIFY(!percent.ok());
        QVERIFY2(percent.error().contains(QStringLiteral("set sensor_type")), qPrintable(percent.error()));
        QVERIFY(!sensorTypeForUnit(QString()).ok());
        QVERIFY(!sensorTypeForUnit(QStringLiteral("furlong")).ok());
    }

    void settingsAreRead()
    {
        const auto s =
            parseSource("    host: 10.0.0.7\n    port: 1502\n    unit_id: 3\n    interval_s: 5\n"
                        "    word_order: little\n    registers:\n"
                        "      - {address: 500, type: f32, unit: V, channel: L1}\n"
                        "      - {address: 10, type: s32, function: holding, word_order: big,\n"
                        "         scale: 0.001, unit: kWh, channel: energy}\n"
                        "      - {address: 20, type: u16, unit: '%', sensor_type: RH, channel: rh}\n");
        QVERIFY2(s.ok(), qPrintable(s.error()));
        const auto& m = s->sources[0].as<ModbusSettings>();
        QCOMPARE(m.host, QStringLiteral("10.0.0.7"));
        QCOMPARE(m.port, 1502);
        QCOMPARE(m.unitId, 3);
        QCOMPARE(m.intervalS, 5);
        QCOMPARE(m.registers.size(), 3);
        QCOMPARE(m.registers[0].sensorType, QStringLiteral("voltage"));
        QCOMPARE(m.registers[0].wordOrder, WordOrder::Little); // the source's default
        QCOMPARE(m.registers[0].function, Function::Input);    // the default function
        QCOMPARE(m.registers[0].where, QStringLiteral("m.yaml:10"));
        QCOMPARE(m.registers[1].function, Function::Holding);
        QCOMPARE(m.registers[1].wordOrder, WordOrder::Big);
        QCOMPARE(m.registers[1].scale, 0.001);
        QCOMPARE(m.registers[1].sensorType, QStringLiteral("CON"));
        QCOMPARE(m.registers[2].sensorType, QStringLiteral("RH"));
    }

    void defaultsAreTheBriefs()
    {
        const auto s = parseSource("    registers: [{address: 0, type: u16, unit: W, channel: p}]\n");
        QVERIFY2(s.ok(), qPrintable(s.error()));
        const auto& m = s->sources[0].as<ModbusSettings>();
        QCOMPARE(m.port, 502);
        QCOMPARE(m.intervalS, 10);
        QCOMPARE(m.registers[0].scale, 1.0);
        QCOMPARE(m.registers[0].wordOrder, WordOrder::Big);
    }

    void badEntriesNameFileLineAndKey_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        const QByteArray r = "    registers:\n      - ";
        auto row = [](const char* name, const QByteArray& yaml, const char* expected) {
            QTest::newRow(name) << yaml << QString::fromUtf8(expected);
        };
        row("percent is ambiguous", r + "{address: 1, type: u16, unit: '%', channel: thd}\n",
            "m.yaml:5: sources.m1.registers.thd.unit: unit % could be");
        row("unknown type", r + "{address: 1, type: u24, unit: W, channel: p}\n",
            "m.yaml:5: sources.m1.registers.p.type: must be one of u16");
        row("address too big", r + "{address: 70000, type: u16, unit: W, channel: p}\n",
            "m.yaml:5: sources.m1.registers.p.address: must be a whole number");
        row("value past the last register", r + "{address: 65535, type: f32, unit: W, channel: p}\n",
            "m.yaml:5: sources.m1.registers.p.address: address 65535 with 2 registers");
        row("no address", r + "{type: u16, unit: W, channel: p}\n",
            "m.yaml:5: sources.m1.registers.p.address: is required");
        row("no channel", r + "{address: 1, type: u16, unit: W}\n",
            "m.yaml:5: sources.m1.registers[0].channel: is required");
        row("scale not a number", r + "{address: 1, type: u16, unit: W, channel: p, scale: x}\n",
            "m.yaml:5: sources.m1.registers.p.scale: must be a number");
        row("unit against sensor type",
            r + "{address: 1, type: u16, unit: kW, sensor_type: POW, channel: p}\n",
            "m.yaml:5: sources.m1.registers.p.unit: unit \"kW\" is not the unit of sensor type POW (W)");
        row("unknown sensor type", r + "{address: 1, type: u16, sensor_type: nope, channel: p}\n",
            "m.yaml:5: sources.m1.registers.p.sensor_type: sensor_type \"nope\" is not in the");
        row("bad function", r + "{address: 1, type: u16, unit: W, channel: p, function: coil}\n",
            "m.yaml:5: sources.m1.registers.p.function: must be one of holding, input");
        row("unknown key", r + "{address: 1, type: u16, unit: W, channel: p, offset: 3}\n",
            "m.yaml:5: sources.m1.registers.p.offset: unknown key");
        row("channel twice",
            r + "{address: 1, type: u16, unit: W, channel: p}\n      - "
                "{address: 2, type: u16, unit: W, channel: p}\n",
            "channel \"p\" given twice (m.yaml:5 and m.yaml:6)");
        row("bad word order", "    word_order: middle\n", "m.yaml:4: sources.m1.word_order:");
        row("egauge preset without registers", QByteArray("    map: egauge\n"),
            "sources.m1.egauge_registers: map: egauge needs");
        row("egauge register without unit", QByteArray("    map: egauge\n    egauge_registers: [Grid]\n"),
            "m.yaml:5: sources.m1.egauge_registers: \"Grid\" must be name=unit");
        row("egauge registers without the preset", QByteArray("    egauge_registers: [Grid=P]\n"),
            "sources.m1.egauge_registers: only with map: egauge");
    }

    void badEntriesNameFileLineAndKey()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const auto s = parseSource(body);
        QVERIFY(!s.ok());
        QVERIFY2(s.error().contains(expected), qPrintable(s.error()));
    }

    void egaugePresetUsesTheMetersLayout()
    {
        const auto s = parseSource("    map: egauge\n"
                                   "    egauge_registers: [L1_Voltage=V, CT1_Amperage=A, '7:Grid=P']\n");
        QVERIFY2(s.ok(), qPrintable(s.error()));
        const auto& regs = s->sources[0].as<ModbusSettings>().registers;
        QCOMPARE(regs.size(), 4); // Grid has its energy counter too
        QCOMPARE(regs[0].channel, QStringLiteral("L1_Voltage"));
        QCOMPARE(regs[0].address, egauge::kRate);
        QCOMPARE(regs[0].type, ValueType::F32);
        QCOMPARE(regs[0].function, Function::Input);
        QCOMPARE(regs[0].sensorType, QStringLiteral("voltage"));
        QCOMPARE(regs[1].address, egauge::kRate + 2);
        QCOMPARE(regs[1].sensorType, QStringLiteral("current"));
        QCOMPARE(regs[2].channel, QStringLiteral("Grid"));
        QCOMPARE(regs[2].address, egauge::kRate + 14);
        QCOMPARE(regs[2].sensorType, QStringLiteral("POW")); // in W, never Peper's kW
        QCOMPARE(regs[3].channel, QStringLiteral("Grid_kWh"));
        QCOMPARE(regs[3].address, egauge::kCumulative + 28);
        QCOMPARE(regs[3].type, ValueType::S64);
        QCOMPARE(regs[3].sensorType, QStringLiteral("CON"));
        QCOMPARE(regs[3].scale, 1.0 / 3.6e6);
    }
};

QTEST_GUILESS_MAIN(TestModbusMap)
#include "tst_modbus_map.moc"
