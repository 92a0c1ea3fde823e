// gascloud end to end: the emulator for the API and a real OpenSSH sshd for SCP. Registration,
// a full cycle with the zip byte-identical on the server, expired tickets, sshd down, a changed
// host key, a rejected batch, and DELETE_READING_ON_ZIP.
#include "GascloudOptions.h"
#include "GascloudRig.h"
#include "OpcN3Readings.h"
#include "SshdServer.h"
#include "TestSupport.h"
#include "sim/GascloudEmulator.h"
#include "sinks/gascloud/BatchCsv.h"
#include "sinks/gascloud/GascloudApi.h"
#include "sinks/gascloud/Registration.h"
#include "sinks/gascloud/Uploader.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>
#include <sys/stat.h>

using namespace fs;
using fs::test::kKey;
using fs::test::Rig;

namespace {

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

} // namespace

class TestGascloud : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<test::SshdServer> m_sshd;

private Q_SLOTS:
    void initTestCase()
    {
        m_sshd = std::make_unique<test::SshdServer>(QStringList{kKey});
        QVERIFY2(m_sshd->ok(), qPrintable(m_sshd->error()));
    }

    void registration()
    {
        Rig rig(*m_sshd);
        const SecretStore secrets(rig.dir.path(), StationSettings::Secrets::File, false);
        auto bad = registerGateway(rig.emu.apiUrl(), 3, QStringLiteral("9999"), QStringLiteral("roof"),
                                   secrets, true);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().contains(QStringLiteral("HTTP 403")) &&
                     bad.error().contains(QStringLiteral("Invalid PIN")),
                 qPrintable(bad.error()));
        QVERIFY(!gatewayKey(secrets).ok());
        auto shortKey = registerGateway(rig.emu.apiUrl(), 3, QStringLiteral("5555"), QStringLiteral("roof"),
                                        secrets, true);
        QVERIFY2(shortKey.error().contains(QStringLiteral("not 20 characters")),
                 qPrintable(shortKey.error()));
        rig.emu.injectFault(GascloudEmulator::Fault::ServerError);
        auto down = registerGateway(rig.emu.apiUrl(), 3, QStringLiteral("1234"), QStringLiteral("roof"),
                                    secrets, true);
        QVERIFY2(down.error().contains(QStringLiteral("HTTP 500")), qPrintable(down.error()));

        auto good = registerGateway(rig.emu.apiUrl(), 3, QStringLiteral("1234"), QStringLiteral("roof"),
                                    secrets, true);
        QVERIFY2(good.ok(), qPrintable(good.error()));
        QCOMPARE(gatewayKey(secrets).value(), kKey);
        QFileInfo file(good.value());
        QVERIFY(file.exists());
        QCOMPARE(int(file.permissions() &
                     (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther)),
                 0);
        QVERIFY(!good.value().contains(kKey));
    }

    void registrationErrorsForNoServerAndNotJson()
    {
        const SecretStore secrets(QDir::tempPath() + QStringLiteral("/fs-noreg"),
                                  StationSettings::Secrets::File, false);
        QTcpServer closed;
        closed.listen(QHostAddress::LocalHost, 0);
        const quint16 port = closed.serverPort();
        closed.close();
        auto none = registerGateway(QStringLiteral("http://127.0.0.1:%1/api/v1").arg(port), 3,
                                    QStringLiteral("1234"), QStringLiteral("x"), secrets, true);
        QVERIFY2(none.error().contains(QStringLiteral("registration failed")), qPrintable(none.error()));
        // A server that answers 200 with HTML.
        QTcpServer html;
        html.listen(QHostAddress::LocalHost, 0);
        connect(&html, &QTcpServer::newConnection, this, [&html] {
            QTcpSocket* s = html.nextPendingConnection();
            connect(s, &QTcpSocket::readyRead, s, [s] {
                s->readAll();
                s->write("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\nConnection: "
                         "close\r\n\r\n<html></html>");
                s->disconnectFromHost();
            });
        });
        auto notJson = registerGateway(QStringLiteral("http://127.0.0.1:%1/api/v1").arg(html.serverPort()), 3,
                                       QStringLiteral("1234"), QStringLiteral("x"), secrets, true);
        QVERIFY2(notJson.error().contains(QStringLiteral("not JSON")), qPrintable(notJson.error()));
    }

    void fullCycle()
    {
        Rig rig(*m_sshd);
        const qint64 start = QDateTime::currentMSecsSinceEpoch() - 3600'000;
        test::recordOpcN3Readings(rig.recorder, 120, start);
        const QStringList problems = rig.uploader->runCycle(QDateTime::currentMSecsSinceEpoch(), true);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        rig.drain();
        const auto q = rig.queue();
        QCOMPARE(q.size(), 1);
        const UploadBatch b = q.first();
        QCOMPARE(fs::toString(b.state), fs::toString(UploadBatch::State::Uploaded));
        QCOMPARE(b.rows, 120);
        QVERIFY(isBatchId(b.batchId));
        // The zip on the server is byte for byte the one kept in the uploaded folder, MD5 and all.
        const QByteArray local =
            fileBytes(QDir(rig.opt.uploadedDir).filePath(b.batchId + QStringLiteral(".zip")));
        const QByteArray remote =
            fileBytes(m_sshd->inbox() + QStringLiteral("/%1/inbox/%2.zip").arg(kKey, b.batchId));
        QVERIFY(!local.isEmpty());
        QCOMPARE(remote, local);
        QCOMPARE(QString::fromLatin1(QCryptographicHash::hash(local, QCryptographicHash::Md5).toHex()),
                 b.zipMd5);
        QVERIFY(QFile::exists(QDir(rig.opt.uploadedDir).filePath(b.batchId + QStringLiteral(".yaml"))));
        QVERIFY(QDir(rig.opt.pendingDir).entryList(QDir::Files).isEmpty());
        const auto received = rig.emu.received();
        QCOMPARE(received.size(), 1);
        QCOMPARE(received.first().rows, 120);
        QCOMPARE(received.first().duplicateRows, 0);
        QCOMPARE(received.first().md5, b.zipMd5);
        // The host key was pinned on first use.
        QVERIFY(fileBytes(rig.dir.filePath(QStringLiteral("known_hosts")))
                    .contains(QByteArray::number(m_sshd->port())));
        // Nothing new: no new batch.
        rig.uploader->runCycle(QDateTime::currentMSecsSinceEpoch(), true);
        QCOMPARE(rig.queue().size(), 1);
    }

    void expiredTicketGetsANewRequest()
    {
        Rig rig(*m_sshd);
        test::recordOpcN3Readings(rig.recorder, 30, QDateTime::currentMSecsSinceEpoch() - 3600'000);
        rig.emu.injectFault(GascloudEmulator::Fault::ExpiredTicket);
        const QStringList problems = rig.uploader->runCycle(QDateTime::currentMSecsSinceEpoch(), true);
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.first().contains(QStringLiteral("password authentication")),
                 qPrintable(problems.first()));
        QVERIFY2(!problems.first().contains(kKey), qPrintable(problems.first()));
        UploadBatch b = rig.queue().first();
        QCOMPARE(fs::toString(b.state), fs::toString(UploadBatch::State::Pending));
        QVERIFY(b.batchId.isEmpty());
        QVERIFY(b.nextAttemptMs > QDateTime::currentMSecsSinceEpoch());
        // Back under its source ref, ready for a fresh request.
        QVERIFY(QFile::exists(QDir(rig.opt.pendingDir).filePath(b.sourceRef + QStringLiteral(".zip"))));
        rig.drain();
        b = rig.queue().first();
        QCOMPARE(fs::toString(b.state), fs::toString(UploadBatch::State::Uploaded));
        QCOMPARE(b.attempts, 2);
        QCOMPARE(rig.emu.received().size(), 1);
    }

    void sshdDownMeansRetryLaterWithNothingLost()
    {
        Rig rig(*m_sshd);
        test::recordOpcN3Readings(rig.recorder, 40, QDateTime::currentMSecsSinceEpoch() - 3600'000);
        QVERIFY(m_sshd->stop());
        const QStringList problems = rig.uploader->runCycle(QDateTime::currentMSecsSinceEpoch(), true);
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.first().contains(QStringLiteral("SSH to 127.0.0.1")), qPrintable(problems.first()));
        UploadBatch b = rig.queue().first();
        QCOMPARE(fs::toString(b.state), fs::toString(UploadBatch::State::Pending));
        QVERIFY(QFile::exists(QDir(rig.opt.pendingDir).filePath(b.sourceRef + QStringLiteral(".zip"))));
        QVERIFY(m_sshd->restart());
        rig.drain();
        b = rig.queue().first();
        QCOMPARE(fs::toString(b.state), fs::toString(UploadBatch::State::Uploaded));
        QCOMPARE(rig.emu.received().first().rows, 40);
    }

    void changedHostKeyIsRefused()
    {
        Rig rig(*m_sshd);
        const qint64 start = QDateTime::currentMSecsSinceEpoch() - 3600'000;
        test::recordOpcN3Readings(rig.recorder, 10, start);
        rig.uploader->runCycle(QDateTime::currentMSecsSinceEpoch(), true);
        rig.drain();
        QCOMPARE(fs::toString(rig.queue().first().state), fs::toString(UploadBatch::State::Uploaded));
        QVERIFY(m_sshd->rekey());
        test::recordOpcN3Readings(rig.recorder, 10, start + 60'000, QStringLiteral("1"));
        const QStringList problems = rig.uploader->runCycle(QDateTime::currentMSecsSinceEpoch(), true);
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.first().contains(QStringLiteral("host key has CHANGED")),
                 qPrintable(problems.first()));
        const UploadBatch b = rig.queue().last();
        QCOMPARE(fs::toString(b.state), fs::toString(UploadBatch::State::Pending));
        QVERIFY(b.lastError.contains(QStringLiteral("CHANGED")));
        QCOMPARE(rig.emu.received().size(), 1); // the second batch never left
    }

    void rejectedBatchGoesToTheRejectedFolder()
    {
        Rig rig(*m_sshd);
        const UploadBatch b = rig.rejectedBatch(15);
        QCOMPARE(fs::toString(b.state), fs::toString(UploadBatch::State::Rejected));
        QVERIFY2(b.lastError.contains(QStringLiteral("rejected")), qPrintable(b.lastError));
        QVERIFY(QFile::exists(QDir(rig.opt.rejectedDir).filePath(b.batchId + QStringLiteral(".zip"))));
        QVERIFY(QDir(rig.opt.pendingDir).entryList(QDir::Files).isEmpty());
        // A rejected batch is finished: later cycles leave it alone.
        rig.uploader->runCycle(QDateTime::currentMSecsSinceEpoch() + 60'000, false);
        QCOMPARE(rig.queue().first().attempts, 1);
    }

    void batchLeftByTheOldUploaderIsAdopted()
    {
        // The old uploader sent <batchid>.zip and died before the status came: the pending folder
        // holds the zip under its batch id and nothing else knows of it.
        Rig rig(*m_sshd);
        QDir().mkpath(rig.opt.pendingDir);
        const QString zip = QDir(rig.opt.pendingDir).filePath(QStringLiteral("legacy.zip"));
        {
            QuaZip z(zip);
            z.open(QuaZip::mdCreate);
            QuaZipFile f(&z);
            f.open(QIODevice::WriteOnly, QuaZipNewInfo(QStringLiteral("old_ref.csv")));
            f.write(batchCsvHeader());
            f.write("2020-01-01T00:00:00Z,g" + QByteArray(batchcsv::valueColumns() + 1, ',') + "\n");
            f.close();
            z.close();
        }
        const QByteArray bytes = fileBytes(zip);
        const QString md5 =
            QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Md5).toHex());
        GascloudApi api(rig.emu.apiUrl(), 3, true);
        auto ticket = api.requestQuarantine(
            kKey, {{QStringLiteral("key"), kKey},
                   {QStringLiteral("source_ref"), QStringLiteral("old_ref")},
                   {QStringLiteral("filelist"), QStringLiteral("old_ref.csv,old_ref.yaml")},
                   {QStringLiteral("batch_type"), QStringLiteral("OPCN3")},
                   {QStringLiteral("batch_mode"), QStringLiteral("PASS")},
                   {QStringLiteral("zip_size"), QString::number(bytes.size())},
                   {QStringLiteral("zip_md5"), md5},
                   {QStringLiteral("gadget_id"), QStringLiteral("g")}});
        QVERIFY2(ticket.ok(), qPrintable(ticket.error()));
        ScpTransport scp(rig.dir.filePath(QStringLiteral("known_hosts")), 5);
        const UploadTarget target{QStringLiteral("127.0.0.1"), m_sshd->port(), kKey, ticket->batchId,
                                  ticket->destination + kKey + QStringLiteral("/inbox/")};
        const Status sent = scp.upload(zip, ticket->batchId + QStringLiteral(".zip"), target, {});
        QVERIFY2(sent.ok(), qPrintable(sent.error()));
        QVERIFY(
            QFile::rename(zip, QDir(rig.opt.pendingDir).filePath(ticket->batchId + QStringLiteral(".zip"))));

        QVERIFY(rig.uploader->recover().ok());
        QCOMPARE(rig.queue().size(), 1);
        QCOMPARE(fs::toString(rig.queue().first().state), fs::toString(UploadBatch::State::AwaitingStatus));
        rig.drain();
        QCOMPARE(fs::toString(rig.queue().first().state), fs::toString(UploadBatch::State::Uploaded));
        QVERIFY(QFile::exists(QDir(rig.opt.uploadedDir).filePath(ticket->batchId + QStringLiteral(".zip"))));
        QCOMPARE(rig.emu.received().first().rows, 1);
        // Adopted once only.
        QVERIFY(rig.uploader->recover().ok());
        QCOMPARE(rig.queue().size(), 1);
    }

    void oneUploaderPerQueue()
    {
        Rig rig(*m_sshd);
        Uploader second(rig.recorder, rig.recorder.storePath(), rig.opt,
                        std::make_unique<ScpTransport>(rig.dir.filePath(QStringLiteral("known_hosts")), 5));
        const Status s = second.recover();
        QVERIFY(!s.ok());
        QVERIFY2(s.error().contains(
                     QStringLiteral("another uploader (pid %1)").arg(QCoreApplication::applicationPid())),
                 qPrintable(s.error()));
        QCOMPARE(second.runCycle(QDateTime::currentMSecsSinceEpoch(), true).size(), 1);
    }

    void deleteReadingOnZipDeletesExactlyTheBatched()
    {
        Rig rig(*m_sshd, true);
        const qint64 start = QDateTime::currentMSecsSinceEpoch() - 3600'000;
        const NodeChannels ids = test::recordOpcN3Readings(rig.recorder, 25, start);
        // Another node's readings, interleaved in seq, must survive.
        rig.recorder.submit(Sample{start, ids.channels[0] + 1000, 1.0});
        auto other = rig.recorder.registerNode(
            {QStringLiteral("other:1"),
             QStringLiteral("other"),
             QStringLiteral("x"),
             {{QStringLiteral("v"), QStringLiteral("voltage"), QStringLiteral("V"), QStringLiteral("1")}},
             QString()});
        rig.recorder.submit(Sample{start, other->channels[0], 42.0});
        rig.recorder.flush();
        rig.uploader->runCycle(QDateTime::currentMSecsSinceEpoch(), true);
        qint64 opcLeft = -1, otherLeft = -1;
        rig.recorder.run([&](Store& s) {
            QSqlQuery q(s.db());
            q.exec(QStringLiteral(
                "SELECT COUNT(*) FROM readings r JOIN channels c ON c.id = r.channel_id JOIN nodes n "
                "ON n.id = c.node_id WHERE n.kind = 'opcn3'"));
            q.next();
            opcLeft = q.value(0).toLongLong();
            q.exec(QStringLiteral("SELECT COUNT(*) FROM readings WHERE channel_id = %1")
                       .arg(other->channels[0]));
            q.next();
            otherLeft = q.value(0).toLongLong();
            return Status();
        });
        QCOMPARE(opcLeft, qint64(0));
        QCOMPARE(otherLeft, qint64(1));
        QCOMPARE(rig.queue().first().rows, 25);
    }
};

QTEST_GUILESS_MAIN(TestGascloud)
#include "tst_gascloud.moc"
