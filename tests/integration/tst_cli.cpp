// The fieldstation binary from the outside: decode, --version, every command's --help, settings
// errors, and a headless demo run stopped by SIGTERM with its readings flushed.
#include "CliRun.h"
#include "TestSupport.h"
#include "config/SecretStore.h"
#include "config/Settings.h"
#include "store/Store.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace fs;
using namespace fs::test;

namespace {

/// The command words of each form in the "Commands" block of `fieldstation --help`: the leading
/// lower-case words before the arguments ("import cogent synchronise.conf" → import cogent).
QList<QStringList> helpCommandForms(const QString& help)
{
    QList<QStringList> forms;
    const qsizetype at = help.indexOf(QStringLiteral("\nCommands"));
    if (at < 0)
        return forms;
    const QStringList lines = help.mid(at + 1).split(QLatin1Char('\n')).mid(1);
    static const QRegularExpression word(QStringLiteral("^[a-z][a-z0-9]*$"));
    for (const QString& line : lines) {
        if (line.trimmed().isEmpty())
            break;
        if (!line.startsWith(QLatin1String("  ")) || line.startsWith(QLatin1String("   ")))
            continue; // a summary on a line of its own
        const QString usage = line.trimmed().split(QRegularExpression(QStringLiteral("\\s{2,}"))).first();
        QStringList words;
        for (const QString& w : usage.split(QLatin1Char(' '))) {
            if (!word.match(w).hasMatch())
                break;
            words << w;
        }
        if (!words.isEmpty() && !forms.contains(words))
            forms << words;
    }
    return forms;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
private Q_SLOTS:
    void decodeSampleFrame()
    {
        const Run r = run({QStringLiteral("decode"), QStringLiteral("opcn3"),
                           test::dataPath(QStringLiteral("opcn3_histogram_frame.hex"))});
        QCOMPARE(r.code, 0);
        QVERIFY(r.err.isEmpty());
        QJsonParseError e;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out, &e);
        QVERIFY2(e.error == QJsonParseError::NoError, qPrintable(e.errorString()));
        const QJsonObject o = doc.object();
        QStringList keys = o.keys();
        QStringList expected = {"bins",
                                "mtof_us",
                                "sampling_period_s",
                                "flow_rate_ml_s",
                                "temperature_c",
                                "humidity_pct",
                                "pm1",
                                "pm2_5",
                                "pm10",
                                "reject_glitch",
                                "reject_long_tof",
                                "reject_ratio",
                                "reject_out_of_range",
                                "fan_rev_count",
                                "laser_status",
                                "counts_per_ml",
                                "crc"};
        keys.sort();
        expected.sort();
        QCOMPARE(keys, expected);
        QCOMPARE(o["bins"].toArray().size(), 24);
        QCOMPARE(o["bins"].toArray()[0].toInt(), 200);
        QCOMPARE(o["bins"].toArray()[4].toInt(), 1);
        QCOMPARE(o["mtof_us"].toArray().size(), 4);
        QCOMPARE(o["mtof_us"].toArray()[0].toDouble(), 10.0);
        QCOMPARE(o["sampling_period_s"].toDouble(), 1.0);
        QCOMPARE(o["flow_rate_ml_s"].toDouble(), 5.02);
        QVERIFY(qAbs(o["temperature_c"].toDouble() - 26.50) < 0.005);
        QVERIFY(qAbs(o["humidity_pct"].toDouble() - 29.60) < 0.005);
        QCOMPARE(o["pm1"].toDouble(), 3.459);
        QCOMPARE(o["pm2_5"].toDouble(), 3.858);
        QCOMPARE(o["pm10"].toDouble(), 3.866);
        QCOMPARE(o["reject_glitch"].toInt(), 6);
        QCOMPARE(o["reject_long_tof"].toInt(), 0);
        QCOMPARE(o["reject_ratio"].toInt(), 183);
        QCOMPARE(o["reject_out_of_range"].toInt(), 2);
        QCOMPARE(o["fan_rev_count"].toInt(), 0);
        QCOMPARE(o["laser_status"].toInt(), 604);
        QCOMPARE(o["counts_per_ml"].toArray().size(), 24);
        QVERIFY(qAbs(o["counts_per_ml"].toArray()[0].toDouble() - 200 / 5.02) < 1e-9);
        QCOMPARE(o["crc"].toString(), QStringLiteral("0xa0ce"));
    }

