// `fieldstation isems --set-password SOURCE`: the MQTT broker's password read from stdin lands in
// the secret store where the isems source reads it; an unknown source is refused; --help answers.
#include "CliRun.h"
#include "config/SecretStore.h"

#include <QTest>

using namespace fs;

class TestIsemsCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void thePasswordGoesToTheSecretStore()
    {
        QTemporaryDir dir;
        const QString cfg = test::writeFile(dir, "s.yaml",
                                            "station:\n  secrets: file\n"
                                            "sources:\n  - id: mesh\n    type: isems\n"
                                            "    nodes: [10.0.0.1]\n"
                                            "    mqtt:\n      host: 127.0.0.1\n      user: station\n");
        const QString data = dir.filePath(QStringLiteral("data"));
        const test::Run r = test::runConfigured(
            dir, cfg, {QStringLiteral("isems"), QStringLiteral("--set-password"), QStringLiteral("mesh")},
            "m0squ1tto\n");
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("stored the password of ISEMS source mesh's MQTT broker"), r.out.constData());
        QVERIFY2(!r.out.contains("m0squ1tto") && !r.err.contains("m0squ1tto"),
                 "the password is never printed");
        const auto read =
            SecretStore(data, StationSettings::Secrets::File, false).read(QStringLiteral("isems/mesh/mqtt"));
        QVERIFY2(read.ok(), qPrintable(read.error()));
        QCOMPARE(read.value().value_or(QString()), QStringLiteral("m0squ1tto"));
    }

    void aSourceWithoutMqttUserIsStoredWithANote()
    {
        QTemporaryDir dir;
        const QString cfg =
            test::writeFile(dir, "s.yaml",
                            "station:\n  secrets: file\n"
                            "sources:\n  - id: mesh\n    type: isems\n    nodes: [10.0.0.1]\n");
        const test::Run r = test::runConfigured(
            dir, cfg, {QStringLiteral("isems"), QStringLiteral("--set-password"), QStringLiteral("mesh")},
            "pw\n");
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains("source mesh has no mqtt: user"), r.err.constData());
    }

    void anUnknownSourceIsRefused()
    {
        QTemporaryDir dir;
        const QString cfg = test::writeFile(
            dir, "s.yaml", "sources:\n  - id: mesh\n    type: isems\n    nodes: [10.0.0.1]\n");
        const test::Run r = test::runConfigured(
            dir, cfg, {QStringLiteral("isems"), QStringLiteral("--set-password"), QStringLiteral("garage")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("no isems source \"garage\" in the settings (isems sources: mesh)"),
                 r.err.constData());
    }

    void helpAnswers()
    {
        const test::Run r = test::run({QStringLiteral("isems"), QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("isems --set-password SOURCE"), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestIsemsCli)
#include "tst_isems_cli.moc"
