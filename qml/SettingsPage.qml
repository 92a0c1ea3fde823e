// SettingsPage: the settings file by section, validated as the command line does. SKELETON: task E fills it.
import QtQuick
import QtQuick.Controls
import FieldStation.Views

Item {
    id: settingsPage
    objectName: "settingsPage"

    required property SettingsEditor editor
    required property AdminLock lock
    required property bool kiosk
    property bool compact: false

    signal openPage(string id)

    Label {
        anchors.centerIn: parent
        text: qsTr("Settings")
    }
}
