// TileFrame: what every home-screen tile shares: the level colour, the title, a status word, the
// reason and up to four headline values. Tap it to open its page. SourceTile and SinkTile fill `extra`.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldStation

Rectangle {
    id: frame

    property string title
    property string level: "off"
    property string reason
    property var headline: []
    property string page
    property bool compact: false
    /// Shown beside the headline (a sparkline, an icon); may stay empty.
    default property alias extra: extraArea.data

    signal openPage(string id)

    readonly property string statusWord: level === "ok" ? qsTr("OK")
                                       : level === "warn" ? qsTr("Check")
                                       : level === "fail" ? qsTr("Fault")
                                       : qsTr("Off")

    radius: 6
    color: Theme.levelFill(level)
    border.color: Theme.levelColor(level)
    border.width: level === "ok" || level === "off" ? 1 : 3
    implicitWidth: 240
    implicitHeight: compact ? 100 : 140

    // The level as a stripe on the left: readable even in sunlight without reading a word.
    Rectangle {
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        width: 8
        radius: frame.radius
        color: Theme.levelColor(frame.level)
    }

    ColumnLayout {
        anchors.fill: parent
        clip: true
        anchors.leftMargin: 14
        anchors.rightMargin: 8
        anchors.topMargin: 4
        anchors.bottomMargin: 4
        spacing: 0
        RowLayout {
            Layout.fillWidth: true
            Label {
                objectName: "tileTitle"
                Layout.fillWidth: true
                Layout.minimumWidth: 40
                text: frame.title
                elide: Text.ElideRight
                font.pixelSize: frame.compact ? 15 : 18
                font.bold: true
                color: Theme.text
            }
            Label {
                objectName: "tileStatus"
                text: frame.statusWord
                font.pixelSize: frame.compact ? 15 : 18
                font.bold: true
                color: Theme.levelColor(frame.level)
            }
        }
        Label {
            objectName: "tileReason"
            Layout.fillWidth: true
            text: frame.reason
            elide: Text.ElideRight
            // A problem may take two lines; "Working" never needs them.
            wrapMode: Text.Wrap
            maximumLineCount: frame.level === "warn" || frame.level === "fail" ? 2 : 1
            font.pixelSize: frame.compact ? 13 : 15
            font.bold: frame.level === "warn" || frame.level === "fail"
            color: frame.level === "warn" || frame.level === "fail" ? Theme.text : Theme.dimText
        }
        Item {
            id: extraArea
            Layout.fillWidth: true
            Layout.fillHeight: true
        }
        // The headline values share the width evenly; a long label is cut, never the value's room.
        Item {
            id: values
            Layout.fillWidth: true
            implicitHeight: valueRow.implicitHeight
            // Room by what each entry holds: "Discharging" needs more than "84 %".
            function weight(e) { return Math.max(0.6 * String(e.label).length, String(e.value).length + 0.6 * String(e.unit).length + 1.5, 3) }
            readonly property real total: frame.headline.reduce((sum, e) => sum + weight(e), 0)
            Row {
              id: valueRow
              Repeater {
                model: frame.headline
                Column {
                    id: entry
                    required property var modelData
                    width: values.total > 0 ? values.width * values.weight(entry.modelData) / values.total : 0
                    Label {
                        width: entry.width - 4
                        text: entry.modelData.label
                        elide: Text.ElideRight
                        font.pixelSize: frame.compact ? 11 : 13
                        color: Theme.dimText
                    }
                    Row {
                        spacing: 2
                        // Shrinks to its share of the width rather than run into its neighbour.
                        Label {
                            id: number
                            width: Math.min(implicitWidth, entry.width - unit.implicitWidth - 6)
                            text: entry.modelData.value
                            font.pixelSize: frame.compact ? 17 : 24
                            fontSizeMode: Text.HorizontalFit
                            minimumPixelSize: 10
                            font.bold: true
                            color: Theme.text
                        }
                        Label {
                            id: unit
                            anchors.baseline: number.baseline
                            text: entry.modelData.unit
                            font.pixelSize: frame.compact ? 10 : 13
                            color: Theme.dimText
                        }
                    }
                }
              }
            }
        }
    }

    TapHandler {
        onTapped: frame.openPage(frame.page)
    }
}
