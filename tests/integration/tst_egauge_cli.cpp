// `fieldstation egauge --set-password SOURCE`: the password read from stdin lands in the secret
// store where the egauge source reads it; an unknown source is refused; --help answers.
#include "CliRun.h"
#include "config/SecretStore.h"

#include <QTest>

using namespace fs;

class TestEgaugeCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void thePasswordGoesToTheSecretStore()
    {
        QTemporaryDir dir;
        const QString cfg = test::writeFile(dir, "s.yaml",
                                            "station:\n  secrets: file\n"
                                            "sources:\n  - id: house\n    type: egauge\n"
                                            "    url: http://egauge12345.egaug.es\n    user: owner\n"
                                            "    registers: [Grid=W]\n");
        const QString data = dir.filePath(QStringLiteral("data"));
        const test::Run r = test::runConfigured(
            dir, cfg, {QStringLiteral("egauge"), QStringLiteral("--set-password"), QStringLiteral("house")},
            "s3cret\n");
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("stored the password of eGauge source house"), r.out.constData());
        QVERIFY2(!r.out.contains("s3cret") && !r.err.contains("s3cret"), "the password is never printed");
        const auto read =
            SecretStore(data, StationSettings::Secrets::File, false).read(QStringLiteral("egauge/house"));
        QVERIFY2(read.ok(), qPrintable(read.error()));
        QCOMPARE(read.value().value_or(QString()), QStringLiteral("s3cret"));
    }

    void anUnknownSourceIsRefused()
    {
        QTemporaryDir dir;
        const QString cfg = test::writeFile(dir, "s.yaml",
                                            "sources:\n  - id: house\n    type: egauge\n"
                                            "    url: http://10.0.0.5\n    registers: [Grid=W]\n");
        const test::Run r = test::runConfigured(
            dir, cfg, {QStringLiteral("egauge"), QStringLiteral("--set-password"), QStringLiteral("garage")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("no egauge source \"garage\" in the settings (egauge sources: house)"),
                 r.err.constData());
    }

    void helpAnswers()
    {
        const test::Run r = test::run({QStringLiteral("egauge"), QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("egauge --set-password SOURCE"), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestEgaugeCli)
#include "tst_egauge_cli.moc"
