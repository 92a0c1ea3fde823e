// The registration wizard over a real RegistrationFlow and an in-process gascloud emulator: every step,
// digits only, the mask toggle, no second submission while one is on its way, failures in words.
import QtQuick
import QtTest
import FieldStation
import FieldStation.Views
import FieldStation.TestFixtures

TestCase {
    id: tc
    name: "Wizard"
    when: windowShown
    visible: true // TestCase is hidden by default: the pages must be seen to be pressed
    width: 800
    height: 384 // the page's share of the 800×480 kiosk screen

    // The page before the fixture: it goes first when the rig is destroyed, never left without its flow.
    Component {
        id: rigComponent
        Item {
            property alias page: wizardPage
            property alias fx: fixture
            RegistrationWizard { id: wizardPage; anchors.fill: parent; flow: fixture.flow }
            RegistrationFixture { id: fixture }
        }
    }
    Component { id: spyComponent; SignalSpy { signalName: "openPage" } }

    function init() {
        failOnWarning(/.*/)
    }

    function make() {
        const rig = createTemporaryObject(rigComponent, tc, {width: tc.width, height: tc.height})
        verify(rig)
        const spy = createTemporaryObject(spyComponent, tc, {target: rig.page})
        return {fx: rig.fx, flow: rig.fx.flow, page: rig.page, spy: spy}
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
    function typePin(page, digits) {
        for (let i = 0; i < digits.length; ++i)
            press(page, "key" + digits[i])
    }
    function waitForEnd(flow) {
        tryVerify(() => flow.step === RegistrationFlow.Done || flow.step === RegistrationFlow.Failed, 15000)
    }

    function test_every_step() {
        const w = make()
        verify(item(w.page, "stepIntro").visible)
        compare(item(w.page, "stationName").text, "test-station")
        tryVerify(() => w.flow.deviceId.length > 0)
        compare(item(w.page, "deviceId").text, w.flow.deviceId)

        press(w.page, "startButton")
        compare(w.flow.step, RegistrationFlow.Pin)
        verify(item(w.page, "stepPin").visible)
        verify(!item(w.page, "submitButton").enabled)
        typePin(w.page, "1234")
        compare(w.flow.pinLength, 4)
        compare(item(w.page, "pinDisplay").text, "●●●●")
        press(w.page, "keyMask")
        compare(item(w.page, "pinDisplay").text, "1234")
        press(w.page, "keyMask")
        compare(item(w.page, "pinDisplay").text, "●●●●")

        w.fx.slowNext() // so that the Working step stays long enough to be seen
        press(w.page, "submitButton")
        compare(w.flow.step, RegistrationFlow.Working)
        verify(item(w.page, "stepWorking").visible)
        waitForEnd(w.flow)
        compare(w.flow.step, RegistrationFlow.Done)
        verify(item(w.page, "stepDone").visible)
        compare(item(w.page, "doneText").text, "This station is registered with gascloud.")
        compare(item(w.page, "uploadText").text, "Uploads run now; the queue is on the Uploads page.")
        press(w.page, "doneButton")
        compare(w.spy.count, 1)
        compare(w.spy.signalArguments[0][0], "uploads")
    }

    function test_digits_only_and_big_keys() {
        const w = make()
        press(w.page, "startButton")
        w.flow.appendDigit("a")
        w.flow.appendDigit("12")
        keyClick(Qt.Key_A)
        keyClick(Qt.Key_5)
        compare(w.flow.pinLength, 0)
        typePin(w.page, "123456789")
        compare(w.flow.pinLength, 8)
        press(w.page, "keyErase")
        compare(w.flow.pinLength, 7)
        // At least 60 px keys, and the whole pad on the 800×480 screen.
        const key = item(w.page, "key5")
        verify(key.height >= 60, key.height)
        verify(key.width >= 60, key.width)
        const pad = item(w.page, "pinPad")
        const bottomRight = pad.mapToItem(w.page, pad.width, pad.height)
        verify(bottomRight.x <= w.page.width && bottomRight.y <= w.page.height,
               "pad ends at " + bottomRight.x + "," + bottomRight.y)
        press(w.page, "pinBack")
        compare(w.flow.step, RegistrationFlow.Intro)
        compare(w.flow.pinLength, 0)
    }

    function test_no_double_submit() {
        const w = make()
        press(w.page, "startButton")
        typePin(w.page, "1234")
        w.fx.slowNext()
        press(w.page, "submitButton")
        compare(w.flow.step, RegistrationFlow.Working)
        verify(!w.flow.canSubmit)
        w.flow.submit()
        w.flow.submit()
        waitForEnd(w.flow)
        compare(w.flow.step, RegistrationFlow.Done)
        wait(300) // a second registration would report in now
        compare(w.fx.registeredCount, 1)
    }

    function test_failures_in_words() {
        const w = make()
        press(w.page, "startButton")
        typePin(w.page, "9999")
        press(w.page, "submitButton")
        waitForEnd(w.flow)
        verify(item(w.page, "stepFailed").visible)
        compare(item(w.page, "failedText").text, "The PIN was not accepted. Check it and try again.")
        verify(item(w.page, "failedDetail").text.indexOf("HTTP 403") >= 0)

        press(w.page, "retryButton")
        compare(w.flow.step, RegistrationFlow.Pin)
        compare(w.flow.pinLength, 4)
        press(w.page, "keyErase")
        typePin(w.page, "9")
        w.fx.failNext()
        press(w.page, "submitButton")
        waitForEnd(w.flow)
        compare(item(w.page, "failedText").text, "The gascloud server has a problem (HTTP 500). Try again later.")
        press(w.page, "cancelButton")
        compare(w.spy.signalArguments[0][0], "home")
        compare(w.fx.registeredCount, 0)
    }
}
