// AdminPinDialog: the kiosk's admin PIN before the settings: chosen twice the first time, asked after.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldStation
import FieldStation.Views

Item {
    id: dialog
    objectName: "adminPinDialog"

    required property AdminLock lock
    property bool compact: false
    /// False at the kiosk's first start: the PIN must be chosen before the station is used.
    property bool cancellable: true

    signal cancelled()

    function refresh() {
        pinPad.shown = dialog.lock.shownPin()
    }
    Connections {
        target: dialog.lock
        function onChanged() { dialog.refresh() }
    }
    Component.onCompleted: refresh()

    RowLayout {
        anchors.fill: parent
        anchors.margins: 12
        spacing: 16

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 10

            Label {
                objectName: "adminPinTitle"
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                font.pixelSize: 22
                font.bold: true
                text: dialog.lock.stage === AdminLock.Choose ? qsTr("Choose an admin PIN")
                    : dialog.lock.stage === AdminLock.Confirm ? qsTr("Type the admin PIN again")
                    : qsTr("Admin PIN")
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                font.pixelSize: 16
                text: dialog.lock.stage === AdminLock.Choose || dialog.lock.stage === AdminLock.Confirm
                    ? qsTr("The settings on this screen are protected by a PIN of 4 to 8 digits. Choose it now and keep it safe.")
                    : qsTr("The settings are protected. Type the admin PIN.")
            }
            Label {
                objectName: "adminPinMessage"
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                font.pixelSize: 16
                color: Theme.fail
                visible: text.length > 0
                text: dialog.lock.lockoutSeconds > 0
                    ? qsTr("Too many wrong PINs. Try again in %n s.", "", dialog.lock.lockoutSeconds)
                    : dialog.lock.message
            }
            Item { Layout.fillHeight: true }
            RowLayout {
                spacing: 12
                Button {
                    objectName: "adminPinCancel"
                    visible: dialog.cancellable
                    text: qsTr("Cancel")
                    Layout.preferredHeight: Theme.touch
                    onClicked: {
                        dialog.lock.clear()
                        dialog.cancelled()
                    }
                }
                Button {
                    objectName: "adminPinOk"
                    text: qsTr("OK")
                    highlighted: true
                    enabled: dialog.lock.canSubmit
                    Layout.preferredHeight: Theme.touch
                    Layout.preferredWidth: 120
                    onClicked: dialog.lock.submit()
                }
            }
        }

        PinPad {
            id: pinPad
            Layout.alignment: Qt.AlignTop
            keySize: 60
            pinLength: dialog.lock.pinLength
            masked: dialog.lock.masked
            enabled: dialog.lock.lockoutSeconds === 0
            onDigit: d => dialog.lock.appendDigit(d)
            onErase: dialog.lock.backspace()
            onToggleMask: dialog.lock.masked = !dialog.lock.masked
        }
    }
}
