// KioskMode: what the kiosk changes in the process beyond the window: input method and pointer.
#pragma once

namespace fs::kiosk {

/// Before the QGuiApplication exists: makes Qt's virtual keyboard the input method (the kiosk has no
/// keyboard), unless the environment already names one. Returns whether it set it.
bool prepareEnvironment();
/// After it exists: hides the pointer over every window (a touchscreen has none to show).
void hidePointer();

} // namespace fs::kiosk
