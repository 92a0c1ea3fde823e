// SecretStore: the gateway key and other credentials, in the OS keychain (qtkeychain) or a 0600 file.
#pragma once

#include "config/Settings.h"
#include "util/Result.h"

#include <QString>
#include <optional>

namespace fs {

class SecretStore
{
public:
    /// `fileDir` holds the file fallback; `keychainUsable` is false where no keychain service can
    /// run (headless, kiosk), which makes Auto mean the file.
    SecretStore(QString fileDir, StationSettings::Secrets mode, bool keychainUsable);

    /// The secret, nothing when it was never stored, or an error naming where it failed. A secret
    /// read is registered with the log redactor (util/Redact.h) before it is returned.
    Result<std::optional<QString>> read(const QString& name) const;
    Status write(const QString& name, const QString& value) const;
    Status remove(const QString& name) const;
    /// Where the last write went: "OS keychain" or the file's path. Never the secret.
    QString describe(const QString& name) const;
    /// The folder of the file fallback (the data dir, or the demo's).
    QString folder() const { return m_dir; }

private:
    bool tryKeychain() const;
    Result<std::optional<QString>> readFrom(const QString& name) const;
    QString filePath(const QString& name) const;
    Result<std::optional<QString>> readFile(const QString& name) const;
    Status writeFile(const QString& name, const QString& value) const;

    QString m_dir;
    StationSettings::Secrets m_mode;
    bool m_keychainUsable;
};

} // namespace fs
