// SecretStore: the file fallback is private and atomic; with no keychain service (as here, and on
// headless stations) Auto falls back to the file instead of failing or hanging.
#include "config/SecretStore.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace fs;

class TestSecretStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fileModeIsPrivate()
    {
        QTemporaryDir dir;
        const SecretStore s(dir.path(), StationSettings::Secrets::File, false);
        QVERIFY(!s.read(QStringLiteral("a/b")).value().has_value());
        QVERIFY(s.write(QStringLiteral("a/b"), QStringLiteral("s3cr3t-value")).ok());
        QCOMPARE(s.read(QStringLiteral("a/b")).value().value(), QStringLiteral("s3cr3t-value"));
        const QFileInfo f(s.describe(QStringLiteral("a/b")));
        QVERIFY(f.exists());
        QCOMPARE(f.permissions() &
                     ~(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser),
                 QFile::Permissions());
        QCOMPARE(QFileInfo(f.absolutePath()).permissions() &
                     (QFile::ReadOther | QFile::ExeOther | QFile::ReadGroup),
                 QFile::Permissions());
        QVERIFY(s.write(QStringLiteral("a/b"), QStringLiteral("replaced")).ok());
        QCOMPARE(s.read(QStringLiteral("a/b")).value().value(), QStringLiteral("replaced"));
        QVERIFY(s.remove(QStringLiteral("a/b")).ok());
        QVERIFY(!s.read(QStringLiteral("a/b")).value().has_value());
    }

    void autoFallsBackToTheFileWithoutAKeychain()
    {
        QTemporaryDir dir;
        const SecretStore s(dir.path(), StationSettings::Secrets::Auto, true);
        QElapsedTimer t;
        t.start();
        QVERIFY(s.write(QStringLiteral("k"), QStringLiteral("value-1")).ok());
        QCOMPARE(s.read(QStringLiteral("k")).value().value(), QStringLiteral("value-1"));
        QVERIFY2(t.elapsed() < 15000, "the keychain attempt must be bounded");
        QVERIFY(QFileInfo::exists(s.describe(QStringLiteral("k"))));
    }

    void keychainOnlyModeReportsTheFailure()
    {
        QTemporaryDir dir;
        const SecretStore s(dir.path(), StationSettings::Secrets::Keychain, true);
        const Status st = s.write(QStringLiteral("k"), QStringLiteral("v"));
        // No keychain service runs in the test environment: the error says so, nothing is written.
        QVERIFY(!st.ok());
        QVERIFY2(st.error().startsWith(QStringLiteral("OS keychain")), qPrintable(st.error()));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("secrets/k"))));
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
