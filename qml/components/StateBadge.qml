// StateBadge: a source's name, its health (green when it records) and the last problem, if any.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Rectangle {
    id: badge

    property string title
    property string subtitle
    property string state
    property string detail
    property bool healthy
    property bool compact: false

    implicitHeight: col.implicitHeight + (compact ? 8 : 12)
    // Never squeezed by the page's layout: its lines would be drawn over each other.
    Layout.minimumHeight: implicitHeight
    Layout.preferredHeight: implicitHeight
    radius: 4
    color: healthy ? "#e3f4e6" : "#fdeaea"
    border.color: healthy ? "#3c9a50" : "#c94040"

    ColumnLayout {
        id: col
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: badge.compact ? 4 : 6
        spacing: 1
        Label {
            Layout.fillWidth: true
            text: badge.title
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
            font.pixelSize: badge.compact ? 11 : 13
            font.bold: true
        }
        Label {
            Layout.fillWidth: true
            visible: badge.subtitle.length > 0
            text: badge.subtitle
            elide: Text.ElideRight
            font.pixelSize: badge.compact ? 10 : 12
            color: "#333"
        }
        Label {
            Layout.fillWidth: true
            text: badge.state === "Ok" ? qsTr("Sampling") : badge.state === "Failing" ? qsTr("Backing off after an error") : badge.state === "Starting" ? qsTr("Starting") : qsTr("Stopped")
            color: badge.healthy ? "#1f6b30" : "#9b2323"
            font.pixelSize: badge.compact ? 11 : 13
        }
        Label {
            Layout.fillWidth: true
            visible: badge.detail.length > 0
            text: badge.detail
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
            font.pixelSize: badge.compact ? 9 : 11
            color: "#555"
        }
    }
}
