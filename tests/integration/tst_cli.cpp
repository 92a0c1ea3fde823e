// The fieldstation binary from the outside: decode, --version, settings errors, and a headless
// demo run stopped by SIGTERM with its readings flushed.
#include "NotifySocket.h"
#include "TestSupport.h"
#include "config/SecretStore.h"
#include "config/Settings.h"
#include "store/Store.h"
#include "util/DataDirLock.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace fs;

namespace {

struct Run
{
    int code = -1;
    QByteArray out, err;
};

Run run(const QStringList& args, int timeoutMs = 20000)
{
    QProcess p;
    p.start(QStringLiteral(FS_BINARY), args);
    Run r;
    if (!p.waitForFinished(test::timeoutMs(timeoutMs)))
        return r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

/// Runs the binary with its own environment and standard input.
Run runWith(const QProcessEnvironment& env, const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(FS_BINARY), args);
    p.write(input);
    p.closeWriteChannel();
    Run r;
    if (!p.waitForFinished(test::timeoutMs(20000)))
        return r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

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

/// The pid the data dir's lock file names, or -1.
qint64 lockHolder(const QString& dataDir)
{
    QLockFile f(DataDirLock::lockPath(dataDir));
    qint64 pid = 0;
    QString host, app;
    return f.getLockInfo(&pid, &host, &app) ? pid : -1;
}

/// The environment of a run whose settings and data go where HOME / XDG_* say.
QProcessEnvironment homeEnvironment(const QString& home, const QString& xdgConfig, const QString& xdgData)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home);
    env.remove(QStringLiteral("XDG_CONFIG_HOME"));
    env.remove(QStringLiteral("XDG_DATA_HOME"));
    if (!xdgConfig.isEmpty())
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), xdgConfig);
    if (!xdgData.isEmpty())
        env.insert(QStringLiteral("XDG_DATA_HOME"), xdgData);
    return env;
}

