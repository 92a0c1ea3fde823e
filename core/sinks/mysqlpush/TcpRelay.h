// TcpRelay: the MySQL client's road to a far server, through a loopback port whose two sockets we
// own, so that stop can cut a connection the client library is blocked on (connect, handshake, a
// query a jammed server never answers) instead of waiting out its timeouts.
#pragma once

#include "sinks/SinkStop.h"
#include "util/Result.h"

#include <QString>
#include <atomic>
#include <mutex>
#include <thread>

namespace fs {

class TcpRelay
{
public:
    /// Relays one client connection to host:port; `stop` cuts it (and a connect still under way).
    TcpRelay(QString host, int port, int timeoutS, SinkStop& stop);
    ~TcpRelay();
    TcpRelay(const TcpRelay&) = delete;
    TcpRelay& operator=(const TcpRelay&) = delete;

    /// Connects to the far end (giving up after the timeout or on stop), then listens on 127.0.0.1
    /// for the one client; the local port. Blocks the calling thread.
    Result<int> open();

    /// A blocking TCP socket connected to host:port; gives up after `timeoutS` or as soon as
    /// `cancelled` is set (checked every 100 ms).
    static Result<int> connectTo(const QString& host, int port, int timeoutS,
                                 const std::atomic<bool>& cancelled);

private:
    void pump();
    /// Any thread: shuts both sockets down, which ends every blocked read or write on them at once.
    void abort();

    const QString m_host;
    const int m_port;
    const int m_timeoutS;
    SinkStop& m_stopToken;
    SinkStop::Registration m_registration;
    std::atomic<bool> m_stop{false};
    std::mutex m_fdMutex; // guards the shutdown of m_client/m_upstream against their close
    int m_upstream = -1;
    int m_listen = -1;
    int m_client = -1;
    std::thread m_thread;
};

} // namespace fs
