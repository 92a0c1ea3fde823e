// SshTunnel: a local port on 127.0.0.1 forwarded over SSH (direct-tcpip) to a MySQL server behind the
// SSH host. Key authentication, host key pinned in known_hosts. The pump runs in a thread of its
// own (the MySQL client blocks its caller); close() or destruction leaves no port bound; abort() from
// another thread ends a wait on a jammed far end.
#pragma once

#include "util/Result.h"

#include <QString>
#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

namespace fs {

class SshSession;

class SshTunnel
{
public:
    struct Options
    {
        QString sshHost;
        int sshPort = 22;
        QString user;
        QString keyFile;
        QString knownHosts;
        QString targetHost = QStringLiteral("127.0.0.1"); ///< as seen from the SSH host
        int targetPort = 3306;
        int timeoutS = 30;
    };

    explicit SshTunnel(Options options);
    ~SshTunnel();
    SshTunnel(const SshTunnel&) = delete;
    SshTunnel& operator=(const SshTunnel&) = delete;

    /// Connects (host key checked), authenticates, listens; the local port to connect to.
    Result<int> open();
    void close();
    /// Any thread: ends the pump and cuts the SSH connection, so that a MySQL client blocked on the
    /// tunnel gets an error now, not at its timeout. close() still has to follow on the owner's thread.
    void abort();
    int localPort() const { return m_port; }

private:
    void pump();

    Options m_opt;
    std::unique_ptr<SshSession> m_ssh;
    int m_listenFd = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::mutex m_abortMutex; // guards m_sshFd between abort() and the session's end
    int m_sshFd = -1;
    std::thread m_thread;
};

} // namespace fs
