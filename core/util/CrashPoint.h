// crashPoint(): a named place where a test can make the process die as if the power went out.
// Set FIELDSTATION_CRASH_AT=<name> and the process sends itself SIGKILL there. No other effect.
#pragma once

namespace fs {

void crashPoint(const char* name);

} // namespace fs
