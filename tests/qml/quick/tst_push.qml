// The push page: one card per push server and InfluxDB sink in its level's colour with its figures,
// changed in place, "Push now" calling through, the password dialog (masked, show/hide) storing into
// the secret store, and the demo's missing-package text.
import QtQuick
import QtQuick.Controls
import QtTest
import FieldStation
import FieldStation.Views
import FieldStation.TestFixtures

TestCase {
    id: tc
    name: "PushPage"
    when: windowShown
    visible: true // a TestCase is hidden by default, and a hidden button takes no click
    width: 800
    height: 480

    Component {
        id: pageComponent
        PushStatusPage {
            width: tc.width
            height: tc.height
        }
    }
    Component {
        id: fixtureComponent
        SinkFixture {}
    }
    Component {
        id: lockFixtureComponent
        SettingsFixture {} // its kiosk AdminLock over a file secret store
    }
    SignalSpy {
        id: requested
        signalName: "passRequested"
    }

    function init() {
        failOnWarning(/.*/)
    }

    function makePage(fixture) {
        const page = createTemporaryObject(pageComponent, tc, {sinks: fixture.model, sinkControl: fixture.control})
        verify(page)
        return page
    }

    function card(page, server) {
        let found = null
        tryVerify(() => (found = findChild(page, "sinkCard_" + server)) !== null, 2000, "no card for " + server)
        waitForRendering(page) // laid out: its buttons are where a finger would press
        return found
    }

    function test_a_card_per_server_in_its_level() {
        const f = createTemporaryObject(fixtureComponent, tc)
        f.setRow("push", "central", 0, 0)
        f.setRow("push", "backup", 120, 4, "MySQL push@db:3306/cogent: connection refused")
        f.setRow("influx", "site", 12, 1, "timed out")
        const page = makePage(f)
        const central = card(page, "central")
        const backup = card(page, "backup")
        const site = card(page, "site")
        compare(central.border.color, Theme.levelColor("ok"))
        compare(backup.border.color, Theme.levelColor("fail"))
        compare(site.border.color, Theme.levelColor("warn")) // one failure: retrying
        compare(findChild(backup, "lastError").text, "MySQL push@db:3306/cogent: connection refused")
        verify(findChild(backup, "lastError").visible)
        verify(!findChild(central, "lastError").visible)
        compare(findChild(backup, "behind").text, "120 rows behind")
        compare(findChild(central, "state").text, "up to date")
        verify(!findChild(page, "noSinks").visible)
    }

    function test_figures_change_in_place() {
        const f = createTemporaryObject(fixtureComponent, tc)
        f.setRow("push", "central", 4400, 0)
        const page = makePage(f)
        const before = card(page, "central")
        compare(findChild(before, "behind").text, "4400 rows behind")
        f.setRow("push", "central", 0, 0)
        tryCompare(findChild(before, "behind"), "text", "0 rows behind")
        verify(card(page, "central") === before) // the same delegate: no model reset
    }

    function test_push_now_calls_through() {
        const f = createTemporaryObject(fixtureComponent, tc)
        f.setRow("influx", "site", 3, 0)
        const page = makePage(f)
        requested.clear()
        requested.target = f.control
        const button = findChild(card(page, "site"), "pushNow")
        verify(button.height >= Theme.touch)
        mouseClick(button)
        compare(requested.count, 1)
        // No sink runs behind the fixture: the control says the request found none.
        compare(requested.signalArguments[0][0], "influx")
        compare(requested.signalArguments[0][1], "site")
        compare(requested.signalArguments[0][2], false)
    }

    function test_password_dialog_stores_masked_text() {
        const f = createTemporaryObject(fixtureComponent, tc)
        f.setRow("push", "central", 0, 2, "Access denied for user 'push'")
        const page = makePage(f)
        mouseClick(findChild(card(page, "central"), "setPassword"))
        const dialog = findChild(page, "passwordDialog")
        verify(dialog)
        tryCompare(dialog, "opened", true)
        const field = findChild(dialog.contentItem, "passwordField")
        const show = findChild(dialog.contentItem, "showPassword")
        const store = findChild(dialog.contentItem, "storePassword")
        compare(field.echoMode, TextInput.Password)
        verify(!store.enabled) // nothing typed yet
        mouseClick(show)
        compare(field.echoMode, TextInput.Normal)
        mouseClick(show)
        compare(field.echoMode, TextInput.Password)
        field.text = "n3w-Passw0rd"
        verify(store.enabled)
        mouseClick(store)
        compare(field.text, "") // the field does not keep it
        tryVerify(() => f.storedSecret("push", "central") === "n3w-Passw0rd", 5000)
        const result = findChild(dialog.contentItem, "passwordResult")
        tryVerify(() => result.text.startsWith("Stored in "), 5000)
        verify(result.text.indexOf("n3w-Passw0rd") < 0)
    }

    function test_cancel_forgets_the_typed_password() {
        const f = createTemporaryObject(fixtureComponent, tc)
        f.setRow("push", "central", 0, 0)
        const page = makePage(f)
        mouseClick(findChild(card(page, "central"), "setPassword"))
        const dialog = findChild(page, "passwordDialog")
        tryCompare(dialog, "opened", true)
        const field = findChild(dialog.contentItem, "passwordField")
        field.text = "typed-then-cancelled"
        dialog.reject() // the dialog's Cancel button
        tryCompare(dialog, "visible", false)
        compare(field.text, "") // a closed dialog holds no password
        compare(f.storedSecret("push", "central"), "")
    }

    function pressKey(root, name) {
        let key = null
        tryVerify(() => (key = findChild(root, name)) !== null && key.visible, 2000, name)
        waitForRendering(key)
        mouseClick(key)
    }

    function test_kiosk_asks_the_admin_pin_before_a_password() {
        const f = createTemporaryObject(fixtureComponent, tc)
        f.setRow("push", "central", 0, 0)
        const lockFx = createTemporaryObject(lockFixtureComponent, tc)
        const lock = lockFx.lock
        for (const round of [0, 1]) { // chosen and confirmed: stored, then locked again
            for (const d of "2468")
                lock.appendDigit(d)
            lock.submit()
            tryVerify(() => !lock.busy, 10000) // stored on a worker
        }
        verify(lock.unlocked)
        lock.relock()
        compare(lock.stage, AdminLock.Locked)
        const page = createTemporaryObject(pageComponent, tc,
                                           {sinks: f.model, sinkControl: f.control, lock: lock, kiosk: true})
        verify(page.needsPin)
        mouseClick(findChild(card(page, "central"), "setPassword"))
        const pin = findChild(page, "pushPinPopup")
        const dialog = findChild(page, "passwordDialog")
        tryCompare(pin, "opened", true)
        verify(!dialog.opened) // no password field before the PIN
        const overlay = pin.contentItem
        for (const d of "1111")
            pressKey(overlay, "key" + d)
        pressKey(overlay, "adminPinOk")
        tryVerify(() => lock.message.length > 0, 3000) // a wrong PIN is refused, no dialog
        verify(!dialog.opened)
        for (const d of "2468")
            pressKey(overlay, "key" + d)
        pressKey(overlay, "adminPinOk")
        tryCompare(dialog, "opened", true, 5000)
        tryCompare(pin, "opened", false)
        dialog.reject()
        page.destroy() // leaving the page locks again
        tryCompare(lock, "stage", AdminLock.Locked)
    }

    function test_desktop_sets_a_password_without_pin() {
        const f = createTemporaryObject(fixtureComponent, tc)
        f.setRow("push", "central", 0, 0)
        const lockFx = createTemporaryObject(lockFixtureComponent, tc)
        const page = createTemporaryObject(pageComponent, tc,
                                           {sinks: f.model, sinkControl: f.control, lock: lockFx.lock, kiosk: false})
        verify(!page.needsPin)
        mouseClick(findChild(card(page, "central"), "setPassword"))
        tryCompare(findChild(page, "passwordDialog"), "opened", true)
        verify(!findChild(page, "pushPinPopup").opened)
    }

    function test_missing_far_end_is_named() {
        const f = createTemporaryObject(fixtureComponent, tc)
        const page = makePage(f)
        verify(findChild(page, "noSinks").visible)
        f.setMissing(["demo push needs MariaDB: apt install mariadb-server"])
        let note = null
        tryVerify(() => (note = findChild(page, "farEndNote")) !== null)
        compare(note.text, "demo push needs MariaDB: apt install mariadb-server")
        verify(!findChild(page, "noSinks").visible)
    }
}
