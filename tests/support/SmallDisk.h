// SmallDisk: a tmpfs mounted for a test's lifetime, to fill a real disk. Mounting needs root
// (CAP_SYS_ADMIN): tests that use it carry the "root" label.
#pragma once

#include <QByteArray>
#include <QString>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

namespace fs::test {

class SmallDisk
{
public:
    /// `size` as tmpfs takes it: "256k", "2m".
    SmallDisk(const QString& dir, const char* size) : m_dir(dir.toLocal8Bit())
    {
        const QByteArray options = QByteArray("size=") + size;
        if (::mount("tmpfs", m_dir.constData(), "tmpfs", 0, options.constData()) != 0)
            m_error = QStringLiteral("mount -t tmpfs on %1: %2 (the test needs root)")
                          .arg(dir, QString::fromLocal8Bit(std::strerror(errno)));
    }
    ~SmallDisk()
    {
        if (m_error.isEmpty())
            ::umount2(m_dir.constData(), MNT_DETACH);
    }
    SmallDisk(const SmallDisk&) = delete;
    SmallDisk& operator=(const SmallDisk&) = delete;

    QString error() const { return m_error; }
    /// Space returns: the tmpfs is remounted at `size`.
    bool grow(const char* size)
    {
        const QByteArray options = QByteArray("size=") + size;
        return ::mount("tmpfs", m_dir.constData(), "tmpfs", MS_REMOUNT, options.constData()) == 0;
    }
    /// Writes a ballast file until the kernel says ENOSPC, so the next page anyone needs is refused;
    /// an error if the writing stopped for another reason.
    QString fill()
    {
        const QByteArray path = m_dir + "/ballast";
        const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd < 0)
            return QString::fromLocal8Bit(std::strerror(errno));
        const QByteArray chunk(4096, 'b');
        while (::write(fd, chunk.constData(), size_t(chunk.size())) > 0) {
        }
        const int err = errno;
        ::close(fd);
        return err == ENOSPC ? QString() : QString::fromLocal8Bit(std::strerror(err));
    }

private:
    QByteArray m_dir;
    QString m_error;
};

} // namespace fs::test
