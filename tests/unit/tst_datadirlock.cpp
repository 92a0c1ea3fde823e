// DataDirLock: one holder at a time, a clear refusal naming the dir and the holder's pid, and a
// lock whose holder is gone taken over.
#include "TestSupport.h"
#include "util/DataDirLock.h"

#include <QCoreApplication>
#include <QDir>
#include <QLockFile>
#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace fs;

namespace {

/// A lock file as QLockFile writes it (pid, program name, host), claimed for `pid`.
void writeLockFile(const QString& dataDir, qint64 pid, const QByteArray& program)
{
    QFile f(DataDirLock::lockPath(dataDir));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray::number(pid) + '\n' + program + '\n' + QSysInfo::machineHostName().toUtf8() + '\n');
}

qint64 holderPid(const QString& dataDir)
{
    QLockFile f(DataDirLock::lockPath(dataDir));
    qint64 pid = 0;
    QString host, app;
    return f.getLockInfo(&pid, &host, &app) ? pid : -1;
}

} // namespace

class TestDataDirLock : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void oneHolderAtATime()
    {
        const QString data = m_dir.filePath(QStringLiteral("station/data")); // created on the way
        auto first = DataDirLock::take(data);
        QVERIFY2(first.ok(), qPrintable(first.error()));
        QVERIFY(QFile::exists(DataDirLock::lockPath(data)));
        QCOMPARE(holderPid(data), QCoreApplication::applicationPid());

        const auto second = DataDirLock::take(data);
        QVERIFY(!second.ok());
        QVERIFY2(second.error().contains(QStringLiteral("data dir %1 is in use").arg(data)),
                 qPrintable(second.error()));
        QVERIFY2(second.error().contains(QStringLiteral("(pid %1)").arg(QCoreApplication::applicationPid())),
                 qPrintable(second.error()));

        std::move(first).value().reset();
        QVERIFY(!QFile::exists(DataDirLock::lockPath(data)));
        QVERIFY(DataDirLock::take(data).ok());
    }

    void heldByAnotherLiveProcess()
    {
        const QString data = m_dir.filePath(QStringLiteral("live"));
        QVERIFY(QDir().mkpath(data));
        QProcess sleeper;
        sleeper.start(QStringLiteral("sleep"), {QStringLiteral("60")});
        QVERIFY(sleeper.waitForStarted());
        const qint64 pid = sleeper.processId();
        writeLockFile(data, pid, "sleep");
        const auto lock = DataDirLock::take(data);
        sleeper.kill();
        sleeper.waitForFinished();
        QVERIFY(!lock.ok());
        QVERIFY2(lock.error().contains(
                     QStringLiteral("data dir %1 is in use by sleep (pid %2)").arg(data).arg(pid)),
                 qPrintable(lock.error()));
    }

    void holderGoneIsTakenOver()
    {
        const QString data = m_dir.filePath(QStringLiteral("stale"));
        QVERIFY(QDir().mkpath(data));
        QProcess gone;
        gone.start(QStringLiteral("true"), {});
        QVERIFY(gone.waitForStarted());
        const qint64 pid = gone.processId();
        QVERIFY(gone.waitForFinished()); // reaped: the pid is free
        writeLockFile(data, pid, "fieldstation");
        const auto lock = DataDirLock::take(data);
        QVERIFY2(lock.ok(), qPrintable(lock.error()));
        QCOMPARE(holderPid(data), QCoreApplication::applicationPid());
    }
};

QTEST_GUILESS_MAIN(TestDataDirLock)
#include "tst_datadirlock.moc"
