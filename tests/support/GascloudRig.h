// GascloudRig: a store with readings, the gascloud emulator (strict) and an Uploader wired to a real
// sshd, in one temp dir, for the gascloud integration tests.
#pragma once

#include "GascloudOptions.h"
#include "OpcN3Readings.h"
#include "SshdServer.h"
#include "sim/GascloudEmulator.h"
#include "sinks/gascloud/Uploader.h"
#include "store/Recorder.h"

#include <QDateTime>
#include <QHostAddress>
#include <QTemporaryDir>
#include <algorithm>
#include <memory>

namespace fs::test {

/// The gateway key the rig's emulator gives for PIN 1234.
inline const QString kKey = QStringLiteral("a1b2c3d4e5f60718293a");

/// A store with readings, an emulator, and an uploader wired to an sshd, in one temp dir.
struct Rig
{
    QTemporaryDir dir;
    Recorder recorder;
    GascloudEmulator emu;
    Uploader::Options opt;
    std::unique_ptr<Uploader> uploader;

    Rig(SshdServer& sshd, bool deleteReadings = false)
        : recorder(dir.filePath(QStringLiteral("store.db"))), emu(emulatorOptions(sshd))
    {
        recorder.start();
        emu.listen(QHostAddress::LocalHost, 0);
        opt = uploaderOptions(dir, emu.apiUrl(), kKey);
        opt.requestTimeoutS = 3;
        opt.retryMinS = 1;
        opt.retryMaxS = 4;
        opt.tickS = 1;
        opt.builder.gadgetId = QStringLiteral("gadget-7");
        opt.builder.deleteReadingOnZip = deleteReadings;
        uploader = std::make_unique<Uploader>(
            recorder, recorder.storePath(), opt,
            std::make_unique<ScpTransport>(dir.filePath(QStringLiteral("known_hosts")), 5));
        uploader->recover();
    }
    static GascloudEmulator::Options emulatorOptions(SshdServer& sshd)
    {
        GascloudEmulator::Options o;
        o.strict = true;
        o.pins = {{QStringLiteral("1234"), kKey}, {QStringLiteral("5555"), QStringLiteral("short")}};
        o.scpPort = sshd.port();
        o.inboxRoot = sshd.inbox();
        o.onTicket = [](const QString& user, const QString& password) {
            SshdServer::setPassword(user, password);
        };
        return o;
    }
    QList<UploadBatch> queue() { return uploader->snapshot(); }
    /// One batch of `rows` readings, cut, sent and rejected by gascloud.
    UploadBatch rejectedBatch(int rows)
    {
        recordOpcN3Readings(recorder, rows, QDateTime::currentMSecsSinceEpoch() - 3600'000);
        emu.injectFault(GascloudEmulator::Fault::RejectNext);
        uploader->runCycle(QDateTime::currentMSecsSinceEpoch(), true);
        drain();
        return queue().first();
    }
    /// Cycles until no batch is open or `tries` run out; each cycle pretends a tick has passed.
    void drain(int tries = 6)
    {
        for (int i = 0; i < tries; ++i) {
            uploader->runCycle(QDateTime::currentMSecsSinceEpoch() + qint64(i) * 5000, false);
            const auto q = queue();
            if (std::all_of(q.begin(), q.end(), [](const UploadBatch& b) {
                    return b.state == UploadBatch::State::Uploaded || b.state == UploadBatch::State::Rejected;
                }))
                return;
        }
    }
};

} // namespace fs::test
