// EgaugeRig: what the eGauge poller tests share: a temp store, a meter emulated with a clock that
// may be shifted, source options, and the readings of one register's node read back.
#pragma once

#include "CannedMeter.h"
#include "TestSupport.h"
#include "sim/EgaugeEmulator.h"
#include "sources/egauge/EgaugeSource.h"
#include "store/Recorder.h"
#include "store/Store.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <atomic>
#include <memory>

namespace fs::test {

inline const QList<ShowColumn> kColumns = {{QStringLiteral("CT1_Power"), QStringLiteral("P")},
                                           {QStringLiteral("L1_Voltage"), QStringLiteral("V")},
                                           {QStringLiteral("Grid"), QStringLiteral("P")}};

/// Rows newest first for seconds [newestS − n + 1, newestS]: CT1 at 1000 + (s mod 7) W, L1 at 230 V.
inline QList<QList<qint64>> houseRows(qint64 newestS, int n)
{
    QList<QList<qint64>> rows;
    for (qint64 s = newestS; s > newestS - n; --s) {
        const qint64 k = s % 100000; // Σ_{j<k} (1000 + j mod 7)
        const qint64 ct1 = 1000 * k + 21 * (k / 7) + (k % 7) * (k % 7 - 1) / 2;
        rows.append({ct1, 230'000 * k, 5 * k});
    }
    return rows;
}

inline EgaugeSource::Options options(const QString& url, int intervalMs = 3600'000)
{
    EgaugeSource::Options o;
    o.name = QStringLiteral("House");
    o.registers = {{QStringLiteral("CT1_Power"), QStringLiteral("W")},
                   {QStringLiteral("L1_Voltage"), QStringLiteral("V")}};
    o.poller.url = QUrl(url);
    o.poller.intervalMs = intervalMs;
    o.poller.timeoutMs = 5000;
    return o;
}

/// (time_ms, value) of every reading of one register's node, oldest first.
inline QList<QPair<qint64, double>> readings(Recorder& rec, const QString& sourceId, const QString& reg)
{
    rec.flush();
    auto store = Store::open(rec.storePath(), Store::Mode::ReadOnly);
    QSqlQuery q((*store)->db());
    q.prepare(
        QStringLiteral("SELECT r.time_ms, r.value FROM readings r JOIN channels c ON c.id = r.channel_id "
                       "JOIN nodes n ON n.id = c.node_id WHERE n.key = ? ORDER BY r.time_ms"));
    q.addBindValue(EgaugeSource::nodeKey(sourceId, reg));
    QList<QPair<qint64, double>> out;
    if (!q.exec())
        qFatal("%s", qPrintable(q.lastError().text()));
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toDouble()});
    return out;
}

/// The emulator's rate over the interval that ends at `t` (its counters differenced, as the meter's
/// own average), in the type's unit.
inline double meterRate(const sim::HouseMeter& m, const QString& reg, qint64 t, qint64 spanS, double quantum)
{
    const int r = m.indexOf(reg);
    const qint64 d = qint64(quint64(m.counter(r, t)) - quint64(m.counter(r, t - spanS)));
    return double(d) * quantum / double(spanS);
}

/// A store of its own with a running Recorder.
struct TempStore
{
    QTemporaryDir dir;
    Recorder rec{dir.filePath(QStringLiteral("s.db"))};
    TempStore()
    {
        if (!rec.start().ok())
            qFatal("the recorder does not start");
    }
};

/// A meter that asks for Digest credentials: user "owner" and `password`.
inline sim::EgaugeEmulator::Options withDigest(const QString& password)
{
    sim::EgaugeEmulator::Options o;
    o.user = QStringLiteral("owner");
    o.password = password;
    return o;
}

/// An emulated meter and sources polling it with a clock `shiftS` seconds off the real one.
struct EmulatedHouse
{
    std::shared_ptr<std::atomic<qint64>> shift = std::make_shared<std::atomic<qint64>>(0);
    std::unique_ptr<sim::EgaugeEmulator> emulator;

    explicit EmulatedHouse(sim::EgaugeEmulator::Options o = {})
    {
        auto sh = shift;
        o.nowS = [sh] { return QDateTime::currentSecsSinceEpoch() + sh->load(); };
        emulator = std::make_unique<sim::EgaugeEmulator>(o);
        if (!emulator->listen())
            qFatal("emulator does not listen");
    }
    EgaugeSource::Options options(const QStringList& regs = {QStringLiteral("CT1_Power=W"),
                                                             QStringLiteral("L1_Voltage=V")}) const
    {
        EgaugeSource::Options o = test::options(emulator->baseUrl());
        o.registers.clear();
        for (const QString& r : regs)
            o.registers.append(EgaugeSettings::parseRegister(r).value());
        auto sh = shift;
        o.poller.clockMs = [sh] { return QDateTime::currentMSecsSinceEpoch() + sh->load() * 1000; };
        return o;
    }
};

} // namespace fs::test
