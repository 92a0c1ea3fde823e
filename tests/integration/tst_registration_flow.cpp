// tst_registration_flow: the wizard's flow against the in-process gascloud emulator: a good PIN registers
// and starts the station's uploader without a restart; a bad PIN, no server and a server error fail
// with the right words; digits only; never two registrations at once.
#include "RegistrationFlow.h"
#include "Station.h"
#include "TestSupport.h"
#include "sim/GascloudEmulator.h"
#include "sinks/gascloud/GascloudSetup.h"
#include "sinks/gascloud/Registration.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace fs;

class TstRegistrationFlow : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<GascloudEmulator> m_cloud;

    Settings settings() const
    {
        Settings s;
        s.station.name = QStringLiteral("roof-box");
        s.station.secrets = StationSettings::Secrets::File;
        s.station.dataDir = m_dir->filePath(QStringLiteral("data"));
        s.gascloud.enabled = true;
        s.gascloud.api = m_cloud->apiUrl();
        s.gascloud.allowInsecureHttp = true;
        s.gascloud.requestTimeoutS = 5;
        return s;
    }

    RegistrationFlow::Setup setup(const Settings& s) const
    {
        return {s.gascloud.api, s.gascloud.requestTimeoutS, s.gascloud.allowInsecureHttp, s.station.name,
                gascloud::secretStore(s, s.station.dataDir, false, false)};
    }

    static void type(RegistrationFlow& flow, const QString& digits)
    {
        for (const QChar c : digits)
            flow.appendDigit(QString(c));
    }

    static void waitForEnd(RegistrationFlow& flow)
    {
        QTRY_VERIFY_WITH_TIMEOUT(flow.step() == RegistrationFlow::Done ||
                                     flow.step() == RegistrationFlow::Failed,
                                 test::timeoutMs(15000));
    }

    /// The PIN step, `pin`, submit, and the answer.
    static void attempt(RegistrationFlow& flow, const QString& pin)
    {
        flow.start();
        type(flow, pin);
        flow.submit();
        waitForEnd(flow);
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        GascloudEmulator::Options o;
        o.inboxRoot = m_dir->filePath(QStringLiteral("inbox"));
        o.strict = true;
        m_cloud = std::make_unique<GascloudEmulator>(o);
        QVERIFY(m_cloud->listen(QHostAddress::LocalHost, 0));
    }
    void cleanup()
    {
        m_cloud.reset();
        m_dir.reset();
    }

    void goodPinRegistersAndStartsTheUploader()
    {
        const Settings s = settings();
        Station station(s, {false, QString(), false});
        QVERIFY(station.start());
        QVERIFY(!station.uploader());
        QVERIFY2(station.uploaderProblem().contains(QStringLiteral("not registered")),
                 qPrintable(station.uploaderProblem()));
        QSignalSpy changed(&station, &Station::uploaderChanged);

        RegistrationFlow flow(setup(s));
        // As app/main.cpp wires them.
        connect(
            &flow, &RegistrationFlow::registered, &station,
            [&] {
                const Status st = station.enableUploader();
                flow.setUploaderState(st.ok(), st.error());
            },
            Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(!flow.deviceId().isEmpty(), test::timeoutMs(5000));
        QCOMPARE(flow.stationName(), QStringLiteral("roof-box"));
        QCOMPARE(flow.step(), RegistrationFlow::Intro);
        flow.start();
        QCOMPARE(flow.step(), RegistrationFlow::Pin);
        QVERIFY(!flow.canSubmit());
        type(flow, QStringLiteral("1234"));
        QVERIFY(flow.canSubmit());
        flow.submit();
        QCOMPARE(flow.step(), RegistrationFlow::Working);
        waitForEnd(flow);
        QCOMPARE(flow.step(), RegistrationFlow::Done);
        QCOMPARE(flow.resultText(), QStringLiteral("This station is registered with gascloud."));
        QVERIFY(flow.storedWhere().startsWith(s.station.dataDir));
        QCOMPARE(flow.pinLength(), 0); // the PIN is gone once used

        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, test::timeoutMs(5000));
        QVERIFY(station.uploader());
        QVERIFY(station.uploaderProblem().isEmpty());
        bool uploaderThread = false;
        for (QThread* t : station.workerThreads())
            uploaderThread = uploaderThread || t->objectName() == QLatin1String("uploader");
        QVERIFY(uploaderThread);
        QCOMPARE(flow.uploadText(), QStringLiteral("Uploads run now; the queue is on the Uploads page."));
        QCOMPARE(gatewayKey(setup(s).secrets).value(), m_cloud->options().pins.value(QStringLiteral("1234")));

        QVERIFY(station.enableUploader()); // running: nothing more starts
        QCOMPARE(changed.count(), 1);
        station.stop();
    }

    void badPinFailsInWords()
    {
        RegistrationFlow flow(setup(settings()));
        QSignalSpy registered(&flow, &RegistrationFlow::registered);
        attempt(flow, QStringLiteral("9999"));
        QCOMPARE(flow.step(), RegistrationFlow::Failed);
        QCOMPARE(flow.resultText(), QStringLiteral("The PIN was not accepted. Check it and try again."));
        QVERIFY2(flow.detail().contains(QStringLiteral("HTTP 403")), qPrintable(flow.detail()));
        QCOMPARE(registered.count(), 0);
        QVERIFY(!gatewayKey(setup(settings()).secrets));
        // Back to the PIN, kept for a correction.
        flow.back();
        QCOMPARE(flow.step(), RegistrationFlow::Pin);
        QCOMPARE(flow.pinLength(), 4);
    }

    void noServerFailsInWords()
    {
        QTcpServer probe; // a port where nothing listens
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        Settings s = settings();
        s.gascloud.api = QStringLiteral("http://127.0.0.1:%1/api/v1").arg(port);
        RegistrationFlow flow(setup(s));
        attempt(flow, QStringLiteral("1234"));
        QCOMPARE(flow.step(), RegistrationFlow::Failed);
        QCOMPARE(flow.resultText(),
                 QStringLiteral("The gascloud server could not be reached. Is the network connected?"));
        QVERIFY2(flow.detail().startsWith(QStringLiteral("registration failed:")), qPrintable(flow.detail()));
    }

    void serverErrorFailsInWords()
    {
        m_cloud->injectFault(GascloudEmulator::Fault::ServerError);
        RegistrationFlow flow(setup(settings()));
        attempt(flow, QStringLiteral("1234"));
        QCOMPARE(flow.step(), RegistrationFlow::Failed);
        QCOMPARE(flow.resultText(),
                 QStringLiteral("The gascloud server has a problem (HTTP 500). Try again later."));
    }

    void neverSubmittedTwice()
    {
        // One server error waits for the first request: a second request would get the key.
        m_cloud->injectFault(GascloudEmulator::Fault::ServerError);
        RegistrationFlow flow(setup(settings()));
        QSignalSpy registered(&flow, &RegistrationFlow::registered);
        flow.start();
        type(flow, QStringLiteral("1234"));
        flow.submit();
        QVERIFY(!flow.canSubmit());
        flow.submit();
        flow.appendDigit(QStringLiteral("5")); // no typing while it works
        QCOMPARE(flow.pinLength(), 4);
        waitForEnd(flow);
        QTest::qWait(200); // a second answer would arrive now
        QCOMPARE(flow.step(), RegistrationFlow::Failed);
        QCOMPARE(registered.count(), 0);
        QVERIFY(!gatewayKey(setup(settings()).secrets));
    }

    void aRenamedStationRegistersUnderItsNewName()
    {
        RegistrationFlow flow(setup(settings()));
        QSignalSpy renamed(&flow, &RegistrationFlow::stationNameChanged);
        flow.setStationName(QStringLiteral("attic"));
        QCOMPARE(renamed.count(), 1);
        QCOMPARE(flow.stationName(), QStringLiteral("attic"));
        flow.setStationName(QStringLiteral("attic"));
        QCOMPARE(renamed.count(), 1);
    }

    void digitsOnlyAndMasked()
    {
        RegistrationFlow flow(setup(settings()));
        flow.appendDigit(QStringLiteral("1")); // not on the PIN step yet
        QCOMPARE(flow.pinLength(), 0);
        flow.start();
        for (const QString& refused : {QStringLiteral("a"), QStringLiteral("12"), QStringLiteral(""),
                                       QStringLiteral("\u0663"), QStringLiteral(" "), QStringLiteral("-")})
            flow.appendDigit(refused);
        QCOMPARE(flow.pinLength(), 0);
        type(flow, QStringLiteral("123456789"));
        QCOMPARE(flow.pinLength(), RegistrationFlow::maxLength());
        QVERIFY(flow.masked());
        QCOMPARE(flow.shownPin(), QString(8, QChar(0x25CF)));
        flow.setMasked(false);
        QCOMPARE(flow.shownPin(), QStringLiteral("12345678"));
        flow.backspace();
        QCOMPARE(flow.shownPin(), QStringLiteral("1234567"));
        flow.clear();
        QCOMPARE(flow.pinLength(), 0);
        type(flow, QStringLiteral("123"));
        QVERIFY(!flow.canSubmit()); // 4 digits at least
        flow.submit();
        QCOMPARE(flow.step(), RegistrationFlow::Pin);
        // The PIN is no property QML could read.
        const QMetaObject* mo = flow.metaObject();
        for (int i = 0; i < mo->propertyCount(); ++i)
            QVERIFY2(flow.property(mo->property(i).name()).toString() != QLatin1String("123"),
                     mo->property(i).name());
    }

    void explainsEveryKindOfError_data()
    {
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("words");
        QTest::newRow("401") << "registration refused (HTTP 401): no"
                             << "The PIN was not accepted. Check it and try again.";
        QTest::newRow("404") << "registration refused (HTTP 404): gone"
                             << "The gascloud server refused the registration (HTTP 404).";
        QTest::newRow("503") << "registration refused (HTTP 503): busy"
                             << "The gascloud server has a problem (HTTP 503). Try again later.";
        QTest::newRow("json") << "registration answer is not JSON (x at byte 0): y"
                              << "The gascloud server gave an answer this station does not understand.";
        QTest::newRow("store") << "registered, but the key could not be stored: disk"
                               << "Registered, but the key could not be stored on this station.";
        QTest::newRow("no api") << "no gascloud API is set (gascloud.api in the settings)"
                                << "The registration could not be sent.";
    }
    void explainsEveryKindOfError()
    {
        QFETCH(QString, error);
        QFETCH(QString, words);
        QCOMPARE(RegistrationFlow::explain(error), words);
    }
};

QTEST_GUILESS_MAIN(TstRegistrationFlow)
#include "tst_registration_flow.moc"
