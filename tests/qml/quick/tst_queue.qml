// The upload queue page over a real UploadQueueModel (QueueFixture): filter chips with their counts,
// a colour per state from the Theme, progress while uploading, "Upload now" and "Retry" reaching the
// model, a change arriving in place, and the way to registration when the station has no key.
import QtQuick
import QtTest
import FieldStation
import FieldStation.Views
import FieldStation.TestFixtures

TestCase {
    id: tc
    name: "UploadQueuePage"
    when: windowShown
    visible: true // the rows' buttons are clicked, so the page must be on screen
    width: 800
    height: 1000

    Component {
        id: pageComponent
        UploadQueuePage {}
    }
    QueueFixture { id: fixture }
    Component {
        id: spyComponent
        SignalSpy {}
    }

    function find(item, name) {
        if (item.objectName === name)
            return item
        for (let i = 0; i < item.children.length; ++i) {
            const found = find(item.children[i], name)
            if (found)
                return found
        }
        return null
    }
    function open(mode) {
        fixture.reset(mode)
        const page = createTemporaryObject(pageComponent, tc, {queue: fixture.model, width: tc.width, height: tc.height})
        verify(page)
        const list = find(page, "batchList")
        tryCompare(list, "count", 6)
        waitForItemPolished(list)
        return {fixture: fixture, page: page, list: list}
    }
    function row(t, id) {
        const r = find(t.list, "batch_" + id)
        verify(r, "no row for batch " + id)
        return r
    }
    function spy(target, signal) {
        return createTemporaryObject(spyComponent, tc, {target: target, signalName: signal})
    }

    function init() {
        failOnWarning(/.*/)
    }

    function test_filter_chips_with_counts() {
        const t = open("running")
        compare(find(t.page, "filter_all").text, "All 6")
        compare(find(t.page, "filter_pending").text, "Waiting 3")
        compare(find(t.page, "filter_uploaded").text, "Uploaded 2")
        compare(find(t.page, "filter_rejected").text, "Rejected 1")
        verify(find(t.page, "filter_all").checked)
        mouseClick(find(t.page, "filter_rejected"))
        compare(t.fixture.model.filter, "rejected")
        tryCompare(t.list, "count", 1)
        verify(find(t.page, "filter_rejected").checked)
        verify(!find(t.page, "filter_all").checked)
        mouseClick(find(t.page, "filter_pending"))
        tryCompare(t.list, "count", 3)
        mouseClick(find(t.page, "filter_all"))
        tryCompare(t.list, "count", 6)
    }

    function test_state_colours_from_the_theme() {
        const t = open("running")
        compare(String(find(row(t, QueueFixture.Uploaded1), "stateChip").color), String(Theme.ok))
        compare(String(find(row(t, QueueFixture.Rejected), "stateChip").color), String(Theme.fail))
        compare(String(find(row(t, QueueFixture.Waiting), "stateChip").color), String(Theme.warn))
        compare(String(find(row(t, QueueFixture.Uploading), "stateChip").color), String(Theme.accent))
        // Newest first.
        compare(t.list.itemAtIndex(0).number, QueueFixture.Checking)
        compare(t.list.itemAtIndex(5).number, QueueFixture.Uploaded1)
        // The waiting batch shows its tries and why it waits.
        const waiting = row(t, QueueFixture.Waiting)
        verify(find(waiting, "attempts").visible)
        compare(find(waiting, "attempts").text, "try 3")
        compare(find(waiting, "lastError").text, "SSH to quarantine.example:2222: connection refused")
    }

    function test_progress_while_uploading() {
        const t = open("running")
        const bar = find(row(t, QueueFixture.Uploading), "uploadProgress")
        verify(bar.visible)
        verify(!find(row(t, QueueFixture.Waiting), "uploadProgress").visible)
        t.fixture.sendProgress(0.25)
        t.fixture.sendProgress(0.5)
        tryCompare(bar, "value", 0.5)
    }

    function test_buttons_call_the_model() {
        const t = open("running")
        const now = spy(t.fixture.model, "uploadNowRequested")
        const retry = spy(t.fixture.model, "retryRequested")
        verify(!find(row(t, QueueFixture.Uploaded1), "uploadNowButton").visible)
        verify(!find(row(t, QueueFixture.Uploaded1), "retryButton").visible)
        verify(!find(row(t, QueueFixture.Waiting), "retryButton").visible)
        const nowButton = find(row(t, QueueFixture.Waiting), "uploadNowButton")
        verify(nowButton.visible)
        verify(nowButton.height >= Theme.touch)
        mouseClick(nowButton)
        compare(now.count, 1)
        compare(now.signalArguments[0][0], QueueFixture.Waiting)
        const retryButton = find(row(t, QueueFixture.Rejected), "retryButton")
        verify(retryButton.visible)
        verify(!find(row(t, QueueFixture.Rejected), "uploadNowButton").visible)
        mouseClick(retryButton)
        compare(retry.count, 1)
        compare(retry.signalArguments[0][0], QueueFixture.Rejected)
    }

    function test_a_change_arrives_in_place() {
        const t = open("running")
        const before = row(t, QueueFixture.Waiting)
        t.fixture.moveTo(QueueFixture.Waiting, "uploaded")
        compare(row(t, QueueFixture.Waiting), before) // the same delegate: no reset
        compare(String(find(before, "stateChip").color), String(Theme.ok))
        verify(!find(before, "uploadNowButton").visible)
        compare(find(t.page, "filter_pending").text, "Waiting 2")
        compare(find(t.page, "filter_uploaded").text, "Uploaded 3")
        mouseClick(find(t.page, "filter_pending"))
        tryCompare(t.list, "count", 2)
        t.fixture.moveTo(QueueFixture.Rejected, "pending") // retried: it joins the waiting list
        compare(t.list.count, 3)
    }

    function test_not_registered_leads_to_the_wizard() {
        const t = open("unregistered")
        const note = find(t.page, "uploadOffNote")
        verify(note.visible)
        const button = find(t.page, "registerButton")
        verify(button.visible)
        compare(button.text, "Register…")
        verify(button.height >= Theme.touch)
        verify(!find(row(t, QueueFixture.Waiting), "uploadNowButton").visible)
        const opened = spy(t.page, "openPage")
        mouseClick(button)
        compare(opened.count, 1)
        compare(opened.signalArguments[0][0], "register")
    }

    function test_switched_off_points_to_the_settings() {
        const t = open("off")
        verify(find(t.page, "uploadOffNote").visible)
        const opened = spy(t.page, "openPage")
        mouseClick(find(t.page, "registerButton"))
        compare(opened.signalArguments[0][0], "settings")
        fixture.reset("running")
        verify(!find(t.page, "uploadOffNote").visible)
    }
}
