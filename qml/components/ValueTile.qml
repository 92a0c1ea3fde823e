// ValueTile: one labelled value with its unit; amber when it needs a look.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldStation

Rectangle {
    id: tile

    property string label
    property real value
    property int decimals: 1
    property string unit
    property bool valid: true
    property bool warn: false
    property bool compact: false

    Layout.fillWidth: true
    implicitHeight: compact ? 46 : 62
    radius: 4
    color: warn ? Theme.warnFill : "#f3f5f7"
    border.color: warn ? Theme.warn : "#d5dbe1"

    Column {
        anchors.fill: parent
        anchors.margins: tile.compact ? 4 : 6
        spacing: 0
        Label {
            width: parent.width
            elide: Text.ElideRight
            text: tile.label
            font.pixelSize: tile.compact ? 10 : 12
            color: "#555"
        }
        Row {
            spacing: 3
            Label {
                text: tile.valid ? tile.value.toFixed(tile.decimals) : "—"
                font.pixelSize: tile.compact ? 18 : 24
                font.bold: true
            }
            Label {
                anchors.baseline: parent.children[0].baseline
                text: tile.unit
                font.pixelSize: tile.compact ? 10 : 12
                color: "#555"
            }
        }
    }
}
