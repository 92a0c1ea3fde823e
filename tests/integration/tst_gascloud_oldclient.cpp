// The old batonopc client (readings.csv era) against the emulator, replayed request by request from
// the protocol note (B.1, B.3, C.1), not from its code: lenient by default, as the real service
// evidently was, and refused by --strict. And its unsent batches adopted by FieldStation's uploader.
#include "GascloudOptions.h"
#include "TestSupport.h"
#include "sim/GascloudEmulator.h"
#include "sim/GascloudInbox.h"
#include "sinks/gascloud/BatchBuilder.h"
#include "sinks/gascloud/BatchFiles.h"
#include "sinks/gascloud/Uploader.h"
#include "store/Recorder.h"

#include <QDir>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

using namespace fs;

namespace {

const QString kKey = QStringLiteral("a1b2c3d4e5f60718293a");

/// What the old client left in its pending folder for one batch: <ref>.zip (the readings.csv,
/// moved, and the meta YAML) and the payload <ref>.yaml written over the meta's name.
struct OldBatch
{
    QString ref, zip, payload;
    int rows = 0;
};

OldBatch writeOldBatch(const QString& pending, const QByteArray& eol, int seq = 3)
{
    QDir().mkpath(pending);
    OldBatch b;
    b.ref = QStringLiteral("%1_%2_20201019100500").arg(kKey).arg(seq, 6, 10, QLatin1Char('0'));
    // readings.csv: a 5-column header, a start marker, then 7-field rows every 60 s.
    QByteArray csv = "rtype,seconds,value1,value2,value3" + eol + "0,2020-10-19T10:00:00.412345,,," + eol;
    for (int i = 0; i < 4; ++i)
        csv += "10," + QByteArray::number(60.02 + 60 * i, 'f', 2) + ",21.3,45.1,1.2,3.4,5.6" + eol;
    b.rows = 4;
    const QByteArray meta =
        "source: Raspberry PI\nsource_ref: " + b.ref.toUtf8() +
        "\nversion: 1.3 Dec 2020\nfilelist:\n- /home/pi/batonopc/pending/" + b.ref.toUtf8() +
        ".csv\n- /home/pi/batonopc/pending/" + b.ref.toUtf8() +
        ".yaml\nbatch_type: OPC\nbatch_mode: LIVE\ndevice_id: " + kKey.toUtf8() +
        "\ntimestamp: 2020-10-19 10:05:00\ngadget_id: opc-12\nreading_from: 0\nreading_to: 1\n";
    b.zip = QDir(pending).filePath(b.ref + QStringLiteral(".zip"));
    QuaZip z(b.zip);
    z.open(QuaZip::mdCreate);
    for (const auto& [name, bytes] :
         {std::pair{b.ref + QStringLiteral(".csv"), csv}, std::pair{b.ref + QStringLiteral(".yaml"), meta}}) {
        QuaZipFile f(&z);
        f.open(QIODevice::WriteOnly, QuaZipNewInfo(name));
        f.write(bytes);
        f.close();
    }
    z.close();
    // The payload: no gadget_id in this era, the MD5 of nothing, the size in bytes.
    b.payload = QDir(pending).filePath(b.ref + QStringLiteral(".yaml"));
    QFile p(b.payload);
    p.open(QIODevice::WriteOnly);
    p.write("key: " + kKey.toUtf8() + "\nsource_ref: " + b.ref.toUtf8() + "\nfilelist: " + b.ref.toUtf8() +
            ".csv," + b.ref.toUtf8() + ".yaml\nbatch_type: OPC\nbatch_mode: LIVE\nzip_size: " +
            QByteArray::number(QFileInfo(b.zip).size()) + "\nzip_md5: d41d8cd98f00b204e9800998ecf8427e\n");
    return b;
}

struct Answer
{
    int status = 0;
    QJsonObject body;
};

/// One request as python-requests sends it: form fields with '+' for spaces, a raw Authorization.
Answer send(const QString& url, const QList<QPair<QString, QString>>* form, const QByteArray& authorization)
{
    QNetworkAccessManager nam;
    QNetworkRequest req{QUrl(url)};
    req.setRawHeader("Authorization", authorization);
    QNetworkReply* r = nullptr;
    if (form) {
        QUrlQuery q;
        for (const auto& [k, v] : *form)
            q.addQueryItem(k, QString(v).replace(QLatin1Char(' '), QLatin1Char('+')));
        req.setHeader(QNetworkRequest::ContentTypeHeader,
                      QStringLiteral("application/x-www-form-urlencoded"));
        r = nam.post(req, q.toString(QUrl::FullyEncoded).toUtf8());
    } else {
        r = nam.get(req);
    }
    QEventLoop loop;
    QObject::connect(r, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    r->deleteLater();
    return {r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
            QJsonDocument::fromJson(r->readAll()).object()};
}

QList<QPair<QString, QString>> payloadOf(const OldBatch& b)
{
    auto p = batchfiles::readPayload(b.payload);
    if (p)
        return p.value();
    // readPayload wants a gadget_id; the old payload has none: read the keys it has.
    QList<QPair<QString, QString>> out;
    QFile f(b.payload);
    f.open(QIODevice::ReadOnly);
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.contains(':'))
            out.append({QString::fromUtf8(line.left(line.indexOf(':'))),
                        QString::fromUtf8(line.mid(line.indexOf(':') + 1)).trimmed()});
    }
    return out;
}

