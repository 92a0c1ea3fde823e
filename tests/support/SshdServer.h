// SshdServer: a real sshd started by tests/servers/sshd.sh for the lifetime of a test object.
#pragma once

#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace fs::test {

class SshdServer
{
public:
    /// Starts sshd in its own temp dir with accounts for `users`; check ok() and error().
    explicit SshdServer(const QStringList& users)
    {
        m_dir.setAutoRemove(true);
        m_ok = script(QStringList{QStringLiteral("start"), m_dir.path()} + users, &m_port);
    }
    ~SshdServer() { script({QStringLiteral("stop"), m_dir.path()}); }

    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    int port() const { return m_port; }
    QString dir() const { return m_dir.path(); }
    QString inbox() const { return m_dir.path() + QStringLiteral("/inbox"); }
    bool stop() { return script({QStringLiteral("stop"), m_dir.path()}); }
    bool restart() { return script({QStringLiteral("restart"), m_dir.path()}); }
    /// A new host key (what a man in the middle would present).
    bool rekey() { return script({QStringLiteral("rekey"), m_dir.path()}); }
    /// Lets `user` log in with the key pair it creates in the server's dir; returns the private key.
    QString addClientKey(const QString& user)
    {
        const QString key = m_dir.path() + QStringLiteral("/client_") + user;
        QProcess gen;
        gen.start(QStringLiteral("ssh-keygen"),
                  {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                   QStringLiteral("-N"), QString(), QStringLiteral("-f"), key});
        gen.waitForFinished(30000);
        QFile::remove(m_dir.path() + QStringLiteral("/authorized_keys/") + user);
        QFile::copy(key + QStringLiteral(".pub"), m_dir.path() + QStringLiteral("/authorized_keys/") + user);
        return key;
    }
    /// Sets `user`'s password (the emulator's ticket hook).
    static bool setPassword(const QString& user, const QString& password)
    {
        QProcess p;
        p.start(QStringLiteral("chpasswd"));
        p.write((user + QLatin1Char(':') + password + QLatin1Char('\n')).toUtf8());
        p.closeWriteChannel();
        return p.waitForFinished(10000) && p.exitCode() == 0;
    }

private:
    bool script(const QStringList& args, int* port = nullptr)
    {
        QProcess p;
        p.start(QStringLiteral(FS_TESTS_DIR "/servers/sshd.sh"), args);
        if (!p.waitForFinished(60000) || p.exitCode() != 0) {
            m_error = QString::fromUtf8(p.readAllStandardError());
            return false;
        }
        if (port)
            *port =
                QString::fromUtf8(p.readAllStandardOutput()).trimmed().section(QLatin1Char('\n'), -1).toInt();
        return true;
    }

    QTemporaryDir m_dir{QStringLiteral("/tmp/fs-sshd-XXXXXX")};
    bool m_ok = false;
    QString m_error;
    int m_port = 0;
};

} // namespace fs::test
