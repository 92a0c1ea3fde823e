// KioskKeyboard: Qt's virtual keyboard for the kiosk, sliding up from the bottom while a text field
// has focus (main.cpp sets QT_IM_MODULE=qtvirtualkeyboard in kiosk mode so it is the input method).
import QtQuick
import QtQuick.VirtualKeyboard

// Spans the window's content; only the panel takes touches, the rest passes them through.
Item {
    id: area

    InputPanel {
        id: panel
        objectName: "kioskKeyboard"
        width: area.width
        y: active ? area.height - height : area.height
        visible: active
    }
}
