// UploadTransport: how a batch zip reaches the quarantine host. SCP (libssh) in the field; a local
// copy into the emulator's inbox in --demo, where there is no SSH server to talk to.
#pragma once

#include "sinks/SinkStop.h"
#include "util/Result.h"

#include <QString>
#include <functional>

namespace fs {

struct UploadTarget
{
    QString host;
    int port = 22;
    QString user;
    QString password;
    QString remoteDir; ///< ends in '/'
};

class UploadTransport
{
public:
    using Progress = std::function<void(qint64 bytesSent)>;
    virtual ~UploadTransport() = default;
    /// Sends `localFile` as `remoteDir/remoteName`; reports progress as it goes.
    virtual Status upload(const QString& localFile, const QString& remoteName, const UploadTarget& target,
                          const Progress& progress) = 0;
    /// Once `stop` is requested, an upload under way ends at once with an error. Must outlive this.
    void setStopToken(SinkStop* stop) { m_stop = stop; }

protected:
    SinkStop* m_stop = nullptr;
};

/// SCP with libssh: user and password from the ticket, host key pinned in `knownHosts`. libssh runs on a
/// socket of our own, so that stop can shut it down under any libssh wait (banner, key exchange, write).
class ScpTransport : public UploadTransport
{
public:
    ScpTransport(QString knownHosts, int timeoutS) : m_knownHosts(std::move(knownHosts)), m_timeoutS(timeoutS)
    {}
    Status upload(const QString& localFile, const QString& remoteName, const UploadTarget& target,
                  const Progress& progress) override;

private:
    QString m_knownHosts;
    int m_timeoutS;
};

/// Copies into `root` + remoteDir (for --demo's in-process gascloud emulator).
class LocalTransport : public UploadTransport
{
public:
    explicit LocalTransport(QString root) : m_root(std::move(root)) {}
    Status upload(const QString& localFile, const QString& remoteName, const UploadTarget& target,
                  const Progress& progress) override;

private:
    QString m_root;
};

} // namespace fs