    void decodeRawFrameAndZeroFlow()
    {
        // An all-zero frame (raw bytes, not hex): flow × period is 0, so no concentrations.
        QByteArray zero(84, '\0');
        zero.append(QByteArray::fromHex("d21d"));
        const Run r =
            run({QStringLiteral("decode"), QStringLiteral("opcn3"), writeFile(m_dir, "zero.bin", zero)});
        QCOMPARE(r.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QVERIFY(o["counts_per_ml"].isNull());
        QCOMPARE(o["crc"].toString(), QStringLiteral("0x1dd2"));
    }

    void decodeErrors_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QByteArray frame = test::readData(QStringLiteral("opcn3_histogram_frame.hex"));
        QByteArray shortFrame = frame;
        shortFrame.replace("ce a0", "ce");
        QTest::newRow("85 bytes") << shortFrame << QStringLiteral("expected 86 bytes, found 85");
        QTest::newRow("87 bytes") << frame + " 00" << QStringLiteral("expected 86 bytes, found 87");
        QByteArray badCrc = frame;
        badCrc.replace("ce a0", "ce a1");
        QTest::newRow("bad CRC") << badCrc
                                 << QStringLiteral(
                                        "frame carries 0xa1ce (bytes 84–85), bytes 0–83 compute to 0xa0ce");
        QByteArray badHex = frame;
        badHex.replace("c8 00", "c8 0x");
        QTest::newRow("not hex") << badHex << QStringLiteral("line 1, column 5: 'x' is not a hex digit");
    }
    void decodeErrors()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        const Run r =
            run({QStringLiteral("decode"), QStringLiteral("opcn3"), writeFile(m_dir, "bad.hex", content)});
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    }

    void decodeMissingFile()
    {
        const Run r =
            run({QStringLiteral("decode"), QStringLiteral("opcn3"), QStringLiteral("/nonexistent.hex")});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains("/nonexistent.hex"));
    }

    void versionAndHelp()
    {
        Run r = run({QStringLiteral("--version")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.startsWith("fieldstation "));
        r = run({QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        for (const char* opt :
             {"--kiosk", "--desktop", "--headless", "--demo", "--config", "--data-dir", "decode opcn3"})
            QVERIFY2(r.out.contains(opt), opt);
        r = run({QStringLiteral("--kiosk"), QStringLiteral("--headless")});
        QCOMPARE(r.code, 2);
        r = run({QStringLiteral("frobnicate")});
        QCOMPARE(r.code, 2);
    }

    void badSettingsStopBeforeAnythingStarts()
    {
        const QString cfg = writeFile(m_dir, "bad.yaml", "opcn3:\n  read_interval_s: 0\n  colour: red\n");
        const QString data = m_dir.filePath(QStringLiteral("never"));
        const Run r = run({QStringLiteral("--headless"), QStringLiteral("--demo"), QStringLiteral("--config"),
                           cfg, QStringLiteral("--data-dir"), data});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("%1:2: opcn3.read_interval_s:").arg(cfg).toUtf8()),
                 r.err.constData());
        QVERIFY2(r.err.contains(QStringLiteral("%1:3: opcn3.colour: unknown key").arg(cfg).toUtf8()),
                 r.err.constData());
        QVERIFY(!QFile::exists(data)); // nothing was started, not even the store
    }

    void importCogentSynchroniseConf()
    {
        // The v0.4.2 pusher's file: [general], [locations] flags, one section per server.
        const QString conf = writeFile(
            m_dir, "synchronise.conf",
            "[general]\nlocalUrl = sqlite:///ch.db\npushlimit = 5000\nsynctime = 10\n\n"
            "[locations]\ncogentee = 1\ntestbed = 0\n\n"
            "[cogentee]\nurl = pi@cogentee.invalid\ndbstring = mysql://chuser:s3cret-pw@127.0.0.1:3307/ch\n"
            "lastupdate = 2012-01-13 10:05:21\nsshuser = pi\nsshkey = /home/pi/.ssh/id_rsa.pub\n"
            "resturl = http://cogentee.invalid/rest/\n\n"
            "[testbed]\nurl = local\ndbstring = mysql://tb@db.invalid/testbed\nlastupdate = None\n");
        const QString config = m_dir.filePath(QStringLiteral("cogent/fieldstation.yaml"));
        const QString data = m_dir.filePath(QStringLiteral("cogent-data"));
        const Run r = run({QStringLiteral("--config"), config, QStringLiteral("--data-dir"), data,
                           QStringLiteral("import"), QStringLiteral("cogent"), conf});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(!(r.out + r.err).contains("s3cret-pw"));
        const auto s = Settings::load(config);
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(s->push.servers.size(), 2);
        const PushServerSettings& c = s->push.servers[0];
        QCOMPARE(c.name, QStringLiteral("cogentee"));
        QVERIFY(c.enabled);
        QCOMPARE(c.host, QStringLiteral("127.0.0.1"));
        QCOMPARE(c.port, 3306); // 3307 was the old tunnel's near end; MySQL listens on 3306 there
        QCOMPARE(c.database, QStringLiteral("ch"));
        QCOMPARE(c.user, QStringLiteral("chuser"));
        QCOMPARE(c.intervalS, 600);
        QCOMPARE(c.startFrom, QStringLiteral("2012-01-13 10:05:21"));
        QCOMPARE(c.sshHost, QStringLiteral("cogentee.invalid"));
        QCOMPARE(c.sshKey, QStringLiteral("/home/pi/.ssh/id_rsa")); // the old file named the public key
        QVERIFY(!s->push.servers[1].enabled);
        QVERIFY(s->push.servers[1].startFrom.isEmpty());
        const SecretStore secrets(data, StationSettings::Secrets::File, false);
        QCOMPARE(secrets.read(QStringLiteral("push/cogentee/password")).value().value_or(QString()),
                 QStringLiteral("s3cret-pw"));
    }

    void importCogentCarriesTheDocumentedTunnel()
    {
        // The documented form: url is the SSH host; user, key folder and key file are keys of their own.
        const QString conf =
            writeFile(m_dir, "synchronise-documented.conf",
                      "[general]\npushlimit = 5000\nsynctime = 10\n\n[locations]\ncentral = 1\n\n"
                      "[central]\nurl = cogentee.invalid\ndbstring = mysql://chuser:pw-2@127.0.0.1:3307/ch\n"
                      "lastupdate = None\nsshuser = tunnel\nsshfolder = /home/pi/.ssh/\nsshkey = id_rsa.pub\n"
                      "resturl = http://cogentee.invalid/rest/\n");
        const QString config = m_dir.filePath(QStringLiteral("cogent-documented/fieldstation.yaml"));
        const QString data = m_dir.filePath(QStringLiteral("cogent-documented-data"));
        Run r = run({QStringLiteral("--config"), config, QStringLiteral("--data-dir"), data,
                     QStringLiteral("import"), QStringLiteral("cogent"), conf});
        QVERIFY2(r.code == 0, r.err.constData());
        const auto s = Settings::load(config);
        QVERIFY2(s.ok(), qPrintable(s.error()));
        const PushServerSettings& c = s->push.servers.value(0);
        QCOMPARE(c.sshHost, QStringLiteral("cogentee.invalid"));
        QCOMPARE(c.sshUser, QStringLiteral("tunnel"));
        QCOMPARE(c.sshKey, QStringLiteral("/home/pi/.ssh/id_rsa"));
        QCOMPARE(c.tunnelTarget, QStringLiteral("127.0.0.1"));
        QCOMPARE(c.port, 3306);

        // A tunnel without a key is refused, naming the section, rather than pushed to the local port.
        const QString keyless = writeFile(m_dir, "synchronise-keyless.conf",
                                          "[locations]\ncentral = 1\n\n[central]\nurl = cogentee.invalid\n"
                                          "dbstring = mysql://chuser@127.0.0.1:3307/ch\nsshuser = tunnel\n");
        r = run({QStringLiteral("--config"),
                 m_dir.filePath(QStringLiteral("cogent-keyless/fieldstation.yaml")),
                 QStringLiteral("--data-dir"), data, QStringLiteral("import"), QStringLiteral("cogent"),
                 keyless});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("[central] tunnels to cogentee.invalid but names no sshkey"),
                 r.err.constData());
    }

    void everyCommandAnswersHelp()
    {
        const Run top = run({QStringLiteral("--help")});
        QCOMPARE(top.code, 0);
        const QList<QStringList> forms = helpCommandForms(QString::fromUtf8(top.out));
        for (const char* expected : {"decode opcn3", "register", "upload", "queue", "push", "import gascloud",
                                     "import cogent", "sim gascloud"})
            QVERIFY2(forms.contains(QString::fromLatin1(expected).split(QLatin1Char(' '))), expected);
        // Each form, and each command word alone (`import --help` lists both imports).
        QList<QStringList> asked = forms;
        for (const QStringList& f : forms)
            if (!asked.contains(QStringList{f.first()}))
                asked << QStringList{f.first()};
        for (const QStringList& words : asked) {
            for (const char* flag : {"--help", "-h"}) {
                const Run r = run(words + QStringList{QString::fromLatin1(flag)});
                const QString what = words.join(QLatin1Char(' ')) + QLatin1Char(' ') + QLatin1String(flag);
                QVERIFY2(r.code == 0, qPrintable(what + QStringLiteral(": ") + QString::fromUtf8(r.err)));
                QVERIFY2(r.err.isEmpty(), qPrintable(what + QStringLiteral(": ") + QString::fromUtf8(r.err)));
                QVERIFY2(r.out.startsWith("usage: fieldstation " + words.join(QLatin1Char(' ')).toUtf8()),
                         qPrintable(what + QStringLiteral(": ") + QString::fromUtf8(r.out)));
            }
        }
    }

    void helpNeedsNoSettingsAndNoArguments()
    {
        // Help comes before the settings are read, and wherever it stands among the arguments.
        const QString bad = writeFile(m_dir, "broken.yaml", "station: [\n");
        Run r = run({QStringLiteral("--config"), bad, QStringLiteral("push"), QStringLiteral("--help")});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(r.out.contains("fieldstation push --set-password SERVER"));
        r = run({QStringLiteral("decode"), QStringLiteral("opcn3"), QStringLiteral("frame.hex"),
                 QStringLiteral("-h")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.startsWith("usage: fieldstation decode opcn3 FILE"));
        r = run({QStringLiteral("--config"), bad, QStringLiteral("queue")}); // without help it reads them
        QCOMPARE(r.code, 2);
    }

    void headlessDemoStopsCleanlyOnSigterm()
    {
        const QString cfg = writeFile(m_dir, "fast.yaml", "opcn3:\n  laser_wait_ms: 0\n  fan_wait_ms: 0\n");
        const QString data = m_dir.filePath(QStringLiteral("demo"));
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_LOGGING_RULES")); // the suite silences info; this test reads it
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(FS_BINARY),
                {QStringLiteral("--headless"), QStringLiteral("--demo"), QStringLiteral("--config"), cfg,
                 QStringLiteral("--data-dir"), data});
        QVERIFY(p.waitForStarted());
        // SIGTERM only once the station records: a loaded machine may take seconds to start it.
        const QString storePath = data + QStringLiteral("/fieldstation-demo.db");
        const auto storedReadings = [&storePath] {
            if (!QFileInfo::exists(storePath))
                return qint64(0);
            auto store = Store::open(storePath, Store::Mode::ReadOnly);
            return store.ok() ? (*store)->readingCount() : qint64(0);
        };
        QTRY_VERIFY_WITH_TIMEOUT(storedReadings() >= 44, test::timeoutMs(20000));
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(test::timeoutMs(10000)));
        const QByteArray log = p.readAll();
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QVERIFY2(p.exitCode() == 0, log.constData());
        QVERIFY2(log.contains("signal 15 received"), log.constData());

        auto store = Store::open(storePath, Store::Mode::ReadOnly);
        QVERIFY2(store.ok(), qPrintable(store.error()));
        QSqlQuery q((*store)->db());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(DISTINCT time_ms), COUNT(*) FROM readings")) && q.next());
        const qint64 reads = q.value(0).toLongLong();
        QVERIFY2(reads >= 1, qPrintable(QString::number(reads)));
        QCOMPARE(q.value(1).toLongLong() % 44, qint64(0)); // whole readings only (44 channels)
        QVERIFY(q.exec(QStringLiteral("SELECT state FROM node_states ORDER BY seq DESC LIMIT 1")) &&
                q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("stopped"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
