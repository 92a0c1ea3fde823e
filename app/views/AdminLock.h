// AdminLock: the kiosk's admin PIN: set at first start, asked before settings, lockout after wrong tries.
#pragma once

#include "BackgroundJob.h"
#include "PinBuffer.h"
#include "config/SecretStore.h"

#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>
#include <functional>

namespace fs {

class AdminLock : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("AdminLock is provided by the application")

    /// Off: no lock (desktop). Choose/Confirm: no PIN is stored yet, it is asked twice.
    Q_PROPERTY(Stage stage READ stage NOTIFY changed)
    Q_PROPERTY(bool unlocked READ unlocked NOTIFY changed)
    Q_PROPERTY(int pinLength READ pinLength NOTIFY changed)
    Q_PROPERTY(bool masked READ masked WRITE setMasked NOTIFY changed)
    Q_PROPERTY(bool canSubmit READ canSubmit NOTIFY changed)
    /// A PIN is being stored or checked (PBKDF2 and the secret store, off the GUI thread).
    Q_PROPERTY(bool busy READ busy NOTIFY changed)
    /// The chosen PIN could not be stored (the last try): the first-start screen may be left then.
    Q_PROPERTY(bool storeFailed READ storeFailed NOTIFY changed)
    /// Seconds until PINs are taken again after too many wrong ones; 0 when not locked out.
    Q_PROPERTY(int lockoutSeconds READ lockoutSeconds NOTIFY changed)
    /// What the last try did, in words.
    Q_PROPERTY(QString message READ message NOTIFY changed)

public:
    enum Stage { Off, Choose, Confirm, Locked, Unlocked };
    Q_ENUM(Stage)

    static constexpr int kMaxTries = 3;
    static constexpr qint64 kLockoutMs = 30 * 1000;
    static constexpr qint64 kIdleMs = 5 * 60 * 1000;
    /// The secret's name in the secret store.
    static inline const QString kSecretName = QStringLiteral("ui/admin_pin");

    /// `required` is false on the desktop: then there is no lock at all.
    AdminLock(bool required, SecretStore secrets, QObject* parent = nullptr);
    ~AdminLock() override;

    /// For tests: the clock lockout and idle time are measured with (ms since the epoch).
    void setClock(std::function<qint64()> now);

    Stage stage() const { return m_stage; }
    bool unlocked() const { return m_stage == Off || m_stage == Unlocked; }
    int pinLength() const { return m_pin.length(); }
    bool masked() const { return m_masked; }
    void setMasked(bool masked);
    bool canSubmit() const;
    bool busy() const { return m_job.busy(); }
    bool storeFailed() const { return m_storeFailed; }
    int lockoutSeconds() const;
    QString message() const { return m_message; }
    Q_INVOKABLE QString shownPin() const { return m_pin.shown(m_masked); }

    /// "pbkdf2-sha256$<iterations>$<salt>$<key>" (base64) for `pin` with a new random salt.
    static QString digest(const QString& pin);
    /// Whether `pin` matches a stored digest (in constant time).
    static bool matches(const QString& pin, const QString& stored);

public Q_SLOTS:
    void appendDigit(const QString& digit);
    void backspace();
    void clear();
    /// Takes the typed PIN: the first or second choice, or a try to unlock. Storing the chosen PIN
    /// and checking a try run on a worker (`busy` meanwhile); the stage changes when they are done.
    void submit();
    /// Locks again (leaving the settings page). A PIN still being checked or stored then ends
    /// locked, whatever its answer.
    void relock();
    /// Someone used the page: the idle relock counts from now.
    void touch();
    /// Relocks when idle for kIdleMs and ends a lockout that is over (a timer calls it; tests too).
    void check();

Q_SIGNALS:
    void changed();

private:
    void setStage(Stage s, const QString& message);
    void tryUnlock();
    void stored(const QString& error);
    void tried(const QString& error, bool found, bool match);

    bool m_required;
    SecretStore m_secrets;
    std::function<qint64()> m_now;
    Stage m_stage = Off;
    PinBuffer m_pin{8};
    QString m_firstChoice; // between Choose and Confirm only
    bool m_masked = true;
    int m_wrong = 0;
    qint64 m_lockedUntilMs = 0;
    qint64 m_lastUseMs = 0;
    QString m_message;
    QTimer m_tick;
    bool m_relockWhenDone = false; // relock() came while a job ran
    bool m_storeFailed = false;
    BackgroundJob m_job; // last: its thread is joined before the members it reports to go
};

} // namespace fs
