// The Modbus source against the eGauge Modbus emulator and a real Recorder: values match the
// HouseMeter, one refusing register does not stop the others, reconnect after the server
// restarts, timeouts when it stops answering, and the --demo factory.
#include "ModbusRig.h"
#include "sources/SourceTypes.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>
#include <cmath>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace fs;
using namespace fs::modbus;
using namespace fs::test::modbusrig;

class TestModbus : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void valuesMatchTheHouseMeter()
    {
        Meter meter;
        ModbusSource::Options o = optionsFor(meter);
        // The channel checker's confirmed addresses, as an explicit map beside the preset.
        RegisterEntry l1;
        l1.address = egauge::kLineVoltageRms;
        l1.type = ValueType::F32;
        l1.unit = QStringLiteral("V");
        l1.channel = QStringLiteral("line1_rms");
        l1.sensorType = QStringLiteral("voltage");
        o.registers.append(l1);
        // The same table read as holding registers, as older firmware listed it (4xxxx).
        RegisterEntry l2 = l1;
        l2.address = egauge::kLineVoltageRms + 2;
        l2.function = Function::Holding;
        l2.channel = QStringLiteral("line2_rms_holding");
        o.registers.append(l2);
        Rig rig(o);
        rig.start();
        QVERIFY(rig.waitForPolls(3, 10000));
        QCOMPARE(rig.source->health(), Source::Health::Ok);
        QVERIFY2(rig.source->deviceInfo().contains(QStringLiteral("unit 1")),
                 qPrintable(rig.source->deviceInfo()));
        QTRY_VERIFY_WITH_TIMEOUT(rig.rows(QStringLiteral("Grid")).size() >= 3, test::timeoutMs(5000));

        const sim::HouseMeter& m = meter.emu->meter();
        int compared = 0;
        for (const auto& reg : m.registers()) {
            const int i = m.indexOf(reg.name);
            const QList<Row> rows = rig.rows(reg.name);
            QVERIFY2(rows.size() >= 3, qPrintable(reg.name));
            for (const Row& r : rows) {
                const auto [lo, hi] = rateRange(m, i, r.timeMs / 1000.0, 2.0);
                const double slack = 1e-3 * std::max(1.0, std::abs(hi)); // float32 rounding
                QVERIFY2(r.value >= lo - slack && r.value <= hi + slack,
                         qPrintable(QStringLiteral("%1 = %2 at %3, meter %4..%5")
                                        .arg(reg.name)
                                        .arg(r.value)
                                        .arg(r.timeMs)
                                        .arg(lo)
                                        .arg(hi)));
                ++compared;
            }
        }
        QVERIFY(compared >= 3 * m.registers().size());
        // The energy counter, W·s to kWh.
        const int grid = m.indexOf(u"Grid");
        for (const Row& r : rig.rows(QStringLiteral("Grid_kWh"))) {
            const double a = m.counter(grid, r.timeMs / 1000 - 2) / 3.6e6;
            const double b = m.counter(grid, r.timeMs / 1000 + 3) / 3.6e6;
            QVERIFY2(r.value >= std::min(a, b) - 1e-6 && r.value <= std::max(a, b) + 1e-6,
                     qPrintable(QStringLiteral("Grid_kWh %1 not within %2..%3").arg(r.value).arg(a).arg(b)));
        }
        // The confirmed line-voltage address serves L1's voltage.
        const QList<Row> line = rig.rows(QStringLiteral("line1_rms"));
        QVERIFY(!line.isEmpty());
        const auto [lo, hi] = rateRange(m, m.indexOf(u"L1_Voltage"), line.last().timeMs / 1000.0, 2.0);
        QVERIFY(line.last().value >= lo - 0.01 && line.last().value <= hi + 0.01);
        const QList<Row> line2 = rig.rows(QStringLiteral("line2_rms_holding"));
        QVERIFY(!line2.isEmpty());
        const auto [lo2, hi2] = rateRange(m, m.indexOf(u"L2_Voltage"), line2.last().timeMs / 1000.0, 2.0);
        QVERIFY(line2.last().value >= lo2 - 0.01 && line2.last().value <= hi2 + 0.01);
        QCOMPARE(rig.source->counters().refused, 0);
        // Grouped reads: one request per contiguous run, not one per register.
        const qsizetype blocks = planReads(o.registers).size();
        QVERIFY(blocks < o.registers.size());
        int requests = 0;
        inThread(meter.emu, [&] { requests = meter.emu->requestsAnswered(); });
        const qint64 polls = rig.source->counters().polls;
        QVERIFY2(
            requests <= (polls + 1) * blocks,
            qPrintable(
                QStringLiteral("%1 requests in %2 polls of %3 reads").arg(requests).arg(polls).arg(blocks)));
    }

    void oneRefusingRegisterDoesNotStopTheOthers()
    {
        Meter meter;
        const int ct1 = meter.index("CT1_Amperage");
        QVERIFY(ct1 >= 0);
        inThread(meter.emu, [&] { meter.emu->setException(egauge::kRate + 2 * ct1); });
        Rig rig(optionsFor(meter));
        rig.start();
        QVERIFY(rig.waitForPolls(4, 10000));
        QCOMPARE(rig.rows(QStringLiteral("CT1_Amperage")).size(), 0);
        QVERIFY(rig.source->refusedByChannel().value(QStringLiteral("CT1_Amperage")) >= 3);
        QCOMPARE(rig.source->refusedByChannel().size(), 1); // nobody else
        for (const char* other : {"L1_Voltage", "CT2_Amperage", "Grid", "Frequency", "Grid_kWh"})
            QTRY_VERIFY_WITH_TIMEOUT(rig.rows(QString::fromLatin1(other)).size() >= 3, test::timeoutMs(5000));
        QCOMPARE(rig.source->health(), Source::Health::Ok);
        QVERIFY2(rig.source->healthDetail().contains(
                     QStringLiteral("CT1_Amperage (exception 2, illegal data address)")),
                 qPrintable(rig.source->healthDetail()));
        QTRY_VERIFY_WITH_TIMEOUT(
            rig.states(QStringLiteral("CT1_Amperage")).contains(QStringLiteral("refused")),
            test::timeoutMs(5000));

        // When the meter answers again, the register comes back and its node says so.
        inThread(meter.emu, [&] { meter.emu->clearExceptions(); });
        QTRY_VERIFY_WITH_TIMEOUT(rig.rows(QStringLiteral("CT1_Amperage")).size() >= 2, test::timeoutMs(5000));
        QTRY_COMPARE_WITH_TIMEOUT(rig.states(QStringLiteral("CT1_Amperage")).value(1), QStringLiteral("ok"),
                                  test::timeoutMs(5000));
    }

    void aNotANumberIsRefusedAndCounted()
    {
        Meter meter;
        const int solar = meter.index("Solar");
        inThread(meter.emu, [&] { meter.emu->setWords(egauge::kRate + 2 * solar, {0x7FC0, 0x0000}); });
        Rig rig(optionsFor(meter));
        rig.start();
        QVERIFY(rig.waitForPolls(3, 10000));
        QVERIFY(rig.source->refusedByChannel().value(QStringLiteral("Solar")) >= 3);
        QCOMPARE(rig.source->refusedByChannel().size(), 1);
        QCOMPARE(rig.rows(QStringLiteral("Solar")).size(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(rig.rows(QStringLiteral("Grid")).size() >= 3, test::timeoutMs(5000));
        QTRY_VERIFY_WITH_TIMEOUT(rig.rows(QStringLiteral("Solar_Amperage")).size() >= 3,
                                 test::timeoutMs(5000));
    }

    void reconnectsAfterTheServerRestarts()
    {
        Meter meter;
        const quint16 port = meter.port();
        Rig rig(optionsFor(meter));
        rig.start();
        QVERIFY(rig.waitForPolls(2, 10000));
        QCOMPARE(rig.source->counters().connects, 1);

        inThread(meter.emu, [&] { meter.emu->close(); });
        QTRY_COMPARE_WITH_TIMEOUT(rig.source->health(), Source::Health::Failing, test::timeoutMs(5000));
        QTRY_VERIFY_WITH_TIMEOUT(rig.states(QStringLiteral("Grid")).contains(QStringLiteral("unreachable")),
                                 test::timeoutMs(5000));
        const qsizetype before = rig.rows(QStringLiteral("Grid")).size();

        meter.listen(port); // the meter is back on its address after a reboot
        QTRY_VERIFY_WITH_TIMEOUT(rig.source->counters().connects >= 2, test::timeoutMs(10000));
        QTRY_VERIFY_WITH_TIMEOUT(rig.rows(QStringLiteral("Grid")).size() >= before + 2,
                                 test::timeoutMs(5000));
        QTRY_COMPARE_WITH_TIMEOUT(rig.source->health(), Source::Health::Ok, test::timeoutMs(5000));
        QCOMPARE(rig.states(QStringLiteral("Grid")).last(), QStringLiteral("ok"));
    }

    void timesOutWhenTheServerStopsAnswering()
    {
        Meter meter;
        Rig rig(optionsFor(meter)); // timeout 500 ms
        rig.start();
        QVERIFY(rig.waitForPolls(2, 10000));

        inThread(meter.emu, [&] { meter.emu->setSilent(true); });
        QTRY_VERIFY_WITH_TIMEOUT(rig.source->counters().timeouts >= 1, test::timeoutMs(5000));
        QTRY_COMPARE_WITH_TIMEOUT(rig.source->health(), Source::Health::Failing, test::timeoutMs(5000));
        const qsizetype during = rig.rows(QStringLiteral("Grid")).size();
        // A hung connection is dropped and made again; the source keeps trying.
        QTRY_VERIFY_WITH_TIMEOUT(rig.source->counters().connects >= 2, test::timeoutMs(10000));

        inThread(meter.emu, [&] { meter.emu->setSilent(false); });
        QTRY_VERIFY_WITH_TIMEOUT(rig.rows(QStringLiteral("Grid")).size() >= during + 2,
                                 test::timeoutMs(10000));
        QTRY_COMPARE_WITH_TIMEOUT(rig.source->health(), Source::Health::Ok, test::timeoutMs(5000));
    }

    void givesUpAConnectionThatHangs()
    {
        // A listening socket whose accept queue is full: the kernel drops further SYNs, so a
        // connection attempt hangs as to a host that has gone from the network.
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
        QCOMPARE(::listen(fd, 0), 0);
        socklen_t len = sizeof addr;
        QCOMPARE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
        const quint16 port = ntohs(addr.sin_port);
        std::vector<std::unique_ptr<QTcpSocket>> fillers;
        for (int i = 0; i < 3; ++i) {
            fillers.push_back(std::make_unique<QTcpSocket>());
            fillers.back()->connectToHost(QHostAddress::LocalHost, port);
            fillers.back()->waitForConnected(200);
        }

        ModbusSource::Options o;
        o.port = port;
        o.timeoutMs = 300;
        o.reconnectMinMs = 100;
        o.reconnectMaxMs = 200;
        RegisterEntry e;
        e.type = ValueType::U16;
        e.unit = QStringLiteral("W");
        e.sensorType = QStringLiteral("POW");
        e.channel = QStringLiteral("p");
        o.registers = {e};
        Rig rig(o);
        rig.start();
        QTRY_VERIFY2_WITH_TIMEOUT(rig.source->healthDetail().contains(QStringLiteral("no connection to")),
                                  qPrintable(rig.source->healthDetail()), test::timeoutMs(5000));
        QCOMPARE(rig.source->health(), Source::Health::Failing);
        QVERIFY2(rig.source->healthDetail().contains(QStringLiteral("next attempt")),
                 qPrintable(rig.source->healthDetail()));
        QCOMPARE(rig.source->counters().connects, 0);
        ::close(fd);
    }

    void demoFactoryPollsItsOwnEmulator()
    {
        const SourceType* type = findSourceType(QStringLiteral("modbus"));
        QVERIFY(type);
        SourceSettings settings = defaultSourceSettings(*type);
        settings.id = QStringLiteral("mb");
        Rig rig([&](Recorder& r) {
            auto made = type->create(settings, {&r, true});
            if (!made.ok())
                qFatal("%s", qPrintable(made.error()));
            return std::unique_ptr<ModbusSource>(
                static_cast<ModbusSource*>(std::move(made).value().release()));
        });
        rig.start();
        // The default interval is 10 s; the first poll comes at once on connecting.
        QTRY_VERIFY_WITH_TIMEOUT(rig.source->counters().polls >= 1, test::timeoutMs(5000));
        QTRY_VERIFY_WITH_TIMEOUT(!rig.rows(QStringLiteral("Grid")).isEmpty(), test::timeoutMs(5000));
        QVERIFY(!rig.rows(QStringLiteral("L1_Voltage")).isEmpty());
        QCOMPARE(rig.source->health(), Source::Health::Ok);

        // Without --demo, an entry with no map is refused with its place.
        auto refused = type->create(settings, {nullptr, false});
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(QStringLiteral("no registers")), qPrintable(refused.error()));
    }
};

QTEST_GUILESS_MAIN(TestModbus)
#include "tst_modbus.moc"
