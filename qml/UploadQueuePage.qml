// UploadQueuePage: the gascloud batches, newest first: state, rows, size, progress, last problem.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldStation.Views

Item {
    id: page

    required property UploadQueueModel queue
    property bool compact: false

    function stateColor(state) {
        switch (state) {
        case "uploaded": return "#3c9a50"
        case "rejected": return "#c94040"
        case "uploading":
        case "requesting":
        case "awaiting_status": return "#3b7dd8"
        default: return "#d98b00"
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: page.compact ? 4 : 8

        RowLayout {
            Layout.fillWidth: true
            spacing: 12
            Label {
                text: qsTr("gascloud upload queue")
                font.bold: true
                font.pixelSize: page.compact ? 15 : 18
            }
            Item { Layout.fillWidth: true }
            Label { text: qsTr("%1 waiting").arg(page.queue.pendingCount); color: "#b36b00" }
            Label { text: qsTr("%1 uploaded").arg(page.queue.uploadedCount); color: "#1f6b30" }
            Label { text: qsTr("%1 rejected").arg(page.queue.rejectedCount); color: "#9b2323"; visible: page.queue.rejectedCount > 0 }
        }

        Label {
            Layout.fillWidth: true
            visible: !page.queue.running
            wrapMode: Text.Wrap
            color: "#9b2323"
            text: page.queue.problem.length > 0 ? page.queue.problem : qsTr("gascloud upload is switched off in the settings.")
        }

        ListView {
            id: list
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 4
            model: page.queue
            ScrollBar.vertical: ScrollBar {}

            Label {
                anchors.centerIn: parent
                visible: list.count === 0 && page.queue.running
                text: qsTr("No batches yet: one is cut every upload interval once there are readings.")
                color: "#555"
            }

            delegate: Rectangle {
                id: row
                required property string name
                required property string state
                required property string stateLabel
                required property int rows
                required property real size
                required property real progress
                required property int attempts
                required property string lastError
                required property string readings
                required property string updated

                width: ListView.view.width
                implicitHeight: content.implicitHeight + 10
                radius: 4
                color: "#f3f5f7"
                border.color: "#d5dbe1"

                ColumnLayout {
                    id: content
                    anchors.fill: parent
                    anchors.margins: 5
                    spacing: 2
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: 8
                        Rectangle {
                            implicitWidth: chip.implicitWidth + 12
                            implicitHeight: chip.implicitHeight + 4
                            radius: 3
                            color: page.stateColor(row.state)
                            Label { id: chip; anchors.centerIn: parent; text: row.stateLabel; color: "white"; font.bold: true }
                        }
                        Label { text: row.name; font.family: "monospace" }
                        Label { text: qsTr("%1 rows · %2 kB").arg(row.rows).arg((row.size / 1024).toFixed(1)); color: "#555" }
                        Item { Layout.fillWidth: true }
                        Label { text: row.attempts > 1 ? qsTr("try %1").arg(row.attempts) : ""; color: "#b36b00" }
                        Label { text: row.updated; color: "#555"; visible: !page.compact }
                    }
                    ProgressBar {
                        Layout.fillWidth: true
                        visible: row.state === "uploading"
                        value: row.progress
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: !page.compact
                        text: qsTr("readings %1").arg(row.readings)
                        color: "#555"
                        font.pixelSize: 12
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: row.lastError.length > 0
                        text: row.lastError
                        wrapMode: Text.Wrap
                        color: row.state === "rejected" ? "#9b2323" : "#8a5a00"
                        font.pixelSize: 12
                    }
                }
            }
        }
    }
}
