// SecretStore: qtkeychain jobs run with a time limit, so a keychain service that never answers cannot
// hang the caller; on worker threads in a keychain thread of their own (no nested event loop in the
// caller's), on the GUI thread in a local loop; the file fallback is 0600 in a 0700 dir.
#include "SecretStore.h"

#include "util/Logging.h"
#include "util/Redact.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSemaphore>
#include <QThread>
#include <QTimer>
#include <functional>
#include <memory>
#include <qt6keychain/keychain.h>
#include <sys/stat.h>

namespace fs {

namespace {

const QString kService = QStringLiteral("fieldstation");
constexpr int kKeychainTimeoutMs = 5000;

/// What a keychain job ended with; `finished` is false when it did not answer in time.
struct Outcome
{
    bool finished = false;
    QKeychain::Error error = QKeychain::OtherError;
    QString errorString;
    QString text;
};

Outcome outcomeOf(const QKeychain::Job& job)
{
    Outcome o{true, job.error(), job.errorString(), {}};
    if (const auto* read = qobject_cast<const QKeychain::ReadPasswordJob*>(&job))
        o.text = read->textData();
    return o;
}

/// On the GUI thread: waits in a local event loop, so the screen stays alive.
Outcome runHere(QKeychain::Job* job)
{
    QEventLoop loop;
    bool finished = false;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(kKeychainTimeoutMs, &loop, &QEventLoop::quit);
    job->setAutoDelete(false);
    job->start();
    if (!finished)
        loop.exec();
    Outcome o = finished ? outcomeOf(*job) : Outcome{};
    job->deleteLater(); // it may still answer after the time limit
    return o;
}

QThread* keychainThread()
{
    static QThread* thread = [] {
        auto* t = new QThread; // lives as long as the process: jobs may outlive their caller's wait
        t->setObjectName(QStringLiteral("keychain"));
        t->start();
        return t;
    }();
    return thread;
}

/// Runs the job `make` creates and waits for it, at most kKeychainTimeoutMs. A worker thread
/// waits without an event loop (a nested one would let its timers re-enter the caller): the job
/// runs in a thread of its own.
Outcome runJob(const std::function<QKeychain::Job*()>& make)
{
    const QCoreApplication* app = QCoreApplication::instance();
    if (!app || QThread::currentThread() == app->thread())
        return runHere(make());
    struct Shared
    {
        QSemaphore done;
        Outcome outcome;
    };
    auto shared = std::make_shared<Shared>();
    auto* context = new QObject;
    context->moveToThread(keychainThread());
    QMetaObject::invokeMethod(
        context,
        [shared, make, context] {
            QKeychain::Job* job = make();
            job->setAutoDelete(true);
            QObject::connect(job, &QKeychain::Job::finished, [shared](QKeychain::Job* j) {
                shared->outcome = outcomeOf(*j);
                shared->done.release();
            });
            job->start();
            context->deleteLater();
        },
        Qt::QueuedConnection);
    if (!shared->done.tryAcquire(1, kKeychainTimeoutMs))
        return {};
    return shared->outcome;
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
        const Outcome job = runJob([name]() -> QKeychain::Job* {
            auto* j = new QKeychain::ReadPasswordJob(kService);
            j->setKey(name);
            return j;
        });
        if (job.finished && job.error == QKeychain::NoError)
            return std::optional<QString>(job.text);
        if (m_mode == StationSettings::Secrets::Keychain) {
            if (job.finished && job.error == QKeychain::EntryNotFound)
                return std::optional<QString>();
            return Error{QStringLiteral("OS keychain: %1")
                             .arg(job.finished
                                      ? job.errorString
                                      : QStringLiteral("no answer in %1 s").arg(kKeychainTimeoutMs / 1000))};
        }
        // Auto: the secret may have been written to the file when the keychain was unusable.
    }
    return readFile(name);
}

Status SecretStore::write(const QString& name, const QString& value) const
{
    if (tryKeychain()) {
        const Outcome job = runJob([name, value]() -> QKeychain::Job* {
            auto* j = new QKeychain::WritePasswordJob(kService);
            j->setKey(name);
            j->setTextData(value);
            return j;
        });
        const bool finished = job.finished;
        if (finished && job.error == QKeychain::NoError) {
            QFile::remove(filePath(name)); // one place only
            return {};
        }
        const QString why =
            finished ? job.errorString : QStringLiteral("no answer in %1 s").arg(kKeychainTimeoutMs / 1000);
        if (m_mode == StationSettings::Secrets::Keychain)
            return Error{QStringLiteral("OS keychain: %1").arg(why)};
        qCInfo(lcConfig) << "no usable keychain (" << why << "), keeping" << name << "in" << filePath(name);
    }
    return writeFile(name, value);
}

Status SecretStore::remove(const QString& name) const
{
    if (tryKeychain()) {
        runJob([name]() -> QKeychain::Job* {
            auto* j = new QKeychain::DeletePasswordJob(kService);
            j->setKey(name);
            return j;
        });
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
