// SecretStore: the file fallback is private and atomic; with no keychain service (as here, and on
// headless stations) Auto falls back to the file instead of failing or hanging.
#include "config/SecretStore.h"
#include "util/Redact.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <atomic>

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

    void aSecretReadIsRedactedFromThenOn()
    {
        // A push password stored earlier (by import, in another process) and loaded now: any log
        // line or error that quotes it must show it redacted from the moment it is loaded.
        QTemporaryDir dir;
        const QString pw =
            QStringLiteral("pw-%1").arg(QCoreApplication::applicationPid()) + QStringLiteral("Zq7x");
        const SecretStore s(dir.path(), StationSettings::Secrets::File, false);
        QVERIFY(s.write(QStringLiteral("push/central/password"), pw).ok());
        const QString line = QStringLiteral("mysql://cogent:%1@db/cogent refused").arg(pw);
        QVERIFY2(redact::apply(line).contains(pw), "writing alone must not be what registers it");
        QCOMPARE(s.read(QStringLiteral("push/central/password")).value().value(), pw);
        QVERIFY2(!redact::apply(line).contains(pw), qPrintable(redact::apply(line)));
        QVERIFY(redact::apply(line).contains(QStringLiteral("<secret>")));
    }

    void shortSecretsAreRedactedOrNamedAsTooShort()
    {
        // A five-character push password used to pass unredacted, silently.
        redact::addSecret(QStringLiteral("k7#Qz"));
        QCOMPARE(redact::apply(QStringLiteral("password k7#Qz refused")),
                 QStringLiteral("password <secret> refused"));
        QTest::ignoreMessage(
            QtWarningMsg, QRegularExpression(QStringLiteral("shorter than 4 characters cannot be kept out")));
        redact::addSecret(QStringLiteral("q9!"));
        QCOMPARE(redact::apply(QStringLiteral("ab q9! cd")), QStringLiteral("ab q9! cd"));
    }

    void aWorkerThreadIsNotReenteredWhileTheKeychainAnswers()
    {
        // A sink's thread reads a secret: its timers must not run inside the read (a nested event
        // loop would let its tick start again on the same state).
        QTemporaryDir dir;
        const SecretStore s(dir.path(), StationSettings::Secrets::Keychain, true);
        QThread worker;
        worker.start();
        QObject context;
        context.moveToThread(&worker);
        std::atomic<int> firedInside{-1};
        QThread* const here = QThread::currentThread();
        QMetaObject::invokeMethod(
            &context,
            [&] {
                bool inside = true;
                int fired = 0;
                QTimer::singleShot(0, &context, [&] { fired += inside ? 1 : 0; });
                QMetaObject::invokeMethod(
                    &context, [&] { fired += inside ? 1 : 0; }, Qt::QueuedConnection);
                const auto r = s.read(QStringLiteral("k"));
                inside = false;
                QVERIFY(!r.ok()); // no keychain service here: the error is reported, not hidden
                firedInside = fired;
                context.moveToThread(here); // back before the worker ends
            },
            Qt::BlockingQueuedConnection);
        QCOMPARE(firedInside.load(), 0);
        worker.quit();
        worker.wait();
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
