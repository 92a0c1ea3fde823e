// SettingsPage: the settings file by section, validated as the command line does; on the kiosk behind
// the admin PIN.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldStation
import FieldStation.Views
import "components"

Item {
    id: settingsPage
    objectName: "settingsPage"

    required property SettingsEditor editor
    required property AdminLock lock
    required property bool kiosk
    property bool compact: false

    signal openPage(string id)

    /// The section being edited (its row in the editor's model).
    property int currentRow: 0
    readonly property bool open: !settingsPage.kiosk || settingsPage.lock.unlocked

    // Leaving the page locks the settings again.
    Component.onDestruction: settingsPage.lock.relock()

    function showSection(row) {
        currentRow = row
        const index = settingsPage.editor.index(row, 0)
        textArea.text = settingsPage.editor.data(index, SettingsEditor.TextRole) ?? ""
    }
    /// Shows the section and line error `i` points at, with the cursor at the line's start.
    function jumpToError(i) {
        const row = settingsPage.editor.errorRow(i)
        if (row < 0)
            return
        showSection(row)
        const lines = textArea.text.split("\n")
        let pos = 0
        const line = settingsPage.editor.errorLine(i)
        for (let l = 0; l < line - 1 && l < lines.length; ++l)
            pos += lines[l].length + 1
        textArea.cursorPosition = pos
        textArea.forceActiveFocus()
    }
    function sectionName(row) {
        return settingsPage.editor.data(settingsPage.editor.index(row, 0), SettingsEditor.NameRole) ?? ""
    }

    Connections {
        target: settingsPage.editor
        // A load or save may cut the file anew: show the section again from the model.
        function onModelReset() { settingsPage.showSection(Math.min(settingsPage.currentRow, settingsPage.editor.rowCount() - 1)) }
        function onStateChanged() {
            if (!settingsPage.editor.dirty)
                settingsPage.showSection(settingsPage.currentRow)
        }
    }
    Component.onCompleted: if (editor.loaded) showSection(0)

    AdminPinDialog {
        anchors.fill: parent
        visible: !settingsPage.open
        lock: settingsPage.lock
        onCancelled: settingsPage.openPage("home")
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 6
        spacing: 6
        visible: settingsPage.open

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 6

            ListView {
                id: sectionList
                objectName: "sectionList"
                Layout.preferredWidth: settingsPage.compact ? 150 : 220
                Layout.fillHeight: true
                clip: true
                model: settingsPage.editor
                currentIndex: settingsPage.currentRow
                delegate: ItemDelegate {
                    required property int index
                    required property string title
                    required property bool dirty
                    width: ListView.view.width
                    height: Theme.touch
                    text: (dirty ? "• " : "") + title
                    highlighted: index === settingsPage.currentRow
                    onClicked: {
                        settingsPage.lock.touch()
                        settingsPage.showSection(index)
                    }
                }
            }

            ScrollView {
                Layout.fillWidth: true
                Layout.fillHeight: true
                background: Rectangle {
                    color: "white"
                    border.color: textArea.activeFocus ? Theme.accent : Theme.off
                    radius: 4
                }
                TextArea {
                    id: textArea
                    objectName: "sectionText"
                    font.family: "monospace"
                    font.pixelSize: settingsPage.compact ? 14 : 15
                    wrapMode: TextEdit.NoWrap
                    readOnly: settingsPage.editor.busy || !settingsPage.editor.loaded
                    selectByMouse: true
                    placeholderText: qsTr("%1 does not exist yet: type settings here and save.").arg(settingsPage.editor.path)
                    onTextChanged: {
                        if (!activeFocus)
                            return // shown, not typed
                        settingsPage.lock.touch()
                        settingsPage.editor.setSectionText(settingsPage.sectionName(settingsPage.currentRow), text)
                    }
                }
            }
        }

        ListView {
            id: errorList
            objectName: "errorList"
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(contentHeight, settingsPage.compact ? 84 : 140)
            visible: count > 0
            clip: true
            model: settingsPage.editor.problems
            delegate: ItemDelegate {
                id: problemRow
                required property int index
                required property string modelData
                width: ListView.view.width
                height: 40
                contentItem: Label {
                    text: problemRow.modelData
                    elide: Text.ElideLeft
                    color: problemRow.index < settingsPage.editor.errors.length ? Theme.fail : Theme.warn
                    font.pixelSize: 14
                    verticalAlignment: Text.AlignVCenter
                }
                onClicked: {
                    settingsPage.lock.touch()
                    if (index < settingsPage.editor.errors.length)
                        settingsPage.jumpToError(index)
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: 6
            Button {
                objectName: "validateButton"
                text: qsTr("Validate")
                enabled: !settingsPage.editor.busy
                Layout.preferredHeight: Theme.touch
                onClicked: { settingsPage.lock.touch(); settingsPage.editor.validate() }
            }
            Button {
                objectName: "saveButton"
                text: qsTr("Save")
                enabled: !settingsPage.editor.busy && settingsPage.editor.dirty
                Layout.preferredHeight: Theme.touch
                onClicked: { settingsPage.lock.touch(); settingsPage.editor.save() }
            }
            Button {
                objectName: "applyButton"
                text: qsTr("Apply")
                highlighted: true
                enabled: !settingsPage.editor.busy
                Layout.preferredHeight: Theme.touch
                onClicked: { settingsPage.lock.touch(); settingsPage.editor.apply() }
            }
            Button {
                objectName: "restartButton"
                text: qsTr("Restart now")
                visible: settingsPage.editor.restartNeeded
                Layout.preferredHeight: Theme.touch
                onClicked: settingsPage.editor.restartNow()
            }
            Label {
                objectName: "editorMessage"
                Layout.fillWidth: true
                text: settingsPage.editor.message
                elide: Text.ElideRight
                font.pixelSize: 14
                color: settingsPage.editor.errors.length > 0 ? Theme.fail : Theme.dimText
            }
            Button {
                objectName: "registerButton"
                text: qsTr("Register…")
                Layout.preferredHeight: Theme.touch
                onClicked: settingsPage.openPage("register")
            }
        }
    }
}
