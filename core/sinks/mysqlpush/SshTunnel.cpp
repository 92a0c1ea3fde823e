// SshTunnel: one listening socket, one SSH channel per accepted connection, a poll loop that copies
// bytes both ways. libssh's session is used by the pump thread only, once open() has returned.
#include "SshTunnel.h"

#include "TcpRelay.h"
#include "ssh/SshSession.h"
#include "util/Logging.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <libssh/libssh.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace fs {

SshTunnel::SshTunnel(Options options) : m_opt(std::move(options)) {}

SshTunnel::~SshTunnel()
{
    close();
}

Result<int> SshTunnel::open()
{
    m_ssh = std::make_unique<SshSession>(
        SshSession::Options{m_opt.sshHost, m_opt.sshPort, m_opt.user, m_opt.knownHosts, m_opt.timeoutS});
    // Our own socket, handed to libssh (closed by close()): abort() can then end a
    // connect, a key exchange or an authentication that a jammed SSH host never answers.
    auto fd = TcpRelay::connectTo(m_opt.sshHost, m_opt.sshPort, m_opt.timeoutS, m_stop);
    if (!fd)
        return Error{
            QStringLiteral("tunnel: SSH to %1:%2: %3").arg(m_opt.sshHost).arg(m_opt.sshPort).arg(fd.error())};
    socket_t socket = fd.value();
    ssh_options_set(m_ssh->handle(), SSH_OPTIONS_FD, &socket);
    {
        std::lock_guard lock(m_abortMutex);
        m_sshFd = socket;
        if (m_stop)
            ::shutdown(m_sshFd, SHUT_RDWR);
    }
    if (Status s = m_ssh->connect(); !s)
        return Error{QStringLiteral("tunnel: %1").arg(s.error())};
    if (Status s = m_ssh->authenticateWithKey(m_opt.keyFile); !s)
        return Error{QStringLiteral("tunnel: %1").arg(s.error())};
    m_listenFd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (m_listenFd < 0 || ::bind(m_listenFd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(m_listenFd, 4) != 0 ||
        ::getsockname(m_listenFd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        const QString why = QString::fromLocal8Bit(std::strerror(errno));
        close();
        return Error{QStringLiteral("tunnel: cannot listen on 127.0.0.1: %1").arg(why)};
    }
    m_port = ntohs(addr.sin_port);
    m_thread = std::thread([this] { pump(); });
    qCInfo(lcPush) << "tunnel 127.0.0.1:" << m_port << "→" << m_ssh->describe() << "→" << m_opt.targetHost
                   << m_opt.targetPort;
    return m_port;
}

void SshTunnel::abort()
{
    std::lock_guard lock(m_abortMutex);
    m_stop = true;
    if (m_sshFd >= 0)
        ::shutdown(m_sshFd, SHUT_RDWR); // every libssh wait on it ends with an error
}

void SshTunnel::close()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
    if (m_listenFd >= 0) {
        ::close(m_listenFd);
        m_listenFd = -1;
    }
    int sshFd = -1;
    {
        std::lock_guard lock(m_abortMutex);
        std::swap(sshFd, m_sshFd);
    }
    m_ssh.reset();
    if (sshFd >= 0)
        ::close(sshFd); // libssh does not close a socket it was given (SSH_OPTIONS_FD)
    m_port = 0;
}

void SshTunnel::pump()
{
    struct Link
    {
        int fd;
        ssh_channel channel;
    };
    std::vector<Link> links;
    const auto drop = [](Link& l) {
        ::close(l.fd);
        ssh_channel_send_eof(l.channel);
        ssh_channel_close(l.channel);
        ssh_channel_free(l.channel);
    };
    char buf[32 * 1024];
    while (!m_stop) {
        std::vector<pollfd> fds;
        fds.push_back({m_listenFd, POLLIN, 0});
        for (const Link& l : links)
            fds.push_back({l.fd, POLLIN, 0});
        ::poll(fds.data(), fds.size(), 5);
        if (fds[0].revents & POLLIN) {
            const int client = ::accept4(m_listenFd, nullptr, nullptr, SOCK_CLOEXEC);
            if (client >= 0) {
                ssh_channel ch = ssh_channel_new(m_ssh->handle());
                if (ch && ssh_channel_open_forward(ch, m_opt.targetHost.toUtf8().constData(),
                                                   m_opt.targetPort, "127.0.0.1", m_port) == SSH_OK) {
                    links.push_back({client, ch});
                } else {
                    qCWarning(lcPush) << "tunnel: the SSH host refused to forward to" << m_opt.targetHost
                                      << m_opt.targetPort << ":" << m_ssh->lastError();
                    if (ch)
                        ssh_channel_free(ch);
                    ::close(client);
                }
            }
        }
        for (size_t i = 0; i < links.size();) {
            Link& l = links[i];
            bool dead = false;
            if (fds.size() > i + 1 && (fds[i + 1].revents & (POLLIN | POLLHUP | POLLERR))) {
                const ssize_t n = ::read(l.fd, buf, sizeof buf);
                if (n <= 0)
                    dead = true;
                else if (ssh_channel_write(l.channel, buf, uint32_t(n)) != n)
                    dead = true;
            }
            while (!dead) {
                const int n = ssh_channel_read_nonblocking(l.channel, buf, sizeof buf, 0);
                if (n == SSH_ERROR) {
                    dead = true;
                } else if (n > 0) {
                    for (ssize_t off = 0; off < n;) {
                        const ssize_t w = ::write(l.fd, buf + off, size_t(n - off));
                        if (w <= 0) {
                            dead = true;
                            break;
                        }
                        off += w;
                    }
                } else {
                    dead = ssh_channel_is_eof(l.channel) || !ssh_channel_is_open(l.channel);
                    break;
                }
            }
            if (dead) {
                drop(l);
                links.erase(links.begin() + ptrdiff_t(i));
                fds.erase(fds.begin() + ptrdiff_t(i) + 1);
            } else {
                ++i;
            }
        }
    }
    for (Link& l : links)
        drop(l);
}

} // namespace fs
