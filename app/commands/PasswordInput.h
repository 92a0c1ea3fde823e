// PasswordInput: the `--set-password` commands' common step: one line from standard input into the
// secret store, never echoed.
#pragma once

#include "Commands.h"

namespace fs {

/// Reads one line from stdin and stores it as secret `name`; prints where it went ("stored the
/// password of <what> in …"). Returns the exit code (0, or 1 with the reason on stderr).
int storePasswordFromStdin(const CommandContext& ctx, const QString& name, const QString& what);

/// The `sources:` entry with id `id` and type `type`, or null after saying on stderr which ids of
/// that type there are.
const SourceSettings* sourceOfType(const CommandContext& ctx, const QString& id, const QString& type);

} // namespace fs
