// StoreHealthBadge: the store's health in the title bar: green when every sample was kept, amber when
// some were refused, red while the disk is full.
import QtQuick
import QtQuick.Controls
import FieldStation.Views

Rectangle {
    id: badge
    objectName: "storeHealth"

    required property StoreHealthView health
    property bool compact: false
    readonly property string text: health.diskFull
        ? qsTr("Disk full · %1 dropped").arg(health.droppedDiskFull)
        : health.ok ? qsTr("Store OK")
                    : qsTr("Store: %1 refused").arg(health.refusedNonFinite + health.refusedByStore)

    implicitWidth: label.implicitWidth + 16
    implicitHeight: label.implicitHeight + 6
    radius: 3
    color: health.diskFull ? "#fdeaea" : health.ok ? "#e3f4e6" : "#fff1d6"
    border.color: health.diskFull ? "#c94040" : health.ok ? "#3c9a50" : "#d98b00"

    Label {
        id: label
        anchors.centerIn: parent
        text: badge.text
        font.pixelSize: badge.compact ? 11 : 13
    }
    MouseArea {
        id: hover
        anchors.fill: parent
        hoverEnabled: true
    }
    ToolTip.visible: hover.containsMouse || hover.pressed
    ToolTip.text: qsTr("Refused (not a number): %1\nRefused by the store: %2\nDropped while the disk was full: %3%4%5")
        .arg(health.refusedNonFinite).arg(health.refusedByStore).arg(health.droppedDiskFull)
        .arg(health.refusedChannels.length > 0 ? "\n" + health.refusedChannels : "")
        .arg(health.lastError.length > 0 ? "\n" + health.lastError : "")
}
