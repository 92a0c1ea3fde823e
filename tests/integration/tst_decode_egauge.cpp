// The eGauge commands from the outside. `decode egauge FILE`: the composed samples give the rates
// their comment states, the delta sample the same output, a bad answer one line on stderr, exit 1.
// `sim egauge`: a meter on the port it prints, behind Digest auth, whose answer decodes.
#include "CliRun.h"

#include <QAuthenticator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTest>
#include <QTimer>

using namespace fs::test;

namespace {

// The sample's comment, newest first: CT1_Amperage A, L1_Voltage V, TEST_YK W.
const char* const kTimes[5] = {"2019-07-09T15:42:00Z", "2019-07-09T15:41:59Z", "2019-07-09T15:41:58Z",
                               "2019-07-09T15:41:57Z", "2019-07-09T15:41:56Z"};
const double kRates[5][3] = {{4.198, 230.095, 961},
                             {4.205, 230.110, 965},
                             {4.230, 230.150, 970},
                             {4.190, 230.080, 962},
                             {4.210, 230.120, 966}};

} // namespace

class TestDecodeEgauge : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void sampleGivesCommentedRates()
    {
        const Run r = run({QStringLiteral("decode"), QStringLiteral("egauge"),
                           dataPath(QStringLiteral("egauge-show_S_s0_n6.xml"))});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.isEmpty(), r.err.constData());
        // The first object exactly as the issue writes it.
        QVERIFY2(r.out.contains(
                     "{\"time\": \"2019-07-09T15:42:00Z\", \"register\": \"CT1_Amperage\", \"type\": \"I\", "
                     "\"unit\": \"A\", \"value\": 4.198}"),
                 r.out.constData());
        QJsonParseError pe;
        const QJsonArray a = QJsonDocument::fromJson(r.out, &pe).array();
        QCOMPARE(pe.error, QJsonParseError::NoError);
        QCOMPARE(a.size(), 15);
        const char* const names[3] = {"CT1_Amperage", "L1_Voltage", "TEST_YK"};
        const char* const units[3] = {"A", "V", "W"};
        for (int k = 0; k < 5; ++k) {
            for (int c = 0; c < 3; ++c) {
                const QJsonObject o = a[k * 3 + c].toObject();
                QCOMPARE(o.value(u"time").toString(), QLatin1String(kTimes[k]));
                QCOMPARE(o.value(u"register").toString(), QLatin1String(names[c]));
                QCOMPARE(o.value(u"unit").toString(), QLatin1String(units[c]));
                QCOMPARE(o.value(u"value").toDouble(), kRates[k][c]); // exact: printed shortest, read back
                QCOMPARE(o.keys().size(), 5);
            }
        }
    }

    void deltaSampleSameOutput()
    {
        const Run plain = run({QStringLiteral("decode"), QStringLiteral("egauge"),
                               dataPath(QStringLiteral("egauge-show_S_s0_n6.xml"))});
        const Run delta = run({QStringLiteral("decode"), QStringLiteral("egauge"),
                               dataPath(QStringLiteral("egauge-show_S_C_delta.xml"))});
        QCOMPARE(delta.code, 0);
        QCOMPARE(delta.out, plain.out);
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QByteArray shortRow = readData(QStringLiteral("egauge-show_S_s0_n6.xml"));
        shortRow.replace("<c>81234576290</c>", "");
        QTest::newRow("short row") << shortRow << "data 1, row 4: 2 cells, expected 3";
        QTest::newRow("instantaneous answer")
            << readData(QStringLiteral("egauge_inst_tot.xml")) << "root element <data>, expected <group>";
        QTest::newRow("html") << QByteArray("<html><body>Login</body></html>") << "root element <html>";
        QTest::newRow("not XML") << QByteArray("garbage") << "bad XML at line 1";
    }
    void errors()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const Run r =
            run({QStringLiteral("decode"), QStringLiteral("egauge"), writeFile(m_dir, "bad.xml", content)});
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.contains(expected.toUtf8()), r.err.constData());
        QVERIFY(r.err.contains("bad.xml"));
    }

    void missingFileAndUsage()
    {
        Run r = run({QStringLiteral("decode"), QStringLiteral("egauge"), QStringLiteral("/nonexistent.xml")});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains("/nonexistent.xml"));
        r = run({QStringLiteral("decode"), QStringLiteral("egauge")});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains("usage: fieldstation decode egauge FILE"));
        r = run({QStringLiteral("decode"), QStringLiteral("egauge"), QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("fieldstation decode egauge FILE"));
    }

    void simEgaugeServesWithDigest()
    {
        QProcess sim;
        sim.start(QStringLiteral(FS_BINARY),
                  {QStringLiteral("sim"), QStringLiteral("egauge"), QStringLiteral("--user"),
                   QStringLiteral("owner"), QStringLiteral("--password"), QStringLiteral("pw")});
        QVERIFY(sim.waitForStarted(timeoutMs(10000)));
        QByteArray first;
        QElapsedTimer waited;
        waited.start();
        while (!first.contains('\n') && waited.elapsed() < timeoutMs(20000)) {
            sim.waitForReadyRead(500);
            first += sim.readAllStandardOutput();
        }
        const QByteArray prefix = "eGauge emulator: ";
        QVERIFY2(first.startsWith(prefix), first.constData());
        const QString url = QString::fromUtf8(first.mid(prefix.size()).split(' ').first());

        QNetworkAccessManager nam;
        int asks = 0;
        connect(&nam, &QNetworkAccessManager::authenticationRequired, this,
                [&asks](QNetworkReply*, QAuthenticator* a) {
                    if (++asks > 1)
                        return;
                    a->setUser(QStringLiteral("owner"));
                    a->setPassword(QStringLiteral("pw"));
                });
        QNetworkRequest req{QUrl(url + QStringLiteral("?S&s=0&n=6"))};
        req.setTransferTimeout(timeoutMs(10000));
        QNetworkReply* reply = nam.get(req);
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(asks, 1);
        const QString answer = writeFile(m_dir, "sim.xml", reply->readAll());
        reply->deleteLater();
        sim.kill(); // our own child, by its handle
        sim.waitForFinished(timeoutMs(10000));

        const Run decoded = run({QStringLiteral("decode"), QStringLiteral("egauge"), answer});
        QCOMPARE(decoded.code, 0);
        const QJsonArray values = QJsonDocument::fromJson(decoded.out).array();
        QCOMPARE(values.size(), 5 * 13); // 6 rows give 5 rates of the house's 13 registers
        QCOMPARE(values[0].toObject().value(u"register").toString(), QStringLiteral("L1_Voltage"));
        const double volts = values[0].toObject().value(u"value").toDouble();
        QVERIFY2(volts > 225 && volts < 235, qPrintable(QString::number(volts)));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestDecodeEgauge)
#include "tst_decode_egauge.moc"
