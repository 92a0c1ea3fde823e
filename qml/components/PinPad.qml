// PinPad: a large on-screen keypad for PINs: digits 0-9, erase and show/hide. It holds no digits itself:
// each key goes to the C++ object that keeps the PIN, which says what to show.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldStation

ColumnLayout {
    id: pad

    /// What the display shows: dots while masked, the digits when not (from the PIN's owner).
    property string shown: ""
    property int pinLength: 0
    property bool masked: true
    /// Keys of at least 60 px: a finger on the 7" screen in the field, gloves included.
    property int keySize: 64

    signal digit(string d)
    signal erase()
    signal toggleMask()

    spacing: 6

    Rectangle {
        Layout.preferredWidth: keys.implicitWidth
        Layout.alignment: Qt.AlignHCenter
        Layout.preferredHeight: 48
        radius: 6
        color: Theme.offFill
        border.color: Theme.off
        Label {
            objectName: "pinDisplay"
            anchors.centerIn: parent
            text: pad.pinLength > 0 ? pad.shown : qsTr("PIN")
            color: pad.pinLength > 0 ? Theme.text : Theme.dimText
            font.pixelSize: 28
            font.letterSpacing: 6
        }
    }

    GridLayout {
        id: keys
        columns: 3
        rowSpacing: 6
        columnSpacing: 6
        Layout.alignment: Qt.AlignHCenter

        Repeater {
            model: ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
            Button {
                required property string modelData
                objectName: "key" + modelData
                text: modelData
                font.pixelSize: 26
                enabled: pad.enabled
                Layout.preferredWidth: pad.keySize * 1.4
                Layout.preferredHeight: pad.keySize
                onClicked: pad.digit(modelData)
            }
        }
        Button {
            objectName: "keyMask"
            text: pad.masked ? qsTr("Show") : qsTr("Hide")
            font.pixelSize: 18
            Layout.preferredWidth: pad.keySize * 1.4
            Layout.preferredHeight: pad.keySize
            onClicked: pad.toggleMask()
        }
        Button {
            objectName: "key0"
            text: "0"
            font.pixelSize: 26
            enabled: pad.enabled
            Layout.preferredWidth: pad.keySize * 1.4
            Layout.preferredHeight: pad.keySize
            onClicked: pad.digit("0")
        }
        Button {
            objectName: "keyErase"
            text: "⌫"
            font.pixelSize: 26
            enabled: pad.enabled && pad.pinLength > 0
            Layout.preferredWidth: pad.keySize * 1.4
            Layout.preferredHeight: pad.keySize
            Accessible.name: qsTr("Erase")
            onClicked: pad.erase()
        }
    }
}
