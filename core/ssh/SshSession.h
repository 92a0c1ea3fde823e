// SshSession: one libssh connection with the server's host key checked against a known_hosts file
// (trust on first use, then enforced: a changed key is refused). Blocking; for worker threads.
#pragma once

#include "util/Result.h"

#include <QString>

struct ssh_session_struct;

namespace fs {

class SshSession
{
public:
    struct Options
    {
        QString host;
        int port = 22;
        QString user;
        QString knownHosts; ///< the file that pins host keys
        int timeoutS = 30;
    };

    explicit SshSession(Options options);
    ~SshSession();
    SshSession(const SshSession&) = delete;
    SshSession& operator=(const SshSession&) = delete;

    /// Connects and verifies the host key; the error says which, and for a changed key, loudly.
    Status connect();
    Status authenticateWithPassword(const QString& password);
    Status authenticateWithKey(const QString& privateKeyFile);
    ssh_session_struct* handle() const { return m_session; }
    QString describe() const;
    /// The SHA256 fingerprint of the server's host key, once connected.
    QString hostKeyFingerprint() const { return m_fingerprint; }
    QString lastError() const;

private:
    Status verifyHostKey();

    Options m_opt;
    ssh_session_struct* m_session = nullptr;
    QString m_fingerprint;
};

} // namespace fs
