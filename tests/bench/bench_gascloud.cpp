// bench_gascloud [--rows N] [--scp-port P --scp-user U --scp-password W --scp-dir D --client-key K]
// 1. Builds one batch of N OPC-N3 readings (default one day at 1 Hz) and times it, with the peak RSS
//    of the build alone, beside `zip` of the same CSV in the same run.
// 2. With an sshd (tests/bench/run-gascloud-bench.sh starts one): SCP throughput of a 64 MiB file
//    with FieldStation's libssh transport beside OpenSSH's scp (legacy SCP protocol, -O).
#include "BenchSupport.h"
#include "OpcN3Readings.h"
#include "sinks/gascloud/BatchBuilder.h"
#include "sinks/gascloud/UploadTransport.h"
#include "store/Recorder.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <cstdio>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

using namespace fs;
using fs::bench::resetPeakRss;
using fs::bench::statusKb;

namespace {

double timeProcess(const QString& program, const QStringList& args)
{
    QElapsedTimer t;
    t.start();
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedChannels);
    p.start(program, args);
    p.waitForFinished(-1);
    if (p.exitCode() != 0)
        std::fprintf(stderr, "%s failed (exit %d)\n", qPrintable(program), p.exitCode());
    return t.nsecsElapsed() / 1e9;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList a = app.arguments();
    const auto opt = [&a](const char* name, const QString& fallback = {}) {
        return bench::option(a, name, fallback);
    };
    const int rows = opt("--rows", QStringLiteral("86400")).toInt();
    QTemporaryDir tmp;

    // --- 1. batch build ---
    Recorder rec(tmp.filePath(QStringLiteral("store.db")));
    if (!rec.start().ok())
        qFatal("recorder did not start");
    test::recordOpcN3Readings(rec, rows,
                              QDateTime::currentMSecsSinceEpoch() - qint64(rows) * 1000 - 3600'000);
    BatchBuilder::Options bo;
    bo.pendingDir = tmp.filePath(QStringLiteral("pending"));
    bo.key = QStringLiteral("a1b2c3d4e5f60718293a");
    bo.gadgetId = QStringLiteral("bench");
    bo.maxRows = rows;
    bo.sources = {QStringLiteral("")}; // the test helper records with no source id
    BatchBuilder builder(rec, rec.storePath(), bo);
    builder.recover();
    const long rssBefore = statusKb("VmRSS:");
    resetPeakRss();
    QElapsedTimer t;
    t.start();
    auto batch = builder.buildNext(QDateTime::currentMSecsSinceEpoch());
    const double buildS = t.nsecsElapsed() / 1e9;
    const long peak = statusKb("VmHWM:");
    if (!batch || !batch->has_value())
        qFatal("no batch: %s", qPrintable(batch.error()));
    const UploadBatch& b = **batch;

    // The same CSV, zipped by Info-ZIP's zip.
    const QString zipPath = QDir(bo.pendingDir).filePath(b.sourceRef + QStringLiteral(".zip"));
    const QString csvPath = tmp.filePath(QStringLiteral("same.csv"));
    {
        QuaZip z(zipPath);
        z.open(QuaZip::mdUnzip);
        z.setCurrentFile(b.sourceRef + QStringLiteral(".csv"));
        QuaZipFile in(&z);
        in.open(QIODevice::ReadOnly);
        QFile out(csvPath);
        out.open(QIODevice::WriteOnly);
        out.write(in.readAll());
    }
    const double zipS =
        timeProcess(QStringLiteral("zip"), {QStringLiteral("-q"), QStringLiteral("-j"),
                                            tmp.filePath(QStringLiteral("same.zip")), csvPath});
    // QuaZip alone on the same CSV: the zip step of the build, like for like with `zip`.
    t.restart();
    {
        QuaZip z(tmp.filePath(QStringLiteral("quazip.zip")));
        z.open(QuaZip::mdCreate);
        QuaZipFile out(&z);
        out.open(QIODevice::WriteOnly, QuaZipNewInfo(QStringLiteral("same.csv"), csvPath));
        QFile in(csvPath);
        in.open(QIODevice::ReadOnly);
        QByteArray block;
        while (!(block = in.read(1 << 16)).isEmpty())
            out.write(block);
        out.close();
        z.close();
    }
    const double quazipS = t.nsecsElapsed() / 1e9;
    std::printf("batch build:  %d rows (%lld bytes zipped, CSV %lld bytes) in %.2f s; %.0f rows/s\n", b.rows,
                static_cast<long long>(b.zipSize), static_cast<long long>(QFileInfo(csvPath).size()), buildS,
                b.rows / buildS);
    std::printf("zip baseline: the same CSV with `zip` in %.2f s; build/zip = %.2f (the build also reads "
                "%lld samples and writes the CSV)\n",
                zipS, buildS / zipS, static_cast<long long>(rows) * 44);
    std::printf("zip step:     QuaZip on the same CSV in %.2f s; QuaZip/zip = %.2f\n", quazipS,
                quazipS / zipS);
    std::printf("peak RSS:     %ld KiB during the build (RSS %ld KiB before it)\n", peak, rssBefore);
    rec.stop();

    // --- 2. SCP throughput ---
    if (opt("--scp-port").isEmpty()) {
        std::printf("scp:          skipped (no sshd given; tests/bench/run-gascloud-bench.sh starts one)\n");
        return 0;
    }
    const QString big = tmp.filePath(QStringLiteral("payload.bin"));
    {
        QFile f(big);
        f.open(QIODevice::WriteOnly);
        QByteArray block(1 << 20, '\0');
        for (int i = 0; i < 64; ++i) {
            QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(block.data()), block.size() / 4);
            f.write(block);
        }
    }
    const double mib = QFileInfo(big).size() / 1048576.0;
    ScpTransport scp(tmp.filePath(QStringLiteral("known_hosts")), 30);
    const UploadTarget target{QStringLiteral("127.0.0.1"), opt("--scp-port").toInt(), opt("--scp-user"),
                              opt("--scp-password"), opt("--scp-dir")};
    t.restart();
    const Status s = scp.upload(big, QStringLiteral("fs.bin"), target, {});
    const double oursS = t.nsecsElapsed() / 1e9;
    if (!s)
        qFatal("libssh SCP failed: %s", qPrintable(s.error()));
    const double theirsS =
        timeProcess(QStringLiteral("scp"),
                    {QStringLiteral("-O"), QStringLiteral("-q"), QStringLiteral("-P"), opt("--scp-port"),
                     QStringLiteral("-i"), opt("--client-key"), QStringLiteral("-o"),
                     QStringLiteral("StrictHostKeyChecking=no"), QStringLiteral("-o"),
                     QStringLiteral("UserKnownHostsFile=/dev/null"), big,
                     QStringLiteral("%1@127.0.0.1:%2openssh.bin").arg(opt("--scp-user"), opt("--scp-dir"))});
    std::printf("scp:          FieldStation (libssh) %.1f MiB/s, OpenSSH scp -O %.1f MiB/s; ratio %.2f (%.0f "
                "MiB each)\n",
                mib / oursS, mib / theirsS, (mib / theirsS) / (mib / oursS), mib);
    return 0;
}
