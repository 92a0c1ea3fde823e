// SecretStore: qtkeychain jobs run to completion in a local event loop, with a time limit, so a
// keychain service that never answers cannot hang the caller; the file fallback is 0600 in a 0700 dir.
#include "SecretStore.h"

#include "util/Logging.h"
#include "util/Redact.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTimer>
#include <qt6keychain/keychain.h>
#include <sys/stat.h>

namespace fs {

namespace {

const QString kService = QStringLiteral("fieldstation");
constexpr int kKeychainTimeoutMs = 5000;

/// Runs a keychain job and waits for it; false when it did not finish in time.
bool runJob(QKeychain::Job& job)
{
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(kKeychainTimeoutMs, &loop, &QEventLoop::quit);
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, [&finished] { finished = true; });
    job.setAutoDelete(false);
    job.start();
    if (!finished)
        loop.exec();
    return finished;
}

} // namespace

SecretStore::SecretStore(QString fileDir, StationSettings::Secrets mode, bool keychainUsable)
    : m_dir(std::move(fileDir)), m_mode(mode), m_keychainUsable(keychainUsable)
{}

bool SecretStore::tryKeychain() const
{
    switch (m_mode) {
    case StationSettings::Secrets::Keychain:
        return true;
    case StationSettings::Secrets::File:
        return false;
    case StationSettings::Secrets::Auto:
        return m_keychainUsable;
    }
    return false;
}

QString SecretStore::filePath(const QString& name) const
{
    QString safe = name;
    safe.replace(QLatin1Char('/'), QLatin1Char('_'));
    return QDir(m_dir).filePath(QStringLiteral("secrets/") + safe);
}

Result<std::optional<QString>> SecretStore::read(const QString& name) const
{
    auto r = readFrom(name);
    // Whoever loads a secret may log an error that quotes it (a connection string, a path): from the
    // moment it is in memory, the log redactor knows it.
    if (r && r->has_value())
        redact::addSecret(r->value());
    return r;
}

Result<std::optional<QString>> SecretStore::readFrom(const QString& name) const
{
    if (tryKeychain()) {
        QKeychain::ReadPasswordJob job(kService);
        job.setKey(name);
        if (runJob(job) && job.error() == QKeychain::NoError)
            return std::optional<QString>(job.textData());
        if (m_mode == StationSettings::Secrets::Keychain) {
            if (job.error() == QKeychain::EntryNotFound)
                return std::optional<QString>();
            return Error{QStringLiteral("OS keychain: %1").arg(job.errorString())};
        }
        // Auto: the secret may have been written to the file when the keychain was unusable.
    }
    return readFile(name);
}

Status SecretStore::write(const QString& name, const QString& value) const
{
    if (tryKeychain()) {
        QKeychain::WritePasswordJob job(kService);
        job.setKey(name);
        job.setTextData(value);
        const bool finished = runJob(job);
        if (finished && job.error() == QKeychain::NoError) {
            QFile::remove(filePath(name)); // one place only
            return {};
        }
        const QString why =
            finished ? job.errorString() : QStringLiteral("no answer in %1 s").arg(kKeychainTimeoutMs / 1000);
        if (m_mode == StationSettings::Secrets::Keychain)
            return Error{QStringLiteral("OS keychain: %1").arg(why)};
        qCInfo(lcConfig) << "no usable keychain (" << why << "), keeping" << name << "in" << filePath(name);
    }
    return writeFile(name, value);
}

Status SecretStore::remove(const QString& name) const
{
    if (tryKeychain()) {
        QKeychain::DeletePasswordJob job(kService);
        job.setKey(name);
        runJob(job);
    }
    QFile::remove(filePath(name));
    return {};
}

QString SecretStore::describe(const QString& name) const
{
    return QFile::exists(filePath(name)) ? filePath(name) : QStringLiteral("OS keychain");
}

Result<std::optional<QString>> SecretStore::readFile(const QString& name) const
{
    QFile f(filePath(name));
    if (!f.exists())
        return std::optional<QString>();
    if (!f.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("%1: %2").arg(f.fileName(), f.errorString())};
    return std::optional<QString>(QString::fromUtf8(f.readAll()).trimmed());
}

Status SecretStore::writeFile(const QString& name, const QString& value) const
{
    const QString dir = QFileInfo(filePath(name)).absolutePath();
    if (!QDir().mkpath(dir) || ::chmod(QFile::encodeName(dir).constData(), 0700) != 0)
        return Error{QStringLiteral("%1: cannot create a private folder").arg(dir)};
    QSaveFile f(filePath(name));
    if (!f.open(QIODevice::WriteOnly))
        return Error{QStringLiteral("%1: %2").arg(f.fileName(), f.errorString())};
    // Owner-only before a byte of the secret is written; the rename keeps the mode.
    if (::fchmod(f.handle(), 0600) != 0)
        return Error{QStringLiteral("%1: cannot make it private").arg(f.fileName())};
    f.write(value.toUtf8());
    if (!f.commit())
        return Error{QStringLiteral("%1: %2").arg(f.fileName(), f.errorString())};
    return {};
}

} // namespace fs
