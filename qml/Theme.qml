// Theme: the colours and sizes every page shares, so amber means the same thing everywhere.
pragma Singleton
import QtQuick

QtObject {
    // Levels of a tile, a badge or the banner: ok, needs a look, failing, switched off.
    readonly property color ok: "#3c9a50"
    readonly property color okFill: "#e3f4e6"
    readonly property color warn: "#d98b00"
    readonly property color warnFill: "#fff1d6"
    readonly property color fail: "#c94040"
    readonly property color failFill: "#fdeaea"
    readonly property color off: "#8a9299"
    readonly property color offFill: "#f3f5f7"
    readonly property color text: "#1d2327"
    readonly property color dimText: "#555555"
    readonly property color accent: "#3b7dd8"

    /// The fill and border colour of a level named "ok", "warn", "fail" or "off".
    function levelColor(level) {
        return level === "fail" ? fail : level === "warn" ? warn : level === "ok" ? ok : off
    }
    function levelFill(level) {
        return level === "fail" ? failFill : level === "warn" ? warnFill : level === "ok" ? okFill : offFill
    }

    /// Smallest touch target on the kiosk (a finger is about 9 mm; 48 px at the Pi screen's 96 dpi).
    readonly property int touch: 48
    /// Whether transitions animate (the shell may turn them off where a state must show at once).
    readonly property bool animate: true
}
