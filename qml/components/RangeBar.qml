// RangeBar: the chart's ranges (live, 10 min, 1 h, 24 h, 7 d) and zoom as big buttons for a finger;
// it drives a ChannelPlot, which reads the store for whatever window results.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldStation
import FieldStation.Views

RowLayout {
    id: bar

    required property ChannelPlot plot
    property bool compact: false
    readonly property var ranges: [
        { text: qsTr("Live"), minutes: 2 },
        { text: qsTr("10 min"), minutes: 10 },
        { text: qsTr("1 h"), minutes: 60 },
        { text: qsTr("24 h"), minutes: 1440 },
        { text: qsTr("7 d"), minutes: 10080 }
    ]
    /// The index of the range shown; setting it picks that range (tests and the old selector use it).
    property int currentIndex: 2

    spacing: compact ? 2 : 4
    onCurrentIndexChanged: plot.spanMinutes = ranges[currentIndex].minutes
    Component.onCompleted: plot.spanMinutes = ranges[currentIndex].minutes

    // Explicit buttons, not a Repeater: a delegate could not see the bar (qmllint 6.4 has no bound
    // component scope).
    component RangeButton: Button {
        required property int rangeIndex
        required property int minutes
        property bool compact: false
        property int current: 0
        signal picked(int rangeIndex)
        objectName: "range_" + minutes
        checkable: true
        checked: current === rangeIndex
        implicitHeight: compact ? 40 : Theme.touch
        implicitWidth: compact ? 56 : 72
        font.pixelSize: compact ? 13 : 15
        onClicked: picked(rangeIndex)
    }
    RangeButton { rangeIndex: 0; minutes: bar.ranges[0].minutes; text: bar.ranges[0].text; compact: bar.compact; current: bar.currentIndex; onPicked: i => bar.currentIndex = i }
    RangeButton { rangeIndex: 1; minutes: bar.ranges[1].minutes; text: bar.ranges[1].text; compact: bar.compact; current: bar.currentIndex; onPicked: i => bar.currentIndex = i }
    RangeButton { rangeIndex: 2; minutes: bar.ranges[2].minutes; text: bar.ranges[2].text; compact: bar.compact; current: bar.currentIndex; onPicked: i => bar.currentIndex = i }
    RangeButton { rangeIndex: 3; minutes: bar.ranges[3].minutes; text: bar.ranges[3].text; compact: bar.compact; current: bar.currentIndex; onPicked: i => bar.currentIndex = i }
    RangeButton { rangeIndex: 4; minutes: bar.ranges[4].minutes; text: bar.ranges[4].text; compact: bar.compact; current: bar.currentIndex; onPicked: i => bar.currentIndex = i }
    Item { Layout.fillWidth: true }
    BusyIndicator {
        implicitWidth: bar.compact ? 28 : 36
        implicitHeight: implicitWidth
        running: bar.plot.loading
        visible: running
    }
    Button {
        objectName: "zoomOut"
        text: "−"
        implicitHeight: bar.compact ? 40 : Theme.touch
        implicitWidth: implicitHeight
        font.pixelSize: 20
        onClicked: bar.plot.zoomBy(0.5, 1)
        Accessible.name: qsTr("Zoom out")
    }
    Button {
        objectName: "zoomIn"
        text: "+"
        implicitHeight: bar.compact ? 40 : Theme.touch
        implicitWidth: implicitHeight
        font.pixelSize: 20
        onClicked: bar.plot.zoomBy(2, 1)
        Accessible.name: qsTr("Zoom in")
    }
    Button {
        objectName: "zoomReset"
        text: qsTr("Reset")
        enabled: bar.plot.zoomed
        implicitHeight: bar.compact ? 40 : Theme.touch
        font.pixelSize: bar.compact ? 13 : 15
        onClicked: bar.plot.resetZoom()
    }
}
