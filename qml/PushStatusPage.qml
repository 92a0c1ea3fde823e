// PushStatusPage: the central MySQL servers this station pushes to, and how far behind each is.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldStation.Views

Item {
    id: page

    required property PushStatusModel push
    property bool compact: false

    ColumnLayout {
        anchors.fill: parent
        spacing: 6

        Label {
            text: qsTr("Central database push")
            font.bold: true
            font.pixelSize: page.compact ? 15 : 18
        }
        Label {
            visible: !page.push.running
            text: qsTr("No push server is enabled in the settings (push.servers).")
            color: "#555"
        }
        ListView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 4
            clip: true
            model: page.push
            delegate: Rectangle {
                id: row
                required property string server
                required property bool ok
                required property string lastSuccess
                required property real behind
                required property real rate
                required property string lastError
                width: ListView.view.width
                implicitHeight: col.implicitHeight + 10
                radius: 4
                color: "#f3f5f7"
                border.color: row.ok ? "#3c9a50" : "#c94040"
                ColumnLayout {
                    id: col
                    anchors.fill: parent
                    anchors.margins: 5
                    RowLayout {
                        Label { text: row.server; font.bold: true }
                        Label { text: row.ok ? qsTr("up to date") : qsTr("failing"); color: row.ok ? "#1f6b30" : "#9b2323" }
                        Item { Layout.fillWidth: true }
                        Label { text: qsTr("%1 readings behind").arg(row.behind < 0 ? "?" : row.behind) }
                    }
                    Label {
                        text: qsTr("last success %1 · %2 rows/s").arg(row.lastSuccess).arg(Math.round(row.rate))
                        color: "#555"
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: row.lastError.length > 0
                        text: row.lastError
                        wrapMode: Text.Wrap
                        color: "#9b2323"
                    }
                }
            }
        }
    }
}