/// The old client's SCP, as a copy: where a ticket sends the zip, under the batch id.
void deliver(const GascloudEmulator& emu, const OldBatch& b, const QString& batchId)
{
    const QString inbox = QDir(emu.options().inboxRoot).filePath(kKey + QStringLiteral("/inbox"));
    QDir().mkpath(inbox);
    QFile::copy(b.zip, QDir(inbox).filePath(batchId + QStringLiteral(".zip")));
}

} // namespace

class TestGascloudOldClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lenientEmulatorTakesTheOldClient_data()
    {
        QTest::addColumn<QByteArray>("eol");
        QTest::newRow("CRLF") << QByteArray("\r\n");
        QTest::newRow("LF") << QByteArray("\n");
    }
    void lenientEmulatorTakesTheOldClient()
    {
        QFETCH(QByteArray, eol);
        QTemporaryDir dir;
        GascloudEmulator::Options o;
        o.inboxRoot = dir.filePath(QStringLiteral("inbox"));
        GascloudEmulator emu(o);
        QVERIFY(emu.listen(QHostAddress::LocalHost, 0).ok());
        const OldBatch b = writeOldBatch(dir.filePath(QStringLiteral("pending")), eol);
        const auto form = payloadOf(b);
        // The f-string bug: the header is the template text itself.
        const Answer ticket =
            send(emu.apiUrl() + QStringLiteral("/quarantine_request/"), &form, "Bearer {self.device_key}");
        QCOMPARE(ticket.status, 200);
        const QString batchId = ticket.body.value(QLatin1String("batchid")).toString();
        QCOMPARE(batchId.size(), 32);
        deliver(emu, b, batchId);
        // The status poll's header was right in the old client.
        const Answer status = send(emu.apiUrl() + QStringLiteral("/upload_status/%1/").arg(batchId), nullptr,
                                   "Bearer " + kKey.toUtf8());
        QCOMPARE(status.status, 200);
        QCOMPARE(status.body.value(QLatin1String("status")).toString(), QStringLiteral("Unprocessed"));
        const auto got = emu.received();
        QCOMPARE(got.size(), 1);
        QCOMPARE(got.first().rows, b.rows); // the start marker is not a reading
        QCOMPARE(got.first().layout, QStringLiteral("readings.csv"));
        QCOMPARE(got.first().sourceRef, b.ref);
        // Each leniency is in the log, named.
        const QString warnings = emu.warnings().join(QLatin1Char('\n'));
        QVERIFY2(warnings.contains(QStringLiteral("identified by the key field")), qPrintable(warnings));
        QVERIFY2(warnings.contains(QStringLiteral("MD5 of nothing")), qPrintable(warnings));
        QVERIFY2(warnings.contains(QStringLiteral("no gadget_id")), qPrintable(warnings));
        QVERIFY2(warnings.contains(QStringLiteral("old readings.csv layout")), qPrintable(warnings));
        QVERIFY2(warnings.contains(QStringLiteral("row 3 has 7 fields, the header 5")), qPrintable(warnings));
        QCOMPARE(warnings.contains(QStringLiteral("CRLF line ends (first at line 1)")), eol == "\r\n");
    }

    void rowsAreCountedInEveryLayout_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("layout");
        QTest::addColumn<int>("rows");
        QTest::addColumn<QStringList>("warnings"); // what the lenient count says, in order
        QTest::newRow("readings.csv, CRLF")
            << QByteArray("rtype,seconds,value1,value2,value3\r\n0,2020-10-19T10:00:00,,,\r\n"
                          "10,60.0,21.3,45.1,1.2,3.4,5.6\r\n10,120.0,21.4,45.0,1.1,3.3,5.5\r\n")
            << QStringLiteral("readings.csv") << 2
            << QStringList{QStringLiteral("CRLF line ends (first at line 1)"),
                           QStringLiteral("old readings.csv layout"),
                           QStringLiteral("row 3 has 7 fields, the header 5")};
        QTest::newRow("sqlite, full")
            << QByteArray("rdg_no,timestamp,gadget_id,temp,rh,pm_01,pm_25,pm_10,bin_0\n"
                          "1,2021-03-01 10:00,g,20.1,40,1,2,3,17\n2,2021-03-01 10:01,g,20.1,40,1,2,3,18\n"
                          "3,2021-03-01 10:02,g,20.2,41,1,2,3,19\n")
            << QStringLiteral("sqlite") << 3 << QStringList{QStringLiteral("old sqlite layout")};
        QTest::newRow("sqlite, raw_data")
            << QByteArray("rdg_no,timestamp,gadget_id,temp,rh,pm_01,pm_25,pm_10,raw_data\n"
                          "1,2021-03-01 10:00,g,20.1,40,1,2,3,\"{}\"\n")
            << QStringLiteral("sqlite") << 1 << QStringList{QStringLiteral("old sqlite layout")};
        QTest::newRow("sqlite, blank header (HEAD's bug)")
            << QByteArray("\r\n1,2021-03-01 10:00,g,20.1\r\n2,2021-03-01 10:01,g,20.2\r\n")
            << QStringLiteral("headerless") << 2
            << QStringList{QStringLiteral("CRLF line ends (first at line 1)"),
                           QStringLiteral("no known layout")};
        QTest::newRow("alphasense") << QByteArray("DateTime,0.35,0.46\n2021-01-01 00:00:00,3,4\n")
                                    << QStringLiteral("alphasense") << 1
                                    << QStringList{QStringLiteral("old alphasense layout")};
    }
    void rowsAreCountedInEveryLayout()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QString, layout);
        QFETCH(int, rows);
        QFETCH(QStringList, warnings);
        const auto lenient = gascloudinbox::countRows(csv, false);
        QVERIFY2(lenient.problem.isEmpty(), qPrintable(lenient.problem));
        QCOMPARE(lenient.layout, layout);
        QCOMPARE(lenient.rows, rows);
        const QString said = lenient.warnings.join(QLatin1Char('\n'));
        QCOMPARE(lenient.warnings.size(), warnings.size());
        for (qsizetype i = 0; i < warnings.size(); ++i)
            QVERIFY2(lenient.warnings[i].contains(warnings[i]), qPrintable(said));
        const auto strict = gascloudinbox::countRows(csv, true);
        QVERIFY2(strict.problem.contains(QStringLiteral("not the canonical")), qPrintable(strict.problem));
    }

    void canonicalCsvWithCrlfIsWarnedOfOrRefused()
    {
        QByteArray header = batchCsvHeader();
        const int width = int(header.count(',')) + 1;
        const QByteArray row = "2021-01-01T00:00:00Z,g1" + QByteArray(width - 2, ',');
        const QByteArray lf = header + row + '\n';
        QByteArray crlf = lf;
        crlf.replace("\n", "\r\n");
        for (bool strict : {false, true}) {
            const auto plain = gascloudinbox::countRows(lf, strict);
            QVERIFY2(plain.problem.isEmpty(), qPrintable(plain.problem));
            QCOMPARE(plain.rows, 1);
            QVERIFY2(plain.warnings.isEmpty(), qPrintable(plain.warnings.join('\n')));
        }
        const auto lenient = gascloudinbox::countRows(crlf, false);
        QVERIFY2(lenient.problem.isEmpty(), qPrintable(lenient.problem));
        QCOMPARE(lenient.layout, QStringLiteral("canonical"));
        QCOMPARE(lenient.rows, 1);
        QCOMPARE(lenient.warnings,
                 QStringList{QStringLiteral("CRLF line ends (first at line 1); the canonical CSV uses LF")});
        const auto strict = gascloudinbox::countRows(crlf, true);
        QCOMPARE(strict.problem, QStringLiteral("line 1 ends in CRLF; the canonical CSV ends lines in LF"));
    }

    void strictEmulatorRefusesTheOldClient()
    {
        QTemporaryDir dir;
        GascloudEmulator::Options o;
        o.inboxRoot = dir.filePath(QStringLiteral("inbox"));
        o.strict = true;
        GascloudEmulator emu(o);
        QVERIFY(emu.listen(QHostAddress::LocalHost, 0).ok());
        const OldBatch b = writeOldBatch(dir.filePath(QStringLiteral("pending")), "\r\n");
        auto form = payloadOf(b);
        const QString url = emu.apiUrl() + QStringLiteral("/quarantine_request/");
        QCOMPARE(send(url, &form, "Bearer {self.device_key}").status, 401);
        // With the header mended, the MD5 of nothing and the missing gadget_id are still refused.
        const Answer bad = send(url, &form, "Bearer " + kKey.toUtf8());
        QCOMPARE(bad.status, 400);
        const QJsonObject errors = bad.body.value(QLatin1String("errors")).toObject();
        QVERIFY(errors.contains(QLatin1String("zip_md5")));
        QVERIFY(errors.contains(QLatin1String("gadget_id")));
        // With a real MD5 and a gadget, the request passes, but the readings.csv layout does not.
        for (auto& [k, v] : form) {
            if (k == QLatin1String("zip_md5"))
                v = batchfiles::md5Of(b.zip).value();
        }
        form.append({QStringLiteral("gadget_id"), QStringLiteral("opc-12")});
        const Answer ticket = send(url, &form, "Bearer " + kKey.toUtf8());
        QCOMPARE(ticket.status, 200);
        const QString batchId = ticket.body.value(QLatin1String("batchid")).toString();
        deliver(emu, b, batchId);
        const Answer status = send(emu.apiUrl() + QStringLiteral("/upload_status/%1/").arg(batchId), nullptr,
                                   "Bearer " + kKey.toUtf8());
        QCOMPARE(status.body.value(QLatin1String("status")).toString(), QStringLiteral("Rejected"));
        QVERIFY2(emu.received().first().problem.contains(QStringLiteral("not the canonical")),
                 qPrintable(emu.received().first().problem));
        QVERIFY(emu.warnings().isEmpty());
    }

    void unsentOldBatchesAreAdoptedAndSent()
    {
        QTemporaryDir dir;
        GascloudEmulator::Options eo;
        eo.inboxRoot = dir.filePath(QStringLiteral("inbox"));
        GascloudEmulator emu(eo);
        QVERIFY(emu.listen(QHostAddress::LocalHost, 0).ok());
        Recorder recorder(dir.filePath(QStringLiteral("store.db")));
        QVERIFY(recorder.start().ok());
        Uploader::Options opt = test::uploaderOptions(dir, emu.apiUrl(), kKey);
        opt.requestTimeoutS = 5;
        opt.builder.gadgetId = QStringLiteral("opc-12");
        const OldBatch b = writeOldBatch(opt.pendingDir, "\r\n", 7);
        const QString md5 = batchfiles::md5Of(b.zip).value();
        Uploader uploader(recorder, recorder.storePath(), opt,
                          std::make_unique<LocalTransport>(QStringLiteral("/")));
        QVERIFY(uploader.recover().ok());
        auto q = uploader.snapshot();
        QCOMPARE(q.size(), 1);
        QCOMPARE(q.first().sourceRef, b.ref);
        QCOMPARE(toString(q.first().state), toString(UploadBatch::State::Pending));
        // The payload now carries the zip's real MD5 and a gadget id.
        const auto payload = batchfiles::readPayload(b.payload);
        QVERIFY2(payload.ok(), qPrintable(payload.error()));
        QVERIFY(payload->contains({QStringLiteral("zip_md5"), md5}));
        QVERIFY(payload->contains({QStringLiteral("gadget_id"), QStringLiteral("opc-12")}));
        QCOMPARE(QFileInfo(b.payload).permissions() & (QFile::ReadOther | QFile::ReadGroup),
                 QFile::Permissions());
        for (int i = 0; i < 4 && uploader.snapshot().first().state != UploadBatch::State::Uploaded; ++i)
            uploader.runCycle(QDateTime::currentMSecsSinceEpoch() + i * 60'000, false);
        QCOMPARE(toString(uploader.snapshot().first().state), toString(UploadBatch::State::Uploaded));
        const auto got = emu.received();
        QCOMPARE(got.size(), 1);
        QCOMPARE(got.first().sourceRef, b.ref);
        QCOMPARE(got.first().md5, md5);
        QCOMPARE(got.first().rows, b.rows);
        QVERIFY(!emu.warnings().join(QLatin1Char(' ')).contains(QStringLiteral("MD5 of nothing")));
        // Adopted once only.
        QVERIFY(uploader.recover().ok());
        QCOMPARE(uploader.snapshot().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestGascloudOldClient)
#include "tst_gascloud_oldclient.moc"
