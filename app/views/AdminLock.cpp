// AdminLock: the PIN is kept only as a salted PBKDF2 digest; wrong tries cost time, not the station.
#include "AdminLock.h"

#include "util/Logging.h"

#include <QDateTime>
#include <QPasswordDigestor>
#include <QRandomGenerator>
#include <utility>

namespace fs {

namespace {

// A 4-8 digit PIN has few values: the lockout guards it, the digest only keeps it off the disk
// in clear. Enough rounds to cost an attacker, few enough for a Pi to check at once.
constexpr int kRounds = 20000;
constexpr int kKeyBytes = 32;

QByteArray derive(const QString& pin, const QByteArray& salt, int rounds)
{
    return QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, pin.toUtf8(), salt, rounds,
                                              kKeyBytes);
}

} // namespace

AdminLock::AdminLock(bool required, SecretStore secrets, QObject* parent)
    : QObject(parent), m_required(required), m_secrets(std::move(secrets)),
      m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    if (m_required) {
        auto stored = m_secrets.read(kSecretName);
        if (!stored)
            qCWarning(lcApp).noquote() << "admin PIN:" << stored.error();
        // Unreadable counts as set: a broken store must not let anyone choose a new PIN.
        m_stage = stored && !stored->has_value() ? Choose : Locked;
    }
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &AdminLock::check);
    if (m_required)
        m_tick.start();
}

AdminLock::~AdminLock()
{
    m_pin.clear();
    m_firstChoice.fill(QLatin1Char('0'));
}

void AdminLock::setClock(std::function<qint64()> now)
{
    m_now = std::move(now);
}

void AdminLock::setMasked(bool masked)
{
    if (masked == m_masked)
        return;
    m_masked = masked;
    Q_EMIT changed();
}

bool AdminLock::canSubmit() const
{
    return (m_stage == Choose || m_stage == Confirm || m_stage == Locked) && lockoutSeconds() == 0 &&
           m_pin.length() >= 4 && !m_job.busy();
}

int AdminLock::lockoutSeconds() const
{
    const qint64 left = m_lockedUntilMs - m_now();
    return left > 0 ? int((left + 999) / 1000) : 0;
}

QString AdminLock::digest(const QString& pin)
{
    QByteArray salt(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(salt.data()), salt.size() / 4);
    return QStringLiteral("pbkdf2-sha256$%1$%2$%3")
        .arg(kRounds)
        .arg(QString::fromLatin1(salt.toBase64()),
             QString::fromLatin1(derive(pin, salt, kRounds).toBase64()));
}

bool AdminLock::matches(const QString& pin, const QString& stored)
{
    const QStringList parts = stored.trimmed().split(QLatin1Char('$'));
    if (parts.size() != 4 || parts[0] != QLatin1String("pbkdf2-sha256"))
        return false;
    bool ok = false;
    const int rounds = parts[1].toInt(&ok);
    if (!ok || rounds < 1 || rounds > 10000000)
        return false;
    const QByteArray want = QByteArray::fromBase64(parts[3].toLatin1());
    const QByteArray got = derive(pin, QByteArray::fromBase64(parts[2].toLatin1()), rounds);
    if (want.size() != got.size())
        return false;
    unsigned char diff = 0; // every byte compared: the time says nothing about where they differ
    for (qsizetype i = 0; i < got.size(); ++i)
        diff |= static_cast<unsigned char>(got[i] ^ want[i]);
    return diff == 0;
}

void AdminLock::appendDigit(const QString& digit)
{
    if (m_stage != Off && m_stage != Unlocked && !m_job.busy() && m_pin.append(digit))
        Q_EMIT changed();
}

void AdminLock::backspace()
{
    if (m_pin.backspace())
        Q_EMIT changed();
}

void AdminLock::clear()
{
    m_pin.clear();
    Q_EMIT changed();
}

void AdminLock::setStage(Stage s, const QString& message)
{
    m_stage = s;
    m_message = message;
    m_pin.clear();
    if (s == Unlocked)
        m_lastUseMs = m_now();
    Q_EMIT changed();
}

