// The Particles page's source badge shows all its lines at the kiosk's and a desktop's size when its
// health and detail change after the page is made, and none of them lies under the tiles below it.
import QtQuick
import QtTest
import FieldStation
import FieldStation.TestFixtures

TestCase {
    id: tc
    name: "StateBadge"
    when: windowShown
    visible: true // a hidden TestCase would pause the page's chart, which is what dirties its row
    width: 1280
    height: 720

    ChartFixture { id: charts }
    SourcesFixture { id: sources }
    Component {
        id: pageComponent
        OpcN3Page {}
    }

    function init() {
        failOnWarning(/.*/)
        compare(charts.error, "")
        sources.setSource(charts.sourceId, "opcn3", "Ok", "", "OPC-N3 942201220 · fw 1.17a")
    }

    // The badge's visible labels, top to bottom.
    function lines(badge) {
        let out = []
        const col = badge.children[0]
        for (let i = 0; i < col.children.length; ++i) {
            const c = col.children[i]
            if (c.text !== undefined && c.visible)
                out.push(c)
        }
        return out
    }

    function check(page, what) {
        const badge = findChild(page, "sourceBadge")
        verify(badge, "sourceBadge")
        const column = findChild(page, "healthColumn")
        verify(column, "healthColumn")
        const tiles = column.children[1] // the grid of value tiles under the badge
        // The layout is polished a frame after the change: wait for it, but not forever.
        tryVerify(() => badge.height >= badge.implicitHeight, 3000,
                  `${what}: badge ${badge.height} px high, needs ${badge.implicitHeight}`)
        const badgeBottom = badge.mapToItem(page, 0, badge.height).y
        const tilesTop = tiles.mapToItem(page, 0, 0).y
        verify(badgeBottom <= tilesTop, `${what}: badge ends at ${badgeBottom}, tiles start at ${tilesTop}`)
        const shown = lines(badge)
        compare(shown.length, 4, `${what}: title, device, state and detail`)
        let bottom = 0
        for (const l of shown) {
            const top = l.mapToItem(badge, 0, 0).y
            verify(top >= bottom, `${what}: "${l.text}" starts at ${top}, above the line before it (${bottom})`)
            bottom = top + l.height
        }
        verify(bottom <= badge.height, `${what}: the last line ends at ${bottom}, the badge at ${badge.height}`)
    }

    function run(w, h, compact) {
        const page = createTemporaryObject(pageComponent, tc, {width: w, height: h, compact: compact,
                                                               stream: charts.stream, sources: sources.sources})
        verify(page)
        waitForRendering(page)
        check(page, `${w}x${h} at start`)
        // A failing source with a long problem: the detail wraps to two lines after the page is up.
        sources.setSource(charts.sourceId, "opcn3", "Failing",
                          "read failed: no answer from the particle counter on /dev/spidev0.0 after 3 tries; next try in 30 s",
                          "OPC-N3 942201220 · fw 1.17a")
        check(page, `${w}x${h} failing`)
    }

    function test_kiosk() {
        run(800, 400, true)
    }

    function test_desktop() {
        run(1264, 692, false)
    }
}
