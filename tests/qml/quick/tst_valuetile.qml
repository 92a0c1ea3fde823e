// ValueTile shows its value to the asked decimals with its unit, a dash when there is none, and
// turns amber (the theme's warn colour) when it needs a look.
import QtQuick
import QtTest
import FieldStation
import FieldStation.TestFixtures
import "qrc:/qt/qml/FieldStation/components"

TestCase {
    id: tc
    name: "ValueTile"
    when: windowShown
    width: 400
    height: 200

    Component {
        id: tileComponent
        ValueTile {}
    }
    FixtureClock { id: clock }

    function texts(item) {
        let out = []
        for (let i = 0; i < item.children.length; ++i) {
            const c = item.children[i]
            if (c.text !== undefined)
                out.push(c.text)
            out = out.concat(texts(c))
        }
        return out
    }

    function init() {
        failOnWarning(/.*/)
    }

    function test_value_and_unit() {
        const tile = createTemporaryObject(tileComponent, tc, {label: "PM2.5", value: 12.345, decimals: 1, unit: "µg/m³"})
        verify(tile)
        const shown = texts(tile)
        verify(shown.indexOf("12.3") >= 0, shown)
        verify(shown.indexOf("µg/m³") >= 0, shown)
        tile.valid = false
        verify(texts(tile).indexOf("—") >= 0)
    }

    function test_amber_when_warned() {
        const tile = createTemporaryObject(tileComponent, tc, {label: "Fan", value: 0})
        const calm = String(tile.color)
        tile.warn = true
        verify(String(tile.color) !== calm, calm)
        compare(String(tile.border.color), String(Theme.warn))
    }

    function test_fixture_clock() {
        const start = clock.nowMs
        clock.advance(90000)
        compare(clock.nowMs - start, 90000)
    }
}
