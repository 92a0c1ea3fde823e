// UploadTransport: SCP in 256 KiB blocks (progress per block), and the demo's local copy.
#include "UploadTransport.h"

#include "sinks/mysqlpush/TcpRelay.h"
#include "ssh/SshSession.h"
#include "util/DurableFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QScopeGuard>
#include <fcntl.h>
#include <libssh/libssh.h>
#include <mutex>
#include <sys/socket.h>
#include <unistd.h>

// libssh 0.10 marks its SCP API deprecated in favour of SFTP; the gascloud contract is SCP.
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

namespace fs {

Status ScpTransport::upload(const QString& localFile, const QString& remoteName, const UploadTarget& target,
                            const Progress& progress)
{
    QFile in(localFile);
    if (!in.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("%1: %2").arg(localFile, in.errorString())};
    // Destroyed in reverse order: the session, then the abort (never running after that), then our
    // socket. libssh gets a duplicate, which it closes itself; a shutdown of ours ends its waits too.
    std::mutex fdMutex;
    std::atomic<bool> cut{false};
    socket_t fd = -1;
    const auto closeFd = qScopeGuard([&] {
        if (fd >= 0)
            ::close(fd);
    });
    SinkStop::Registration abort;
    if (m_stop)
        abort = m_stop->onStop([&] {
            std::lock_guard lock(fdMutex);
            cut = true;
            if (fd >= 0)
                ::shutdown(fd, SHUT_RDWR); // every libssh wait on it ends with an error
        });
    auto connected = TcpRelay::connectTo(target.host, target.port, m_timeoutS, cut);
    if (!connected)
        return Error{
            QStringLiteral("SSH to %1:%2: %3").arg(target.host).arg(target.port).arg(connected.error())};
    {
        std::lock_guard lock(fdMutex);
        fd = connected.value();
        if (cut)
            ::shutdown(fd, SHUT_RDWR);
    }
    SshSession ssh({target.host, target.port, target.user, m_knownHosts, m_timeoutS});
    socket_t forSsh = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
    if (forSsh < 0)
        return Error{
            QStringLiteral("SSH to %1:%2: cannot duplicate the socket").arg(target.host).arg(target.port)};
    ssh_options_set(ssh.handle(), SSH_OPTIONS_FD, &forSsh);
    if (Status s = ssh.connect(); !s)
        return s;
    if (Status s = ssh.authenticateWithPassword(target.password); !s)
        return s;
    const QByteArray dir = target.remoteDir.toUtf8();
    ssh_scp scp = ssh_scp_new(ssh.handle(), SSH_SCP_WRITE, dir.constData());
    if (!scp)
        return Error{QStringLiteral("SCP to %1: %2").arg(ssh.describe(), ssh.lastError())};
    const auto fail = [&](const QString& step) {
        const QString msg = QStringLiteral("SCP to %1:%2: %3: %4")
                                .arg(ssh.describe(), target.remoteDir, step, ssh.lastError());
        ssh_scp_free(scp);
        return Error{msg};
    };
    if (ssh_scp_init(scp) != SSH_OK)
        return fail(QStringLiteral("cannot start"));
    if (ssh_scp_push_file64(scp, remoteName.toUtf8().constData(), uint64_t(in.size()), 0644) != SSH_OK)
        return fail(QStringLiteral("refused %1").arg(remoteName));
    qint64 sent = 0;
    QByteArray block;
    while (!cut && !(block = in.read(256 * 1024)).isEmpty()) {
        if (ssh_scp_write(scp, block.constData(), size_t(block.size())) != SSH_OK)
            return fail(QStringLiteral("write failed after %1 bytes").arg(sent));
        sent += block.size();
        if (progress)
            progress(sent);
    }
    if (sent != in.size())
        return fail(QStringLiteral("read %1 of %2 bytes of %3").arg(sent).arg(in.size()).arg(localFile));
    if (ssh_scp_close(scp) != SSH_OK)
        return fail(QStringLiteral("closing"));
    ssh_scp_free(scp);
    return {};
}

Status LocalTransport::upload(const QString& localFile, const QString& remoteName, const UploadTarget& target,
                              const Progress& progress)
{
    const QString dir =
        QDir(m_root).filePath(QString(target.remoteDir).remove(QRegularExpression(QStringLiteral("^/+"))));
    if (!QDir().mkpath(dir))
        return Error{QStringLiteral("%1: cannot create the folder").arg(dir)};
    const QString to = QDir(dir).filePath(remoteName);
    QFile::remove(to + QStringLiteral(".part"));
    if (!QFile::copy(localFile, to + QStringLiteral(".part")))
        return Error{QStringLiteral("copying %1 to %2 failed").arg(localFile, to)};
    if (Status s = durable::commitRename(to + QStringLiteral(".part"), to); !s)
        return s;
    if (progress)
        progress(QFileInfo(to).size());
    return {};
}

} // namespace fs
