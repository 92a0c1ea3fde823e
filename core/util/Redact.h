// Redact: secrets (the gateway key, which the contract also puts into file names and the SSH user)
// are registered once they are loaded, and replaced in every log line and every printed error.
#pragma once

#include <QString>

namespace fs::redact {

/// Shorter secrets are not redacted (a warning says so): replacing them would mangle ordinary text.
inline constexpr int kMinSecretLength = 4;

/// From now on `secret` is shown as "<secret>" wherever apply() or the log handler sees it.
void addSecret(const QString& secret);
QString apply(QString text);
/// Routes Qt's log output through apply(); call once, early in main().
void installLogFilter();

} // namespace fs::redact
