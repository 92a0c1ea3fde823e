// The OPC-N3 driver against the byte-level emulator, on virtual time: handshake, identity, power,
// histograms, every injectable fault and the recovery after it, and the forbidden commands.
#include "TestSupport.h"
#include "sim/OpcN3Emulator.h"
#include "sources/opcn3/OpcN3Driver.h"

#include <QTest>
#include <algorithm>

using namespace fs;
using namespace fs::opcn3;
using Kind = OpcN3Failure::Kind;
using Fault = OpcN3Emulator::Fault;

/// Records every byte on the wire, both directions, over the emulator.
class TappedBus : public SpiBus
{
public:
    explicit TappedBus(SpiBus& inner) : m_inner(inner) {}
    Status transfer(std::span<const uint8_t> tx, std::span<uint8_t> rx, int delay) override
    {
        ++messages;
        lastDelayUs = delay;
        Status s = m_inner.transfer(tx, rx, delay);
        sent.insert(sent.end(), tx.begin(), tx.end());
        return s;
    }
    QString describe() const override { return m_inner.describe(); }
    std::vector<uint8_t> sent;
    int messages = 0;
    int lastDelayUs = -1;

private:
    SpiBus& m_inner;
};

struct Rig
{
    qint64 now = 100000;
    std::vector<int> sleeps;
    OpcN3Emulator emu;
    TappedBus bus;
    OpcN3Driver driver;
    explicit Rig(int busyPolls = 1)
        : emu(OpcN3Emulator::Options{busyPolls, 7, QStringLiteral("177940203"), 1.0}, [this] { return now; }),
          bus(emu), driver(bus, OpcN3Driver::Timing{10, 20, 10, 10}, [this](int ms) {
              sleeps.push_back(ms);
              now += ms;
          })
    {}
    bool startSampling()
    {
        OpcN3Identity id;
        return driver.identify(&id) && driver.setPower(PowerOption::LaserOn) &&
               driver.setPower(PowerOption::FanOn);
    }
};

