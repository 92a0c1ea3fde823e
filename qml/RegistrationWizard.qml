// RegistrationWizard: registers the station with gascloud by its PIN, step by step: what it does, the
// PIN on a large keypad, progress, and the result in words.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldStation
import FieldStation.Views
import "components"

Item {
    id: wizard
    objectName: "registrationWizard"

    required property RegistrationFlow flow
    property bool compact: false

    signal openPage(string id)

    function refreshPin() {
        pinPad.shown = wizard.flow.shownPin()
    }
    Connections {
        target: wizard.flow
        function onPinChanged() { wizard.refreshPin() }
    }
    Component.onCompleted: refreshPin()

    // Who registers: shown on the intro and beside the keypad.
    component Identity: GridLayout {
        id: identity
        required property RegistrationFlow flow
        columns: 2
        columnSpacing: 10
        rowSpacing: 4
        Label { text: qsTr("Station"); color: Theme.dimText; font.pixelSize: 15 }
        Label { objectName: "stationName"; text: identity.flow.stationName; font.pixelSize: 15; font.bold: true }
        Label { text: qsTr("Device id"); color: Theme.dimText; font.pixelSize: 15 }
        Label {
            objectName: "deviceId"
            text: identity.flow.deviceId.length > 0 ? identity.flow.deviceId : "…"
            font.pixelSize: 15
            font.family: "monospace"
            elide: Text.ElideMiddle
            Layout.fillWidth: true
        }
        Label { text: qsTr("Server"); color: Theme.dimText; font.pixelSize: 15 }
        Label {
            text: identity.flow.server.length > 0 ? identity.flow.server : qsTr("not set (gascloud.api)")
            font.pixelSize: 15
            elide: Text.ElideMiddle
            Layout.fillWidth: true
        }
    }

    StackLayout {
        id: steps
        objectName: "wizardSteps"
        anchors.fill: parent
        anchors.margins: 12
        currentIndex: wizard.flow.step

        // Intro
        ColumnLayout {
            objectName: "stepIntro"
            spacing: 12
            Label {
                text: qsTr("Register this station")
                font.pixelSize: 24
                font.bold: true
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                font.pixelSize: 16
                text: qsTr("Registration connects this station to the gascloud service, which keeps its measurements. "
                           + "You need the PIN that came with the station's gascloud account. The station sends the PIN, "
                           + "its name and its device id once, and keeps the key it gets back; after that it uploads "
                           + "its readings on its own.")
            }
            Identity { Layout.fillWidth: true; flow: wizard.flow }
            Item { Layout.fillHeight: true }
            Button {
                objectName: "startButton"
                text: qsTr("Enter the PIN")
                highlighted: true
                Layout.preferredHeight: Theme.touch
                Layout.preferredWidth: 220
                onClicked: wizard.flow.start()
            }
        }

        // Pin
        RowLayout {
            objectName: "stepPin"
            spacing: 16
            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                spacing: 10
                Label {
                    text: qsTr("Registration PIN")
                    font.pixelSize: 22
                    font.bold: true
                }
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    font.pixelSize: 16
                    text: qsTr("Type the %1 to %2 digits of the PIN.").arg(wizard.flow.minLength).arg(wizard.flow.maxLength)
                }
                Identity { Layout.fillWidth: true; flow: wizard.flow; visible: !wizard.compact || wizard.height > 300 }
                Item { Layout.fillHeight: true }
                RowLayout {
                    spacing: 12
                    Button {
                        objectName: "pinBack"
                        text: qsTr("Back")
                        Layout.preferredHeight: Theme.touch
                        onClicked: wizard.flow.back()
                    }
                    Button {
                        objectName: "submitButton"
                        text: qsTr("Register")
                        highlighted: true
                        enabled: wizard.flow.canSubmit
                        Layout.preferredHeight: Theme.touch
                        Layout.preferredWidth: 150
                        onClicked: wizard.flow.submit()
                    }
                }
            }
            PinPad {
                id: pinPad
                objectName: "pinPad"
                Layout.alignment: Qt.AlignTop
                keySize: 60
                pinLength: wizard.flow.pinLength
                masked: wizard.flow.masked
                onDigit: d => wizard.flow.appendDigit(d)
                onErase: wizard.flow.backspace()
                onToggleMask: wizard.flow.masked = !wizard.flow.masked
            }
        }

        // Working
        ColumnLayout {
            objectName: "stepWorking"
            spacing: 16
            Item { Layout.fillHeight: true }
            BusyIndicator {
                running: wizard.flow.step === RegistrationFlow.Working
                Layout.alignment: Qt.AlignHCenter
                Layout.preferredWidth: 72
                Layout.preferredHeight: 72
            }
            Label {
                Layout.alignment: Qt.AlignHCenter
                font.pixelSize: 18
                text: qsTr("Registering with gascloud…")
            }
            Item { Layout.fillHeight: true }
        }

        // Done
        ColumnLayout {
            objectName: "stepDone"
            spacing: 12
            Label {
                objectName: "doneText"
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: wizard.flow.resultText
                font.pixelSize: 22
                font.bold: true
                color: Theme.ok
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                font.pixelSize: 15
                text: wizard.flow.detail
            }
            Label {
                objectName: "uploadText"
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                font.pixelSize: 16
                text: wizard.flow.uploadText
            }
            Item { Layout.fillHeight: true }
            Button {
                objectName: "doneButton"
                text: qsTr("Done")
                highlighted: true
                Layout.preferredHeight: Theme.touch
                Layout.preferredWidth: 160
                onClicked: {
                    wizard.flow.back()
                    wizard.openPage("uploads")
                }
            }
        }

        // Failed
        ColumnLayout {
            objectName: "stepFailed"
            spacing: 12
            Label {
                objectName: "failedText"
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: wizard.flow.resultText
                font.pixelSize: 22
                font.bold: true
                color: Theme.fail
            }
            Label {
                objectName: "failedDetail"
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                font.pixelSize: 14
                color: Theme.dimText
                text: wizard.flow.detail
            }
            Item { Layout.fillHeight: true }
            RowLayout {
                spacing: 12
                Button {
                    objectName: "retryButton"
                    text: qsTr("Try again")
                    highlighted: true
                    Layout.preferredHeight: Theme.touch
                    onClicked: wizard.flow.back()
                }
                Button {
                    objectName: "cancelButton"
                    text: qsTr("Cancel")
                    Layout.preferredHeight: Theme.touch
                    onClicked: wizard.openPage("home")
                }
            }
        }
    }
}
