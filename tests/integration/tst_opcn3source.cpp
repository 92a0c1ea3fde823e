// The OPC-N3 source end to end with the emulator and a real Recorder: start-up order, the
// discarded first frame, the > 2 s back-off after every fault, recovery, health channels.
#include "TestSupport.h"
#include "sim/OpcN3Emulator.h"
#include "sources/opcn3/OpcN3Channels.h"
#include "sources/opcn3/OpcN3Source.h"
#include "store/Recorder.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <mutex>

using namespace fs;
using Fault = OpcN3Emulator::Fault;

namespace {

/// Commits every 50 ms, so that tests see their samples soon.
RecorderOptions fastFlush()
{
    RecorderOptions o;
    o.flushIntervalMs = 50;
    return o;
}

/// The emulator behind a bus that notes when each message began and ended, on the source's own
/// thread: silences measured from these cannot be shortened by a busy test thread.
class TimedBus : public SpiBus
{
public:
    struct Message
    {
        qint64 startMs, endMs;
    };
    explicit TimedBus(std::unique_ptr<OpcN3Emulator> emu) : m_emu(std::move(emu)) { m_clock.start(); }
    Status transfer(std::span<const uint8_t> tx, std::span<uint8_t> rx, int byteDelayUs) override
    {
        const qint64 start = m_clock.elapsed();
        Status s = m_emu->transfer(tx, rx, byteDelayUs);
        std::lock_guard lock(m_mutex);
        m_messages.push_back({start, m_clock.elapsed()});
        return s;
    }
    QString describe() const override { return m_emu->describe(); }
    OpcN3Emulator* emulator() const { return m_emu.get(); }
    std::vector<Message> messages() const
    {
        std::lock_guard lock(m_mutex);
        return m_messages;
    }

private:
    std::unique_ptr<OpcN3Emulator> m_emu;
    QElapsedTimer m_clock;
    mutable std::mutex m_mutex;
    std::vector<Message> m_messages;
};

/// A source in its own thread, as the Station runs it, over an emulator we can still reach.
struct Rig
{
    QTemporaryDir dir;
    Recorder recorder;
    QThread thread;
    OpcN3Emulator* emu = nullptr;
    TimedBus* bus = nullptr;
    OpcN3Source* source = nullptr;