class TestOpcN3Driver : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void handshakeWaitsForReady_data()
    {
        QTest::addColumn<int>("busyPolls");
        for (int n : {0, 1, 2, 5, 19})
            QTest::addRow("%d busy polls", n) << n;
    }
    void handshakeWaitsForReady()
    {
        QFETCH(int, busyPolls);
        Rig rig(busyPolls);
        QVERIFY(rig.driver.ping());
        // First byte, busyPolls repeats answered 0x31, then the one answered 0xF3.
        QCOMPARE(int(rig.bus.sent.size()), busyPolls + 2);
        QVERIFY(std::all_of(rig.bus.sent.begin(), rig.bus.sent.end(), [](uint8_t b) { return b == 0xCF; }));
        // 10 ms between polls, then the gap after the exchange.
        QCOMPARE(int(std::count(rig.sleeps.begin(), rig.sleeps.end(), 10)), busyPolls + 2);
    }

    void identifyReadsInfoSerialAndFirmware()
    {
        Rig rig;
        OpcN3Identity id;
        QVERIFY2(rig.driver.identify(&id), qPrintable(rig.driver.failure().message));
        QCOMPARE(id.info, QStringLiteral("OPC-N3 Iss1.1 FirmwareVer=1.17a"));
        QCOMPARE(id.serial, QStringLiteral("OPC-N3 177940203"));
        QCOMPARE(id.firmwareMajor, 1);
        QCOMPARE(id.firmwareMinor, 17);
        const std::vector<uint8_t> log = rig.emu.commandLog();
        QCOMPARE(log, (std::vector<uint8_t>{0x3F, 0x10, 0x12}));
    }

    void dataPhaseIsOneMessageWithPerByteDelay()
    {
        Rig rig;
        QVERIFY(rig.startSampling());
        const int before = rig.bus.messages;
        OpcN3Histogram h;
        QVERIFY(rig.driver.readHistogram(&h));
        // 0x30, one busy poll, ready, then all 86 data bytes in a single message.
        QCOMPARE(rig.bus.messages - before, 4);
        QCOMPARE(rig.bus.lastDelayUs, 10);
        // The byte sent during a read is the command byte itself (DOC).
        QVERIFY(
            std::all_of(rig.bus.sent.end() - 86, rig.bus.sent.end(), [](uint8_t b) { return b == 0x30; }));
    }

    void powerCommandsSwitchFanAndLaser()
    {
        Rig rig;
        QVERIFY(!rig.emu.fanOn());
        QVERIFY(rig.driver.setPower(PowerOption::LaserOn));
        QVERIFY(rig.emu.laserOn());
        QVERIFY(rig.driver.setPower(PowerOption::FanOn));
        QVERIFY(rig.emu.fanOn());
        QVERIFY(rig.driver.setPower(PowerOption::LaserOff));
        QVERIFY(rig.driver.setPower(PowerOption::FanOff));
        QVERIFY(!rig.emu.fanOn());
        QVERIFY(!rig.emu.laserOn());
    }

    void histogramPeriodAndReset()
    {
        Rig rig;
        QVERIFY(rig.startSampling());
        OpcN3Histogram h;
        QVERIFY(rig.driver.readHistogram(&h));
        QCOMPARE(h.periodRaw, uint16_t(0xFFFF)); // the first read covers an unknown period
        rig.now += 1000;
        QVERIFY(rig.driver.readHistogram(&h));
        // 1 s plus the driver's own polls and gaps since the previous read.
        QVERIFY2(h.samplingPeriodS() > 1.0 && h.samplingPeriodS() < 1.1,
                 qPrintable(QString::number(h.samplingPeriodS())));
        QVERIFY(h.flowRateMlS() > 4.9 && h.flowRateMlS() < 5.1);
        QVERIFY(h.bins[0] > 0);
        QVERIFY(h.laserStatus > 500);
        QVERIFY(h.fanRevCount > 0);
        QVERIFY(h.temperatureC() > 10 && h.temperatureC() < 30);
        // Read and reset: an immediate second read has (almost) nothing in it.
        QVERIFY(rig.driver.readHistogram(&h));
        QVERIFY(h.samplingPeriodS() < 0.1);
    }

    void fanAndLaserOffGiveZeroCounts()
    {
        Rig rig;
        OpcN3Histogram h;
        QVERIFY(rig.driver.readHistogram(&h));
        rig.now += 1000;
        QVERIFY(rig.driver.readHistogram(&h));
        QCOMPARE(h.bins[0], uint16_t(0));
        QCOMPARE(h.fanRevCount, uint16_t(0));
        QCOMPARE(h.laserStatus, uint16_t(0));
        QCOMPARE(h.pm10, 0.0f);
    }

    void faults_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<int>("byte");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("wrong poll byte 0xe6")
            << int(Fault::WrongPollByte) << 0xE6 << int(Kind::UnexpectedByte) << QStringLiteral("got 0xe6");
        QTest::newRow("wrong poll byte 0x63")
            << int(Fault::WrongPollByte) << 0x63 << int(Kind::UnexpectedByte) << QStringLiteral("got 0x63");
        QTest::newRow("bad CRC") << int(Fault::BadCrc) << 0 << int(Kind::BadFrame)
                                 << QStringLiteral("CRC mismatch");
        QTest::newRow("stuck busy") << int(Fault::StuckBusy) << 0 << int(Kind::StuckBusy)
                                    << QStringLiteral("after 20 polls");
        QTest::newRow("leaked handshake")
            << int(Fault::LeakedHandshake) << 0 << int(Kind::BadFrame) << QStringLiteral("CRC mismatch");
        QTest::newRow("no answer 0x00")
            << int(Fault::NoAnswer) << 0x00 << int(Kind::UnexpectedByte) << QStringLiteral("got 0x00");
        QTest::newRow("no answer 0xff")
            << int(Fault::NoAnswer) << 0xFF << int(Kind::UnexpectedByte) << QStringLiteral("got 0xff");
    }
    void faults()
    {
        QFETCH(int, fault);
        QFETCH(int, byte);
        QFETCH(int, kind);
        QFETCH(QString, message);
        Rig rig;
        QVERIFY(rig.startSampling());
        OpcN3Histogram h;
        QVERIFY(rig.driver.readHistogram(&h));
        rig.emu.injectFault(Fault(fault), 1, uint8_t(byte));
        rig.now += 1000;
        QVERIFY(!rig.driver.readHistogram(&h));
        QCOMPARE(int(rig.driver.failure().kind), kind);
        QVERIFY2(rig.driver.failure().message.contains(message), qPrintable(rig.driver.failure().message));
        // Recovery: after the > 2 s silence the next exchange works again.
        rig.now += 2500;
        QVERIFY2(rig.driver.readHistogram(&h), qPrintable(rig.driver.failure().message));
        rig.now += 1000;
        QVERIFY2(rig.driver.readHistogram(&h), qPrintable(rig.driver.failure().message));
        QVERIFY(h.samplingPeriodS() < 2.0);
    }

    void stuckBusyGivesUpAfterMaxPolls()
    {
        Rig rig;
        rig.emu.injectFault(Fault::StuckBusy);
        QVERIFY(!rig.driver.ping());
        QCOMPARE(int(rig.bus.sent.size()), 21); // the command byte and 20 repeats
    }

    void leakedHandshakeInIdentityIsCaught()
    {
        Rig rig;
        rig.emu.injectFault(Fault::LeakedHandshake);
        OpcN3Identity id;
        QVERIFY(!rig.driver.identify(&id));
        QVERIFY2(rig.driver.failure().message.contains(QStringLiteral("31 3f 31 3f")),
                 qPrintable(rig.driver.failure().message));
        QVERIFY(rig.driver.identify(&id));
    }

    void mismatchedRepeatDisarmsTheTrigger()
    {
        // A master that changes the byte mid-handshake: DOC says the trigger is then unarmed until
        // a good histogram read.
        OpcN3Emulator emu(OpcN3Emulator::Options{3, 1, QStringLiteral("1"), 1.0});
        uint8_t rx = 0;
        const uint8_t first = 0x30, other = 0x32;
        QVERIFY(emu.transfer({&first, 1}, {&rx, 1}, 0).ok());
        QCOMPARE(rx, uint8_t(0x31));
        QVERIFY(emu.transfer({&other, 1}, {&rx, 1}, 0).ok());
        QVERIFY(!emu.triggerArmed());
        OpcN3Driver driver(emu, OpcN3Driver::Timing{0, 20, 0, 0}, [](int) {});
        OpcN3Histogram h;
        QVERIFY(driver.readHistogram(&h));
        QVERIFY(emu.triggerArmed());
    }

    void forbiddenCommandsNeverReachTheWire_data()
    {
        QTest::addColumn<int>("command");
        QTest::newRow("0x11 write serial") << 0x11;
        QTest::newRow("0x41 bootloader") << 0x41;
    }
    void forbiddenCommandsNeverReachTheWire()
    {
        QFETCH(int, command);
        Rig rig;
        QByteArray out;
        QVERIFY(!rig.driver.read(uint8_t(command), 2, &out));
        QVERIFY(!rig.driver.write(uint8_t(command), QByteArray(60, 'x')));
        QCOMPARE(int(rig.driver.failure().kind), int(Kind::Forbidden));
        QVERIFY(rig.bus.sent.empty());
        QVERIFY(rig.emu.commandLog().empty());
    }

    void truncatedDataPhaseIsDropped()
    {
        // CS rising after 10 of 86 bytes: the emulator drops the transaction; the next command works.
        OpcN3Emulator emu;
        OpcN3Driver driver(emu, OpcN3Driver::Timing{0, 20, 0, 0}, [](int) {});
        QByteArray part;
        QVERIFY(driver.read(0x30, 10, &part));
        OpcN3Identity id;
        QVERIFY2(driver.identify(&id), qPrintable(driver.failure().message));
    }
};

QTEST_APPLESS_MAIN(TestOpcN3Driver)
#include "tst_opcn3driver.moc"