void AdminLock::submit()
{
    if (!canSubmit())
        return;
    switch (m_stage) {
    case Choose:
        m_firstChoice = m_pin.pin();
        setStage(Confirm, tr("Type the same PIN again."));
        break;
    case Confirm: {
        const bool same = m_pin.pin() == m_firstChoice;
        m_firstChoice.fill(QLatin1Char('0'));
        m_firstChoice.clear();
        if (!same) {
            setStage(Choose, tr("The two PINs differ. Choose a PIN again."));
            break;
        }
        // PBKDF2 and the secret store (a keychain may wait on D-Bus) never on the GUI thread.
        m_job.start(
            this,
            [secrets = m_secrets, pin = m_pin.pin()]() mutable {
                const Status s = secrets.write(kSecretName, digest(pin));
                pin.fill(QLatin1Char('0'));
                return s ? QString() : s.error();
            },
            [this](const QString& error) { stored(error); });
        Q_EMIT changed(); // busy
        break;
    }
    case Locked:
        tryUnlock();
        break;
    case Off:
    case Unlocked:
        break;
    }
}

void AdminLock::stored(const QString& error)
{
    const bool leftMeanwhile = std::exchange(m_relockWhenDone, false);
    m_storeFailed = !error.isEmpty();
    if (m_storeFailed) {
        setStage(Choose, tr("The PIN could not be stored: %1").arg(error));
        return;
    }
    qCInfo(lcApp).noquote() << "admin PIN set, kept in" << m_secrets.describe(kSecretName);
    setStage(leftMeanwhile ? Locked : Unlocked, tr("Admin PIN set."));
}

void AdminLock::tryUnlock()
{
    struct Try
    {
        QString error;
        bool found = false;
        bool match = false;
    };
    m_job.start(
        this,
        [secrets = m_secrets, pin = m_pin.pin()]() mutable {
            Try t;
            auto stored = secrets.read(kSecretName);
            if (!stored)
                t.error = stored.error();
            else if (stored->has_value()) {
                t.found = true;
                t.match = matches(pin, stored->value());
            }
            pin.fill(QLatin1Char('0'));
            return t;
        },
        [this](const Try& t) { tried(t.error, t.found, t.match); });
    Q_EMIT changed(); // busy
}

void AdminLock::tried(const QString& error, bool found, bool match)
{
    const bool leftMeanwhile = std::exchange(m_relockWhenDone, false);
    if (!error.isEmpty() || !found) {
        setStage(
            Locked,
            tr("The admin PIN cannot be read: %1").arg(error.isEmpty() ? tr("it is not stored") : error));
        return;
    }
    if (match) {
        m_wrong = 0;
        setStage(leftMeanwhile ? Locked : Unlocked, QString()); // the person left meanwhile
        return;
    }
    if (++m_wrong >= kMaxTries) {
        m_wrong = 0;
        m_lockedUntilMs = m_now() + kLockoutMs;
        qCWarning(lcApp) << kMaxTries << "wrong admin PINs: no tries for" << kLockoutMs / 1000 << "s";
        setStage(Locked, tr("Wrong PIN %1 times. Wait %2 s.").arg(kMaxTries).arg(kLockoutMs / 1000));
        return;
    }
    setStage(Locked, tr("Wrong PIN. %n tries left.", nullptr, kMaxTries - m_wrong));
}

void AdminLock::relock()
{
    if (m_job.busy())
        m_relockWhenDone = true;
    if (m_stage == Unlocked)
        setStage(Locked, QString());
}

void AdminLock::touch()
{
    m_lastUseMs = m_now();
}

void AdminLock::check()
{
    if (m_stage == Unlocked && m_now() - m_lastUseMs >= kIdleMs) {
        setStage(Locked, tr("Locked after %1 minutes without use.").arg(kIdleMs / 60000));
        return;
    }
    if (m_lockedUntilMs != 0) {
        if (lockoutSeconds() == 0) {
            m_lockedUntilMs = 0;
            m_message.clear();
        }
        Q_EMIT changed(); // the countdown
    }
}

} // namespace fs
