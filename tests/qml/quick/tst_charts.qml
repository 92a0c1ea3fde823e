// The chart pages' charts over a real store: the range buttons set the window the plot reads, the
// zoom buttons halve and double it and reset it, the histogram switches to a log axis that an empty
// bin cannot break, the time axis names its zone, and a hidden chart reads nothing.
import QtQuick
import QtTest
import FieldStation
import FieldStation.TestFixtures
import FieldStation.Views
import "qrc:/qt/qml/FieldStation/components"

TestCase {
    id: tc
    name: "Charts"
    when: windowShown
    visible: true // a TestCase is hidden by default: its charts would be paused and unclickable
    width: 800
    height: 480

    ChartFixture { id: fixture }
    Component {
        id: pmComponent
        PmChart { width: 560; height: 300 }
    }
    Component {
        id: histogramComponent
        HistogramChart { width: 560; height: 200 }
    }

    function init() {
        failOnWarning(/.*/)
        compare(fixture.error, "")
    }

    function makePm() {
        const chart = createTemporaryObject(pmComponent, tc, {stream: fixture.stream, sourceId: fixture.sourceId})
        verify(chart)
        waitForRendering(chart)
        tryCompare(chart.plot, "loading", false, 5000)
        return chart
    }

    function test_range_buttons_set_the_window() {
        const chart = makePm()
        compare(chart.plot.spanMinutes, 60) // 1 h by default
        const ranges = [[2, 120000], [10, 600000], [1440, 86400000], [10080, 604800000], [60, 3600000]]
        for (const [minutes, ms] of ranges) {
            const button = findChild(chart, "range_" + minutes)
            verify(button, "range_" + minutes)
            mouseClick(button)
            compare(chart.plot.spanMinutes, minutes)
            compare(chart.plot.viewSpanMs, ms)
            compare(button.checked, true)
            tryCompare(chart.plot, "loading", false, 5000)
            compare(chart.plot.timeMax.getTime() - chart.plot.timeMin.getTime(), ms)
        }
        // two hours of data in the store: the 24 h window shows them
        mouseClick(findChild(chart, "range_1440"))
        tryCompare(chart.plot, "loading", false, 5000)
        verify(chart.plot.hasHistory)
        const pts = chart.plot.points(0)
        verify(pts[0].x <= Date.now() - 7000000, "the history from two hours ago")
        // two hours are a twelfth of the day's columns: about two points each, no more
        verify(pts.length > chart.plot.columns / 12, pts.length)
        verify(pts.length <= 2 * chart.plot.columns / 12 + 8, pts.length)
    }

    function test_zoom_buttons() {
        const chart = makePm()
        const zoomIn = findChild(chart, "zoomIn")
        const zoomOut = findChild(chart, "zoomOut")
        const reset = findChild(chart, "zoomReset")
        verify(zoomIn && zoomOut && reset)
        compare(reset.enabled, false)
        mouseClick(zoomIn)
        compare(chart.plot.viewSpanMs, 1800000)
        compare(chart.plot.zoomed, true)
        compare(reset.enabled, true)
        let loads = 0
        chart.plot.loadingChanged.connect(() => { if (!chart.plot.loading) ++loads })
        mouseClick(zoomIn)
        compare(chart.plot.viewSpanMs, 900000)
        tryVerify(() => loads === 1, 5000, "the new window is read again, once") // the clicks settle into one read
        compare(chart.plot.loading, false)
        mouseClick(zoomOut)
        compare(chart.plot.viewSpanMs, 1800000)
        mouseClick(reset)
        compare(chart.plot.viewSpanMs, 3600000)
        compare(chart.plot.zoomed, false)
        // the wheel zooms too, around the pointer
        const before = chart.plot.viewSpanMs
        mouseWheel(chart, chart.width / 2, chart.height / 2, 0, 120)
        verify(chart.plot.viewSpanMs < before)
    }

    function test_time_axis_names_its_zone() {
        const chart = makePm()
        const title = TimeText.axisTitle(chart.plot.timeMax.getTime())
        verify(/^Time \(.+\)$/.test(title), title)
        compare(TimeText.axisFormat(600000), "hh:mm:ss")
        compare(TimeText.axisFormat(604800000), "ddd hh:mm")
    }

    function test_hidden_chart_reads_nothing() {
        const chart = makePm()
        chart.visible = false
        compare(chart.plot.active, false)
        mouseClick(findChild(chart, "range_10080")) // not visible: the click does not reach it
        chart.plot.spanMinutes = 10080
        compare(chart.plot.loading, false)
        chart.visible = true
        compare(chart.plot.active, true)
        compare(chart.plot.loading, true)
        tryCompare(chart.plot, "loading", false, 5000)
    }

    function test_histogram_log_toggle() {
        fixture.setBins([0, 3, 1000, 20000])
        const chart = createTemporaryObject(histogramComponent, tc, {stream: fixture.stream, sourceId: fixture.sourceId})
        verify(chart)
        waitForRendering(chart)
        compare(chart.logScale, false)
        compare(chart.countAxis.visible, true)
        compare(chart.logAxis.visible, false)
        compare(chart.countAxis.min, 0)
        const toggle = findChild(chart, "histogramLog")
        verify(toggle)
        mouseClick(toggle)
        compare(chart.logScale, true)
        compare(chart.logAxis.visible, true)
        compare(chart.countAxis.visible, false)
        compare(chart.logAxis.base, 10)
        compare(chart.logAxis.min, 0.5) // an empty bin sits below the axis, not at log(0)
        verify(chart.logAxis.max >= 20000)
        waitForRendering(chart)
        mouseClick(toggle)
        compare(chart.logScale, false)
        compare(chart.countAxis.visible, true)
    }
}
