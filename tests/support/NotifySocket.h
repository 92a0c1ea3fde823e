// NotifySocket: the datagram socket systemd listens on (NOTIFY_SOCKET), for tests of sd_notify.
#pragma once

#include <QFile>
#include <QList>
#include <QObject>
#include <QSocketNotifier>
#include <QString>
#include <algorithm>
#include <memory>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace fs::test {

/// The datagram socket systemd would listen on (NOTIFY_SOCKET), in a temp dir.
class NotifySocket
{
public:
    explicit NotifySocket(const QString& path)
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        const QByteArray p = QFile::encodeName(path);
        qstrncpy(addr.sun_path, p.constData(), sizeof addr.sun_path);
        m_bound = m_fd >= 0 && ::bind(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
        // Read as datagrams come, like systemd: a full queue (net.unix.max_dgram_qlen, often 10)
        // would block the sender inside sd_notify.
        m_reader = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
        QObject::connect(m_reader.get(), &QSocketNotifier::activated, [this] { drain(); });
    }
    ~NotifySocket()
    {
        m_reader.reset();
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool bound() const { return m_bound; }

    /// Where the notifications received so far end: count from here with since().
    qsizetype mark()
    {
        drain();
        return m_seen.size();
    }
    /// How often `state` arrived after `from`. Reads the socket, yet gives the same answer when
    /// asked twice (QTRY_VERIFY evaluates its expression once more at the end).
    int since(qsizetype from, const char* state)
    {
        drain();
        return int(std::count(m_seen.begin() + from, m_seen.end(), QByteArray(state)));
    }
    bool anySince(qsizetype from, const char* prefix)
    {
        drain();
        return std::any_of(m_seen.begin() + from, m_seen.end(),
                           [prefix](const QByteArray& s) { return s.startsWith(prefix); });
    }

private:
    void drain()
    {
        char buf[4096];
        for (ssize_t n; (n = ::recv(m_fd, buf, sizeof buf, 0)) > 0;)
            m_seen += QByteArray(buf, int(n)).split('\n'); // one state a line, as sd_notify sent them
    }

    int m_fd = -1;
    bool m_bound = false;
    std::unique_ptr<QSocketNotifier> m_reader;
    QList<QByteArray> m_seen;
};

} // namespace fs::test
