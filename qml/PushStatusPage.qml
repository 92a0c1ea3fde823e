// PushStatusPage: every central MySQL server and InfluxDB this station forwards to: how far behind,
// how fast, what failed; "Push now" and a server's password from the screen.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldStation
import FieldStation.Views
import "components"

Item {
    id: page

    required property SinkStatusModel sinks
    required property SinkControl sinkControl
    /// On the kiosk a server's password is set only after the admin PIN, as the settings are.
    property AdminLock lock: null
    property bool kiosk: false
    property bool compact: false
    readonly property bool needsPin: page.kiosk && page.lock !== null && !page.lock.unlocked

    // Leaving the page locks again, as leaving the settings does.
    Component.onDestruction: if (page.lock) page.lock.relock()

    function askPassword(kind, server) {
        if (page.needsPin)
            pinPopup.ask(kind, server)
        else
            passwordDialog.ask(kind, server)
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: page.compact ? 4 : 8
        spacing: 6

        Label {
            text: qsTr("Push to central databases")
            font.bold: true
            font.pixelSize: page.compact ? 16 : 20
        }
        Label {
            objectName: "noSinks"
            Layout.fillWidth: true
            visible: (page.sinks?.count ?? 0) === 0 && (page.sinks?.notes.length ?? 0) === 0
            text: qsTr("No push server (push.servers) and no InfluxDB (influx:) is enabled in the settings.")
            wrapMode: Text.Wrap
            color: Theme.dimText
        }
        Repeater {
            model: page.sinks?.notes ?? []
            delegate: Label {
                required property string modelData
                objectName: "farEndNote"
                Layout.fillWidth: true
                text: modelData
                wrapMode: Text.Wrap
                color: Theme.warn
                font.pixelSize: page.compact ? 14 : 16
            }
        }
        ListView {
            id: list
            objectName: "sinkList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 6
            clip: true
            model: page.sinks
            delegate: Rectangle {
                id: card
                required property string kind
                required property string server
                required property string level
                required property string state
                required property real behind
                required property string lastSuccessText
                required property real rate
                required property real pushed
                required property string lastError
                required property string nextAttemptText
                required property string farEnd

                objectName: "sinkCard_" + server
                width: ListView.view.width
                implicitHeight: col.implicitHeight + 12
                radius: 6
                color: Theme.levelFill(level)
                border.color: Theme.levelColor(level)
                border.width: 2

                ColumnLayout {
                    id: col
                    anchors.fill: parent
                    anchors.margins: 6
                    spacing: 2
                    RowLayout {
                        Layout.fillWidth: true
                        Label {
                            text: (card.kind === "influx" ? qsTr("InfluxDB") : qsTr("MySQL")) + " · " + card.server
                            font.bold: true
                            font.pixelSize: page.compact ? 15 : 18
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                        Label {
                            objectName: "state"
                            text: card.state
                            color: Theme.levelColor(card.level)
                            font.bold: true
                        }
                    }
                    Flow {
                        Layout.fillWidth: true
                        spacing: page.compact ? 10 : 18
                        Label {
                            objectName: "behind"
                            text: card.behind < 0 ? qsTr("rows behind: not known yet")
                                                  : qsTr("%1 rows behind").arg(card.behind)
                            font.bold: card.behind > 0
                        }
                        Label {
                            text: qsTr("last pass: %1 rows at %2 rows/s").arg(card.pushed).arg(Math.round(card.rate))
                        }
                        Label { text: qsTr("last success: %1").arg(card.lastSuccessText) }
                        Label { text: qsTr("next: %1").arg(card.nextAttemptText); color: Theme.dimText }
                    }
                    Label {
                        objectName: "lastError"
                        Layout.fillWidth: true
                        visible: card.lastError.length > 0
                        text: card.lastError
                        wrapMode: Text.Wrap
                        maximumLineCount: 3
                        elide: Text.ElideRight
                        color: Theme.fail
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: card.farEnd.length > 0
                        text: card.farEnd
                        wrapMode: Text.Wrap
                        color: Theme.dimText
                        font.pixelSize: 12
                    }
                    RowLayout {
                        Button {
                            objectName: "pushNow"
                            text: qsTr("Push now")
                            implicitHeight: Theme.touch
                            onClicked: page.sinkControl.pushNow(card.kind, card.server)
                        }
                        Button {
                            objectName: "setPassword"
                            text: qsTr("Set password…")
                            implicitHeight: Theme.touch
                            onClicked: page.askPassword(card.kind, card.server)
                        }
                    }
                }
            }
        }
    }

    // The admin PIN first (kiosk); once it unlocks, the password dialog for the server asked for.
    Popup {
        id: pinPopup
        objectName: "pushPinPopup"

        property string kind
        property string server

        function ask(kind, server) {
            pinPopup.kind = kind
            pinPopup.server = server
            open()
            // By file, not an inline component: a bound component may not be built inside the popup.
            pinLoader.setSource("components/AdminPinDialog.qml", {lock: page.lock, compact: page.compact})
        }
        onClosed: pinLoader.source = ""

        parent: Overlay.overlay
        x: 0
        y: 0
        width: parent ? parent.width : page.width
        height: parent ? parent.height : page.height
        modal: true
        closePolicy: Popup.NoAutoClose

        Loader {
            id: pinLoader
            anchors.fill: parent
        }
        Connections {
            target: pinLoader.item
            ignoreUnknownSignals: true
            function onCancelled() { pinPopup.close() }
        }
        Connections {
            target: page.lock
            function onChanged() {
                if (pinPopup.opened && page.lock.unlocked) {
                    pinPopup.close()
                    passwordDialog.ask(pinPopup.kind, pinPopup.server)
                }
            }
        }
    }

    Dialog {
        id: passwordDialog
        objectName: "passwordDialog"

        property string kind
        property string server
        property string outcome

        function ask(kind, server) {
            passwordDialog.kind = kind
            passwordDialog.server = server
            passwordDialog.outcome = ""
            passwordField.text = ""
            passwordField.echoMode = TextInput.Password
            open()
            passwordField.forceActiveFocus()
        }

        parent: Overlay.overlay
        anchors.centerIn: parent
        width: Math.min(page.width - 16, 480)
        modal: true
        title: qsTr("Password of %1").arg(server)
        standardButtons: Dialog.Cancel
        // Cancelled or closed with a password typed: the hidden field must not hold it until next time.
        onClosed: passwordField.text = ""

        ColumnLayout {
            anchors.fill: parent
            spacing: 6
            RowLayout {
                Layout.fillWidth: true
                TextField {
                    id: passwordField
                    objectName: "passwordField"
                    Layout.fillWidth: true
                    implicitHeight: Theme.touch
                    echoMode: TextInput.Password
                    inputMethodHints: Qt.ImhSensitiveData | Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase
                    placeholderText: qsTr("new password")
                    onAccepted: storeButton.clicked()
                }
                Button {
                    objectName: "showPassword"
                    implicitHeight: Theme.touch
                    text: passwordField.echoMode === TextInput.Password ? qsTr("Show") : qsTr("Hide")
                    onClicked: passwordField.echoMode = passwordField.echoMode === TextInput.Password
                               ? TextInput.Normal : TextInput.Password
                }
            }
            Label {
                objectName: "passwordResult"
                Layout.fillWidth: true
                visible: text.length > 0
                text: passwordDialog.outcome
                wrapMode: Text.Wrap
            }
            Button {
                id: storeButton
                objectName: "storePassword"
                Layout.alignment: Qt.AlignRight
                implicitHeight: Theme.touch
                enabled: passwordField.text.length > 0 && !(page.sinkControl?.storing ?? false)
                text: (page.sinkControl?.storing ?? false) ? qsTr("Storing…") : qsTr("Store")
                onClicked: {
                    page.sinkControl.setPassword(passwordDialog.kind, passwordDialog.server, passwordField.text)
                    passwordField.text = "" // the field does not keep it
                }
            }
        }

        Connections {
            target: page.sinkControl
            function onPasswordStored(ok, where) {
                passwordDialog.outcome = ok ? qsTr("Stored in %1; pushing now.").arg(where)
                                           : qsTr("Not stored: %1").arg(where)
            }
        }
    }
}