    explicit Rig(int backoffMs, int readIntervalMs = 100)
        : recorder(dir.filePath(QStringLiteral("s.db")), fastFlush())
    {
        if (!recorder.start().ok())
            qFatal("recorder did not start");
        auto timed = std::make_unique<TimedBus>(std::make_unique<OpcN3Emulator>());
        bus = timed.get();
        emu = timed->emulator();
        OpcN3Source::Options o;
        o.readIntervalMs = readIntervalMs;
        o.laserWaitMs = 20;
        o.fanWaitMs = 20;
        o.errorBackoffMs = backoffMs;
        o.timing = {1, 20, 0, 1};
        source = new OpcN3Source(QStringLiteral("opc-test"), std::move(timed), o, &recorder);
        source->moveToThread(&thread);
        QObject::connect(&thread, &QThread::finished, source, &QObject::deleteLater);
        thread.start();
    }
    ~Rig()
    {
        QMetaObject::invokeMethod(source, &OpcN3Source::stop, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
        recorder.stop();
    }
    void start() { QMetaObject::invokeMethod(source, &OpcN3Source::start, Qt::QueuedConnection); }
    qint64 stored(const QString& key)
    {
        qint64 n = -1;
        recorder.run([&](Store& s) {
            QSqlQuery q(s.db());
            q.prepare(QStringLiteral(
                "SELECT COUNT(*) FROM readings r JOIN channels c ON c.id = r.channel_id WHERE c.key = ?"));
            q.addBindValue(key);
            if (q.exec() && q.next())
                n = q.value(0).toLongLong();
            return Status();
        });
        return n;
    }
    QList<double> values(const QString& key)
    {
        QList<double> out;
        recorder.run([&](Store& s) {
            QSqlQuery q(s.db());
            q.prepare(QStringLiteral("SELECT value FROM readings r JOIN channels c ON c.id = r.channel_id "
                                     "WHERE c.key = ? ORDER BY r.seq"));
            q.addBindValue(key);
            q.exec();
            while (q.next())
                out << q.value(0).toDouble();
            return Status();
        });
        return out;
    }
};

} // namespace

class TestOpcN3Source : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<OpcN3Reading>();
        qRegisterMetaType<OpcN3Source::State>();
    }

    void startsUpInTheDocumentedOrderAndDiscardsTheFirstFrame()
    {
        Rig rig(2500);
        QSignalSpy readings(rig.source, &OpcN3Source::reading);
        rig.start();
        QTRY_VERIFY_WITH_TIMEOUT(readings.size() >= 5, test::timeoutMs(5000));
        const std::vector<uint8_t> log = rig.emu->commandLog();
        // identity, laser on, fan on, then histograms only
        QCOMPARE(std::vector<uint8_t>(log.begin(), log.begin() + 5),
                 (std::vector<uint8_t>{0x3F, 0x10, 0x12, 0x03, 0x03}));
        QVERIFY(std::all_of(log.begin() + 5, log.end(), [](uint8_t c) { return c == 0x30; }));
        // The priming frame (period 655.35 s from the emulator) is never stored nor shown.
        QVERIFY(rig.emu->histogramReads() > readings.size());
        for (const QList<QVariant>& r : readings)
            QVERIFY(r.at(0).value<OpcN3Reading>().histogram.periodRaw != 0xFFFF);
        QVERIFY(rig.recorder.flush().ok());
        const QList<double> periods = rig.values(QStringLiteral("sampling_period"));
        QVERIFY(periods.size() >= 5);
        for (double p : periods)
            QVERIFY2(p < 1.0, qPrintable(QString::number(p)));
        // Every channel gets one sample per reading, health included.
        QCOMPARE(rig.stored(QStringLiteral("fan_rev_count")), qint64(periods.size()));
        QCOMPARE(rig.stored(QStringLiteral("bin_23")), qint64(periods.size()));
        QCOMPARE(rig.stored(QStringLiteral("consecutive_errors")), qint64(periods.size()));
        QCOMPARE(rig.source->state(), OpcN3Source::State::Sampling);
        // As a Source: healthy, identified, one node declared under its configured id.
        QCOMPARE(rig.source->health(), Source::Health::Ok);
        QCOMPARE(rig.source->deviceInfo(), QStringLiteral("OPC-N3 177940203 · fw 1.17a"));
        const QList<NodeSpec> nodes = rig.source->nodes();
        QCOMPARE(nodes.size(), 1);
        QCOMPARE(nodes.first().key, QStringLiteral("opcn3:177940203"));
        QCOMPARE(nodes.first().source, QStringLiteral("opc-test"));
        QString stored;
        rig.recorder.run([&](Store& s) {
            QSqlQuery q(s.db());
            if (q.exec(QStringLiteral("SELECT source FROM nodes")) && q.next())
                stored = q.value(0).toString();
            return Status();
        });
        QCOMPARE(stored, QStringLiteral("opc-test"));
    }

    void backsOffMoreThanTwoSecondsAndDiscardsTheNextFrame()
    {
        Rig rig(2500);
        QSignalSpy readings(rig.source, &OpcN3Source::reading);
        rig.start();
        QTRY_VERIFY_WITH_TIMEOUT(readings.size() >= 2, test::timeoutMs(5000));
        const int readsBefore = rig.emu->histogramReads();
        const size_t logBefore = rig.emu->commandLog().size();
        rig.emu->injectFault(Fault::BadCrc);
        QTRY_VERIFY_WITH_TIMEOUT(rig.source->state() == OpcN3Source::State::BackingOff,
                                 test::timeoutMs(2000));
        const size_t messagesAtError = rig.bus->messages().size();
        const int readingsAtError = int(readings.size());
        QTRY_VERIFY_WITH_TIMEOUT(readings.size() >= readingsAtError + 2, test::timeoutMs(8000));
        // The silence, timed on the source's own thread between the end of one message and the
        // start of the next. Reads come every 100 ms, so the back-off is the longest gap. A busy
        // machine can only lengthen it: the bound is the protocol's (more than 2 s), and a 1 s or
        // 2 s back-off fails however loaded the machine is.
        const std::vector<TimedBus::Message> m = rig.bus->messages();
        QVERIFY(m.size() > messagesAtError);
        qint64 longest = 0;
        for (size_t i = 1; i < m.size(); ++i)
            longest = std::max(longest, m[i].startMs - m[i - 1].endMs);
        QVERIFY2(longest > 2000, qPrintable(QStringLiteral("longest silence %1 ms").arg(longest)));
        QVERIFY2(longest < 2500 + test::timeoutMs(3000), qPrintable(QString::number(longest)));
        // After the bad frame: one read discarded, then the readings that were shown.
        const int readsSince = rig.emu->histogramReads() - readsBefore;
        const int shownSince = int(readings.size()) - readingsAtError;
        QVERIFY2(readsSince >= shownSince + 2,
                 qPrintable(QStringLiteral("%1 reads, %2 shown").arg(readsSince).arg(shownSince)));
        QVERIFY(rig.emu->commandLog().size() > logBefore);
        QCOMPARE(rig.source->consecutiveErrors(), 0);
        QVERIFY(rig.values(QStringLiteral("consecutive_errors")).contains(1.0));
    }

    void recoversFromEveryFault_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<int>("byte");
        QTest::newRow("wrong poll byte") << int(Fault::WrongPollByte) << 0xE6;
        QTest::newRow("bad CRC") << int(Fault::BadCrc) << 0;
        QTest::newRow("stuck busy") << int(Fault::StuckBusy) << 0;
        QTest::newRow("leaked handshake") << int(Fault::LeakedHandshake) << 0;
        QTest::newRow("no answer") << int(Fault::NoAnswer) << 0x00;
    }
    void recoversFromEveryFault()
    {
        QFETCH(int, fault);
        QFETCH(int, byte);
        Rig rig(100); // a short back-off keeps the suite fast; the length is tested above
        QSignalSpy readings(rig.source, &OpcN3Source::reading);
        QSignalSpy states(rig.source, &OpcN3Source::stateChanged);
        rig.start();
        QTRY_VERIFY_WITH_TIMEOUT(readings.size() >= 2, test::timeoutMs(5000));
        rig.emu->injectFault(Fault(fault), 1, uint8_t(byte));
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(states.begin(), states.end(),
                                             [](const QList<QVariant>& a) {
                                                 return a.at(0).value<OpcN3Source::State>() ==
                                                        OpcN3Source::State::BackingOff;
                                             }),
                                 test::timeoutMs(3000));
        const qsizetype at = readings.size();
        QTRY_VERIFY_WITH_TIMEOUT(readings.size() >= at + 3, test::timeoutMs(5000));
        QCOMPARE(rig.source->state(), OpcN3Source::State::Sampling);
        const auto log = rig.emu->commandLog();
        QVERIFY(std::none_of(log.begin(), log.end(), [](uint8_t c) { return c == 0x11 || c == 0x41; }));
    }

    void repeatedErrorsRestartFromIdentify()
    {
        Rig rig(100);
        QSignalSpy readings(rig.source, &OpcN3Source::reading);
        rig.start();
        QTRY_VERIFY_WITH_TIMEOUT(readings.size() >= 1, test::timeoutMs(5000));
        // A power cycle switches fan and laser off; then the OPC stops answering for a while.
        rig.emu->powerCycle();
        rig.emu->injectFault(Fault::NoAnswer, 3, 0xFF);
        const size_t before = rig.emu->commandLog().size();
        const qsizetype at = readings.size();
        QTRY_VERIFY_WITH_TIMEOUT(readings.size() >= at + 2, test::timeoutMs(8000));
        const auto log = rig.emu->commandLog();
        const std::vector<uint8_t> after(log.begin() + qsizetype(before), log.end());
        QVERIFY(std::find(after.begin(), after.end(), 0x3F) != after.end()); // identified again
        QVERIFY(rig.emu->fanOn());
        QVERIFY(rig.emu->laserOn());
        QVERIFY(rig.values(QStringLiteral("consecutive_errors")).contains(3.0));
    }

    void stopPowersDown()
    {
        auto rig = std::make_unique<Rig>(100);
        QSignalSpy readings(rig->source, &OpcN3Source::reading);
        rig->start();
        QTRY_VERIFY_WITH_TIMEOUT(readings.size() >= 1, test::timeoutMs(5000));
        OpcN3Emulator* emu = rig->emu;
        QVERIFY(emu->fanOn());
        QMetaObject::invokeMethod(rig->source, &OpcN3Source::stop, Qt::BlockingQueuedConnection);
        QVERIFY(!emu->fanOn());
        QVERIFY(!emu->laserOn());
        const auto log = emu->commandLog();
        QCOMPARE(log.back(), uint8_t(0x03));
    }
};

QTEST_GUILESS_MAIN(TestOpcN3Source)
#include "tst_opcn3source.moc"
