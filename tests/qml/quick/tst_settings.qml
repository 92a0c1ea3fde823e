// The settings page over a real SettingsEditor and AdminLock: the kiosk's admin PIN first, sections,
// errors shown and tappable, save keeps comments, apply asks for a restart when it must.
import QtQuick
import QtTest
import FieldStation
import FieldStation.Views
import FieldStation.TestFixtures

TestCase {
    id: tc
    name: "Settings"
    when: windowShown
    visible: true // TestCase is hidden by default: the pages must be seen to be pressed
    width: 800
    height: 384

    // The page sits in a Loader, as in the shell: inactive is "left the page". It is declared before
    // the fixture, so it goes first when the rig is destroyed, never left without its services.
    Component {
        id: rigComponent
        Item {
            id: rig
            property bool kiosk: false
            property alias shown: loader.active
            readonly property Item page: loader.item
            property alias fx: fixture
            Loader {
                id: loader
                anchors.fill: parent
                sourceComponent: SettingsPage {
                    editor: fixture.editor
                    lock: fixture.lock
                    kiosk: rig.kiosk
                }
            }
            SettingsFixture { id: fixture }
        }
    }

    function make(kiosk) {
        const rig = createTemporaryObject(rigComponent, tc, {kiosk: kiosk, width: tc.width, height: tc.height})
        verify(rig && rig.page)
        tryCompare(rig.fx.editor, "loaded", true)
        return {rig: rig, fx: rig.fx, editor: rig.fx.editor, lock: rig.fx.lock, page: rig.page}
    }
    function item(page, name) {
        const found = findChild(page, name)
        verify(found, name)
        return found
    }
    function press(page, name) {
        const b = item(page, name)
        verify(b.visible, name + " is visible")
        verify(b.enabled, name + " is enabled")
        mouseClick(b)
    }
    /// OK on the PIN pad, then the wait for the worker that stores or checks the PIN.
    function submitPin(s, page) {
        press(page, "adminPinOk")
        tryVerify(() => !s.lock.busy, 10000)
    }
    function typePin(page, digits) {
        for (let i = 0; i < digits.length; ++i)
            press(page, "key" + digits[i])
    }
    function rowOf(editor, name) {
        for (let r = 0; r < editor.rowCount(); ++r)
            if (editor.data(editor.index(r, 0), SettingsEditor.NameRole) === name)
                return r
        return -1
    }
    /// Types into the section `name` as a person would: the text area has the focus.
    function edit(s, name, text) {
        s.page.showSection(rowOf(s.editor, name))
        const area = item(s.page, "sectionText")
        area.forceActiveFocus()
        area.text = text
    }

    function test_kiosk_asks_for_the_admin_pin_first() {
        const s = make(true)
        verify(item(s.page, "adminPinDialog").visible)
        verify(!item(s.page, "sectionList").visible)
        compare(item(s.page, "adminPinTitle").text, "Choose an admin PIN")
        typePin(s.page, "2468")
        submitPin(s, s.page)
        compare(item(s.page, "adminPinTitle").text, "Type the admin PIN again")
        typePin(s.page, "2468")
        submitPin(s, s.page)
        verify(s.lock.unlocked)
        verify(!item(s.page, "adminPinDialog").visible)
        verify(item(s.page, "sectionList").visible)
    }

    function test_lockout_and_relock_on_leaving() {
        const s = make(true)
        typePin(s.page, "1357")
        submitPin(s, s.page)
        typePin(s.page, "1357")
        submitPin(s, s.page)
        s.rig.shown = false // leaving the page
        compare(s.lock.stage, AdminLock.Locked)
        s.rig.shown = true
        const again = s.rig.page
        verify(item(again, "adminPinDialog").visible)
        ignoreWarning(/3 wrong admin PINs: no tries for 30 s/)
        for (let i = 0; i < 3; ++i) {
            typePin(again, "0000")
            submitPin(s, again)
        }
        compare(item(again, "adminPinMessage").text, "Too many wrong PINs. Try again in 30 s.")
        verify(!item(again, "key1").enabled)
        s.fx.advance(31000)
        s.lock.check()
        verify(item(again, "key1").enabled)
        typePin(again, "1357")
        submitPin(s, again)
        verify(s.lock.unlocked)
        verify(item(again, "sectionList").visible)
    }

    function test_desktop_has_no_lock() {
        const s = make(false)
        verify(!item(s.page, "adminPinDialog").visible)
        verify(item(s.page, "sectionList").visible)
    }

    function test_sections_errors_and_save() {
        const s = make(false)
        const list = item(s.page, "sectionList")
        compare(list.count, 3)
        compare(item(s.page, "sectionText").text, "# Test station\nstation:\n  name: bench # the lab bench\n\n")

        edit(s, "recorder", "recorder:\n  flush_interval_ms: 1\n")
        verify(s.editor.dirty)
        press(s.page, "validateButton")
        tryCompare(s.editor, "busy", false)
        const errors = item(s.page, "errorList")
        compare(errors.count, 1)
        verify(s.editor.errors[0].indexOf(":6: recorder.flush_interval_ms:") > 0, s.editor.errors[0])
        // Tapping the error shows its section with the cursor on its line.
        s.page.showSection(0)
        tryVerify(() => errors.visible && errors.height >= 40 && errors.itemAtIndex(0) !== null)
        waitForRendering(s.page)
        mouseClick(errors.itemAtIndex(0))
        compare(s.page.currentRow, rowOf(s.editor, "recorder"))
        compare(item(s.page, "sectionText").cursorPosition, "recorder:\n".length)

        press(s.page, "saveButton")
        tryCompare(s.editor, "busy", false)
        verify(s.fx.fileText().indexOf("flush_interval_ms: 1000") > 0) // invalid: not written

        edit(s, "recorder", "recorder:\n  flush_interval_ms: 500\n")
        press(s.page, "saveButton")
        tryCompare(s.editor, "busy", false)
        compare(s.editor.errors.length, 0)
        compare(errors.count, 0)
        compare(s.fx.fileText(), "# Test station\nstation:\n  name: bench # the lab bench\n\nrecorder:\n  flush_interval_ms: 500\nstore:\n  keep_days: 30\n")
    }

    function test_apply_asks_for_a_restart_when_needed() {
        const s = make(false)
        verify(!item(s.page, "restartButton").visible)
        edit(s, "station", "# Test station\nstation:\n  name: attic # the lab bench\n\n")
        press(s.page, "applyButton")
        tryCompare(s.editor, "busy", false)
        verify(!item(s.page, "restartButton").visible)
        compare(item(s.page, "editorMessage").text, "Saved and applied.")
        edit(s, "store", "store:\n  keep_days: 7\n")
        press(s.page, "applyButton")
        tryCompare(s.editor, "busy", false)
        verify(item(s.page, "restartButton").visible)
        compare(item(s.page, "editorMessage").text, "Saved. Some changes take effect after a restart.")
    }

    function test_register_opens_the_wizard() {
        const s = make(false)
        const spy = createTemporaryObject(spyComponent, tc, {target: s.page})
        press(s.page, "registerButton")
        compare(spy.count, 1)
        compare(spy.signalArguments[0][0], "register")
    }
    Component { id: spyComponent; SignalSpy { signalName: "openPage" } }
}
