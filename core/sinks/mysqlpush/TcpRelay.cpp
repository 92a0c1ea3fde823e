// TcpRelay: sockets are only shut down by abort() and only closed once the pump has been joined,
// so a file descriptor is never reused under a thread still blocked on it.
#include "TcpRelay.h"

#include <QElapsedTimer>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace fs {

namespace {

constexpr int kPollMs = 100; // how often a wait looks at the stop flag

QString lastErrno()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

void noDelay(int fd)
{
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

/// Writes all of `n` bytes; false when the socket is gone (or shut down by abort()).
bool writeAll(int fd, const char* buf, ssize_t n)
{
    for (ssize_t off = 0; off < n;) {
        const ssize_t w = ::send(fd, buf + off, size_t(n - off), MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        off += w;
    }
    return true;
}

} // namespace

TcpRelay::TcpRelay(QString host, int port, int timeoutS, SinkStop& stop)
    : m_host(std::move(host)), m_port(port), m_timeoutS(timeoutS), m_stopToken(stop)
{}

TcpRelay::~TcpRelay()
{
    m_registration.release(); // from here on no abort runs from the stopping thread
    abort();
    if (m_thread.joinable())
        m_thread.join();
    for (int fd : {m_client, m_upstream, m_listen}) {
        if (fd >= 0)
            ::close(fd);
    }
}

void TcpRelay::abort()
{
    std::lock_guard lock(m_fdMutex);
    m_stop = true;
    for (int fd : {m_client, m_upstream}) {
        if (fd >= 0)
            ::shutdown(fd, SHUT_RDWR);
    }
}

Result<int> TcpRelay::open()
{
    m_registration = m_stopToken.onStop([this] { abort(); });
    auto upstream = connectTo(m_host, m_port, m_timeoutS, m_stop);
    if (!upstream)
        return Error{upstream.error()};
    {
        std::lock_guard lock(m_fdMutex);
        m_upstream = upstream.value();
        if (m_stop) // an abort that came between the connect and here
            ::shutdown(m_upstream, SHUT_RDWR);
    }
    m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (m_listen < 0 || ::bind(m_listen, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(m_listen, 1) != 0 || ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
        return Error{QStringLiteral("cannot listen on 127.0.0.1: %1").arg(lastErrno())};
    m_thread = std::thread([this] { pump(); });
    return int(ntohs(addr.sin_port));
}

Result<int> TcpRelay::connectTo(const QString& hostName, int portNumber, int timeoutS,
                                const std::atomic<bool>& cancelled)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    const QByteArray host = hostName.toUtf8(), port = QByteArray::number(portNumber);
    if (const int rc = ::getaddrinfo(host.constData(), port.constData(), &hints, &found); rc != 0)
        return Error{QStringLiteral("%1: %2").arg(hostName, QString::fromLocal8Bit(gai_strerror(rc)))};
    QString why = QStringLiteral("no address");
    int connected = -1;
    QElapsedTimer t;
    t.start();
    for (addrinfo* a = found; a && connected < 0 && !cancelled; a = a->ai_next) {
        const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
        if (fd < 0)
            continue;
        int rc = ::connect(fd, a->ai_addr, a->ai_addrlen);
        if (rc != 0 && errno == EINPROGRESS) {
            pollfd p{fd, POLLOUT, 0};
            while (!cancelled && t.elapsed() < timeoutS * 1000LL && (rc = ::poll(&p, 1, kPollMs)) == 0) {
            }
            int err = rc > 0 ? 0 : ETIMEDOUT;
            socklen_t len = sizeof err;
            if (rc > 0)
                ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
            errno = err;
            rc = err == 0 ? 0 : -1;
        }
        if (rc == 0) {
            ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
            noDelay(fd);
            connected = fd;
        } else {
            why = lastErrno();
            ::close(fd);
        }
    }
    ::freeaddrinfo(found);
    if (cancelled) {
        if (connected >= 0)
            ::close(connected);
        return Error{QStringLiteral("stopped while connecting to %1:%2").arg(hostName).arg(portNumber)};
    }
    if (connected < 0)
        return Error{QStringLiteral("cannot connect to %1:%2: %3").arg(hostName).arg(portNumber).arg(why)};
    return connected;
}

void TcpRelay::pump()
{
    while (!m_stop && m_client < 0) {
        pollfd p{m_listen, POLLIN, 0};
        if (::poll(&p, 1, kPollMs) > 0) {
            const int fd = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd >= 0) {
                noDelay(fd);
                std::lock_guard lock(m_fdMutex);
                m_client = fd;
                if (m_stop) // an abort that came between the check and here
                    ::shutdown(fd, SHUT_RDWR);
            }
        }
    }
    char buf[64 * 1024];
    while (!m_stop) {
        pollfd fds[2] = {{m_client, POLLIN, 0}, {m_upstream, POLLIN, 0}};
        if (::poll(fds, 2, kPollMs) <= 0)
            continue;
        bool alive = true;
        for (int i = 0; i < 2 && alive; ++i) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            const ssize_t n = ::recv(fds[i].fd, buf, sizeof buf, 0);
            alive = n > 0 && writeAll(fds[1 - i].fd, buf, n);
        }
        if (!alive)
            break;
    }
    // Either side gone: the other learns it now, not at its timeout.
    abort();
}

} // namespace fs
