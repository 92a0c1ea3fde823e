// ModbusRig: tst_modbus's meter (the eGauge Modbus emulator in a thread of its own), the source
// and Recorder around it, and the HouseMeter's rate bounds the read values are checked against.
#pragma once

#include "TestSupport.h"
#include "sim/ModbusMeterEmulator.h"
#include "sources/modbus/EgaugeModbusLayout.h"
#include "sources/modbus/ModbusSource.h"
#include "store/Recorder.h"
#include "store/Store.h"

#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <functional>

namespace fs::test::modbusrig {

using namespace fs::modbus;

struct Row
{
    qint64 timeMs;
    double value;
};

/// Runs `f` in the thread `o` lives in and waits for it.
template <typename F>
void inThread(QObject* o, F f)
{
    QMetaObject::invokeMethod(o, f, Qt::BlockingQueuedConnection);
}

/// The emulator in a thread of its own, as a meter on the network would be: the test thread's
/// waits never hold it up.
struct Meter
{
    QThread thread;
    ModbusMeterEmulator* emu = new ModbusMeterEmulator();

    Meter()
    {
        emu->moveToThread(&thread);
        QObject::connect(&thread, &QThread::finished, emu, &QObject::deleteLater);
        thread.start();
        listen(0);
    }
    ~Meter()
    {
        inThread(emu, [this] { emu->close(); });
        thread.quit();
        thread.wait();
    }
    void listen(quint16 port)
    {
        Status s;
        inThread(emu, [&] { s = emu->listen(QHostAddress::LocalHost, port); });
        if (!s.ok())
            qFatal("%s", qPrintable(s.error()));
    }
    quint16 port() const { return emu->port(); }
    int index(const char* name) const { return emu->meter().indexOf(QString::fromLatin1(name)); }
};

struct Rig
{
    QTemporaryDir dir;
    Recorder recorder;
    QThread thread;
    ModbusSource* source = nullptr;

    /// `make` builds the source over this rig's recorder.
    explicit Rig(const std::function<std::unique_ptr<ModbusSource>(Recorder&)>& make)
        : recorder(dir.filePath(QStringLiteral("s.db")), fastFlush())
    {
        if (!recorder.start().ok())
            qFatal("recorder did not start");
        source = make(recorder).release();
        source->moveToThread(&thread);
        QObject::connect(&thread, &QThread::finished, source, &QObject::deleteLater);
        thread.start();
    }
    explicit Rig(ModbusSource::Options o)
        : Rig([&](Recorder& r) { return std::make_unique<ModbusSource>(QStringLiteral("mb"), o, &r); })
    {}
    ~Rig()
    {
        inThread(source, [this] { source->stop(); });
        thread.quit();
        thread.wait();
        recorder.stop();
    }
    static RecorderOptions fastFlush()
    {
        RecorderOptions o;
        o.flushIntervalMs = 50;
        return o;
    }
    void start() { QMetaObject::invokeMethod(source, &ModbusSource::start, Qt::QueuedConnection); }
    /// Readings of the channel of node modbus:mb:<channel>, oldest first.
    QList<Row> rows(const QString& channel)
    {
        QList<Row> out;
        recorder.run([&](Store& s) {
            QSqlQuery q(s.db());
            q.prepare(QStringLiteral("SELECT r.time_ms, r.value FROM readings r JOIN channels c ON c.id = "
                                     "r.channel_id JOIN nodes n ON n.id = c.node_id WHERE n.key = ? AND "
                                     "c.key = ? ORDER BY r.time_ms"));
            q.addBindValue(QStringLiteral("modbus:mb:") + channel);
            q.addBindValue(channel);
            if (q.exec()) {
                while (q.next())
                    out.append({q.value(0).toLongLong(), q.value(1).toDouble()});
            }
            return Status();
        });
        return out;
    }
    QStringList states(const QString& channel)
    {
        QStringList out;
        recorder.run([&](Store& s) {
            QSqlQuery q(s.db());
            q.prepare(QStringLiteral("SELECT st.state FROM node_states st JOIN nodes n ON n.id = st.node_id "
                                     "WHERE n.key = ? ORDER BY st.seq"));
            q.addBindValue(QStringLiteral("modbus:mb:") + channel);
            if (q.exec()) {
                while (q.next())
                    out.append(q.value(0).toString());
            }
            return Status();
        });
        return out;
    }
    /// Waits until `n` more polls have stored something.
    bool waitForPolls(int n, int timeoutMs)
    {
        const qint64 target = source->counters().polls + n;
        QElapsedTimer t;
        t.start();
        while (source->counters().polls < target && t.elapsed() < test::timeoutMs(timeoutMs))
            QTest::qWait(20);
        return source->counters().polls >= target;
    }
};

inline ModbusSource::Options optionsFor(const Meter& meter)
{
    ModbusSource::Options o;
    o.name = QStringLiteral("House");
    o.port = meter.port();
    o.intervalMs = 200;
    o.timeoutMs = 500;
    o.reconnectMinMs = 100;
    o.reconnectMaxMs = 400;
    o.registers = egauge::entriesFor(meter.emu->registers(), QStringLiteral("test")).value();
    return o;
}

/// The range the meter's rate takes within ±`spanS` of `unixS`: the server reads a little after
/// the source stamps the poll.
inline std::pair<double, double> rateRange(const sim::HouseMeter& m, int reg, double unixS, double spanS)
{
    double lo = m.rate(reg, unixS), hi = lo;
    for (int i = -20; i <= 20; ++i) {
        const double v = m.rate(reg, unixS + spanS * i / 20.0);
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    return {lo, hi};
}

} // namespace fs::test::modbusrig
