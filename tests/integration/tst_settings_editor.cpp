// tst_settings_editor: the settings page's editor validates with exactly the strings the command line
// prints, saves durably with every comment kept (and never an invalid file), and applies what can
// change live.
#include "CliRun.h"
#include "SettingsEditor.h"

#include <QSignalSpy>
#include <QTest>

using namespace fs;

namespace {

const QByteArray kGood = "# Roof station\n"
                         "\n"
                         "# who we are\n"
                         "station:\n"
                         "  name: roof # shown in the title\n"
                         "  secrets: file\n"
                         "\n"
                         "recorder:\n"
                         "  flush_interval_ms: 1000 # one commit a second\n"
                         "# the end\n";

QString read(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

} // namespace

class TstSettingsEditor : public QObject
{
    Q_OBJECT

    static void waitIdle(SettingsEditor& e) { QTRY_VERIFY_WITH_TIMEOUT(!e.busy(), test::timeoutMs(10000)); }
    static std::unique_ptr<SettingsEditor> open(const QString& path, const Settings& running = {})
    {
        auto e = std::make_unique<SettingsEditor>(path, running);
        waitIdle(*e);
        return e;
    }

private Q_SLOTS:
    void errorsAreTheCommandLines_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::newRow("unknown key") << QByteArray("station:\n  name: x\n  colour: red\n");
        QTest::newRow("bad choice and range")
            << QByteArray("station:\n  secrets: vault\nrecorder:\n  flush_interval_ms: 5\n");
        QTest::newRow("not yaml") << QByteArray("station:\n  name: [unclosed\n");
        QTest::newRow("not a mapping") << QByteArray("- just\n- a list\n");
        QTest::newRow("gascloud without gadget")
            << QByteArray("# comment\ngascloud:\n  enabled: true\n  api: ftp://x\n");
        QTest::newRow("push server without user")
            << QByteArray("push:\n  house: Main St 1\n  servers:\n    cogent:\n      host: db\n");
        QTest::newRow("given twice") << QByteArray("store:\n  keep_days: 3\nstore:\n  keep_days: 4\n");
        QTest::newRow("bad source") << QByteArray("sources:\n  - id: \"no spaces\"\n    type: toaster\n");
    }
    void errorsAreTheCommandLines()
    {
        QFETCH(QByteArray, yaml);
        QTemporaryDir dir;
        const QString path = test::writeFile(dir, "bad.yaml", yaml);
        const test::Run cli =
            test::runWith(QProcessEnvironment::systemEnvironment(),
                          {QStringLiteral("--headless"), QStringLiteral("--config"), path,
                           QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("data"))});
        QCOMPARE(cli.code, 2);
        QStringList printed = QString::fromUtf8(cli.err).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(!printed.isEmpty());

