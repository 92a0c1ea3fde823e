// tst_admin_lock: the kiosk's admin PIN: chosen twice, stored salted and hashed, three wrong tries lock
// out for 30 s (on a settable clock), relocks on leaving and after 5 minutes idle; no lock on a desktop.
#include "AdminLock.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace fs;

class TstAdminLock : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    qint64 m_now = 1700000000000;

    SecretStore store() const { return SecretStore(m_dir->path(), StationSettings::Secrets::File, false); }
    std::unique_ptr<AdminLock> lock(bool required = true)
    {
        auto l = std::make_unique<AdminLock>(required, store());
        l->setClock([this] { return m_now; });
        return l;
    }
    /// Types and submits `pin`; a worker may still be storing or checking it.
    static void typeAndSubmit(AdminLock& l, const QString& pin)
    {
        for (const QChar c : pin)
            l.appendDigit(QString(c));
        l.submit();
    }
    /// Types and submits `pin`, then waits for the worker that stores or checks it.
    static void enter(AdminLock& l, const QString& pin)
    {
        typeAndSubmit(l, pin);
        QTRY_VERIFY_WITH_TIMEOUT(!l.busy(), 10000);
    }
    void setPin(AdminLock& l, const QString& pin)
    {
        QCOMPARE(l.stage(), AdminLock::Choose);
        enter(l, pin);
        QCOMPARE(l.stage(), AdminLock::Confirm);
        enter(l, pin);
        QCOMPARE(l.stage(), AdminLock::Unlocked);
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_now = 1700000000000;
    }

    void desktopHasNoLock()
    {
        auto l = lock(false);
        QCOMPARE(l->stage(), AdminLock::Off);
        QVERIFY(l->unlocked());
        l->relock();
        QVERIFY(l->unlocked());
    }

    void pinIsAskedTwiceAndStoredHashed()
    {
        auto l = lock();
        QVERIFY(!l->unlocked());
        enter(*l, QStringLiteral("2468"));
        QCOMPARE(l->stage(), AdminLock::Confirm);
        enter(*l, QStringLiteral("2469"));
        QCOMPARE(l->stage(), AdminLock::Choose); // they differ: start again
        QCOMPARE(l->message(), QStringLiteral("The two PINs differ. Choose a PIN again."));
        QVERIFY(!store().read(AdminLock::kSecretName)->has_value());
        setPin(*l, QStringLiteral("2468"));
        QVERIFY(l->unlocked());

        const QString stored = store().read(AdminLock::kSecretName)->value();
        QVERIFY(!stored.contains(QStringLiteral("2468")));
        QVERIFY(stored.startsWith(QStringLiteral("pbkdf2-sha256$")));
        QVERIFY(AdminLock::matches(QStringLiteral("2468"), stored));
        QVERIFY(!AdminLock::matches(QStringLiteral("2467"), stored));
        QVERIFY(AdminLock::digest(QStringLiteral("2468")) != stored); // salted: never the same twice
        QVERIFY(!AdminLock::matches(QStringLiteral("2468"), QStringLiteral("2468")));
    }

    void shortPinsAreRefused()
    {
        auto l = lock();
        enter(*l, QStringLiteral("123"));
        QCOMPARE(l->stage(), AdminLock::Choose);
        QVERIFY(!l->canSubmit());
    }

    void verifiesAndLocksOutAfterThreeWrongTries()
    {
        setPin(*lock(), QStringLiteral("13579"));
        auto l = lock(); // the next start: a PIN is stored
        QCOMPARE(l->stage(), AdminLock::Locked);
        enter(*l, QStringLiteral("0000"));
        QCOMPARE(l->message(), QStringLiteral("Wrong PIN. 2 tries left."));
        enter(*l, QStringLiteral("1111"));
        QCOMPARE(l->lockoutSeconds(), 0);
        enter(*l, QStringLiteral("2222"));
        QCOMPARE(l->lockoutSeconds(), 30);
        QCOMPARE(l->stage(), AdminLock::Locked);
        // The right PIN does not help while locked out.
        enter(*l, QStringLiteral("13579"));
        QCOMPARE(l->stage(), AdminLock::Locked);
        m_now += 29 * 1000;
        l->check();
        QCOMPARE(l->lockoutSeconds(), 1);
        l->clear();
        enter(*l, QStringLiteral("13579"));
        QCOMPARE(l->stage(), AdminLock::Locked);
        m_now += 1000;
        l->check();
        QCOMPARE(l->lockoutSeconds(), 0);
        l->clear();
        enter(*l, QStringLiteral("13579"));
        QCOMPARE(l->stage(), AdminLock::Unlocked);
    }

    void relocksOnLeavingAndWhenIdle()
    {
        auto l = lock();
        setPin(*l, QStringLiteral("4321"));
        l->relock();
        QCOMPARE(l->stage(), AdminLock::Locked);
        enter(*l, QStringLiteral("4321"));
        QVERIFY(l->unlocked());
        m_now += 4 * 60 * 1000;
        l->touch();
        m_now += 4 * 60 * 1000;
        l->check();
        QVERIFY(l->unlocked()); // used 4 minutes ago
        m_now += 60 * 1000;
        l->check();
        QCOMPARE(l->stage(), AdminLock::Locked);
        QCOMPARE(l->message(), QStringLiteral("Locked after 5 minutes without use."));
    }

    /// Storing and checking run on a worker: submit() returns at once, busy, nothing typed counts
    /// meanwhile, and the answer arrives through the event loop.
    void checkedOffTheGuiThread()
    {
        setPin(*lock(), QStringLiteral("8642"));
        auto l = lock();
        typeAndSubmit(*l, QStringLiteral("8642"));
        QVERIFY(l->busy());
        QCOMPARE(l->stage(), AdminLock::Locked); // not decided yet
        QVERIFY(!l->canSubmit());
        l->appendDigit(QStringLiteral("1"));
        QCOMPARE(l->pinLength(), 4);
        QTRY_VERIFY_WITH_TIMEOUT(l->unlocked(), 10000);
        QVERIFY(!l->busy());
        QCOMPARE(l->pinLength(), 0); // the typed PIN is gone once used
    }

    /// Leaving the page while a PIN is checked or stored: it ends locked, even when the PIN was right.
    void relockWhileBusyEndsLocked()
    {
        auto l = lock();
        typeAndSubmit(*l, QStringLiteral("5555")); // Choose -> Confirm, at once
        typeAndSubmit(*l, QStringLiteral("5555"));
        QVERIFY(l->busy());
        l->relock();
        QTRY_VERIFY_WITH_TIMEOUT(!l->busy(), 10000);
        QCOMPARE(l->stage(), AdminLock::Locked); // stored, but not open
        QVERIFY(store().read(AdminLock::kSecretName)->has_value());
        typeAndSubmit(*l, QStringLiteral("5555"));
        QVERIFY(l->busy());
        l->relock();
        QTRY_VERIFY_WITH_TIMEOUT(!l->busy(), 10000);
        QCOMPARE(l->stage(), AdminLock::Locked);
        enter(*l, QStringLiteral("5555")); // nobody left this time
        QVERIFY(l->unlocked());
    }

    /// A PIN that cannot be stored (the secrets folder cannot be made): said, and storeFailed.
    void storeFailureIsSaid()
    {
        QFile blocker(m_dir->filePath(QStringLiteral("not-a-dir")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        AdminLock l(true, SecretStore(blocker.fileName(), StationSettings::Secrets::File, false));
        QCOMPARE(l.stage(), AdminLock::Choose);
        QVERIFY(!l.storeFailed());
        enter(l, QStringLiteral("2580"));
        enter(l, QStringLiteral("2580"));
        QCOMPARE(l.stage(), AdminLock::Choose);
        QVERIFY(l.storeFailed());
        QVERIFY2(l.message().startsWith(QLatin1String("The PIN could not be stored: ")),
                 qPrintable(l.message()));
    }

    void digitsOnlyAndMasked()
    {
        auto l = lock();
        for (const QString& s : {QStringLiteral("x"), QStringLiteral("42"), QStringLiteral("\u0663")})
            l->appendDigit(s);
        QCOMPARE(l->pinLength(), 0);
        l->appendDigit(QStringLiteral("7"));
        l->appendDigit(QStringLiteral("8"));
        QCOMPARE(l->shownPin(), QString(2, QChar(0x25CF)));
        l->setMasked(false);
        QCOMPARE(l->shownPin(), QStringLiteral("78"));
        l->backspace();
        QCOMPARE(l->shownPin(), QStringLiteral("7"));
    }
};

QTEST_GUILESS_MAIN(TstAdminLock)
#include "tst_admin_lock.moc"