QString writeFile(QTemporaryDir& dir, const char* name, const QByteArray& content)
{
    const QString path = dir.filePath(QString::fromLatin1(name));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(content);
    return path;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<test::NotifySocket> m_notify;

    /// Starts a station and waits for its READY=1 (sent once SIGTERM would stop it cleanly), on a
    /// notify socket of our own as systemd would give it.
    bool startReadyStation(QProcess& station, const QStringList& args)
    {
        const QString socket = m_dir.filePath(QStringLiteral("notify"));
        if (!m_notify)
            m_notify = std::make_unique<test::NotifySocket>(socket);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("NOTIFY_SOCKET"), socket);
        env.remove(QStringLiteral("WATCHDOG_USEC"));
        station.setProcessEnvironment(env);
        const qsizetype from = m_notify->mark();
        station.start(QStringLiteral(FS_BINARY), args);
        return m_notify->bound() && station.waitForStarted() &&
               QTest::qWaitFor([&] { return m_notify->since(from, "READY=1") > 0; }, test::timeoutMs(20000));
    }

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
        QCOMPARE(c.port, 3307);
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

    void settingsAndDataHaveOneFieldstationLevel_data()
    {
        QTest::addColumn<bool>("xdg");
        QTest::newRow("HOME only") << false;
        QTest::newRow("XDG_CONFIG_HOME and XDG_DATA_HOME") << true;
    }
    void settingsAndDataHaveOneFieldstationLevel()
    {
        QFETCH(bool, xdg);
        QTemporaryDir root;
        const QString home = root.filePath(QStringLiteral("home"));
        const QString config = xdg ? root.filePath(QStringLiteral("cfg")) : home + QStringLiteral("/.config");
        const QString data =
            xdg ? root.filePath(QStringLiteral("data")) : home + QStringLiteral("/.local/share");
        const QProcessEnvironment env =
            homeEnvironment(home, xdg ? config : QString(), xdg ? data : QString());
        const QString settingsFile = config + QStringLiteral("/fieldstation/fieldstation.yaml");
        QVERIFY(QDir().mkpath(QFileInfo(settingsFile).absolutePath()));

        // The settings are read from there: a mistake in them is reported with that path.
        QFile f(settingsFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("station:\n  colour: red\n");
        f.close();
        Run r = runWith(env, {QStringLiteral("queue")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains((settingsFile + QStringLiteral(":2:")).toUtf8()), r.err.constData());

        // The data dir is <data>/fieldstation: a secret kept in a file there says where.
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("station:\n  secrets: file\n");
        f.close();
        r = runWith(env,
                    {QStringLiteral("push"), QStringLiteral("--set-password"), QStringLiteral("central")},
                    "pw\n");
        QVERIFY2(r.code == 0, r.err.constData());
        const QString secret = data + QStringLiteral("/fieldstation/secrets/push_central_password");
        QVERIFY2(r.out.contains(secret.toUtf8()), r.out.constData());
        QVERIFY(QFile::exists(secret));
        QVERIFY(!r.out.contains("/./"));
        QVERIFY(!QFile::exists(config + QStringLiteral("/fieldstation/fieldstation")));
        QVERIFY(!QFile::exists(data + QStringLiteral("/fieldstation/fieldstation")));
        QVERIFY(!r.err.contains("older FieldStation"));

        // Folders of the old, one-level-too-deep layout are pointed out with how to move them.
        const QString oldData = data + QStringLiteral("/fieldstation/fieldstation");
        QVERIFY(QDir().mkpath(oldData));
        r = runWith(env, {QStringLiteral("queue")});
        QVERIFY2(
            r.err.contains(QStringLiteral("%1 is where an older FieldStation kept its data; this one uses "
                                          "%2/fieldstation. Move them up: mv %1/* %2/fieldstation/")
                               .arg(oldData, data)
                               .toUtf8()),
            r.err.constData());
    }

    void stationLocksItsDataDir()
    {
        const QString cfg =
            writeFile(m_dir, "lock.yaml",
                      "station:\n  secrets: file\nopcn3:\n  laser_wait_ms: 0\n  fan_wait_ms: 0\n"
                      "push:\n  house: 1 Lock Lane\n  servers:\n    central:\n"
                      "      port: 1\n      user: push\n");
        const QString data = m_dir.filePath(QStringLiteral("locked"));
        const QStringList global = {QStringLiteral("--config"), cfg, QStringLiteral("--data-dir"), data};
        QProcess station;
        station.setProcessChannelMode(QProcess::MergedChannels);
        QVERIFY2(startReadyStation(
                     station, global + QStringList{QStringLiteral("--headless"), QStringLiteral("--demo")}),
                 station.readAll().constData());
        QCOMPARE(lockHolder(data), station.processId());
        const QString held = QStringLiteral("data dir %1 is in use by fieldstation (pid %2)")
                                 .arg(data)
                                 .arg(station.processId());

        // A second station, and the commands that write, are refused.
        const QList<QStringList> writers = {
            {QStringLiteral("--headless"), QStringLiteral("--demo")},
            {QStringLiteral("push"), QStringLiteral("--once")},
            {QStringLiteral("upload"), QStringLiteral("--once")},
        };
        for (const QStringList& w : writers) {
            const Run r = run(global + w);
            QVERIFY2(r.code == 1,
                     qPrintable(w.join(QLatin1Char(' ')) + QLatin1Char(' ') + QString::fromUtf8(r.err)));
            QVERIFY2(r.err.contains(held.toUtf8()), r.err.constData());
        }
        // What only reads still works.
        Run r = run(global + QStringList{QStringLiteral("--demo"), QStringLiteral("queue")});
        QVERIFY2(r.code == 0, r.err.constData());
        r = run(global + QStringList{QStringLiteral("push"), QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        r = run(global + QStringList{QStringLiteral("decode"), QStringLiteral("opcn3"),
                                     test::dataPath(QStringLiteral("opcn3_histogram_frame.hex"))});
        QCOMPARE(r.code, 0);
        QVERIFY2(station.state() == QProcess::Running, station.readAll().constData());

        // Stopped, the station leaves the data dir free.
        ::kill(pid_t(station.processId()), SIGTERM);
        QVERIFY(station.waitForFinished(test::timeoutMs(10000)));
        QCOMPARE(station.exitCode(), 0);
        QVERIFY(!QFile::exists(DataDirLock::lockPath(data)));
        r = run(global + QStringList{QStringLiteral("push"), QStringLiteral("--once")});
        QVERIFY2(!r.err.contains("in use by"), r.err.constData());
    }

    void killedStationLeavesNoLock()
    {
        const QString cfg = writeFile(m_dir, "kill.yaml", "opcn3:\n  laser_wait_ms: 0\n  fan_wait_ms: 0\n");
        const QString data = m_dir.filePath(QStringLiteral("killed"));
        const QStringList args = {QStringLiteral("--headless"), QStringLiteral("--demo"),
                                  QStringLiteral("--config"),   cfg,
                                  QStringLiteral("--data-dir"), data};
        QProcess station;
        station.setProcessChannelMode(QProcess::MergedChannels);
        QVERIFY2(startReadyStation(station, args), station.readAll().constData());
        station.kill(); // SIGKILL, as a power cut would: the lock file stays, its pid is gone
        QVERIFY(station.waitForFinished(test::timeoutMs(10000)));
        QVERIFY(QFile::exists(DataDirLock::lockPath(data)));

        // The next station takes the lock over: the file then names its pid.
        QProcess next;
        next.setProcessChannelMode(QProcess::MergedChannels);
        QVERIFY2(startReadyStation(next, args), next.readAll().constData());
        QCOMPARE(lockHolder(data), next.processId());
        ::kill(pid_t(next.processId()), SIGTERM);
        QVERIFY(next.waitForFinished(test::timeoutMs(10000)));
        QVERIFY2(next.exitCode() == 0, next.readAll().constData());
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
        QTest::qWait(3500);
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(test::timeoutMs(10000)));
        const QByteArray log = p.readAll();
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QVERIFY2(p.exitCode() == 0, log.constData());
        QVERIFY2(log.contains("signal 15 received"), log.constData());

        auto store = Store::open(data + QStringLiteral("/fieldstation-demo.db"), Store::Mode::ReadOnly);
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