        auto editor = open(path);
        QVERIFY(editor->loaded());
        QCOMPARE(editor->text(), QString::fromUtf8(yaml));
        QSignalSpy changed(editor.get(), &SettingsEditor::stateChanged);
        editor->validate();
        QVERIFY(editor->busy()); // on a worker, not in the caller's thread
        waitIdle(*editor);
        QCOMPARE(editor->errors(), printed);
        QVERIFY(changed.count() >= 2);
        // Every error with a line leads to a section and a line in it.
        for (int i = 0; i < editor->errors().size(); ++i) {
            const QVariantMap where = editor->locate(i);
            QVERIFY2(where.value("row").toInt() >= 0, qPrintable(editor->errors()[i]));
            QVERIFY(where.value("line").toInt() >= 1);
        }
    }

    void locatesTheLineInItsSection()
    {
        QTemporaryDir dir;
        const QString path =
            test::writeFile(dir, "s.yaml", kGood + "store:\n  keep_days: 3\n  min_free_mb: -1\n");
        auto editor = open(path);
        editor->validate();
        waitIdle(*editor);
        QCOMPARE(editor->errors().size(), 1);
        QVERIFY2(editor->errors()[0].startsWith(path + ":13: store.min_free_mb"),
                 qPrintable(editor->errors()[0]));
        const QVariantMap where = editor->locate(0);
        const int row = where.value("row").toInt();
        QCOMPARE(editor->data(editor->index(row), SettingsEditor::NameRole).toString(),
                 QStringLiteral("store"));
        // "# the end" sits right above "store:", so it belongs to the store section.
        QCOMPARE(where.value("line").toInt(), 4);
        QCOMPARE(editor->data(editor->index(row), SettingsEditor::FirstLineRole).toInt(), 10);
        QCOMPARE(editor->locate(7).value("row").toInt(), -1);
    }

    void saveKeepsCommentsAndWritesDurably()
    {
        QTemporaryDir dir;
        const QString path = test::writeFile(dir, "s.yaml", kGood);
        auto editor = open(path);
        QCOMPARE(editor->rowCount(), 3);
        const QString station =
            QStringLiteral("# who we are\nstation:\n  name: attic # shown in the title\n  secrets: file\n\n");
        QVERIFY(editor->setSectionText(QStringLiteral("station"), station));
        QVERIFY(editor->dirty());
        QVERIFY(editor->data(editor->index(1), SettingsEditor::DirtyRole).toBool());
        QVERIFY(!editor->data(editor->index(2), SettingsEditor::DirtyRole).toBool());
        editor->save();
        waitIdle(*editor);
        QVERIFY2(editor->errors().isEmpty(), qPrintable(editor->errors().join('\n')));
        QCOMPARE(read(path), QString::fromUtf8(kGood).replace(QStringLiteral("name: roof"),
                                                              QStringLiteral("name: attic")));
        QVERIFY(!editor->dirty());
        QVERIFY(!QFile::exists(path + QStringLiteral(".new")));
        QVERIFY(Settings::load(path)->station.name == QStringLiteral("attic"));
    }

    void saveKeepsTheFilesPermissions()
    {
        // The save writes a new file and renames it over the old one: without care the operator's
        // chmod 600 would become the umask's world-readable file.
        QTemporaryDir dir;
        const QString path = test::writeFile(dir, "s.yaml", kGood);
        const auto owner = QFile::ReadOwner | QFile::WriteOwner;
        QVERIFY(QFile::setPermissions(path, owner));
        auto editor = open(path);
        QVERIFY(editor->setSectionText(QStringLiteral("station"),
                                       QStringLiteral("station:\n  name: attic\n  secrets: file\n")));
        editor->save();
        waitIdle(*editor);
        QVERIFY2(editor->errors().isEmpty(), qPrintable(editor->errors().join('\n')));
        QVERIFY(read(path).contains(QStringLiteral("name: attic")));
        QCOMPARE(QFile::permissions(path) & ~(QFile::ReadUser | QFile::WriteUser | QFile::ExeUser), owner);
    }

    void anInvalidFileIsNeverSaved()
    {
        QTemporaryDir dir;
        const QString path = test::writeFile(dir, "s.yaml", kGood);
        auto editor = open(path);
        QVERIFY(editor->setSectionText(QStringLiteral("recorder"),
                                       QStringLiteral("recorder:\n  flush_interval_ms: 1\n")));
        editor->save();
        waitIdle(*editor);
        QCOMPARE(editor->errors().size(), 1);
        QVERIFY(editor->errors()[0].contains(QStringLiteral("flush_interval_ms")));
        QCOMPARE(read(path), QString::fromUtf8(kGood));
        QVERIFY(editor->dirty());
    }

    void createsAMissingFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("conf/new.yaml"));
        auto editor = open(path);
        QVERIFY(editor->loaded());
        QCOMPARE(editor->rowCount(), 1);
        QVERIFY(editor->setSectionText(QString(), QStringLiteral("station:\n  name: fresh\n")));
        editor->save();
        waitIdle(*editor);
        QCOMPARE(read(path), QStringLiteral("station:\n  name: fresh\n"));
        QCOMPARE(editor->data(editor->index(0), SettingsEditor::NameRole).toString(),
                 QStringLiteral("station"));
    }

    void applyTakesTheNameLiveAndAsksForARestartForTheRest()
    {
        QTemporaryDir dir;
        const QString path = test::writeFile(dir, "s.yaml", kGood);
        auto editor = open(path, Settings::parse(kGood, path).value());
        QSignalSpy named(editor.get(), &SettingsEditor::stationNameApplied);
        QSignalSpy live(editor.get(), &SettingsEditor::liveApplied);
        QVERIFY(editor->setSectionText(QStringLiteral("station"),
                                       QStringLiteral("station:\n  name: attic\n  secrets: file\n")));
        editor->apply();
        waitIdle(*editor);
        QCOMPARE(named.count(), 1);
        QCOMPARE(named.at(0).at(0).toString(), QStringLiteral("attic"));
        QCOMPARE(live.count(), 1);
        QVERIFY(!editor->restartNeeded());

        // A comment alone changes nothing the station runs with.
        QVERIFY(editor->setSectionText(
            QStringLiteral("recorder"),
            QStringLiteral("recorder:\n  flush_interval_ms: 1000 # once a second\n# the end\n")));
        editor->apply();
        waitIdle(*editor);
        QVERIFY(!editor->restartNeeded());

        QVERIFY(editor->setSectionText(QStringLiteral("recorder"),
                                       QStringLiteral("recorder:\n  flush_interval_ms: 500\n")));
        editor->apply();
        waitIdle(*editor);
        QVERIFY(editor->restartNeeded());
        QCOMPARE(named.count(), 1);
        QVERIFY(read(path).contains(QStringLiteral("flush_interval_ms: 500")));
    }

    void theDataDirNeedsARestart()
    {
        QTemporaryDir dir;
        const QString path = test::writeFile(dir, "s.yaml", kGood);
        auto editor = open(path, Settings::parse(kGood, path).value());
        QVERIFY(editor->setSectionText(
            QStringLiteral("station"),
            QStringLiteral("station:\n  name: roof\n  secrets: file\n  data_dir: /tmp/x\n")));
        editor->apply();
        waitIdle(*editor);
        QVERIFY(editor->restartNeeded());
    }
};

QTEST_GUILESS_MAIN(TstSettingsEditor)
#include "tst_settings_editor.moc"
