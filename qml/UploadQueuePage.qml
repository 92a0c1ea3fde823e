// UploadQueuePage: the gascloud batches, newest first, by filter: state, progress, attempts, last
// problem, rows, size and time, with "Upload now" and "Retry" big enough for a finger.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldStation
import FieldStation.Views

Item {
    id: page

    required property UploadQueueModel queue
    property bool compact: false

    signal openPage(string id)

    /// A batch's colour: green sent, red rejected, blue while it moves, amber waiting after a failure.
    function stateColor(state, lastError) {
        switch (state) {
        case "uploaded": return Theme.ok
        case "rejected": return Theme.fail
        case "requesting":
        case "ticketed":
        case "uploading":
        case "awaiting_status": return Theme.accent
        default: return lastError.length > 0 ? Theme.warn : Theme.off
        }
    }
    function stateFill(state, lastError) {
        switch (state) {
        case "uploaded": return Theme.okFill
        case "rejected": return Theme.failFill
        default: return lastError.length > 0 && state === "pending" ? Theme.warnFill : Theme.offFill
        }
    }
    function kilobytes(bytes) {
        return bytes >= 1048576 ? qsTr("%1 MB").arg((bytes / 1048576).toFixed(1))
                                : qsTr("%1 kB").arg((bytes / 1024).toFixed(1))
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: page.compact ? 4 : 8

        // Why nothing is sent, and the way to fix it.
        Rectangle {
            objectName: "uploadOffNote"
            Layout.fillWidth: true
            visible: !page.queue.running
            implicitHeight: offRow.implicitHeight + 12
            radius: 4
            color: Theme.warnFill
            border.color: Theme.warn

            RowLayout {
                id: offRow
                anchors.fill: parent
                anchors.margins: 6
                spacing: 8
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    color: Theme.text
                    text: page.queue.needsRegistration
                          ? qsTr("Nothing is uploaded: this station is not registered with gascloud yet. Registering takes the PIN from the gascloud web site.")
                          : page.queue.problem.length > 0
                            ? qsTr("Nothing is uploaded: %1").arg(page.queue.problem)
                            : qsTr("gascloud upload is switched off in the settings; batches already made are listed below.")
                }
                Button {
                    objectName: "registerButton"
                    visible: page.queue.needsRegistration || page.queue.problem.length === 0
                    text: page.queue.needsRegistration ? qsTr("Register…") : qsTr("Settings…")
                    implicitHeight: Theme.touch
                    implicitWidth: Math.max(implicitContentWidth + 32, 2 * Theme.touch)
                    onClicked: page.openPage(page.queue.needsRegistration ? "register" : "settings")
                }
            }
        }

        // Filter chips, each with its count.
        RowLayout {
            Layout.fillWidth: true
            spacing: 6
            Repeater {
                model: [
                    {key: "all", label: qsTr("All"), color: Theme.accent},
                    {key: "pending", label: qsTr("Waiting"), color: Theme.warn},
                    {key: "uploaded", label: qsTr("Uploaded"), color: Theme.ok},
                    {key: "rejected", label: qsTr("Rejected"), color: Theme.fail}
                ]
                delegate: Button {
                    id: chip
                    required property var modelData
                    readonly property int count: chip.modelData.key === "all" ? page.queue.allCount
                                               : chip.modelData.key === "pending" ? page.queue.pendingCount
                                               : chip.modelData.key === "uploaded" ? page.queue.uploadedCount
                                               : page.queue.rejectedCount
                    objectName: "filter_" + chip.modelData.key
                    checkable: true
                    checked: page.queue.filter === chip.modelData.key
                    text: qsTr("%1 %2").arg(chip.modelData.label).arg(chip.count)
                    implicitHeight: Theme.touch
                    leftPadding: 18
                    rightPadding: 18
                    Layout.fillWidth: page.compact
                    font.bold: checked
                    background: Rectangle {
                        radius: height / 2
                        color: chip.checked ? chip.modelData.color : Theme.offFill
                        border.color: chip.modelData.color
                        border.width: 2
                    }
                    contentItem: Label {
                        text: chip.text
                        font: chip.font
                        horizontalAlignment: Text.AlignHCenter
                        verticalAlignment: Text.AlignVCenter
                        color: chip.checked ? "white" : Theme.text
                    }
                    onClicked: page.queue.filter = chip.modelData.key
                }
            }
            Item { Layout.fillWidth: !page.compact }
        }

        ListView {
            id: list
            objectName: "batchList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 4
            model: page.queue
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar { minimumSize: 0.1 }

            Label {
                anchors.centerIn: parent
                width: parent.width - 24
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                visible: list.count === 0 && !page.queue.loading
                text: page.queue.readError.length > 0 ? page.queue.readError
                      : page.queue.filter === "all"
                        ? qsTr("No batches yet: one is cut every upload interval once there are readings.")
                        : qsTr("No batches here.")
                color: Theme.dimText
            }

            delegate: Rectangle {
                id: row
                required property int index
                required property real number
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
                required property bool canUploadNow
                required property bool canRetry

                objectName: "batch_" + number
                width: ListView.view.width
                implicitHeight: content.implicitHeight + 10
                radius: 4
                color: page.stateFill(row.state, row.lastError)
                border.color: Qt.darker(color, 1.15)

                Rectangle { // the state at a glance, down the left edge
                    width: 6
                    height: parent.height
                    radius: 3
                    color: page.stateColor(row.state, row.lastError)
                }

                RowLayout {
                    id: content
                    anchors.fill: parent
                    anchors.leftMargin: 12
                    anchors.rightMargin: 6
                    anchors.topMargin: 5
                    anchors.bottomMargin: 5
                    spacing: 8

                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: 8
                            Rectangle {
                                objectName: "stateChip"
                                implicitWidth: chipText.implicitWidth + 12
                                implicitHeight: chipText.implicitHeight + 4
                                radius: 3
                                color: page.stateColor(row.state, row.lastError)
                                Label { id: chipText; anchors.centerIn: parent; text: row.stateLabel; color: "white"; font.bold: true }
                            }
                            Label { text: row.name; font.family: "monospace" }
                            Label {
                                Layout.fillWidth: true
                                elide: Text.ElideRight
                                text: qsTr("%1 rows · %2").arg(row.rows).arg(page.kilobytes(row.size))
                                color: Theme.dimText
                            }
                            Label {
                                objectName: "attempts"
                                visible: row.attempts > 1
                                text: qsTr("try %1").arg(row.attempts)
                                color: Theme.warn
                                font.bold: true
                            }
                            Label { text: row.updated; color: Theme.dimText }
                        }
                        ProgressBar {
                            objectName: "uploadProgress"
                            Layout.fillWidth: true
                            visible: row.state === "uploading"
                            value: row.progress
                        }
                        Label {
                            Layout.fillWidth: true
                            visible: !page.compact
                            text: qsTr("readings %1").arg(row.readings)
                            color: Theme.dimText
                            font.pixelSize: 12
                        }
                        Label {
                            objectName: "lastError"
                            Layout.fillWidth: true
                            visible: row.lastError.length > 0
                            text: row.lastError
                            wrapMode: Text.Wrap
                            maximumLineCount: page.compact ? 2 : 4
                            elide: Text.ElideRight
                            color: row.state === "rejected" ? Theme.fail : Qt.darker(Theme.warn, 1.3)
                            font.pixelSize: 12
                        }
                    }
                    Button {
                        objectName: "uploadNowButton"
                        visible: row.canUploadNow && page.queue.running
                        text: qsTr("Upload now")
                        implicitHeight: Theme.touch
                        implicitWidth: Math.max(implicitContentWidth + 24, 2 * Theme.touch)
                        onClicked: page.queue.uploadNow(row.number)
                    }
                    Button {
                        objectName: "retryButton"
                        visible: row.canRetry && page.queue.running
                        text: qsTr("Retry")
                        implicitHeight: Theme.touch
                        implicitWidth: Math.max(implicitContentWidth + 24, 2 * Theme.touch)
                        onClicked: page.queue.retry(row.number)
                    }
                }
            }
        }
    }
}
