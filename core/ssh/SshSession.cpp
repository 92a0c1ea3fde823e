// SshSession: libssh with the user's and the system's ssh_config ignored, so behaviour depends on
// FieldStation's settings only, and with one known_hosts file of FieldStation's own.
#include "SshSession.h"

#include "util/Logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <libssh/libssh.h>
#include <mutex>

namespace fs {

SshSession::SshSession(Options options) : m_opt(std::move(options))
{
    static std::once_flag once;
    std::call_once(once, [] { ssh_init(); });
    m_session = ssh_new();
}

SshSession::~SshSession()
{
    if (m_session) {
        if (ssh_is_connected(m_session))
            ssh_disconnect(m_session);
        ssh_free(m_session);
    }
}

QString SshSession::describe() const
{
    return QStringLiteral("%1:%2").arg(m_opt.host).arg(m_opt.port);
}

QString SshSession::lastError() const
{
    return QString::fromUtf8(ssh_get_error(m_session));
}

Status SshSession::connect()
{
    if (!m_session)
        return Error{QStringLiteral("libssh could not allocate a session")};
    QDir().mkpath(QFileInfo(m_opt.knownHosts).absolutePath());
    const QByteArray host = m_opt.host.toUtf8();
    const QByteArray user = m_opt.user.toUtf8();
    const QByteArray known = QFile::encodeName(m_opt.knownHosts);
    unsigned int port = unsigned(m_opt.port);
    long timeout = m_opt.timeoutS;
    int no = 0;
    ssh_options_set(m_session, SSH_OPTIONS_PROCESS_CONFIG, &no);
    ssh_options_set(m_session, SSH_OPTIONS_HOST, host.constData());
    ssh_options_set(m_session, SSH_OPTIONS_PORT, &port);
    ssh_options_set(m_session, SSH_OPTIONS_USER, user.constData());
    ssh_options_set(m_session, SSH_OPTIONS_TIMEOUT, &timeout);
    ssh_options_set(m_session, SSH_OPTIONS_KNOWNHOSTS, known.constData());
    ssh_options_set(m_session, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, known.constData());
    if (ssh_connect(m_session) != SSH_OK)
        return Error{QStringLiteral("SSH to %1: %2").arg(describe(), lastError())};
    return verifyHostKey();
}

Status SshSession::verifyHostKey()
{
    ssh_key key = nullptr;
    if (ssh_get_server_publickey(m_session, &key) != SSH_OK)
        return Error{QStringLiteral("SSH to %1: no host key: %2").arg(describe(), lastError())};
    unsigned char* hash = nullptr;
    size_t len = 0;
    if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &len) == 0) {
        char* fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, len);
        m_fingerprint = QString::fromLatin1(fp);
        ssh_string_free_char(fp);
        ssh_clean_pubkey_hash(&hash);
    }
    ssh_key_free(key);

    switch (ssh_session_is_known_server(m_session)) {
    case SSH_KNOWN_HOSTS_OK:
        return {};
    case SSH_KNOWN_HOSTS_CHANGED:
        qCCritical(lcSsh).noquote()
            << "HOST KEY OF" << describe() << "HAS CHANGED to" << m_fingerprint
            << "- refusing to connect. If the server was re-keyed on purpose, remove its line from"
            << m_opt.knownHosts;
        return Error{
            QStringLiteral("SSH to %1 refused: the host key has CHANGED (now %2, pinned in %3); possible "
                           "man-in-the-middle")
                .arg(describe(), m_fingerprint, m_opt.knownHosts)};
    case SSH_KNOWN_HOSTS_OTHER:
        return Error{QStringLiteral(
                         "SSH to %1 refused: it offers a host key of another type than the one pinned in %2")
                         .arg(describe(), m_opt.knownHosts)};
    case SSH_KNOWN_HOSTS_UNKNOWN:
    case SSH_KNOWN_HOSTS_NOT_FOUND:
        // Trust on first use: pin the key; from now on it is enforced.
        if (ssh_session_update_known_hosts(m_session) != SSH_OK)
            return Error{QStringLiteral("SSH to %1: cannot pin the host key in %2: %3")
                             .arg(describe(), m_opt.knownHosts, lastError())};
        qCInfo(lcSsh).noquote() << "pinned host key" << m_fingerprint << "of" << describe() << "in"
                                << m_opt.knownHosts;
        return {};
    case SSH_KNOWN_HOSTS_ERROR:
        break;
    }
    return Error{QStringLiteral("SSH to %1: cannot check the host key against %2: %3")
                     .arg(describe(), m_opt.knownHosts, lastError())};
}

Status SshSession::authenticateWithPassword(const QString& password)
{
    const QByteArray pw = password.toUtf8();
    const int rc = ssh_userauth_password(m_session, nullptr, pw.constData());
    if (rc != SSH_AUTH_SUCCESS)
        return Error{QStringLiteral("SSH to %1: password authentication failed: %2")
                         .arg(describe(), rc == SSH_AUTH_DENIED ? QStringLiteral("denied") : lastError())};
    return {};
}

Status SshSession::authenticateWithKey(const QString& privateKeyFile)
{
    ssh_key key = nullptr;
    if (ssh_pki_import_privkey_file(QFile::encodeName(privateKeyFile).constData(), nullptr, nullptr, nullptr,
                                    &key) != SSH_OK)
        return Error{QStringLiteral("%1: cannot read the private key").arg(privateKeyFile)};
    const int rc = ssh_userauth_publickey(m_session, nullptr, key);
    ssh_key_free(key);
    if (rc != SSH_AUTH_SUCCESS)
        return Error{QStringLiteral("SSH to %1: key authentication failed: %2")
                         .arg(describe(), rc == SSH_AUTH_DENIED ? QStringLiteral("denied") : lastError())};
    return {};
}

} // namespace fs
