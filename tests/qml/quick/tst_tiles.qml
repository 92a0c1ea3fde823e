// The home screen's tiles and the alarm banner over a real DashboardModel and AlarmModel: green when
// all is well, amber or red with the reason when not, a tap opens the tile's page, and the banner
// shows the worst alarm while any is active.
import QtQuick
import QtTest
import FieldStation
import FieldStation.TestFixtures
import "qrc:/qt/qml/FieldStation/components"

TestCase {
    id: tc
    name: "Tiles"
    when: windowShown
    visible: true // TestCase is hidden by default: taps and visibility need it shown
    width: 800
    height: 480

    DashboardFixture {
        id: fixture
    }
    Component {
        id: dashboardComponent
        Dashboard {}
    }
    Component {
        id: bannerComponent
        AlarmBanner {}
    }
    Component {
        id: spyComponent
        SignalSpy {}
    }

    function init() {
        failOnWarning(/.*/)
        fixture.clearAlarms()
        for (const id of ["opc", "house", "solar"])
            fixture.setSourceHealth(id, "Ok")
    }

    function makeDashboard() {
        const fx = fixture
        const home = createTemporaryObject(dashboardComponent, tc, {dashboard: fx.dashboard, alarms: fx.alarms})
        verify(home)
        home.width = 800
        home.height = 400
        home.compact = true
        return {fx: fx, home: home}
    }

    function tile(home, id) {
        let found = null
        tryVerify(() => (found = findChild(home, "tile:" + id)) !== null, 5000, "no tile " + id)
        return found
    }

    function test_all_ok_is_green() {
        const d = makeDashboard()
        compare(d.fx.dashboard.count, 6)
        for (const id of ["source:opc", "source:house", "node:isems:a", "node:isems:b", "sink:gascloud", "sink:push/central"]) {
            const t = tile(d.home, id)
            compare(String(t.color), String(Theme.okFill), id)
            compare(findChild(t, "tileStatus").text, "OK", id)
        }
        compare(findChild(d.home, "summaryText").text, "All 6 parts working")
        compare(String(findChild(d.home, "stationSummary").color), String(Theme.okFill))
        const sp = findChild(tile(d.home, "source:opc"), "sparkline")
        verify(sp.visible)
        compare(sp.values.length, 60)
    }

    function test_red_and_amber_with_reasons() {
        const d = makeDashboard()
        d.fx.raise("opc_fan", "fail", "opcn3:177", "opc", "fan stopped")
        d.fx.raise("isems_battery_low", "warn", "isems:b", "solar", "battery low")
        const opc = tile(d.home, "source:opc")
        tryCompare(opc, "color", Theme.failFill)
        compare(String(opc.border.color), String(Theme.fail))
        compare(findChild(opc, "tileReason").text, "fan stopped")
        compare(findChild(opc, "tileStatus").text, "Fault")
        const b = tile(d.home, "node:isems:b")
        tryCompare(b, "color", Theme.warnFill)
        compare(findChild(b, "tileReason").text, "battery low")
        compare(String(tile(d.home, "node:isems:a").color), String(Theme.okFill)) // the neighbour is fine
        compare(findChild(d.home, "summaryText").text, "2 of 6 parts need a look")
        compare(String(findChild(d.home, "stationSummary").color), String(Theme.failFill))
        d.fx.setSourceHealth("house", "Failing", "connection refused")
        const house = tile(d.home, "source:house")
        tryCompare(house, "color", Theme.failFill)
        compare(findChild(house, "tileReason").text, "connection refused")
        d.fx.clearAlarms()
        tryCompare(opc, "color", Theme.okFill)
    }

    function test_tap_opens_the_tiles_page() {
        const d = makeDashboard()
        const spy = createTemporaryObject(spyComponent, tc, {target: d.home, signalName: "openPage"})
        mouseClick(tile(d.home, "source:opc"))
        compare(spy.count, 1)
        compare(spy.signalArguments[0][0], "particles")
        mouseClick(tile(d.home, "sink:gascloud"))
        compare(spy.signalArguments[1][0], "uploads")
        mouseClick(tile(d.home, "node:isems:a"))
        compare(spy.signalArguments[2][0], "solar")
    }

    function test_banner_shows_the_worst_alarm_and_hides() {
        const fx = fixture
        const banner = createTemporaryObject(bannerComponent, tc, {width: 800, alarms: fx.alarms})
        verify(!banner.visible)
        compare(banner.height, 0)
        fx.raise("isems_battery_low", "warn", "isems:b", "solar", "battery low")
        tryVerify(() => banner.visible)
        compare(String(banner.color), String(Theme.warn))
        verify(!findChild(banner, "bannerMore").visible)
        fx.raise("silent", "fail", "house", "house", "no data for 5 min")
        tryCompare(findChild(banner, "bannerMore"), "text", "+1 more")
        compare(String(banner.color), String(Theme.fail))
        let text = null
        tryVerify(() => (text = findChild(banner, "bannerText")) !== null && text.visible && text.text.indexOf("no data for 5 min") >= 0,
                  5000, "the failure first")
        verify(banner.height >= Theme.touch)
        const spy = createTemporaryObject(spyComponent, tc, {target: banner, signalName: "openPage"})
        mouseClick(banner, 100, banner.height / 2)
        compare(spy.count, 1)
        compare(spy.signalArguments[0][0], "energy")
        fx.clearAlarms()
        tryVerify(() => !banner.visible)
    }
}
