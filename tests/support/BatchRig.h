// BatchRig: a store and a gascloud BatchBuilder's options over it, for the builder's test programs.
#pragma once

#include "sinks/gascloud/BatchBuilder.h"
#include "sources/opcn3/OpcN3Channels.h"
#include "store/Recorder.h"
#include "store/Store.h"

#include <QDir>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <optional>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>

namespace fs::test {

/// A store with a real Recorder in a temp dir, and the options of the builder that each build()
/// makes over it: one gadget, a key, readings with no source id, no settling.
struct BatchRig
{
    static inline const QString kKey = QStringLiteral("a1b2c3d4e5f60718293a");
    static constexpr qint64 kStart = 1'700'000'000'000; // a whole second

    QTemporaryDir dir;
    Recorder recorder{dir.filePath(QStringLiteral("store.db"))};
    BatchBuilder::Options opt;
    BatchRig()
    {
        recorder.start();
        opt.pendingDir = dir.filePath(QStringLiteral("pending"));
        opt.key = kKey;
        opt.gadgetId = QStringLiteral("g1");
        opt.settleMs = 0;
        opt.sources = {QStringLiteral("")};
    }
    std::optional<UploadBatch> build(qint64 nowMs = kStart + 86'400'000)
    {
        BatchBuilder b(recorder, recorder.storePath(), opt);
        b.recover();
        auto r = b.buildNext(nowMs);
        if (!r)
            qWarning() << r.error();
        return r ? r.value() : std::nullopt;
    }
    QByteArray inZip(const UploadBatch& b, const QString& name)
    {
        QuaZip zip(QDir(opt.pendingDir).filePath(b.sourceRef + QStringLiteral(".zip")));
        zip.open(QuaZip::mdUnzip);
        zip.setCurrentFile(name);
        QuaZipFile f(&zip);
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    }
    /// Gives the node of `ids` the source id `source` (registration upserts it).
    void setSource(const QString& serial, const QString& source)
    {
        recorder.registerNode({QStringLiteral("opcn3:") + serial, QStringLiteral("opcn3"),
                               QStringLiteral("OPC-N3"), opcn3::channels(), source});
    }
    qint64 readingsOf(ChannelId channel)
    {
        qint64 n = -1;
        recorder.run([&](Store& s) {
            QSqlQuery q(s.db());
            q.exec(QStringLiteral("SELECT COUNT(*) FROM readings WHERE channel_id = %1").arg(channel));
            q.next();
            n = q.value(0).toLongLong();
            return Status();
        });
        return n;
    }
    qint64 cursor(const QString& name = QString::fromLatin1(BatchBuilder::kCursor))
    {
        qint64 c = -1;
        recorder.run([&](Store& s) {
            c = s.cursor(name).value();
            return Status();
        });
        return c;
    }
    qint64 newestSeq()
    {
        qint64 n = -1;
        recorder.run([&](Store& s) {
            n = s.maxReadingSeq();
            return Status();
        });
        return n;
    }
    void frameAt(const NodeChannels& ids, qint64 t)
    {
        OpcN3Histogram h;
        h.pm1 = 1.5f;
        h.crc = 1;
        const auto samples = opcn3::samplesFor(h, ids.channels, t, 0);
        recorder.submit(std::span<const Sample>(samples));
        recorder.flush();
    }
};

} // namespace fs::test
