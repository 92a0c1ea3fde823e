// HistogramChart: the latest 24-bin particle histogram (counts per bin in the last period), read from
// the live stream's bin channels of one source; a log scale shows the few large particles beside
// the many small ones.
// qmllint disable import type property
import QtQuick
import QtCharts
import QtQuick.Controls
import FieldStation.Views

ChartView {
    id: chart
    objectName: "histogramChart"

    required property LiveStream stream
    required property string sourceId
    property bool compact: false
    property bool logScale: false

    readonly property var binKeys: Array.from({ length: 24 }, (_, i) => "bin_" + i)
    readonly property var counts: stream.revision >= 0 ? stream.latestValues(sourceId, binKeys) : []
    readonly property real countMax: Math.max(10, Math.max(...chart.counts) * 1.15)
    readonly property alias countAxis: linearAxis
    readonly property alias logAxis: logAxis

    title: qsTr("Size histogram (counts per bin, 0.35–40 µm)")
    titleFont: Qt.font({pixelSize: compact ? 11 : 14})
    legend.visible: false
    antialiasing: true
    margins { top: 2; bottom: 2; left: 2; right: 2 }

    // Two series on two axes, one shown: Qt Charts deletes an axis a series lets go of, so the
    // axis is never swapped at run time.
    BarCategoryAxis {
        id: binAxis
        categories: Array.from({ length: 24 }, (_, i) => String(i))
        labelsFont: Qt.font({pixelSize: chart.compact ? 8 : 10})
        titleText: qsTr("bin")
        titleFont: Qt.font({pixelSize: chart.compact ? 8 : 10})
    }
    ValueAxis {
        id: linearAxis
        visible: !chart.logScale
        min: 0
        max: chart.countMax
        labelFormat: "%.0f"
        labelsFont: Qt.font({pixelSize: chart.compact ? 9 : 11})
        titleText: qsTr("counts")
        titleFont: Qt.font({pixelSize: chart.compact ? 9 : 11})
    }
    LogValueAxis {
        id: logAxis
        visible: chart.logScale
        // Below 1, and empty bins drawn at it: a count of 0 has no logarithm.
        min: 0.5
        max: Math.max(10, chart.countMax * 2)
        base: 10
        labelFormat: "%.0f"
        labelsFont: Qt.font({pixelSize: chart.compact ? 9 : 11})
        titleText: qsTr("counts (log)")
        titleFont: Qt.font({pixelSize: chart.compact ? 9 : 11})
    }
    BarSeries {
        axisX: binAxis
        axisY: linearAxis
        visible: !chart.logScale
        BarSet {
            label: qsTr("counts")
            color: "#3b7dd8"
            values: chart.counts
        }
    }
    BarSeries {
        axisX: binAxis
        axisY: logAxis
        visible: chart.logScale
        BarSet {
            label: qsTr("counts")
            color: "#3b7dd8"
            values: chart.counts.map(v => Math.max(v, logAxis.min))
        }
    }
    Button {
        objectName: "histogramLog"
        anchors.top: parent.top
        anchors.right: parent.right
        anchors.margins: 2
        checkable: true
        checked: chart.logScale
        text: qsTr("Log")
        implicitHeight: chart.compact ? 36 : 44
        font.pixelSize: chart.compact ? 12 : 14
        onToggled: chart.logScale = checked
    }
}
